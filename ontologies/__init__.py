"""The kg ontology and the PLOVER concept scheme, shipped as package data (kg.ontologies)."""
