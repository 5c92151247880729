"""Reading kg's events back out of any graph in kg's schema, as the dicts of `events.jsonl`.

`events_from_store(store)` works on a pyoxigraph Store (or a kg.rdf.store.KgStore) holding any mix of
named graphs: the embedded store, graph files loaded with kg.sparql.query.open_store, an export. It reads
each property once over the whole store (`quads_for_pattern` by predicate) and joins in Python,
which is linear in the number of events: a SPARQL query with an OPTIONAL per property took a
minute for 56,000 events on the on-disk store, this takes seconds. Actors, persons and places
are described from the graph as it is now (labels, Wikidata ids, kg:country), so what
`kg enrich` or a newer gazetteer added shows.
"""
from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote

import pyoxigraph as ox

from kg.base.vocab import ACTOR, CONTEXT, EVENT, KG, PERSON, PLACE, PLOVER, SEM, WD

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
_OWL_SAME = "http://www.w3.org/2002/07/owl#sameAs"
_DC_ID = "http://purl.org/dc/terms/identifier"
#: event field -> the property it is read from
_EVENT_FIELDS = {
    "negated": KG.negated, "modality": KG.modality, "cue": KG.cue, "actorMention": KG.actorMention,
    "recipient": KG.recipient, "recipientMention": KG.recipientMention, "agent": KG.agent,
    "issue": KG.issue, "date": SEM.hasTimeStamp, "place": SEM.hasPlace,
    "pattern": KG.pattern, "confidence": KG.confidence,
}
_SENTENCE_FIELDS = {"index": KG.index, "start": KG.start, "end": KG.end, "text": KG.text}


def events_from_store(store: ox.Store) -> list[dict]:
    """The events of a pyoxigraph Store holding kg's graph (any mix of named graphs), as the
    dicts of `events.jsonl`, in its order (doc id, then event number). An actor dict gets a
    `country` key when the graph says kg:country."""
    if not isinstance(store, ox.Store):
        store = getattr(store, "ox", store)        # a kg.rdf.store.KgStore
    events = {q.subject.value for q in store.quads_for_pattern(None, _iri(_RDF_TYPE), _iri(KG.Event), None)}
    types, actors = _values(store, SEM.eventType, events), _values(store, KG.actor, events)
    events = sorted(e for e in events if e in types and e in actors)
    fields = {name: _values(store, prop, events) for name, prop in _EVENT_FIELDS.items()}
    sentence_of = _values(store, KG.sentence, events)
    said = set(sentence_of.values())
    sentence = {name: _values(store, prop, said) for name, prop in _SENTENCE_FIELDS.items()}
    article = _values(store, KG.inArticle, said)
    doc_id = _values(store, _DC_ID, set(article.values()))
    parties = _parties(store, {*actors.values(), *fields["recipient"].values(), *fields["agent"].values()})
    for place, info in _places(store, set(fields["place"].values())).items():
        parties.setdefault(place, info)
    contexts = _all_values(store, KG.context, events)
    records = []
    for e in events:
        s = sentence_of.get(e)
        whole = s is not None and all(s in sentence[name] for name in _SENTENCE_FIELDS)
        row = {"event": e, "type": types[e], "actor": actors[e],
               **{name: fields[name].get(e) for name in _EVENT_FIELDS},
               **{name: sentence[name][s] if whole else None for name in _SENTENCE_FIELDS},
               "doc": doc_id.get(article.get(s)) if whole else None}
        if row["recipient"] is None:
            row["recipientMention"] = None
        records.append(_record(row, parties, contexts.get(e, ())))
    return sorted(records, key=lambda r: (r["doc"] or "", _number(r["id"]), r["id"]))


def _iri(value) -> ox.NamedNode:
    return ox.NamedNode(str(value))


def _values(store: ox.Store, prop, subjects: Iterable[str]) -> dict[str, str]:
    """subject -> the least value of `prop` (lexical form) over all graphs, for these subjects."""
    wanted = set(subjects)
    out: dict[str, str] = {}
    for q in store.quads_for_pattern(None, _iri(prop), None, None):
        key = q.subject.value
        if key in wanted:
            value = q.object.value
            if key not in out or value < out[key]:
                out[key] = value
    return out


def _all_values(store: ox.Store, prop, subjects: Iterable[str]) -> dict[str, list[str]]:
    """subject -> every value of `prop` (local names of kg's contexts), sorted, over all graphs."""
    wanted = set(subjects)
    out: dict[str, set[str]] = {}
    for q in store.quads_for_pattern(None, _iri(prop), None, None):
        if q.subject.value in wanted:
            out.setdefault(q.subject.value, set()).add(_local(q.object.value, str(CONTEXT)))
    return {key: sorted(values) for key, values in out.items()}


