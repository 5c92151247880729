"""The PETRARCH/TABARI world: CAMEO codes and actor/agent dictionaries imported as kg gazetteer Turtle.
"""
