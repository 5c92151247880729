"""TABARI/PETRARCH actor and agent dictionaries imported as kg gazetteer Turtle (`kg gazetteer import`).

`import_dictionaries()` reads the files (kg/petrarch/tabari.py) and writes the gazetteer's RDF
(kg/knowledge/gazetteer.py's format), by these rules:

- Principals and types come from the codes (kg/petrarch/cameo.py): a state acts through its government,
  army, police, ..., so ARNGOVFRM and ARNMIL are the actor ARN, a kg:State; PSEREBHMS (rebels:
  Hamas) is an actor of its own, a kg:ArmedGroup; IGOCOPITP (Interpol) a kg:Organisation.
- An entry without dates names its principal: its phrases become labels (skos:prefLabel from the
  first entry coded with exactly that code, skos:altLabel for the rest). An actor the gazetteer
  already has (ISR, USA) gets only the labels it lacks, and the file extends it.
- An entry with dates becomes a kg:Person (PETRARCH's dated codes are kg's dated offices). Its
  memberships are the restrictions made disjoint in PETRARCH's precedence (the first restriction
  in the file that holds wins; the entry's default code holds where none does). An open start is
  written as 0001-01-01: every membership needs a begin date (ontologies/gazetteer-shapes.ttl).
- Agents become kg:AgentNoun entries (singular as skos:prefLabel, plurals as skos:altLabel, lower
  case), only those whose code starts with a state sector (~GOV, ~MILNAV, ~COP): an agent noun in
  kg stands for its actor ("Israeli troops" is ISR), which students, rebels or NGO~ bodies do not.
- Phrases become labels in title case ("MINAS_TIRITH" -> "Minas Tirith"; the recognizer matches a
  capitalised label in any capitalisation); one-word phrases of up to three letters stay acronyms.

Besides the reader's warnings (kg/petrarch/tabari.py), these are counted: agents that are not state organs
(skipped), dated entries with null codes only (skipped), labels that also name another actor
(written).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.base.files import write_file
from kg.base.vocab import ACTOR, AGENT_NOUN, KG, ORG, PERSON, SEM
from kg.knowledge.gazetteer import Gazetteer, load_gazetteer
from kg.petrarch.cameo import actor_type, cameo, office, principal
from kg.petrarch.tabari import (
    OPEN,
    ActorEntry,
    DictionaryWarning,
    read_actors,
    read_agents,
)

_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "du", "la", "le", "al"})


@dataclass(frozen=True)
class ImportResult:
    turtle: str
    actors: int             # actor entries written (new actors and extended ones)
    persons: int
    agent_nouns: int
    warnings: tuple[DictionaryWarning, ...]

    def summary(self) -> list[str]:
        """One line per kind of warning: how many, and the first place."""
        first: dict[str, DictionaryWarning] = {}
        counts = Counter(w.kind for w in self.warnings)
        for w in self.warnings:
            first.setdefault(w.kind, w)
        return [f"{counts[k]} × {k} (first: {first[k].path} line {first[k].line}: {first[k].text})"
                for k in sorted(counts)]


# --- converting ----------------------------------------------------------------------------

def label(phrase: str) -> str:
    """A dictionary phrase as a gazetteer label: "MINAS TIRITH" -> "Minas Tirith", "IMF" stays."""
    words = phrase.split()
    if len(words) == 1 and len(phrase) <= 3 and phrase.isalpha():
        return phrase.upper()
    out = []
    for w in words:
        low = w.lower()
        if low in _FUNCTION_WORDS:
            out.append(low)
        elif any(ch.isdigit() or ch == "." for ch in w):
            out.append(w)
        else:
            out.append(w[:1].upper() + w[1:].lower() if "-" not in w else w.title())
    return " ".join(out)


def _periods(entry: ActorEntry) -> list[tuple[str, dt.date, dt.date]]:
    """(code, start, end) pieces that do not overlap: earlier restrictions win, the default fills."""
    claimed: list[tuple[dt.date, dt.date]] = []
    pieces = []
    for r in entry.dated:
        for start, end in _minus((r.start, r.end), claimed):
            if r.code != "---":
                pieces.append((r.code, start, end))
        claimed.append((r.start, r.end))
    if entry.code:
        pieces += [(entry.code, s, e) for s, e in _minus((OPEN, dt.date.max), claimed)]
    return sorted(pieces, key=lambda p: p[1])


def _minus(span: tuple[dt.date, dt.date], taken: list[tuple[dt.date, dt.date]]):
    spans = [span]
    for t0, t1 in taken:
        rest = []
        for s0, s1 in spans:
            if t1 < s0 or t0 > s1:
                rest.append((s0, s1))
                continue
            if s0 < t0:
                rest.append((s0, t0 - dt.timedelta(days=1)))
            if t1 < s1:
                rest.append((t1 + dt.timedelta(days=1), s1))
        spans = rest
    return spans


def _person_id(phrase: str, taken: set[str]) -> str:
    base = "".join(w[:1].upper() + w[1:].lower() for w in re.findall(r"[A-Za-z0-9]+", phrase)) or "Person"
    pid, k = base, 2
    while pid in taken:
        pid, k = f"{base}{k}", k + 1
    taken.add(pid)
    return pid


def import_dictionaries(actors: str | Path, agents: str | Path | None = None, *, lang: str = "en",
                        gazetteer: Gazetteer | None = None) -> ImportResult:
    """Read an actors dictionary (and an agents one) and write them as gazetteer Turtle that
    extends `gazetteer` (default: the built-in one). Raises KgError for an unreadable line."""
    if gazetteer is None:
        gazetteer = load_gazetteer()
    entries, warnings = read_actors(actors)
    nouns, agent_warnings = read_agents(agents) if agents else ([], [])
    warnings += agent_warnings
    g = Graph()
    for prefix, ns in (("kg", KG._NS), ("actor", ACTOR), ("person", PERSON), ("agentnoun", AGENT_NOUN),
                       ("skos", SKOS), ("org", ORG), ("sem", SEM), ("xsd", XSD), ("dcterms", DCTERMS),
                       ("rdfs", RDFS)):
        g.bind(prefix, Namespace(str(ns)))
    src = Path(actors).name
    labels, used, persons = _sort_entries(entries, set(gazetteer.persons))
    written = _add_actors(g, labels, used, gazetteer, lang, str(actors), warnings)
    kept_persons = _add_persons(g, persons, lang, str(actors), warnings)
    kept = _add_agent_nouns(g, nouns, lang, agents, warnings)
    head = (f"# kg gazetteer imported from PETRARCH dictionaries: {src}"
            + (f" and {Path(agents).name}" if agents else "") + ".\n"
            "# Written by `kg gazetteer import` (kg/petrarch/dictionaries.py, which states the rules); load it with\n"
            "# `kg build --gazetteer FILE.ttl`.\n")
    return ImportResult(head + g.serialize(format="longturtle"), written, kept_persons, kept,
                        tuple(sorted(warnings, key=lambda w: (w.path, w.line, w.kind))))


def _sort_entries(entries, taken: set[str]):
    """Actor labels (actor id -> (label, line, exact code)), actor ids that memberships point at
    (-> first line), and the dated entries as persons with new ids."""
    labels: dict[str, list[tuple[str, int, bool]]] = {}
    used: dict[str, int] = {}
    persons = []
    for e in entries:
        if e.dated:
            pid = _person_id(e.phrases[0], taken)
            persons.append((pid, e))
            for code, _, _ in _periods(e):
                used.setdefault(principal(code), e.line)
            continue
        actor = principal(e.code)
        for phrase in e.phrases:
            labels.setdefault(actor, []).append((label(phrase), e.line, e.code == actor))
    return labels, used, persons


def _add_actors(g: Graph, labels, used, gazetteer: Gazetteer, lang: str, path: str, warnings) -> int:
    """New actors and new labels of known ones; a warning for a label two actors share."""
    src = Path(path).name
    known = {(lab.target, lab.text.lower()) for lab in gazetteer.labels if lab.lang == lang}
    owners: dict[str, set[str]] = {}
    for lab in gazetteer.labels:
        if lab.lang == lang:
            owners.setdefault(lab.text.lower(), set()).add(lab.target)
    written = 0
    for actor in sorted(set(labels) | set(used)):
        items = labels.get(actor, [])
        triples, pref = [], None
        if actor not in gazetteer.actors:
            exact = [t for t, _, x in items if x] or [t for t, _, _ in items] or [f"CAMEO actor {actor}"]
            pref = exact[0]
            triples += [(RDF.type, KG[actor_type(actor)]), (SKOS.notation, Literal(actor)),
                        (KG.code, Literal(actor)), (SKOS.prefLabel, Literal(pref, lang=lang))]
        for text, n, _ in items:
            if text != pref and (actor, text.lower()) not in known:
                triples.append((SKOS.altLabel, Literal(text, lang=lang)))
            others = owners.setdefault(text.lower(), set()) - {actor}
            if others:
                warnings.append(DictionaryWarning("label also names another actor", path, n,
                                                  f"{text!r}: {actor} and {', '.join(sorted(others))}"))
            owners[text.lower()].add(actor)
        if not triples:
            continue                                    # a built-in actor that gains nothing
        lines = sorted({n for _, n, _ in items} | ({used[actor]} if actor in used else set()))
        where = f"line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))}"
        triples.append((DCTERMS.source, Literal(f"PETRARCH dictionary {src}, {where}")))
        for pred, obj in triples:
            g.add((ACTOR[actor], pred, obj))
        written += 1
    return written


def _add_persons(g: Graph, persons, lang: str, path: str, warnings) -> int:
    """Persons with their dated memberships (the CAMEO codes of their periods)."""
    src, kept = Path(path).name, 0
    for pid, e in persons:
        if not _periods(e):
            warnings.append(DictionaryWarning("dated entry with null codes only, skipped", path,
                                              e.line, e.phrases[0]))
            continue
        node = PERSON[pid]
        g.add((node, RDF.type, KG.Person))
        g.add((node, SKOS.prefLabel, Literal(label(e.phrases[0]), lang=lang)))
        for phrase in e.phrases[1:]:
            g.add((node, SKOS.altLabel, Literal(label(phrase), lang=lang)))
        g.add((node, DCTERMS.source, Literal(f"PETRARCH dictionary {src}, line {e.line}")))
        for k, (code, start, end) in enumerate(_periods(e), 1):
            m = PERSON[f"{pid}-{k}"]
            g.add((node, ORG.hasMembership, m))
            g.add((m, RDF.type, ORG.Membership))
            g.add((m, ORG.member, node))
            g.add((m, ORG.organization, ACTOR[principal(code)]))
            g.add((m, KG.office, Literal(office(code))))
            g.add((m, SEM.hasBeginTimeStamp, Literal(start.isoformat(), datatype=XSD.date)))
            if end != dt.date.max:
                g.add((m, SEM.hasEndTimeStamp, Literal(end.isoformat(), datatype=XSD.date)))
            note = f"CAMEO code {code}" + (" (open start)" if start == OPEN else "")
            g.add((m, RDFS.comment, Literal(note)))
        kept += 1
    return kept


def _add_agent_nouns(g: Graph, nouns, lang: str, agents: str | Path | None, warnings) -> int:
    """Agent nouns of state organs (`~GOV`, `~MIL`, ...); other agents are skipped with a warning."""
    organs = cameo().state
    kept = 0
    for a in nouns:
        if not a.code.startswith("~") or a.code[1:4] not in organs:
            warnings.append(DictionaryWarning("agent that is not a state organ, skipped", str(agents),
                                              a.line, a.text))
            continue
        node = AGENT_NOUN[re.sub(r"[^a-z0-9]+", "-", a.forms[0]).strip("-")]
        g.add((node, RDF.type, KG.AgentNoun))
        if (node, SKOS.prefLabel, None) not in g:
            g.add((node, SKOS.prefLabel, Literal(a.forms[0], lang=lang)))
        for form in a.forms[1:]:
            g.add((node, SKOS.altLabel, Literal(form, lang=lang)))
        source = f"PETRARCH dictionary {Path(agents).name}, line {a.line}: {a.text}"
        g.add((node, DCTERMS.source, Literal(source)))
        kept += 1
    return kept


def save(result: ImportResult, path: str | Path) -> Path:
    """Write the imported Turtle to `path` atomically (a failed write leaves no half file)."""
    return write_file(path, result.turtle.encode("utf-8"))
