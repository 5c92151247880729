"""CAMEO codes, as TABARI/PETRARCH dictionaries and event data write them, read for kg.

Actor codes (kg/data/cameo.toml has the knowledge): a CAMEO actor code is three-character parts, a
country or international code and sector codes (ARNGOVFRM: Arnor, government, foreign ministry).
kg's actors are principals: a state acts through its government, army, police, ...
(shared/gold/GUIDELINES.md). So `principal(code)` cuts a code before its first state sector (GOV
MIL COP SPY JUD LEG): ARNGOVFRM -> ARN, ISRMIL -> ISR. Other codes stay whole (PSEREBHMS, Hamas, is
an actor of its own), and so do international codes (IGO..., NGO..., UNO, IMF) and codes that are
not three-character parts. `actor_type(principal)`: one country code is a kg:State; an
international code a kg:Organisation (IMG..., a militarised group: kg:ArmedGroup); a country code
with sectors a kg:ArmedGroup when one sector is armed (REB INS SEP UAF IMG), else a kg:Organisation.

>>> principal("ARNGOVFRM"), actor_type("ARN"), actor_type("PSEREBHMS"), principal("---GOV")
('ARN', 'State', 'ArmedGroup', None)

Event codes: PLOVER's CAMEO2PLOVER table maps CAMEO event codes to PLOVER categories
(`read_plover_table`, `plover_category`).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from kg.base.errors import KgError

_CODE = re.compile(r"[A-Z0-9]+")


@dataclass(frozen=True)
class Cameo:
    """kg/data/cameo.toml: what the parts of a CAMEO code mean."""

    state: tuple[str, ...]
    armed: frozenset[str]
    offices: dict[str, str]
    prefixes: frozenset[str]
    armed_prefixes: frozenset[str]
    international: frozenset[str]
    null: frozenset[str]


@lru_cache(maxsize=1)
def cameo() -> Cameo:
    data = tomllib.loads(files("kg.data").joinpath("cameo.toml").read_text(encoding="utf-8"))
    return Cameo(tuple(data["sectors"]["state"]), frozenset(data["sectors"]["armed"]),
                 dict(data["offices"]), frozenset(data["international"]["prefixes"]),
                 frozenset(data["international"]["armed"]), frozenset(data["international"]["codes"]),
                 frozenset(data["codes"]["null"]))


def principal(code: str) -> str | None:
    """The kg actor id a CAMEO code acts for: ARNGOVFRM -> ARN; None for a null code."""
    c = cameo()
    code = code.upper()
    if code in c.null or code[:3] in c.null:
        return None
    if code[:3] in c.prefixes or len(code) % 3 or not _CODE.fullmatch(code):
        return code
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    for i, part in enumerate(parts[1:], 1):
        if part in c.state:
            return "".join(parts[:i])
    return code


def actor_type(code: str) -> str:
    """kg:State, kg:ArmedGroup or kg:Organisation for a principal code (see the module's rules)."""
    c = cameo()
    if code[:3] in c.prefixes:
        return "ArmedGroup" if code[:3] in c.armed_prefixes else "Organisation"
    if code in c.international or not re.fullmatch(r"[A-Z]{3}(?:[A-Z]{3})*", code):
        return "Organisation"
    if len(code) == 3:
        return "State"
    parts = {code[i:i + 3] for i in range(3, len(code), 3)}
    return "ArmedGroup" if parts & c.armed else "Organisation"


def office(code: str) -> str:
    """The office a dated code gives: the first state sector after the principal, or "member"."""
    rest = code.upper()[len(principal(code) or ""):]
    return cameo().offices.get(rest[:3], "member")


# --- CAMEO event codes to PLOVER ------------------------------------------------------------

def read_plover_table(path: str | Path) -> dict[str, str]:
    """PLOVER's CAMEO2PLOVER table (`0871: RETREAT, ceasefire, military # ...`): code -> category.
    Where a code is listed twice, the first line holds."""
    table: dict[str, str] = {}
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KgError(f"{path}: cannot read the CAMEO2PLOVER table ({exc})", "Check the path") from None
    for line in text.splitlines():
        m = re.match(r"\s*(\d+)\s*:\s*([A-Z]+)", line)
        if m:
            table.setdefault(m[1], m[2])
    if not table:
        raise KgError(f"{path}: no `CODE: CATEGORY` lines", "Give PLOVER's CAMEO2PLOVER table")
    return table


def plover_category(code: str | None, table: dict[str, str]) -> str | None:
    """The PLOVER category of a CAMEO event code: the code itself, else its three-digit, else its
    two-digit root; None when none is listed (CAMEO 01 and 02, or a code that is not digits)."""
    if not code or not code.isdigit():
        return None
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    return None
