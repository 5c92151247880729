"""Enrichment from Wikidata (or any endpoint with Wikidata's data model) into the store.

For every actor and person in the actors graph with an `owl:sameAs wd:Q...`, one SPARQL query
per batch of items fetches labels in more languages (`rdfs:label`), offices held (`p:P39`
statements with `ps:P39`, `pq:P580` start and `pq:P582` end) and country (`wdt:P17`). The answers
are stored in Wikidata's own model on the Wikidata items, in the graph `graph/enrichment`, which
each run replaces whole:

    wd:Q76 rdfs:label "Barack Obama"@de ; p:P39 wds:Q76-... ; wdt:P17 wd:Q30 .
    wds:Q76-... ps:P39 wd:Q11696 ; pq:P580 "2009-01-20T00:00:00Z"^^xsd:dateTime .

so a query joins them through the actor's `owl:sameAs`. The default endpoint is Wikidata's
public one, reached only when the user runs `kg enrich`; the tests use a local server.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from kg.base.errors import KgError
from kg.rdf.store import ACTORS, KgStore
from kg.sparql.endpoint import Endpoint, retrying

WIKIDATA = "https://query.wikidata.org/sparql"
ENRICHMENT = ox.NamedNode("https://w3id.org/kgnews/graph/enrichment")
LANGUAGES = ("en", "nl", "de", "fr", "es", "ar", "ru", "tr", "fa", "zh")
AGENT = "kg/0.1 (https://w3id.org/kgnews; geopolitical knowledge graphs from news) SPARQLWrapper"
_WD = "http://www.wikidata.org/entity/"
_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_P = "http://www.wikidata.org/prop/"
_P39, _PS39 = ox.NamedNode(_P + "P39"), ox.NamedNode(_P + "statement/P39")
_P580, _P582 = ox.NamedNode(_P + "qualifier/P580"), ox.NamedNode(_P + "qualifier/P582")
_P17 = ox.NamedNode("http://www.wikidata.org/prop/direct/P17")

QUERY = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX p: <http://www.wikidata.org/prop/>
PREFIX ps: <http://www.wikidata.org/prop/statement/>
PREFIX pq: <http://www.wikidata.org/prop/qualifier/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?item ?label ?statement ?office ?start ?end ?country WHERE {
  VALUES ?item { %s }
  { ?item rdfs:label ?label . FILTER(LANG(?label) IN (%s)) }
  UNION { ?item p:P39 ?statement . ?statement ps:P39 ?office .
          OPTIONAL { ?statement pq:P580 ?start } OPTIONAL { ?statement pq:P582 ?end } }
  UNION { ?item wdt:P17 ?country }
}"""


@dataclass(frozen=True)
class Enrichment:
    items: int           # Wikidata items asked about
    labels: int
    offices: int
    countries: int


def wikidata_items(store: KgStore) -> list[str]:
    """The Wikidata ids (Q...) of the actors and persons in the actors graph, sorted."""
    ids = {q.object.value[len(_WD):] for q in store.ox.quads_for_pattern(None, _SAME_AS, None, ACTORS)
           if isinstance(q.object, ox.NamedNode) and q.object.value.startswith(_WD)}
    return sorted(ids, key=lambda q: (len(q), q))


def enrich(store: KgStore, endpoint: Endpoint | None = None, *, languages: Sequence[str] = LANGUAGES,
           batch: int = 50) -> Enrichment:
    """Fetch labels, offices and countries for the store's Wikidata items into graph/enrichment."""
    endpoint = endpoint or Endpoint(WIKIDATA)
    for lang in languages:
        if not lang.replace("-", "").isalnum():
            raise KgError(f"'{lang}' is not a language tag", "Give tags like en,nl,de")
    items = wikidata_items(store)
    quads: set[ox.Quad] = set()
    for start in range(0, len(items), batch):
        chunk = items[start:start + batch]
        text = QUERY % (" ".join(str(ox.NamedNode(_WD + q)) for q in chunk),
                        ", ".join(str(ox.Literal(lang)) for lang in languages))
        for row in _select(endpoint, text):
            quads.update(_quads(row))
    if store.ox.contains_named_graph(ENRICHMENT):
        store.ox.remove_graph(ENRICHMENT)
    store.ox.extend(sorted(quads, key=str))

    def n(predicate):
        return sum(1 for q in quads if q.predicate == predicate)
    return Enrichment(len(items), n(_LABEL), n(_PS39), n(_P17))


def _quads(row: dict) -> list[ox.Quad]:
    item = row["item"]
    out = []
    if "label" in row:
        out.append(ox.Quad(item, _LABEL, row["label"], ENRICHMENT))
    if "statement" in row and "office" in row:
        st = row["statement"]
        out += [ox.Quad(item, _P39, st, ENRICHMENT), ox.Quad(st, _PS39, row["office"], ENRICHMENT)]
        out += [ox.Quad(st, p, row[k], ENRICHMENT) for k, p in (("start", _P580), ("end", _P582)) if k in row]
    if "country" in row:
        out.append(ox.Quad(item, _P17, row["country"], ENRICHMENT))
    return out


def _select(endpoint: Endpoint, text: str) -> list[dict]:
    """Rows of pyoxigraph terms from SPARQLWrapper's JSON answer."""
    from SPARQLWrapper import BASIC, JSON, POST, SPARQLWrapper
    client = SPARQLWrapper(endpoint.query, agent=AGENT)
    client.setQuery(text)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(max(1, round(endpoint.timeout)))
    if endpoint.token:
        client.addCustomHttpHeader("Authorization", f"Bearer {endpoint.token}")
    elif endpoint.user is not None:
        client.setHTTPAuth(BASIC)
        client.setCredentials(endpoint.user, endpoint.password or "")
    answer = retrying(endpoint, f"query {endpoint.query}", client.queryAndConvert)
    return [{k: _term(v) for k, v in b.items()} for b in answer["results"]["bindings"]]


def _term(value: dict):
    kind = value["type"]
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        return ox.BlankNode(value["value"])
    if "xml:lang" in value:
        return ox.Literal(value["value"], language=value["xml:lang"])
    if "datatype" in value:
        return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
    return ox.Literal(value["value"])
