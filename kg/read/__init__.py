"""Reading: article files, corpora and saved pages become `Article` records; sentences, tokens and
dates in them.
"""
