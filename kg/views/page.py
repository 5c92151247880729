"""The actor network as one offline HTML page (pyvis / vis-network), safe for untrusted text.

Safety, as found in pyvis 0.3.2 and its bundled vis-network 9.1.2:
- Node and edge data reach the page through Jinja's `tojson`, which writes `<`, `>`, `&` and `'`
  as `\\u003c`... escapes, so no text can close the `<script>` it sits in. The filter's data is
  a `<script type="application/json">` block escaped the same way and read with `JSON.parse`.
- vis-network 9.1.2 shows a string `title` with `innerText` (plain text, newlines kept). But
  pyvis switches to its own popup, which sets `innerHTML`, as soon as a node title contains
  "href"; we render pyvis's template with that popup off, and refuse a page that contains it.
  The filter's script (`kg/data/page.js`) writes titles as strings and its status with
  `textContent`, never HTML.
- pyvis's `heading` is not escaped, so we leave it empty and write our own escaped header.
- Every page links Bootstrap from a CDN; we drop every external `<link>`/`<script src>` so
  the page makes no network request, and refuse a page that still has one.

The page: node size by centrality, colour by actor type; edge colour by net score (cooperative,
hostile, neutral) and width by |net score| and number of events; dashed when every event is
negated and labelled with its failed or refused acts ("failed: AGREE"); a replay of the network
date by date; a dyad's panel with a timeline of its cooperation and conflict; tooltips listing a tie's events (date, category, "not" when negated, modality, source
article and sentence, the sentence itself); a date and category filter over the embedded events;
physics that stabilises, then stops (`data-stabilized="true"` on the body, and `data-layout-ms`:
milliseconds from the start of loading).
"""
from __future__ import annotations

import html
import json
import math
import os
import re
from collections import Counter
from functools import lru_cache
from importlib.resources import files

import networkx as nx

from kg.base.errors import KgError
from kg.base.files import write_file
from kg.base.model import CATEGORIES
from kg.base.vocab import WEIGHT
from kg.views.analysis import blocs
from kg.views.measures import NEUTRAL_BAND, centrality, stance

#: Node colour by actor type (blue/orange/purple: apart from the green/red of the ties).
TYPE_COLOURS = {"State": "#4e79a7", "ArmedGroup": "#f28e2b", "Organisation": "#9c6ade"}
OTHER_COLOUR = "#9d9d9d"
#: Node colour by bloc (kg show blocs), largest bloc first; blocs past these are grey.
BLOC_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                "#17becf", "#bcbd22", "#393b79"]
#: Tie colour by net score: cooperative, hostile, neither.
TIE_COLOURS = {"cooperative": "#2e9e5b", "hostile": "#d62c2c", "neutral": "#a3a3a3"}
MAX_LISTED = 12             # events listed in a tie's tooltip
MAX_SENTENCE = 300          # characters of an evidence sentence in a tooltip
BIG = 150                   # from this many nodes on: straight, paler edges; labels by zoom
REPLAY_MS = 1000            # the replay's step: one date of the events a second
#: The smallest label size on screen (font size x zoom) vis-network draws: its default, and ours
#: for a big network.
LABEL_LIMIT = {"small": 5, "big": 9}
LABEL_PX = {"small": 16, "big": 12}     # the size on screen of the labels shown at the first view

OPTIONS = {
    "layout": {"randomSeed": 7, "improvedLayout": True},
    "nodes": {"shape": "dot", "borderWidth": 2,
              "font": {"size": 16, "face": "Helvetica, Arial, sans-serif", "color": "#222222",
                       "strokeWidth": 4, "strokeColor": "#ffffff"}},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.7}},
              "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.15},
              "selectionWidth": 2, "hoverWidth": 1},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                    "hideEdgesOnDrag": False},
    "physics": {"enabled": True, "solver": "barnesHut",
                "barnesHut": {"gravitationalConstant": -9000, "centralGravity": 0.25,
                              "springLength": 170, "springConstant": 0.04, "damping": 0.2,
                              "avoidOverlap": 0.3},
                "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50,
                                  "fit": True},
                "minVelocity": 0.75},
}

