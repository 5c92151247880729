"""The RDF formats kg reads and writes, in one registry (as rdflib's plugins are): each by its
short name and file extensions, with pyoxigraph's format, rdflib's name for it, whether it keeps
named graphs, and whether kg writes it. The store, the exports, `kg query`/`kg show` on graph files
and `kg validate` all choose formats here.

>>> by_suffix("out/graph.trig").name, by_name("nq").graphs, [f.name for f in WRITTEN]
('trig', True, ['ttl', 'nt', 'nq', 'trig', 'jsonld'])
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.base.errors import KgError


@dataclass(frozen=True)
class Format:
    """One RDF format."""

    name: str                   # kg's name for it: `-f ttl`
    suffixes: tuple[str, ...]   # file extensions, the first is the one kg writes
    ox: ox.RdfFormat            # pyoxigraph's reader and writer
    rdflib: str                 # rdflib's parser name (kg validate reads with rdflib)
    graphs: bool                # keeps named graphs (quads), else the union of the graphs
    written: bool               # kg writes it (kg export); the others are only read


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("ttl", (".ttl",), ox.RdfFormat.TURTLE, "turtle", False, True),
    Format("nt", (".nt",), ox.RdfFormat.N_TRIPLES, "nt", False, True),
    Format("nq", (".nq",), ox.RdfFormat.N_QUADS, "nquads", True, True),
    Format("trig", (".trig",), ox.RdfFormat.TRIG, "trig", True, True),
    Format("jsonld", (".jsonld",), ox.RdfFormat.JSON_LD, "json-ld", True, True),
    Format("rdfxml", (".rdf", ".owl"), ox.RdfFormat.RDF_XML, "xml", False, False),
    Format("n3", (".n3",), ox.RdfFormat.N3, "n3", False, False),
)}
WRITTEN = tuple(f for f in FORMATS.values() if f.written)
SUFFIXES = {suffix: f for f in FORMATS.values() for suffix in f.suffixes}


def by_name(name: str) -> Format:
    """The format kg calls `name` and writes; a KgError with the close match otherwise."""
    found = FORMATS.get(name)
    if found is None or not found.written:
        names = [f.name for f in WRITTEN]
        close = difflib.get_close_matches(name, names, n=1)
        raise KgError(f"Unknown RDF format '{name}'",
                      f"Did you mean {close[0]}?" if close else f"Use one of: {', '.join(names)}")
    return found


def by_suffix(path: str | Path) -> Format:
    """The format a file's extension names (read formats included); a KgError otherwise."""
    suffix = Path(path).suffix.lower()
    found = SUFFIXES.get(suffix)
    if found is None:
        raise KgError(f"{path}: unknown RDF file extension '{Path(path).suffix}'",
                      f"Use one of: {', '.join(SUFFIXES)}.")
    return found
