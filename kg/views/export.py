"""`kg export`: the graph in RDF formats, the network for Gephi and Cytoscape, events for spreadsheets.

- RDF (`ttl`, `nt`: the union of all graphs; `nq`, `trig`, `jsonld`: each article's named graph
  and the actors graph) is written by `kg.rdf.store.export_rdf`, sorted, so the same graph gives the
  same bytes. Filters do not apply: RDF exports are the whole graph.
- `graphml` and `gexf` (networkx writers): the network of `kg.views.network.build` after the filters,
  with scalar attributes only (lists and dicts become counts and text), `weight` = events.
- `csv`: one row per event (those the filtered network is made of), columns in `CSV_COLUMNS`.
  Cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
  return) get a leading apostrophe (OWASP's advice); the numbers kg writes itself are left alone.
- `html`: the page of `kg.views.page`, after the filters.

>>> guess_format("network.gexf"), guess_format("events.CSV")
('gexf', 'csv')
"""
from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.base.errors import KgError
from kg.base.files import write_file
from kg.base.model import CATEGORIES
from kg.base.vocab import WEIGHT
from kg.rdf import formats
from kg.rdf.store import KgStore, export_rdf
from kg.sparql.results import FORMULA
from kg.views.measures import centrality
from kg.views.network import Filters, events_from_store, select
from kg.views.page import render

RDF_FORMATS = tuple(f.name for f in formats.WRITTEN)
NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = RDF_FORMATS + NETWORK_FORMATS + ("csv", "html")
CSV_COLUMNS = (
    "id", "date", "doc", "sentence", "start", "end", "actor", "actor_label", "actor_type",
    "event", "weight", "negated", "modality", "recipient", "recipient_label", "recipient_type",
    "agent", "cue", "actor_mention", "recipient_mention", "text",
)


def export(store: ox.Store | KgStore, fmt: str, *, filters: Filters = Filters(), title: str = "kg") -> bytes:
    """The graph in `store` (a pyoxigraph Store, or a kg.rdf.store.KgStore) in format `fmt`, as bytes."""
    fmt = _format(fmt)
    if fmt in RDF_FORMATS:
        if filters.active:
            raise KgError(f"Filters ({filters.describe()}) do not apply to RDF exports",
                          "Drop them, or export graphml, gexf, csv or html, which they do apply to")
        return rdf(store, fmt)
    events = events_from_store(store)
    if fmt == "csv":
        return events_csv(select(events, **filters.options())).encode("utf-8")
    g = filters.graph(events)
    if fmt == "html":
        return render(g, title=title).encode("utf-8")
    return network_bytes(g, fmt)


def rdf(store: ox.Store | KgStore, fmt: str) -> bytes:
    """The store as RDF (kg.rdf.store.export_rdf). Triples outside named graphs (read from a .ttl or
    .nt file) are refused rather than silently left out: export graph.trig or the store."""

    ox_store = store if isinstance(store, ox.Store) else store.ox
    loose = next(iter(ox_store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None)
    if loose is not None:
        raise KgError("The graph has triples outside named graphs (read from a .ttl or .nt file), "
                      "which RDF export leaves out", "Export from output/graph.trig or the store")
    return export_rdf(_Wrapped(ox_store), fmt)


def network_bytes(g: nx.DiGraph, fmt: str) -> bytes:
    """GraphML or GEXF of the network, attributes made scalar (`flat`)."""
    out = io.BytesIO()
    flat_graph = flat(g)
    if fmt == "graphml":
        nx.write_graphml(flat_graph, out, encoding="utf-8", prettyprint=True)
        return out.getvalue()
    if fmt == "gexf":
        nx.write_gexf(flat_graph, out, encoding="utf-8", prettyprint=True)
        # networkx stamps today's date: take it out, so the same graph gives the same bytes
        return re.sub(rb' lastmodifieddate="[^"]*"', b"", out.getvalue(), count=1)
    raise KgError(f"Unknown network format {fmt!r}", "Use graphml or gexf")


def flat(g: nx.DiGraph) -> nx.DiGraph:
    """A copy of the network with scalar attributes only, as GraphML and GEXF need: nodes keep
    label, type, code, country, wikidata ("" when unknown), events, ties, centrality; edges keep
    weight (= events), count, negated, score, sum (of weights), first, last, categories (text)
    and one n_<CATEGORY> count per category present."""
    out = nx.DiGraph()
    sizes = centrality(g)
    for node, data in g.nodes(data=True):
        out.add_node(node, label=str(data.get("label") or node), type=data.get("type") or "",
                     code=data.get("code") or "", country=data.get("country") or "",
                     wikidata=data.get("wikidata") or "", events=int(data.get("events", 0)),
                     ties=int(data.get("ties", 0)), centrality=float(sizes[node]))
    present = [c for c in CATEGORIES if any(c in d.get("counts", {}) for _, _, d in g.edges(data=True))]
    for source, target, data in g.edges(data=True):
        counts = data.get("counts", {})
        out.add_edge(source, target, weight=int(data["count"]), count=int(data["count"]),
                     negated=int(data["negated"]), score=float(data["score"]),
                     sum=float(data.get("weight", 0.0)), first=data.get("first") or "",
                     last=data.get("last") or "",
                     categories=", ".join(f"{c} {n}" for c, n in counts.items()),
                     **{f"n_{c}": int(counts.get(c, 0)) for c in present})
    return out


def events_csv(events: list[dict]) -> str:
    """One row per event, columns CSV_COLUMNS; text cells that could be formulas are defused."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in events:
        actor, recipient = event["actor"], event.get("recipient") or {}
        row = {
            "id": event.get("id"), "date": event.get("date"), "doc": event.get("doc"),
            "sentence": event.get("sentence"), "start": event.get("start"), "end": event.get("end"),
            "actor": actor.get("id"), "actor_label": actor.get("label"),
            "actor_type": actor.get("type"), "event": event["event"],
            "weight": WEIGHT[event["event"]], "negated": "true" if event.get("negated") else "false",
            "modality": event.get("modality"), "recipient": recipient.get("id"),
            "recipient_label": recipient.get("label"), "recipient_type": recipient.get("type"),
            "agent": (event.get("agent") or {}).get("id"), "cue": event.get("cue"),
            "actor_mention": actor.get("mention"), "recipient_mention": recipient.get("mention"),
            "text": event.get("text"),
        }
        writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def write(data: bytes, path: str | os.PathLike) -> Path:
    """Write `data` to `path` atomically (kg.pipeline.outputs.write_file)."""
    return write_file(path, data)


def guess_format(path: str | os.PathLike) -> str:
    """The export format a file name's extension names."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise KgError(f"Cannot tell the export format of {str(path)!r}",
                  f"Give -f with one of: {', '.join(FORMATS)}")


def _format(fmt: str) -> str:
    if fmt in FORMATS:
        return fmt
    import difflib
    close = difflib.get_close_matches(fmt, FORMATS, n=1)
    raise KgError(f"Unknown export format {fmt!r}", (f"Did you mean {close[0]}? " if close else "")
                  + f"Use one of: {', '.join(FORMATS)}")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return "'" + text if FORMULA.match(text) else text


class _Wrapped:
    """A pyoxigraph Store as kg.rdf.store.export_rdf takes it (a KgStore's `.ox`)."""

    def __init__(self, store: ox.Store):
        self.ox = store
