"""The ontology (ontologies/kg.ttl) matches kg.base.vocab.KG; the PLOVER scheme matches the model."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.base.model import CATEGORIES, MODALITIES, SYMMETRIC
from kg.base.vocab import KG, PLOVER, PROV, SEM, STANCE, WEIGHT

ONTOLOGIES = Path(__file__).resolve().parents[2] / "ontologies"
ONTOLOGY = URIRef("https://w3id.org/kgnews/ontology")
DECLARED = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
            OWL.NamedIndividual, RDF.Property)
TERMS = list(KG.__annotations__)


@pytest.fixture(scope="module")
def kg() -> Graph:
    return Graph().parse(ONTOLOGIES / "kg.ttl")


@pytest.fixture(scope="module")
def plover() -> Graph:
    return Graph().parse(ONTOLOGIES / "plover.ttl")


def test_ontology_header(kg):
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in kg
    for prop in (RDFS.label, RDFS.comment, OWL.versionInfo):
        assert kg.value(ONTOLOGY, prop) is not None, prop


@pytest.mark.parametrize("name", TERMS)
def test_every_vocab_term_is_declared(kg, name):
    iri = KG[name]
    assert set(kg.objects(iri, RDF.type)) & set(DECLARED), f"kg:{name} has no declaring type"
    assert kg.value(iri, RDFS.label) is not None, f"kg:{name} has no rdfs:label"
    assert kg.value(iri, RDFS.comment) is not None, f"kg:{name} has no rdfs:comment"


def test_every_declared_term_is_in_the_vocab(kg):
    namespace = str(KG._NS)
    declared = {s for t in DECLARED for s in kg.subjects(RDF.type, t)
                if isinstance(s, URIRef) and str(s).startswith(namespace)}
    assert sorted(str(s)[len(namespace):] for s in declared) == sorted(TERMS)


@pytest.mark.parametrize("subject, predicate, obj", [
    (KG.Event, RDFS.subClassOf, SEM.Event),
    (KG.Actor, RDFS.subClassOf, SEM.Actor),
    (KG.State, RDFS.subClassOf, KG.Actor),
    (KG.ArmedGroup, RDFS.subClassOf, KG.Actor),
    (KG.Organisation, RDFS.subClassOf, KG.Actor),
    (KG.Person, RDFS.subClassOf, SEM.Actor),
    (KG.Person, RDFS.subClassOf, PROV.Agent),
    (KG.Article, RDFS.subClassOf, PROV.Entity),
    (KG.Place, RDFS.subClassOf, SEM.Place),
    (KG.actor, RDFS.subPropertyOf, SEM.hasActor),
    (KG.recipient, RDFS.subPropertyOf, SEM.hasActor),
    (KG.sentence, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (KG.actor, RDFS.domain, KG.Event),
    (KG.recipient, RDFS.range, KG.Actor),
    (KG.negated, RDFS.range, URIRef("http://www.w3.org/2001/XMLSchema#boolean")),
    (KG.modality, RDFS.range, KG.Modality),
    (KG.sentence, RDFS.range, KG.Sentence),
    (KG.inArticle, RDFS.range, KG.Article),
])
def test_reuse_and_schema(kg, subject, predicate, obj):
    assert (subject, predicate, obj) in kg


@pytest.mark.parametrize("modality", MODALITIES)
def test_modalities_are_individuals(kg, modality):
    assert (KG[modality], RDF.type, KG.Modality) in kg
    assert (KG[modality], RDF.type, OWL.NamedIndividual) in kg


@pytest.mark.parametrize("category, prop", sorted(STANCE.items()))
def test_stance_properties(kg, category, prop):
    parent = KG.cooperative if WEIGHT[category] > 0 else KG.hostile
    assert set(kg.objects(prop, RDFS.subPropertyOf)) == {parent}
    assert (prop, SKOS.related, PLOVER[category]) in kg
    assert ((prop, RDF.type, OWL.SymmetricProperty) in kg) == (category in SYMMETRIC)


# ------------------------------------------------------------------------------- PLOVER

def test_plover_codes_match_the_model(plover):
    concepts = {c for c in plover.subjects(SKOS.inScheme, PLOVER.scheme)} - {PLOVER.cooperation, PLOVER.conflict}
    assert sorted(str(c)[len(str(PLOVER)):] for c in concepts) == sorted(CATEGORIES)


def test_plover_scheme(plover):
    assert (PLOVER.scheme, RDF.type, SKOS.ConceptScheme) in plover
    assert set(plover.objects(PLOVER.scheme, SKOS.hasTopConcept)) == {PLOVER.cooperation, PLOVER.conflict}
    for top in (PLOVER.cooperation, PLOVER.conflict):
        assert (top, SKOS.topConceptOf, PLOVER.scheme) in plover


@pytest.mark.parametrize("category", CATEGORIES)
def test_plover_concept(plover, category):
    concept = PLOVER[category]
    assert (concept, RDF.type, SKOS.Concept) in plover
    assert (concept, SKOS.prefLabel, Literal(category, lang="en")) in plover
    assert {d.language for d in plover.objects(concept, SKOS.definition)} == {"en", "nl"}
    assert plover.value(concept, KG.goldstein).toPython() == Decimal(str(WEIGHT[category]))
    top = PLOVER.cooperation if WEIGHT[category] > 0 else PLOVER.conflict
    assert set(plover.objects(concept, SKOS.broader)) == {top}


def test_plover_terms_used_are_declared(kg, plover):
    """plover.ttl uses only kg terms the ontology declares (kg:goldstein)."""
    used = {p for p in plover.predicates() if str(p).startswith(str(KG._NS))}
    assert used and all(set(kg.objects(p, RDF.type)) & set(DECLARED) for p in used)
