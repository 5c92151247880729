"""Scoring against gold: gold files and events read and checked (gold), then matched dyad by dyad
into precision, recall and F1 per article and overall (score), as `shared/gold/GUIDELINES.md` says.
`kg.evaluate.score(kg.evaluate.load_golds(paths), events)` is the public entry point."""
from kg.base.model import UNCLAIMED
from kg.evaluate.gold import (
           Dyad,
           Gold,
           GoldEntry,
           dyad,
           load_events,
           load_gold,
           load_golds,
)
from kg.evaluate.score import (
           DocScore,
           Report,
           format_report,
           missing,
           report_json,
           score,
)

__all__ = ["UNCLAIMED", "DocScore", "Dyad", "Gold", "GoldEntry", "Report", "dyad", "format_report", "load_events", "load_gold",
           "load_golds", "missing", "report_json", "score"]
