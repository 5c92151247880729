"""The actor gazetteer: states, armed groups, organisations and the people who act for them.

The knowledge lives in RDF Turtle files (`kg/data/gazetteer/*.ttl`, plus any user files of the
same form): SKOS labels with @en/@nl tags, `kg:adjective`, `kg:demonym`, `kg:metonym`,
`skos:notation` codes, `owl:sameAs` Wikidata links, and dated `org:Membership` offices.
`Gazetteer.load()` reads them into `kg.base.model` records and a flat, sorted table of `Label`s.
A file may also hold `kg:AgentNoun` entries (`agentnoun:troops`, written by `kg gazetteer import`
from PETRARCH agent dictionaries): nouns for an organ of whatever actor names them, kept apart
from the labels (`Gazetteer.agent_nouns(lang)`); the built-in files have none.

>>> gaz = Gazetteer.load()
>>> gaz.actors["TUR"].labels["nl"]
'Turkije'
>>> gaz.principal("ObamaBarack", datetime.date(2016, 9, 5))
'USA'

The files are parsed with pyoxigraph (about 20x faster than rdflib's Turtle parser here); the
merged rdflib graph is built only when `Gazetteer.graph` is first read.
"""
from __future__ import annotations

import datetime
import difflib
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import unquote

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, SKOS, XSD

from kg.base.errors import KgError
from kg.base.model import Actor, Person, Role
from kg.base.vocab import ACTOR, AGENT_NOUN, KG, ORG, PERSON, PREFIXES, SEM, WD

#: Label properties of an entry and the kind of label each gives.
ACTOR_LABELS = {
    str(SKOS.prefLabel): "name", str(SKOS.altLabel): "name", str(KG.adjective): "adjective",
    str(KG.demonym): "demonym", str(KG.metonym): "metonym",
}
PERSON_LABELS = {str(SKOS.prefLabel): "person", str(SKOS.altLabel): "person"}
#: The kg classes an entry may have; actors are the first three.
ACTOR_TYPES = ("State", "ArmedGroup", "Organisation")
ENTRY_TYPES = ACTOR_TYPES + ("Person",)
#: The kg class of agent nouns, and the namespace of each entry type.
AGENT_NOUN_TYPE = "AgentNoun"
_NAMESPACES = {"Person": (PERSON, "person"), AGENT_NOUN_TYPE: (AGENT_NOUN, "agentnoun")}

_TYPE = str(RDF.type)
_NOTATION = str(SKOS.notation)
_PREF = str(SKOS.prefLabel)
_KG = str(KG._NS)


@dataclass(frozen=True)
class Label:
    """One surface form of an actor or a person, as the recognizer matches it."""

    text: str        # as written in the data
    lang: str        # "en" | "nl"
    kind: str        # "name" | "adjective" | "demonym" | "metonym" | "person"
    target: str      # actor id ("TUR") or person id ("ObamaBarack")


class Gazetteer:
    """Actors, persons and their labels, merged from the built-in and user gazetteer files."""

    def __init__(self, actors: dict[str, Actor], persons: dict[str, Person],
                 labels: tuple[Label, ...], triples: tuple[ox.Triple, ...],
                 agent_nouns: dict[str, frozenset[str]] | None = None) -> None:
        self.actors = actors
        self.persons = persons
        self.labels = labels
        self._triples = triples
        self._agent_nouns = agent_nouns or {}

    def agent_nouns(self, lang: str) -> frozenset[str]:
        """The agent nouns of the kg:AgentNoun entries in one language, lower case ("troops",
        "foreign minister"); empty for the built-in gazetteer."""
        return self._agent_nouns.get(lang, frozenset())

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> "Gazetteer":
        """Read the built-in gazetteer files, then each user file in `extra` (Turtle or any RDF
        format pyoxigraph knows by extension). Raises KgError for a file or entry at fault."""
        sources = [(f"kg/data/gazetteer/{name}", data, ox.RdfFormat.TURTLE)
                   for name, data in builtin_files()]
        sources += [_read_user_file(Path(path)) for path in extra]
        triples: list[ox.Triple] = []
        origin: dict[str, list[str]] = defaultdict(list)     # entry -> the files that describe it
        for name, data, fmt in sources:
            for triple in _parse(name, data, fmt):
                triples.append(triple)
                if name not in origin[_key(triple.subject)]:
                    origin[_key(triple.subject)].append(name)
        return _build(triples, origin)

    def labels_for(self, lang: str) -> tuple[Label, ...]:
        """The labels in one language ("en", "nl"), in the same sorted order."""
        return tuple(label for label in self.labels if label.lang == lang)

    def principal(self, person_id: str, on: datetime.date | None) -> str | None:
        """The actor a person acts for on a date; None when the person held no office then.
        With no date, the actor of the person's latest office."""
        person = self.persons.get(person_id)
        if person is None:
            raise KgError(f"Unknown person {person_id!r}", _suggest(person_id, self.persons, ""))
        return person.principal(on)

    @cached_property
    def graph(self) -> Graph:
        """The merged gazetteer as an rdflib Graph (built on first use)."""
        graph = Graph()
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns)
        for triple in self._triples:
            graph.add((_rdflib(triple.subject), URIRef(triple.predicate.value), _rdflib(triple.object)))
        return graph


