"""The actor network as one offline HTML page (pyvis / vis-network), safe for untrusted text.

Safety, as found in pyvis 0.3.2 and its bundled vis-network 9.1.2:
- Node and edge data reach the page through Jinja's `tojson`, which writes `<`, `>`, `&` and `'`
  as `\\u003c`... escapes, so no text can close the `<script>` it sits in.
- vis-network 9.1.2 shows a string `title` with `innerText` (plain text, newlines kept). But
  pyvis switches to its own popup, which sets `innerHTML`, as soon as a node title contains
  "href"; we render pyvis's template with that popup off, and refuse a page that contains it.
- pyvis's `heading` is not escaped, so we leave it empty and write our own escaped header.
- Every page links Bootstrap from a CDN; we drop every external `<link>`/`<script src>` so
  the page makes no network request, and refuse a page that still has one.
"""
from __future__ import annotations

import html
import os
import re
import tempfile
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from kg.errors import KgError
from kg.network import centrality

#: Node colour by actor type (blue/orange/purple: apart from the green/red of the ties).
TYPE_COLOURS = {"State": "#4e79a7", "ArmedGroup": "#f28e2b", "Organisation": "#9c6ade"}
OTHER_COLOUR = "#9d9d9d"
#: Tie colour by net score: cooperative, hostile, neither.
TIE_COLOURS = {"cooperative": "#2e9e5b", "hostile": "#d62c2c", "neutral": "#a3a3a3"}
NEUTRAL_BAND = 0.5          # |score| below this is neither cooperative nor hostile
MAX_LISTED = 12             # events listed in a tie's tooltip
MAX_SENTENCE = 300          # characters of an evidence sentence in a tooltip

OPTIONS = {
    "layout": {"randomSeed": 7},
    "nodes": {"shape": "dot", "borderWidth": 2,
              "font": {"size": 16, "face": "Helvetica, Arial, sans-serif", "color": "#222222",
                       "strokeWidth": 4, "strokeColor": "#ffffff"}},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.7}},
              "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.15},
              "selectionWidth": 2, "hoverWidth": 1},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
    "physics": {"enabled": True, "solver": "barnesHut",
                "barnesHut": {"gravitationalConstant": -9000, "centralGravity": 0.25,
                              "springLength": 170, "springConstant": 0.04, "damping": 0.2,
                              "avoidOverlap": 0.3},
                "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50,
                                  "fit": True},
                "minVelocity": 0.75},
}

#: After the layout has stabilised, physics goes off so the page stops moving and using CPU.
FREEZE = """
                  network.once("stabilizationIterationsDone", function () {
                      network.setOptions({physics: {enabled: false}});
                      network.fit();
                      document.body.setAttribute("data-stabilized", "true");
                  });"""
ANCHOR = "network = new vis.Network(container, data, options);"

STYLE = """<style>
  body { margin: 0; font-family: Helvetica, Arial, sans-serif; color: #222; background: #fff; }
  header.kg { padding: 10px 18px 6px; border-bottom: 1px solid #e3e3e3; }
  header.kg h1 { font-size: 20px; margin: 0 0 4px; font-weight: 600; }
  header.kg p { margin: 0 0 6px; font-size: 13px; color: #555; }
  ul.legend { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap;
              gap: 4px 18px; font-size: 13px; }
  ul.legend li { display: flex; align-items: center; gap: 6px; }
  .dot { display: inline-block; width: 13px; height: 13px; border-radius: 50%; }
  .line { display: inline-block; width: 28px; height: 0; border-top: 3px solid; }
  .line.dashed { border-top-style: dashed; }
  #mynetwork { float: none !important; border: none !important; }
  div.vis-tooltip { white-space: pre-wrap !important; max-width: 520px; font-size: 13px;
                    line-height: 1.35; font-family: Helvetica, Arial, sans-serif; }
</style>"""


