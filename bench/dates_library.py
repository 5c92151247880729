"""Would a date library do kg/read/when.py's job? dateparser's `search_dates` on the sentences of
tests/read/test_when.py (each with its article date and the dates kg must find: span and day).

    pip install dateparser && python3 bench/dates_library.py

Measured (dateparser 1.5.0, 2026-12-07): 7 of 35 sentences right. It takes neighbouring words
into the span ("Last week the"), joins two dates into one ("Last month and last year"), keeps the
day where a month or year was meant ("Vorig jaar" = 5 Sept 2015), resolves against today's date
when the article has none ("Yesterday" = the day the script runs), and reads "may", "in march" and
"The 2016" as dates. So kg keeps its own reader, whose spans are the sentence's tokens.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "read")]

from dateparser.search import search_dates  # noqa: E402

import test_when  # noqa: E402


def main() -> int:
    right = 0
    for lang, text, date, expected in test_when.SENTENCES:
        settings = {"PREFER_DATES_FROM": "past"}
        if date:
            settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(date)
        got = [(s, d.date().isoformat()) for s, d in search_dates(text, languages=[lang], settings=settings) or []]
        want = [(s, d) for s, d, _ in expected]
        right += got == want
        if got != want:
            print(f"{lang} {text!r}\n   kg finds   {want}\n   dateparser {got}")
    print(f"{right} of {len(test_when.SENTENCES)} sentences right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
