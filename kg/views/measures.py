"""Measures on the actor network that the page, the analysis and the exports share: the stance of
a net score and weighted degree centrality."""
from __future__ import annotations

import networkx as nx

#: A net score within this distance of 0 is neither cooperative nor hostile.
NEUTRAL_BAND = 0.5


def stance(score: float) -> str:
    """"cooperative", "hostile" or "neutral" for a net score."""
    if score >= NEUTRAL_BAND:
        return "cooperative"
    if score <= -NEUTRAL_BAND:
        return "hostile"
    return "neutral"


def centrality(g: nx.DiGraph) -> dict[str, float]:
    """Weighted degree centrality on the undirected view: the events on an actor's ties (both
    directions, a self-tie once), divided by the largest such sum, so the most central actor
    has 1.0. All 0.0 when the graph has no ties.

    >>> g = nx.DiGraph([("A", "B", {"count": 3}), ("B", "A", {"count": 1}), ("B", "C", {"count": 2})])
    >>> centrality(g)
    {'A': 0.6667, 'B': 1.0, 'C': 0.3333}
    """
    weighted = {node: 0 for node in g.nodes}
    for source, target, data in g.edges(data=True):
        weighted[source] += data.get("count", len(data.get("events", ())) or 1)
        if target != source:
            weighted[target] += data.get("count", len(data.get("events", ())) or 1)
    top = max(weighted.values(), default=0)
    return {node: round(weighted[node] / top, 4) if top else 0.0 for node in sorted(weighted)}