def _least(store: ox.Store, subject: str, prop, keep=lambda o: True) -> str | None:
    found = [q.object.value for q in store.quads_for_pattern(_iri(subject), _iri(prop), None, None) if keep(q.object)]
    return min(found) if found else None


def _parties(store: ox.Store, iris: set[str]) -> dict[str, dict]:
    """Actors and persons as the graph describes them."""
    out = {}
    for who in sorted(iris):
        out[who] = {
            "type": _least(store, who, _RDF_TYPE, lambda o: o.value.startswith(str(KG._NS))),
            "label": _least(store, who, _SKOS_PREF, lambda o: isinstance(o, ox.Literal) and o.language == "en"),
            "anyLabel": _least(store, who, _SKOS_PREF),
            "code": _least(store, who, KG.code),
            "wikidata": _least(store, who, _OWL_SAME, lambda o: o.value.startswith(str(WD))),
            "country": _least(store, who, KG.country),
        }
    return out


def _places(store: ox.Store, iris: set[str]) -> dict[str, dict]:
    return {place: {"label": _least(store, place, _SKOS_PREF, lambda o: isinstance(o, ox.Literal) and o.language == "en"),
                    "wikidata": _least(store, place, _OWL_SAME, lambda o: o.value.startswith(str(WD)))}
            for place in sorted(iris)}


def actors(store: ox.Store, iris: Iterable[str]) -> dict[str, dict]:
    """Actor IRI -> its dict in an event (as `events_from_store` gives it, without a mention)."""
    parties = _parties(store, set(iris))
    return {iri: _actor(iri, None, parties) for iri in parties}


def _actor(iri: str | None, mention: str | None, parties: dict[str, dict]) -> dict | None:
    if iri is None:
        return None
    info, local = parties.get(iri, {}), _local(iri, str(ACTOR))
    kind = info.get("type")
    found = {"id": local, "label": info.get("label") or local, "code": info.get("code") or local,
             "type": kind[len(str(KG._NS)):] if kind and kind.startswith(str(KG._NS)) else None,
             "wikidata": _local(info["wikidata"], str(WD)) if info.get("wikidata") else None,
             "mention": mention}
    if info.get("country"):
        found["country"] = _local(info["country"], str(ACTOR))
    return found


def _record(row: dict, parties: dict[str, dict], contexts: list[str] = ()) -> dict:
    def actor(iri: str | None, mention: str | None) -> dict | None:
        return _actor(iri, mention, parties)

    agent = None
    if row["agent"]:
        info = parties.get(row["agent"], {})
        agent = {"id": _local(row["agent"], str(PERSON)),
                 "label": info.get("label") or info.get("anyLabel") or _local(row["agent"], str(PERSON)),
                 "wikidata": _local(info["wikidata"], str(WD)) if info.get("wikidata") else None}
    doc = row["doc"]
    if doc is None and row["event"].startswith(str(EVENT)):
        doc = unquote(row["event"][len(str(EVENT)):].rsplit("/", 1)[0])
    rec = {
        "id": row["event"], "doc": doc,
        "sentence": _int(row["index"]), "start": _int(row["start"]), "end": _int(row["end"]),
        "text": row["text"], "event": _local(row["type"], str(PLOVER)),
        "negated": row["negated"] == "true", "modality": _local(row["modality"], str(KG._NS))
        if row["modality"] else "asserted", "cue": row["cue"],
        "actor": actor(row["actor"], row["actorMention"]),
        "recipient": actor(row["recipient"], row["recipientMention"]), "agent": agent,
        "issue": row["issue"], "date": row["date"],
        "place": _place(row["place"], parties),
        "contexts": ([row["issue"]] if row["issue"] in contexts else []) + [c for c in contexts if c != row["issue"]],
    }
    if row["pattern"] is not None:             # events of the parse engine (events.jsonl alike)
        rec["pattern"] = row["pattern"]
        rec["confidence"] = float(row["confidence"]) if row["confidence"] is not None else None
    return rec


def _place(iri: str | None, parties: dict[str, dict]) -> dict | None:
    if iri is None:
        return None
    info, local = parties.get(iri, {}), _local(iri, str(PLACE))
    return {"id": local, "label": info.get("label") or local,
            "wikidata": _local(info["wikidata"], str(WD)) if info.get("wikidata") else None}


def _local(iri: str, namespace: str) -> str:
    return unquote(iri[len(namespace):]) if iri.startswith(namespace) else iri


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _number(iri: str) -> int:           # event:<doc>/<n> -> n
    tail = iri.rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else -1