def builtin_files() -> list[tuple[str, bytes]]:
    """(file name, content) of the gazetteer files shipped in kg.data, sorted by name."""
    folder = files("kg.data").joinpath("gazetteer")
    return sorted((entry.name, entry.read_bytes()) for entry in folder.iterdir()
                  if entry.name.endswith(".ttl"))


# --- reading -------------------------------------------------------------------------------

def _read_user_file(path: Path) -> tuple[str, bytes, ox.RdfFormat]:
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None
    if fmt is None:
        raise KgError(f"Gazetteer file {path} has an unknown RDF format",
                      "Give it a .ttl extension (Turtle, the gazetteer's format) or .nt/.rdf/.jsonld")
    try:
        return str(path), path.read_bytes(), fmt
    except OSError as err:
        raise KgError(f"Cannot read gazetteer file {path}: {err.strerror}",
                      "Check the path given with --gazetteer") from err


def _parse(name: str, data: bytes, fmt: ox.RdfFormat) -> list[ox.Triple]:
    try:
        return [quad.triple for quad in ox.parse(input=data, format=fmt)]
    except SyntaxError as err:
        where = f" line {err.lineno}" if getattr(err, "lineno", None) else ""
        raise KgError(f"Gazetteer file {name}{where}: {err.msg}",
                      "Fix the RDF syntax there (the gazetteer is Turtle: see kg/data/gazetteer/*.ttl)"
                      ) from err


# --- building records ----------------------------------------------------------------------

def _build(triples: list[ox.Triple], origin: dict[str, list[str]]) -> Gazetteer:
    index: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        objects = index[_key(t.subject)][t.predicate.value]
        if t.object not in objects:
            objects.append(t.object)
    kinds = _entry_types(index, origin)
    actors = {}
    for key in sorted(k for k, kind in kinds.items() if kind in ACTOR_TYPES):
        actor = _actor(key, index[key], origin)
        actors[actor.id] = actor
    persons = {}
    for key in sorted(k for k, kind in kinds.items() if kind == "Person"):
        person = _person(key, index, actors, origin)
        persons[person.id] = person
    labels = set()
    for key, kind in kinds.items():
        if kind == AGENT_NOUN_TYPE:
            continue                                    # agent nouns are not names of a target
        table = PERSON_LABELS if kind == "Person" else ACTOR_LABELS
        target = _local(key)
        for prop, label_kind in table.items():
            for term in index[key].get(prop, ()):
                labels.add(Label(term.value, _lang(key, prop, term, origin), label_kind, target))
    labels = tuple(sorted(labels, key=lambda l: (l.lang, l.text, l.kind, l.target)))
    return Gazetteer(actors, persons, labels, tuple(triples), _agent_nouns(index, kinds, origin))


