"""The build: articles in, events coded, RDF written, in memory (batch) or into the store
(incremental), and the files of `output/` (outputs).
"""
