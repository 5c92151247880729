"""The actor network in a Jupyter notebook: kg's offline page drawn in-line.

Apart from the page module because pyvis imports IPython (0.6 s), which only a notebook needs."""
from __future__ import annotations

import html

import networkx as nx
from pyvis.network import Network

from kg.views.page import _fill, render


class NotebookNetwork(Network):
    """A pyvis Network in notebook mode whose page is kg's (offline, filtered, safe): Jupyter
    draws it in-line (`_repr_html_`: an iframe with the page in `srcdoc`, no file, no CDN), and
    `show(name)` / `write_html(name)` write the same page."""

    def __init__(self, g: nx.DiGraph, *, title: str = "kg", height: str = "640px") -> None:
        super().__init__(height=height, width="100%", directed=True, notebook=True,
                         cdn_resources="in_line", heading="")
        self.graph, self.page_title = g, title
        _fill(self, g)

    def generate_html(self, name: str = "index.html", local: bool = True, notebook: bool = False) -> str:
        return render(self.graph, title=self.page_title)

    def _repr_html_(self) -> str:
        page = html.escape(render(self.graph, title=self.page_title), quote=True)
        return (f'<iframe srcdoc="{page}" sandbox="allow-scripts" title="{html.escape(self.page_title)}" '
                f'style="width: 100%; height: {html.escape(self.height)}; border: 0"></iframe>')


def show(g: nx.DiGraph, *, title: str = "kg", height: str = "640px") -> NotebookNetwork:
    """The network as a pyvis `Network` in notebook mode: the last expression of a Jupyter cell
    draws it in-line (an iframe holding kg's offline page, no CDN); `.show("x.html")` works too."""
    return NotebookNetwork(g, title=title, height=height)