def _agent_nouns(index: dict, kinds: dict[str, str], origin: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    nouns: dict[str, set[str]] = defaultdict(set)
    for key in sorted(k for k, kind in kinds.items() if kind == AGENT_NOUN_TYPE):
        forms = [(prop, term) for prop in PERSON_LABELS for term in index[key].get(prop, ())]
        if not forms:
            raise KgError(f"{_where(key, origin)} has no skos:prefLabel",
                          'Give the agent noun its forms: skos:prefLabel "troop"@en ; skos:altLabel "troops"@en')
        for prop, term in forms:
            nouns[_lang(key, prop, term, origin)].add(" ".join(term.value.lower().split()))
    return {lang: frozenset(words) for lang, words in nouns.items()}


def _entry_types(index: dict, origin: dict[str, list[str]]) -> dict[str, str]:
    """subject key -> "State" | "ArmedGroup" | "Organisation" | "Person", checking that every
    entry with labels has one known kg type and lives in the right namespace."""
    kinds: dict[str, str] = {}
    for key, props in index.items():
        types = [t.value[len(_KG):] for t in props.get(_TYPE, ()) if t.value.startswith(_KG)]
        known = ENTRY_TYPES + (AGENT_NOUN_TYPE,)
        for local in types:
            if local not in known:
                raise KgError(f"{_where(key, origin)} has unknown type kg:{local}",
                              _suggest(local, known, "kg:") + " Use one of "
                              + ", ".join(f"kg:{t}" for t in known))
        if len(types) > 1:
            raise KgError(f"{_where(key, origin)} has {len(types)} kg types ({', '.join(sorted(types))})",
                          "Give each entry exactly one of kg:State, kg:ArmedGroup, kg:Organisation, kg:Person")
        if types:
            ns, prefix = _NAMESPACES.get(types[0], (ACTOR, "actor"))
            if not key.startswith(str(ns)) or "/" in key[len(str(ns)):] or key == str(ns):
                raise KgError(f"{_where(key, origin)} is a kg:{types[0]} outside {ns}",
                              f"Name it <{ns}ID> (prefix {prefix}:)")
            kinds[key] = types[0]
        elif any(p in props for p in ACTOR_LABELS) or _NOTATION in props:
            raise KgError(f"{_where(key, origin)} has labels but no type",
                          "Add `a kg:State` (or kg:ArmedGroup, kg:Organisation, kg:Person), or fix "
                          "the IRI if it should add labels to an existing entry")
    return kinds


def _actor(key: str, props: dict, origin: dict[str, list[str]]) -> Actor:
    notations = props.get(_NOTATION, [])
    if len(notations) != 1:
        raise KgError(f"{_where(key, origin)} has {len(notations) or 'no'} skos:notation",
                      f'Give it exactly one, its code: skos:notation "{_local(key)}"')
    prefs = _pref_labels(key, props, origin)
    if "en" not in prefs:
        raise KgError(f"{_where(key, origin)} has no English skos:prefLabel",
                      'Add skos:prefLabel "..."@en')
    codes = props.get(str(KG.code), [])
    kind = next(t.value[len(_KG):] for t in props[_TYPE] if t.value.startswith(_KG))
    countries = sorted(_local(c.value) for c in props.get(str(KG.country), []))
    return Actor(id=_local(key), label=prefs["en"],
                 code=sorted(c.value for c in codes)[0] if codes else notations[0].value,
                 type=kind, wikidata=_wikidata(props), labels=prefs,
                 country=countries[0] if countries else None)


def _person(key: str, index: dict, actors: dict[str, Actor], origin: dict[str, list[str]]) -> Person:
    props = index[key]
    prefs = _pref_labels(key, props, origin)
    if not prefs:
        raise KgError(f"{_where(key, origin)} has no skos:prefLabel", 'Add skos:prefLabel "..."@en')
    memberships = props.get(str(ORG.hasMembership), [])
    if not memberships:
        raise KgError(f"{_where(key, origin)} has no org:hasMembership",
                      "Add a membership saying which actor the person acts for, and when")
    roles = [_role(key, _key(m), index.get(_key(m), {}), actors, origin) for m in memberships]
    roles.sort(key=lambda r: (r.start or datetime.date.min, r.actor, r.office), reverse=True)
    return Person(id=_local(key), label=prefs.get("en") or prefs[sorted(prefs)[0]],
                  wikidata=_wikidata(props), roles=tuple(roles))


def _role(person: str, key: str, props: dict, actors: dict[str, Actor], origin: dict[str, list[str]]) -> Role:
    where = f"{_where(person, origin)}, membership {_short(key)},"
    orgs = props.get(str(ORG.organization), [])
    if len(orgs) != 1:
        raise KgError(f"{where} has {len(orgs) or 'no'} org:organization",
                      "Give each membership exactly one org:organization actor:ID")
    actor_id = _local(orgs[0].value) if orgs[0].value.startswith(str(ACTOR)) else None
    if actor_id not in actors:
        raise KgError(f"{where} points at unknown actor {_short(orgs[0].value)}",
                      _suggest(actor_id or orgs[0].value, actors, "actor:")
                      + " Define the actor in a gazetteer file or correct the IRI")
    offices = props.get(str(KG.office), [])
    if len(offices) != 1:
        raise KgError(f"{where} has {len(offices) or 'no'} kg:office", 'Add kg:office "head of state" (or the office held)')
    return Role(actor_id, offices[0].value, _date(where, props, str(SEM.hasBeginTimeStamp)),
                _date(where, props, str(SEM.hasEndTimeStamp)))


def _pref_labels(key: str, props: dict, origin: dict[str, list[str]]) -> dict[str, str]:
    prefs: dict[str, str] = {}
    for term in props.get(_PREF, ()):
        lang = _lang(key, _PREF, term, origin)
        if lang in prefs:
            raise KgError(f"{_where(key, origin)} has two skos:prefLabel@{lang}: "
                          f"{prefs[lang]!r} and {term.value!r}", "Keep one; make the other a skos:altLabel")
        prefs[lang] = term.value
    return dict(sorted(prefs.items()))


def _lang(key: str, prop: str, term, origin: dict[str, list[str]]) -> str:
    if not isinstance(term, ox.Literal) or not term.language:
        raise KgError(f"{_where(key, origin)} has {_short(prop)} {term} without a language tag",
                      'Tag every label with its language, e.g. "Turkije"@nl')
    return term.language.split("-")[0].lower()


def _date(where: str, props: dict, prop: str) -> datetime.date | None:
    values = props.get(prop, [])
    if not values:
        return None
    try:
        return datetime.date.fromisoformat(values[0].value)
    except ValueError as err:
        raise KgError(f"{where} {_short(prop)} {values[0].value!r} is not a date",
                      'Write dates as "YYYY-MM-DD"^^xsd:date') from err


def _wikidata(props: dict) -> str | None:
    qids = sorted(t.value[len(str(WD)):] for t in props.get(str(OWL.sameAs), ())
                  if t.value.startswith(str(WD)))
    return qids[0] if qids else None


# --- naming --------------------------------------------------------------------------------

def _key(term) -> str:
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"


def _local(key: str) -> str:
    """The id of an entry: its IRI's last segment, percent-decoded (graph.iri_part encodes it
    again, so `actor/A%20B` and `actor/Ρωσία` come out as the IRIs they went in as)."""
    return unquote(key.rsplit("/", 1)[-1])


def _short(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri if iri.startswith("_:") else f"<{iri}>"


def _where(key: str, origin: dict[str, list[str]]) -> str:
    names = origin.get(key) or ["?"]
    return f"Gazetteer file{'s' if len(names) > 1 else ''} {', '.join(names)}: {_short(key)}"


def _suggest(word: str, choices: Iterable[str], prefix: str) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"Did you mean {prefix}{close[0]}?" if close else ""


def _rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))


@lru_cache(maxsize=4)
def _builtin_gazetteer() -> Gazetteer:
    return Gazetteer.load()


def load_gazetteer(extra: Sequence[str | Path] = ()) -> Gazetteer:
    """The built-in gazetteer, plus the user's files (same format) when given."""
    return Gazetteer.load(tuple(str(p) for p in extra)) if extra else _builtin_gazetteer()


def case_ok(label: str, text: str) -> bool:
    """Acronyms match exactly, capitalised labels need a capital, lower-case labels match any case."""
    if label.lower() != text.lower():
        return False
    if len(label) > 1 and label.isupper():
        return text == label
    if label[:1].isupper():
        return text[:1].isupper()
    return True
