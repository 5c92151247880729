"""kg: geopolitical knowledge graphs from news.

    kg.build(paths)          -> BuildResult (rdflib Dataset, events, articles, errors)
    kg.extract(article)      -> list of Event
    kg.read(path)            -> Article
    kg.query / kg.evaluate   -> the named queries and the scorer (modules)
"""
from __future__ import annotations

__version__ = "0.1.0"

from .article import read, read_text
from .errors import KgError
from .pipeline import BuildResult, build, extract, load_gazetteer, write_outputs

__all__ = ["BuildResult", "KgError", "build", "extract", "load_gazetteer", "read", "read_text",
           "write_outputs", "__version__"]