#: After the layout has stabilised, physics goes off so the page stops moving and using CPU, and
#: labels that would overlap a more central actor's at that view shrink below the size drawn
#: (they show as one zooms in: page.js `kgDeclutter`).
FREEZE = """
                  network.once("stabilizationIterationsDone", function () {
                      network.setOptions({physics: {enabled: false}});
                      network.fit();
                      network.once("afterDrawing", function () {
                          var hidden = window.kgDeclutter ? window.kgDeclutter() : 0;
                          var bar = document.getElementById("loadingBar");
                          if (bar) { bar.style.display = "none"; }
                          document.body.setAttribute("data-labels-hidden", String(hidden));
                          document.body.setAttribute("data-layout-ms", String(Math.round(performance.now())));
                          document.body.setAttribute("data-stabilized", "true");
                      });
                      network.redraw();
                  });"""
ANCHOR = "network = new vis.Network(container, data, options);"
#: The side panel an actor's events go in when it is clicked or found (filled by page.js, as text).
PANEL = ('<aside id="kg-panel" hidden>\n<button type="button" id="kg-panel-close">close</button>\n'
         '<h2 id="kg-panel-title"></h2>\n<p id="kg-panel-summary"></p>\n<ol id="kg-panel-events"></ol>\n</aside>\n')
#: The network fills the window below the header, whatever the header's height.
FIT = """var header = document.querySelector("header.kg");
                  container.style.height = Math.max(240, window.innerHeight
                      - (header ? header.offsetHeight : 0) - 2) + "px";
                  """




def write_html(g: nx.DiGraph, path: str | os.PathLike, *, title: str = "kg") -> None:
    """Write the network `g` (from `kg.views.network.build`) as a self-contained HTML page at `path`.

    Atomic (kg.pipeline.outputs.write_file) and deterministic: the same graph and title give the same bytes.
    """
    write_file(path, render(g, title=title).encode("utf-8"))


def render(g: nx.DiGraph, *, title: str = "kg") -> str:
    """The page as a string (what `write_html` writes)."""
    from pyvis.network import (
        Network,  # imports IPython (0.6 s): only when a page is drawn
    )
    net = Network(height="calc(100vh - 160px)", width="100%", directed=True,
                  cdn_resources="in_line", heading="")
    _fill(net, g)
    return _offline(_template(net), g, title)


MAX_WIDTH = 14.0


def edge_width(count: int, score: float) -> float:
    """Tie width: grows with |net score| and with the log of its number of events."""
    return round(min(MAX_WIDTH, 1 + 0.5 * abs(score) + 1.2 * math.log2(max(count, 1))), 2)


def _fill(net, g: nx.DiGraph) -> None:
    """Nodes and edges of `g` into a pyvis Network, with kg's options. A big network (BIG nodes
    or more) gets straight, paler edges, no improved layout (vis gives up on it at that size),
    and labels sized by centrality that show as one zooms in."""
    big = g.number_of_nodes() >= BIG
    sizes = centrality(g)
    rows = blocs(g) if big else []
    start = bloc_positions(rows, sizes)
    bloc = {m: row["bloc"] for row in rows for m in row["members"]}
    for node in sorted(g.nodes):
        data = g.nodes[node]
        extra = {"font": {"size": round(11 + 25 * sizes[node], 1)}, **start[node]} if big else {}
        net.add_node(node, label=str(data.get("label") or node), title=_node_title(node, data),
                     color=_node_colour(data.get("type")), size=round(12 + 26 * sizes[node], 2),
                     shape="dot", **extra)
    for number, (source, target) in enumerate(sorted(g.edges)):
        data = g.edges[source, target]
        count = data.get("count", len(data.get("events", ())))
        score = data.get("score", 0.0)
        spring = {"length": TIE_LENGTH[bloc[source] == bloc[target]]} if big else {}
        net.add_edge(source, target, id=f"t{number}", title=_edge_title(g, source, target, data), **spring,
                     color=TIE_COLOURS[stance(score)], width=edge_width(count, score),
                     dashes=bool(count) and data.get("negated", 0) == count,
                     arrows={"to": {"enabled": True, "scaleFactor": 0.7}},
                     label=failed_label(data.get("events", [])), font=FAILED_FONT)
    options = json.loads(json.dumps(OPTIONS))
    if big:
        options["layout"]["improvedLayout"] = False
        options["edges"]["smooth"] = {"enabled": False}
        options["edges"]["color"] = {"opacity": 0.55}
        options["nodes"]["scaling"] = {"label": {"drawThreshold": LABEL_LIMIT["big"]}}
        options["physics"]["stabilization"]["iterations"] = BIG_ITERATIONS   # it starts by bloc
    net.options = options


