"""The base layer: the records passed between stages (model), the one error type (errors), the RDF
namespaces (vocab) and files written whole or not at all (files). Imports nothing else of kg.
"""

#: kg's version (pyproject.toml says the same); part of the fingerprint of incremental builds.
VERSION = "0.1.0"
