"""RDF namespaces. The project's own terms are declared in `ontologies/kg.ttl`; a typo here fails."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/kgnews/"

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
WD = Namespace("http://www.wikidata.org/entity/")

ACTOR = Namespace(BASE + "actor/")       # actor:TUR
PERSON = Namespace(BASE + "person/")     # person:ObamaBarack
PLACE = Namespace(BASE + "place/")       # place:Aleppo
DOC = Namespace(BASE + "doc/")           # doc:<doc id>, doc:<doc id>/s3 for sentences
EVENT = Namespace(BASE + "event/")       # event:<doc id>/<n>
PLOVER = Namespace(BASE + "plover/")     # plover:ASSAULT, a skos:Concept in plover:scheme
CONTEXT = Namespace(BASE + "context/")   # context:ceasefire, a skos:Concept in context:scheme
META = Namespace(BASE + "meta#")         # the store's bookkeeping (meta:hash ...), graph/meta only
AGENT_NOUN = Namespace(BASE + "agentnoun/")  # agentnoun:troops, imported agent nouns (kg/petrarch/dictionaries.py)


class KG(DefinedNamespace):
    """The kg ontology (`ontologies/kg.ttl`)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Actor: URIRef
    State: URIRef
    ArmedGroup: URIRef
    Organisation: URIRef
    Person: URIRef
    AgentNoun: URIRef        # a noun for an organ of whatever actor it follows ("troops")
    Event: URIRef
    Article: URIRef
    Sentence: URIRef
    Modality: URIRef
    Place: URIRef
    Occurrence: URIRef       # one real-world event told by several articles
    report: URIRef           # occurrence -> an article's event that tells it
    # event roles and fields
    actor: URIRef            # sub-property of sem:hasActor: who acts
    recipient: URIRef        # sub-property of sem:hasActor: who is acted on
    agent: URIRef            # the person who acted for the actor
    negated: URIRef
    modality: URIRef
    issue: URIRef
    context: URIRef          # event -> what it is about (a concept of ontologies/contexts.ttl)
    cue: URIRef
    pattern: URIRef
    confidence: URIRef
    actorMention: URIRef
    recipientMention: URIRef
    # provenance
    sentence: URIRef         # event -> its evidence sentence
    inArticle: URIRef        # sentence -> article
    index: URIRef
    start: URIRef
    end: URIRef
    text: URIRef
    # actors
    code: URIRef
    adjective: URIRef        # "Turkish"@en, "Turkse"@nl
    demonym: URIRef          # people as a plural noun: "Turks"@en, "Turken"@nl
    metonym: URIRef          # a capital used for the government: "Ankara"
    country: URIRef          # group or person -> its country
    heldBy: URIRef           # place -> a node saying who held it when (kg:holder, sem timestamps)
    holder: URIRef           # that node -> the actor that held the place
    office: URIRef           # the office held in an org:Membership
    # modalities (individuals of kg:Modality)
    asserted: URIRef
    future: URIRef
    wanted: URIRef
    proposed: URIRef
    reported: URIRef
    hypothetical: URIRef
    # direct stance triples, actor -> actor (only for events that are not negated)
    agreesWith: URIRef
    consults: URIRef
    supports: URIRef
    concedesTo: URIRef
    cooperatesWith: URIRef
    aids: URIRef
    retreatsFrom: URIRef
    requests: URIRef
    accuses: URIRef
    rejects: URIRef
    threatens: URIRef
    protestsAgainst: URIRef
    sanctions: URIRef
    mobilizesAgainst: URIRef
    coerces: URIRef
    assaults: URIRef
    cooperative: URIRef      # super-property of the cooperative stance properties
    hostile: URIRef          # super-property of the hostile stance properties
    goldstein: URIRef        # a category's weight on the cooperation/conflict scale


#: PLOVER category -> direct stance property.
STANCE = {
    "AGREE": KG.agreesWith, "CONSULT": KG.consults, "SUPPORT": KG.supports,
    "CONCEDE": KG.concedesTo, "COOPERATE": KG.cooperatesWith, "AID": KG.aids,
    "RETREAT": KG.retreatsFrom, "REQUEST": KG.requests, "ACCUSE": KG.accuses,
    "REJECT": KG.rejects, "THREATEN": KG.threatens, "PROTEST": KG.protestsAgainst,
    "SANCTION": KG.sanctions, "MOBILIZE": KG.mobilizesAgainst, "COERCE": KG.coerces,
    "ASSAULT": KG.assaults,
}

#: Cooperation (+) / conflict (-) weight of each category, on a Goldstein-like scale from
#: -10 to +10, used for edge colours and the net score of a tie (documented in the README).
WEIGHT = {
    "AGREE": 6.0, "CONSULT": 2.0, "SUPPORT": 4.0, "CONCEDE": 5.0, "COOPERATE": 6.0,
    "AID": 7.0, "RETREAT": 1.0, "REQUEST": 1.0, "ACCUSE": -2.0, "REJECT": -4.0,
    "THREATEN": -6.0, "PROTEST": -5.0, "SANCTION": -7.0, "MOBILIZE": -6.0, "COERCE": -8.0,
    "ASSAULT": -10.0,
}

PREFIXES = {
    "kg": str(KG._NS), "actor": str(ACTOR), "person": str(PERSON), "place": str(PLACE),
    "doc": str(DOC), "event": str(EVENT), "plover": str(PLOVER), "context": str(CONTEXT), "sem": str(SEM),
    "prov": str(PROV), "org": str(ORG), "wd": str(WD),
    "skos": "http://www.w3.org/2004/02/skos/core#", "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
}


def shorten(value: str) -> str:
    """`https://w3id.org/kgnews/actor/USA` -> `actor:USA` for the longest namespace that matches."""
    best = max((ns for ns in PREFIXES.values() if value.startswith(ns) and len(value) > len(ns)),
               key=len, default=None)
    if best is None:
        return value
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{value[len(best):]}"
