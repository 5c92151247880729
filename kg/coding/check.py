"""Run every pattern example of a language and list the ones whose events differ.

    python -m kg.coding.check nl [--parser DIR] [--only FILE_STEM] [-v]

Exit 1 when an example fails; the tests run the same examples (tests/test_patterns.py).
"""
from __future__ import annotations

import argparse
import sys

from kg.coding import load_coder
from kg.coding.examples import check, passes
from kg.coding.patterns import load
from kg.knowledge import lexicon
from kg.knowledge.gazetteer import load_gazetteer


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.coding.check", description=__doc__.split("\n")[0])
    ap.add_argument("lang")
    ap.add_argument("--parser", default=None, help="a spaCy pipeline folder instead of kg's own")
    ap.add_argument("--only", default=None, help="only records whose id contains this text")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the examples that pass too")
    args = ap.parse_args(argv)
    lex = lexicon.builtin(args.lang)
    coder = load_coder(load_gazetteer(), lex, args.lang, args.parser)
    bad = total = 0
    for pat in load(args.lang, coder.grammar.frames):
        if args.only and args.only not in pat.id:
            continue
        for ex in pat.examples:
            total += 1
            want, got, mine = check(ex, args.lang, coder, lex, pat.id)
            if not passes(want, got, mine):
                bad += 1
                print(f"FAIL {pat.id}: {ex.text}\n     want {sorted(want)}\n     got  {sorted(got)}"
                      f"\n     this pattern's {sorted(mine)}")
            elif args.verbose:
                print(f"ok   {pat.id}: {ex.text}")
    print(f"{total - bad} of {total} examples pass", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
