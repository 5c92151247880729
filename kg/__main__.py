"""`python -m kg`: the same as the `kg` command."""
from kg.cli.app import entry

entry()
