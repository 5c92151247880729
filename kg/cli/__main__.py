"""`python -m kg.cli.app`: the same as the `kg` command."""
import sys

from kg.cli.app import main

sys.exit(main())
