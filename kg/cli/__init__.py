"""The `kg` command: one module per command over the library; `app` parses the arguments and
dispatches.
"""
