"""RDF: events and articles as triples (graph), the on-disk store, merged occurrences, reading
events back, sorted serialisation and SHACL validation.
"""
