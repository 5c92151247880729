"""SPARQL: the named queries and their guard, remote SPARQL 1.1 endpoints and Wikidata enrichment.
"""
