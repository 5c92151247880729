"""The named SPARQL queries, shipped as package data (kg.queries): see kg/query.py."""