BIG_ITERATIONS = 250       # a big network starts from its blocs: fewer steps to settle
TIE_LENGTH = {True: 110, False: 420}     # a big network's spring length inside a bloc, across blocs
SPACING = 60.0               # px between neighbours in a bloc's starting spiral
GOLDEN = math.pi * (3 - math.sqrt(5))


def bloc_positions(rows: list[dict], sizes: dict[str, float]) -> dict[str, dict[str, float]]:
    """Where each actor of a big network starts ({"x", "y"}): the blocs of `kg show blocs`
    (`rows`) on a circle, largest first, each a sunflower spiral with its most central members
    in the middle; actors alone in their bloc on a ring outside. Physics then settles the
    layout from there, so blocs stay together and fewer iterations are needed."""
    groups = [r["members"] for r in rows if len(r["members"]) > 1]
    alone = [m for r in rows if len(r["members"]) == 1 for m in r["members"]]
    radii = [SPACING * math.sqrt(len(m)) for m in groups]
    ring = max(sum(2.2 * r for r in radii) / (2 * math.pi), max(radii, default=0.0))
    out: dict[str, dict[str, float]] = {}
    angle = 0.0
    for members, radius in zip(groups, radii):
        angle += (1.1 * radius) / ring if len(groups) > 1 else 0.0
        cx, cy = (ring * math.cos(angle), ring * math.sin(angle)) if len(groups) > 1 else (0.0, 0.0)
        angle += (1.1 * radius) / ring if len(groups) > 1 else 0.0
        ordered = sorted(members, key=lambda m: (-sizes.get(m, 0.0), m))
        for k, member in enumerate(ordered):
            r = SPACING * math.sqrt(k)
            out[member] = {"x": round(cx + r * math.cos(k * GOLDEN), 1), "y": round(cy + r * math.sin(k * GOLDEN), 1)}
    outer = ring + max(radii, default=0.0) + 2 * SPACING
    for k, member in enumerate(sorted(alone)):
        a = 2 * math.pi * k / max(1, len(alone))
        out[member] = {"x": round(outer * math.cos(a), 1), "y": round(outer * math.sin(a), 1)}
    return out


def _template(net) -> str:
    """pyvis's template, rendered as `Network.generate_html` does but never with its innerHTML
    popup (`tooltip_link`), which it would turn on for any node title containing "href"."""
    nodes, edges, heading, height, width, options = net.get_network_data()
    return net.templateEnv.get_template(net.path).render(
        height=height, width=width, nodes=nodes, edges=edges, heading=heading, options=options,
        physics_enabled=True, use_DOT=False, dot_lang="", widget=False, bgcolor=net.bgcolor,
        conf=False, tooltip_link=False, neighborhood_highlight=False, select_menu=False,
        filter_menu=False, notebook=False, cdn_resources="in_line")


