"""The older surface-rule engine (`--engine rules`): cues found in the token sequence, roles by
word order and clause bounds. Kept only until the parse engine (kg.coding) scores at least as
well on every gold set; then this package goes.
"""
