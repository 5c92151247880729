"""Parsing: kg's own trained spaCy pipelines (Dutch, English), how they are trained from Universal
Dependencies treebanks, and the post-parse fixes read from data files."""