def _offline(page: str, g: nx.DiGraph, title: str) -> str:
    """Drop external resources and pyvis's empty headings, add ours, freeze physics when stable,
    embed the filter's data and script."""
    page = re.sub(r"<link\b[^>]*?\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", "", page, flags=re.I)
    page = re.sub(r"<script\b[^>]*?\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>", "", page,
                  flags=re.I)
    page = re.sub(r"<!--\s*<link.*?-->", "", page, flags=re.S)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    if page.count(ANCHOR) != 1 or page.count("<body>") != 1 or page.count("</head>") != 1 \
            or page.count("</body>") != 1:
        raise KgError("pyvis's page template has changed", "Use pyvis 0.3.2 or update kg/views/page.py")
    page = page.replace(ANCHOR, FIT + ANCHOR + FREEZE)
    head = (f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>\n{_asset('page.css')}</style>\n</head>")
    page = page.replace("</head>", head, 1)
    page = page.replace("<body>", "<body>\n" + _header(g, title), 1)
    page = page.replace("</body>", f"{_data(g)}\n<script>\n{_asset('page.js')}</script>\n</body>", 1)
    page = "<!DOCTYPE html>\n" + page.lstrip()
    # not splitlines(): the minified script holds U+0085 and U+2028 inside string literals
    page = "\n".join(line.rstrip(" \t\r") for line in page.split("\n")).rstrip("\n") + "\n"
    if external(page) or "innerHTML = nodeData" in page:
        raise KgError("The page still loads something from the network or sets HTML from data",
                      "Report this as a bug in kg/views/page.py")
    return page


def external(page: str) -> list[str]:
    """URLs in `src`/`href` attributes that point off the machine (should be none)."""
    found = re.findall(r"\b(?:src|href)\s*=\s*[\"']?\s*((?:https?:)?//[^\"'\s>]+)", page, flags=re.I)
    return sorted(set(found))


def filter_data(g: nx.DiGraph) -> dict:
    """What the page's filter works on: per tie its id, ends, names and events as
    [date, category, negated, tooltip lines, contexts], plus the weights and colours it scores them by."""
    ties, dates = [], set()
    for number, (source, target) in enumerate(sorted(g.edges)):
        events = g.edges[source, target].get("events", [])
        dates.update(e["date"] for e in events if e.get("date"))
        ties.append({"id": f"t{number}", "from": source, "to": target,
                     "names": [_name(g, source), _name(g, target)],
                     "events": [[e.get("date") or "", e["event"], 1 if e.get("negated") else 0,
                                 _event_lines(e), list(e.get("contexts") or ())] for e in events]})
    ordered = sorted(dates)
    return {"ties": ties, "categories": list(CATEGORIES), "weights": WEIGHT, "band": NEUTRAL_BAND,
            "colours": TIE_COLOURS, "listed": MAX_LISTED, "maxWidth": MAX_WIDTH, "replayMs": REPLAY_MS,
            "labelLimit": LABEL_LIMIT["big" if g.number_of_nodes() >= BIG else "small"], "labelPx": LABEL_PX["big" if g.number_of_nodes() >= BIG else "small"],
            "dates": [ordered[0], ordered[-1]] if ordered else ["", ""],
            "blocs": {m: row["bloc"] for row in blocs(g) for m in row["members"]},
            "blocColours": BLOC_COLOURS, "otherColour": OTHER_COLOUR}


def _data(g: nx.DiGraph) -> str:
    text = json.dumps(filter_data(g), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return f'<script type="application/json" id="kg-data">{text}</script>'


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    """The page's stylesheet or script, shipped in kg/data (written into the page, never linked)."""
    text = files("kg.data").joinpath(name).read_text(encoding="utf-8")
    if "</" in text:
        raise KgError(f"kg/data/{name} contains '</'", "It is written inside a <style> or <script> element")
    return text


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
                 "</span>all events negated (&ldquo;not&rdquo; in tooltips)</li>")
    items.append(f'<li><span style="color:{FAILED_FONT["color"]}">failed: AGREE</span> on a tie: '
                 "acts that failed or were refused</li>")
    items.append("<li>arrow: actor &rarr; recipient; size: centrality; "
                 "width: |net score| and events</li>")
    summary = (f"{g.number_of_nodes()} actors, {g.number_of_edges()} ties, {events} events. "
               "Hover over a tie for its events and evidence; click an actor (or find it) for all of its own.")
    return (f'<header class="kg">\n<h1>{html.escape(title)}</h1>\n<p>{html.escape(summary)}</p>\n'
            f'<ul class="legend">\n' + "\n".join(items) + "\n</ul>\n" + _controls(g) + "</header>\n" + PANEL)


def _controls(g: nx.DiGraph) -> str:
    """The filter form (no inline handlers: the script attaches them)."""
    found = {e["event"] for _, _, d in g.edges(data=True) for e in d.get("events", [])}
    dates = sorted(e["date"] for _, _, d in g.edges(data=True) for e in d.get("events", [])
                   if e.get("date"))
    lo, hi = (html.escape(dates[0]), html.escape(dates[-1])) if dates else ("", "")
    events = sum(d.get("count", 0) for _, _, d in g.edges(data=True))
    boxes = "".join(f'<label><input type="checkbox" value="{c}" checked> {c.lower()}</label>'
                    for c in CATEGORIES if c in found)
    names = "".join(f'<option value="{html.escape(_name(g, n))}"></option>' for n in sorted(g.nodes, key=lambda n: _name(g, n)))
    about = Counter(c for _, _, d in g.edges(data=True) for e in d.get("events", []) for c in e.get("contexts") or ())
    options = "".join(f'<option value="{html.escape(c)}">{html.escape(c.replace("_", " "))} ({n})</option>'
                      for c, n in sorted(about.items(), key=lambda item: (-item[1], item[0])))
    return (f'<form class="kg-filter" id="kg-filter" autocomplete="off">\n'
            f'<label>from <input type="date" id="kg-from" value="{lo}" min="{lo}" max="{hi}"></label>\n'
            f'<label>to <input type="date" id="kg-to" value="{hi}" min="{lo}" max="{hi}"></label>\n'
            f'<fieldset id="kg-categories">{boxes}</fieldset>\n'
            f'<label>about <select id="kg-context"><option value="">any context</option>{options}</select></label>\n'
            f'<label>find <input type="search" id="kg-search" list="kg-actors" placeholder="actor"></label>\n'
            f'<label>colour <select id="kg-colour"><option value="type">by actor type</option>'
            f'<option value="bloc">by bloc (kg show blocs)</option></select></label>\n'
            f'<datalist id="kg-actors">{names}</datalist>\n'
            f'<button type="button" id="kg-replay" title="replay the network day by day up to each date">replay</button>\n'
            f'<button type="button" id="kg-reset">show all</button>\n'
            f'<span id="kg-status">all {events} events on ties</span>\n</form>\n')


def _node_title(node: str, data: dict) -> str:
    """A node's tooltip, plain text."""
    kind = data.get("type") or "Actor"
    code = data.get("code")
    lines = [f"{data.get('label') or node} ({kind}{', ' + code if code else ''})"]
    if data.get("country") and data.get("country") != node:
        lines.append(f"country {data['country']}")
    if data.get("wikidata"):
        lines.append(f"Wikidata {data['wikidata']}")
    lines.append(f"{data.get('events', 0)} events, {data.get('ties', 0)} ties")
    return "\n".join(lines)


#: how the page writes a tie's failed or refused acts on the tie itself, seen without hovering
FAILED_FONT = {"size": 13, "color": "#b3261e", "strokeWidth": 4, "strokeColor": "#ffffff", "align": "horizontal"}


def failed_label(events: list[dict]) -> str:
    """The label a tie carries when some of its events are negated ("failed: AGREE" for Obama
    and Putin's talks without agreement), else "" (the page's filter writes the same)."""
    failed = [c for c in CATEGORIES if any(e.get("negated") and e["event"] == c for e in events)]
    return "failed: " + ", ".join(failed) if failed else ""


def _edge_title(g: nx.DiGraph, source: str, target: str, data: dict) -> str:
    """A tie's tooltip, plain text: a summary, then one paragraph per event (the page's filter
    writes the same text for the events it keeps)."""
    events = data.get("events", [])
    asserted = [e for e in events if not e.get("negated")]
    found = {c: sum(1 for e in asserted if e["event"] == c) for c in CATEGORIES}
    counts = ", ".join(f"{c} {n}" for c, n in found.items() if n)
    negated = len(events) - len(asserted)
    lines = [f"{_name(g, source)} \u2192 {_name(g, target)}: {len(events)} "
             f"event{'s' if len(events) != 1 else ''}, "
             f"score {_tenths(sum(WEIGHT[e['event']] for e in asserted), len(asserted))}",
             (counts or "no events asserted") + (f"; {negated} negated" if negated else "")]
    for event in events[:MAX_LISTED]:
        lines += ["", _event_lines(event)]
    if len(events) > MAX_LISTED:
        lines += ["", f"\u2026 and {len(events) - MAX_LISTED} more"]
    return "\n".join(lines)


def _event_lines(event: dict) -> str:
    """One event in a tooltip: when, what, where from; then the sentence, quoted."""
    category = ("not " if event.get("negated") else "") + event["event"]
    if event.get("modality", "asserted") != "asserted":
        category += f" ({event['modality']})"
    where = f"{event.get('doc', '')} s{event.get('sentence', '')}"
    text = " ".join(str(event.get("text") or "").split())
    if len(text) > MAX_SENTENCE:
        text = text[:MAX_SENTENCE - 1] + "\u2026"
    return f"{event.get('date') or 'undated'} \u00b7 {category} \u00b7 {where}\n\u201c{text}\u201d"


def _tenths(total: float, n: int) -> str:
    """`total / n` to one decimal with a sign, halves away from zero (the page's JS does the same
    in integers, so both write the same text)."""
    t = (20 * abs(int(total)) + n) // (2 * n) if n else 0
    return f"{'-' if total < 0 and t else '+'}{t // 10}.{t % 10}"


def _name(g: nx.DiGraph, node: str) -> str:
    return str(g.nodes[node].get("label") or node)


def _node_colour(kind: str | None) -> dict:
    fill = TYPE_COLOURS.get(kind or "", OTHER_COLOUR)
    return {"background": fill, "border": "#ffffff",
            "highlight": {"background": fill, "border": "#222222"},
            "hover": {"background": fill, "border": "#222222"}}
