"""kg: geopolitical knowledge graphs from news.

    kg.build(paths)          -> BuildResult (rdflib Dataset, events, articles, errors)
    kg.extract(article)      -> list of Event
    kg.read(path)            -> Article
    kg.write_outputs(result, folder)
    kg.query, kg.network, kg.evaluate -> the named queries, the actor network and the scorer (modules:
                                kg.sparql.query, kg.views.network, kg.evaluate), loaded when first used

The packages, in the order of the data flow (each imports only from those before it; ARCHITECTURE
in the README): base, read, knowledge, parse, coding, evaluate, rdf, sparql, views, pipeline,
petrarch, cli.
"""
from __future__ import annotations

import importlib

from kg.base import VERSION as __version__
from kg.base.errors import KgError

# read and read_text here, not in NAMES below: `kg.read` is also a package
from kg.read.article import read, read_text

#: Modules of the public API reachable as attributes of `kg` (`kg.query.run(...)`), imported on first use.
MODULES = {"query": "kg.sparql.query", "network": "kg.views.network", "analysis": "kg.views.analysis",
           "guard": "kg.sparql.guard", "evaluate": "kg.evaluate"}
#: Functions and classes of the public API, imported on first use too: `import kg` (and every
#: `kg` command that needs no extraction, such as `kg show`) does not load the extractor.
NAMES = {"BuildResult": "kg.pipeline.batch", "build": "kg.pipeline.batch", "extract": "kg.pipeline.batch",
         "write_outputs": "kg.pipeline.batch", "load_gazetteer": "kg.knowledge.gazetteer"}

__all__ = ["BuildResult", "KgError", "build", "extract", "load_gazetteer", "read", "read_text",
           "write_outputs", "__version__"]


def __getattr__(name: str):
    if name in MODULES:
        return importlib.import_module(MODULES[name])
    if name in NAMES:
        return getattr(importlib.import_module(NAMES[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