def write_html(g: nx.DiGraph, path: str | os.PathLike, *, title: str = "kg") -> None:
    """Write the network `g` (from `kg.network.build`) as a self-contained HTML page at `path`.

    Atomic (a temporary file in the same folder, then `os.replace`) and deterministic: the same
    graph and title give the same bytes.
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise KgError(f"Folder {str(target.parent)!r} does not exist", "Create it or pick another path")
    page = render(g, title=title)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(page)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def render(g: nx.DiGraph, *, title: str = "kg") -> str:
    """The page as a string (what `write_html` writes)."""
    net = Network(height="calc(100vh - 112px)", width="100%", directed=True,
                  cdn_resources="in_line", heading="")
    sizes = centrality(g)
    for node in sorted(g.nodes):
        data = g.nodes[node]
        net.add_node(node, label=str(data.get("label") or node), title=_node_title(node, data),
                     color=_node_colour(data.get("type")), size=round(12 + 26 * sizes[node], 2),
                     shape="dot")
    for source, target in sorted(g.edges):
        data = g.edges[source, target]
        count = data.get("count", len(data.get("events", ())))
        net.add_edge(source, target, title=_edge_title(g, source, target, data),
                     color=TIE_COLOURS[_stance(data.get("score", 0.0))],
                     width=round(1.5 + 1.5 * min(count, 8) ** 0.8, 2),
                     dashes=bool(count) and data.get("negated", 0) == count,
                     arrows={"to": {"enabled": True, "scaleFactor": 0.7}})
    net.options = OPTIONS
    return _offline(_template(net), g, title)


def _template(net: Network) -> str:
    """pyvis's template, rendered as `Network.generate_html` does but never with its innerHTML
    popup (`tooltip_link`), which it would turn on for any node title containing "href"."""
    nodes, edges, heading, height, width, options = net.get_network_data()
    return net.templateEnv.get_template(net.path).render(
        height=height, width=width, nodes=nodes, edges=edges, heading=heading, options=options,
        physics_enabled=True, use_DOT=False, dot_lang="", widget=False, bgcolor=net.bgcolor,
        conf=False, tooltip_link=False, neighborhood_highlight=False, select_menu=False,
        filter_menu=False, notebook=False, cdn_resources="in_line")


def _offline(page: str, g: nx.DiGraph, title: str) -> str:
    """Drop external resources and pyvis's empty headings, add ours, freeze physics when stable."""
    page = re.sub(r"<link\b[^>]*?\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", "", page, flags=re.I)
    page = re.sub(r"<script\b[^>]*?\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>", "", page,
                  flags=re.I)
    page = re.sub(r"<!--\s*<link.*?-->", "", page, flags=re.S)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    if page.count(ANCHOR) != 1 or page.count("<body>") != 1 or page.count("</head>") != 1:
        raise KgError("pyvis's page template has changed", "Use pyvis 0.3.2 or update kg/html.py")
    page = page.replace(ANCHOR, ANCHOR + FREEZE)
    head = (f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n{STYLE}\n</head>")
    page = page.replace("</head>", head, 1)
    page = page.replace("<body>", "<body>\n" + _header(g, title), 1)
    page = "<!DOCTYPE html>\n" + page.lstrip()
    # not splitlines(): the minified script holds U+0085 and U+2028 inside string literals
    page = "\n".join(line.rstrip(" \t\r") for line in page.split("\n")).rstrip("\n") + "\n"
    if external(page) or "innerHTML = nodeData" in page:
        raise KgError("The page still loads something from the network or sets HTML from data",
                      "Report this as a bug in kg/html.py")
    return page


def external(page: str) -> list[str]:
    """URLs in `src`/`href` attributes that point off the machine (should be none)."""
    found = re.findall(r"\b(?:src|href)\s*=\s*[\"']?\s*((?:https?:)?//[^\"'\s>]+)", page, flags=re.I)
    return sorted(set(found))


def _header(g: nx.DiGraph, title: str) -> str:
    events = sum(d.get("count", 0) for _, _, d in g.edges(data=True))
    items = [f'<li><span class="dot" style="background:{colour}"></span>{html.escape(name)}</li>'
             for name, colour in (("State", TYPE_COLOURS["State"]),
                                  ("Armed group", TYPE_COLOURS["ArmedGroup"]),
                                  ("Organisation", TYPE_COLOURS["Organisation"]))]
    items += [f'<li><span class="line" style="border-color:{TIE_COLOURS[k]}"></span>{text}</li>'
              for k, text in (("cooperative", "cooperative"), ("hostile", "hostile"),
                              ("neutral", "mixed or neutral"))]
    items.append(f'<li><span class="line dashed" style="border-color:{TIE_COLOURS["neutral"]}">'
                 "</span>all events negated</li>")
    items.append("<li>arrow: actor &rarr; recipient; size: centrality; width: events</li>")
    summary = (f"{g.number_of_nodes()} actors, {g.number_of_edges()} ties, {events} events. "
               "Hover over a tie for its events and evidence.")
    return (f'<header class="kg">\n<h1>{html.escape(title)}</h1>\n<p>{html.escape(summary)}</p>\n'
            f'<ul class="legend">\n' + "\n".join(items) + "\n</ul>\n</header>\n")


def _node_title(node: str, data: dict) -> str:
    """A node's tooltip, plain text."""
    kind = data.get("type") or "Actor"
    code = data.get("code")
    lines = [f"{data.get('label') or node} ({kind}{', ' + code if code else ''})"]
    if data.get("wikidata"):
        lines.append(f"Wikidata {data['wikidata']}")
    lines.append(f"{data.get('events', 0)} events, {data.get('ties', 0)} ties")
    return "\n".join(lines)


def _edge_title(g: nx.DiGraph, source: str, target: str, data: dict) -> str:
    """A tie's tooltip, plain text: a summary, then one paragraph per event."""
    events = data.get("events", [])
    name = (g.nodes[source].get("label") or source, g.nodes[target].get("label") or target)
    counts = ", ".join(f"{c} {n}" for c, n in data.get("counts", {}).items())
    lines = [f"{name[0]} \u2192 {name[1]}: {len(events)} event{'s' if len(events) != 1 else ''}, "
             f"score {data.get('score', 0.0):+.1f}",
             (counts or "no events asserted") + (f"; {data['negated']} negated"
                                                 if data.get("negated") else "")]
    for event in events[:MAX_LISTED]:
        category = ("not " if event.get("negated") else "") + event["event"]
        if event.get("modality", "asserted") != "asserted":
            category += f" ({event['modality']})"
        where = f"{event.get('doc', '')} s{event.get('sentence', '')}"
        text = " ".join(str(event.get("text") or "").split())
        if len(text) > MAX_SENTENCE:
            text = text[:MAX_SENTENCE - 1] + "\u2026"
        lines += ["", f"{event.get('date') or 'undated'} \u00b7 {category} \u00b7 {where}",
                  f"\u201c{text}\u201d"]
    if len(events) > MAX_LISTED:
        lines += ["", f"\u2026 and {len(events) - MAX_LISTED} more"]
    return "\n".join(lines)


def _node_colour(kind: str | None) -> dict:
    fill = TYPE_COLOURS.get(kind or "", OTHER_COLOUR)
    return {"background": fill, "border": "#ffffff",
            "highlight": {"background": fill, "border": "#222222"},
            "hover": {"background": fill, "border": "#222222"}}


def _stance(score: float) -> str:
    if score >= NEUTRAL_BAND:
        return "cooperative"
    if score <= -NEUTRAL_BAND:
        return "hostile"
    return "neutral"

