"""The HTML page live in headless Chromium, driven over the DevTools protocol (tests/browser.py):
the seed graph and a 500-actor, 20,000-event synthetic graph draw offline without console errors
or requests, the layout stops, and the page's filter agrees with kg.views.network.build's filters.

Networking is off as in test_html.py (unresolvable hosts, a dead proxy); Chromium is required.
"""
from __future__ import annotations

import time
from pathlib import Path

import networkx as nx
import pytest

import browser
import kg
import synthetic
from kg.views import page as html
from kg.views.page import TIE_COLOURS, render, write_html
from kg.views.network import build
from kg.views.notebook import show
from kg.views.measures import stance
from test_html import hostile_events

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "articles" / "hln-2016-09-05-obama-poetin-g20.txt"
STABLE = "document.body.getAttribute('data-stabilized') === 'true'"


@pytest.fixture(scope="module")
def chrome():
    with browser.DevTools() as running:
        yield running


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, tuple[Path, nx.DiGraph]]:
    """The seed page as `kg build` writes it, and the synthetic one."""
    folder = tmp_path_factory.mktemp("pages")
    result = kg.build([SEED])
    kg.write_outputs(result, folder)
    big = build(synthetic.events(500, 20000))       # issue 14's size
    write_html(big, folder / "big.html", title="500 actors, 20,000 events")
    return {"seed": (folder / "graph.html", build(result.records())), "big": (folder / "big.html", big)}


@pytest.mark.parametrize("name, nodes", [("seed", 7), ("big", 500)])
def test_page_draws_offline_and_stops_moving(chrome, pages, tmp_path, name, nodes):
    page, g = pages[name]
    assert g.number_of_nodes() == nodes
    tab = chrome.open(page)
    waited = tab.wait(STABLE, timeout=60)
    print(f"{name}: {g.number_of_nodes()} nodes, {g.number_of_edges()} ties, layout done "
          f"{int(tab.evaluate('document.body.dataset.layoutMs')) / 1000:.2f} s after loading began, "
          f"{waited:.2f} s after the load event")
    assert tab.evaluate("network.body.data.nodes.length") == nodes
    assert tab.evaluate("network.body.data.edges.length") == g.number_of_edges()
    assert tab.evaluate("network.physics.options.enabled") is False
    first, positions = tab.screenshot(tmp_path / "a.png"), tab.evaluate("network.getPositions()")
    time.sleep(1)
    assert tab.screenshot(tmp_path / "b.png") == first                # nothing moves any more
    assert tab.evaluate("network.getPositions()") == positions
    width, height, _, _ = browser.read_png(tmp_path / "a.png")
    top = tab.evaluate("document.querySelector('header.kg').getBoundingClientRect().bottom")
    canvas = browser.pixels(tmp_path / "a.png", (0, int(top) + 2, width, height))
    assert canvas["non_white"] > 0.01 * canvas["total"], canvas     # nodes and ties drawn
    assert min(canvas["green"], canvas["red"], canvas["blue"]) > 300, canvas
    assert tab.problems() == []                                       # no console error or warning
    assert tab.requests() == []                                       # nothing left the file


def test_devtools_sees_errors_and_requests(chrome, tmp_path):
    """The two checks above can fail: a page that logs, throws and fetches is caught."""
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html><body><script>console.error('boom');"
                    "fetch('https://example.org/x').catch(function () {});"
                    "setTimeout(function () { undefinedFunction(); }, 0);</script></body></html>")
    tab = chrome.open(page)
    tab.wait("true")
    time.sleep(0.5)
    problems = tab.problems()
    assert any("boom" in p for p in problems) and any("undefinedFunction" in p for p in problems)
    assert "https://example.org/x" in tab.requests()


#: Filters set in the page: (from, to, categories left unticked).
FILTERS = [
    ("2016-09-01", "2016-09-06", ()),
    ("", "", ("ASSAULT",)),
    ("2016-09-02", "", ("AID", "CONSULT")),
    ("", "2016-09-01", ()),
    ("2017-01-01", "", ()),                     # nothing left
]


@pytest.mark.parametrize("start, end, unticked", FILTERS)
def test_page_filter_agrees_with_the_python_filter(chrome, tmp_path, start, end, unticked):
    events = hostile_events()
    g = build(events)
    page = tmp_path / "page.html"
    write_html(g, page, title="filter")
    tab = chrome.open(page)
    tab.wait(STABLE, timeout=60)
    tab.evaluate(f"""(function () {{
        document.getElementById("kg-from").value = {start!r};
        document.getElementById("kg-to").value = {end!r};
        document.querySelectorAll("#kg-categories input").forEach(function (box) {{
            box.checked = {list(unticked)!r}.indexOf(box.value) < 0; }});
        document.getElementById("kg-to").dispatchEvent(new Event("change"));
        return true; }})()""")
    shown = {(e["from"], e["to"]): e for e in tab.evaluate("edges.get()")}
    kept = [c for c in {e["event"] for e in events} if c not in unticked]
    want = build(events, start=start or None, end=end or None, categories=kept)
    visible = {pair for pair, e in shown.items() if not e.get("hidden")}
    assert visible == set(want.edges)
    for pair in visible:
        d = want.edges[pair]
        assert shown[pair]["title"] == html._edge_title(want, *pair, d)
        assert shown[pair]["color"] == TIE_COLOURS[stance(d["score"])]
        assert shown[pair]["dashes"] == (d["negated"] == d["count"])
        assert shown[pair].get("label", "") == html.failed_label(d["events"])
        assert abs(shown[pair]["width"] - html.edge_width(d["count"], d["score"])) < 0.011
    hidden_nodes = {n["id"] for n in tab.evaluate("nodes.get()") if n.get("hidden")}
    assert hidden_nodes == set(g.nodes) - {n for pair in want.edges for n in pair}
    status = tab.evaluate("document.getElementById('kg-status').textContent")
    assert status == f"{sum(d['count'] for *_, d in want.edges(data=True))} of 9 events on ties"
    # show all: back to the page as written
    tab.evaluate("document.getElementById('kg-reset').click() || true")
    again = {(e["from"], e["to"]): e for e in tab.evaluate("edges.get()")}
    assert all(not e.get("hidden") for e in again.values())
    assert {pair: e["title"] for pair, e in again.items()} == {
        pair: html._edge_title(g, *pair, g.edges[pair]) for pair in g.edges}
    assert tab.problems() == []


@pytest.mark.parametrize("context", ["ceasefire", "terrorism"])
def test_page_context_filter_agrees_with_the_python_filter(chrome, pages, context):
    """The seed page's "about" menu: the ties left are those `build(..., contexts=...)` keeps; the
    failed US-Russia agreement is about the ceasefire (issue 14)."""
    page, _ = pages["seed"]
    records = kg.build([SEED]).records()
    tab = chrome.open(page)
    tab.wait(STABLE, timeout=60)
    options = tab.evaluate("Array.prototype.map.call(document.querySelectorAll('#kg-context option'), "
                           "function (o) { return o.value; })")
    assert options[0] == "" and context in options
    tab.evaluate(f"""(function () {{ var s = document.getElementById("kg-context");
        s.value = {context!r}; s.dispatchEvent(new Event("change")); return true; }})()""")
    visible = {(e["from"], e["to"]) for e in tab.evaluate("edges.get()") if not e.get("hidden")}
    want = build(records, contexts=[context])
    assert visible == set(want.edges) and visible
    if context == "ceasefire":
        assert ("USA", "RUS") in visible and want.edges["USA", "RUS"]["negated"] == 1
    tab.evaluate("document.getElementById('kg-reset').click() || true")
    assert tab.evaluate("document.getElementById('kg-context').value") == ""
    assert tab.problems() == []


def test_finding_or_clicking_an_actor_opens_its_events(chrome, pages):
    """The search box finds an actor by its name, selects it and opens a panel with every event on
    its ties (as text); a click on a node does the same, a click elsewhere closes it (issue 14)."""
    page, g = pages["seed"]
    tab = chrome.open(page)
    tab.wait(STABLE, timeout=60)
    options = tab.evaluate("Array.prototype.map.call(document.querySelectorAll('#kg-actors option'), "
                           "function (o) { return o.value; })")
    assert "Russia" in options and len(options) == g.number_of_nodes()
    assert tab.evaluate("document.getElementById('kg-panel').hidden") is True
    tab.evaluate("""(function () { var s = document.getElementById("kg-search");
        s.value = "russ"; s.dispatchEvent(new Event("change")); return true; })()""")
    assert tab.evaluate("network.getSelectedNodes()") == ["RUS"]
    assert tab.evaluate("document.getElementById('kg-panel').hidden") is False
    assert tab.evaluate("document.getElementById('kg-panel-title').textContent") == "Russia"
    items = tab.evaluate("Array.prototype.map.call(document.querySelectorAll('#kg-panel-events li'), "
                         "function (li) { return li.textContent; })")
    on_russia = sum(d["count"] for a, b, d in g.edges(data=True) if "RUS" in (a, b))
    assert len(items) == on_russia and any("not AGREE" in item for item in items)
    assert tab.evaluate("document.querySelectorAll('#kg-panel-events li *').length") == 0   # text only
    tab.evaluate('(network.emit("click", {nodes: ["TUR"], edges: []}), true)')
    assert tab.evaluate("document.getElementById('kg-panel').getAttribute('data-actor')") == "TUR"
    tab.evaluate('(network.emit("click", {nodes: [], edges: []}), true)')
    assert tab.evaluate("document.getElementById('kg-panel').hidden") is True
    assert tab.problems() == []


def test_notebook_network_is_pyvis_in_notebook_mode_and_offline(tmp_path, monkeypatch):
    from pyvis.network import Network
    g = build(hostile_events())
    net = show(g, title="nb")
    assert isinstance(net, Network) and net.template is not None      # pyvis's prep_notebook ran
    inline = net._repr_html_()
    assert inline.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts"' in inline
    import html as stdlib_html
    srcdoc = stdlib_html.unescape(inline.split('srcdoc="', 1)[1].split('" sandbox', 1)[0])
    assert srcdoc == render(g, title="nb")                   # kg's page: offline and escaped
    assert "<script>alert(1)" not in inline and "<script>alert(1)" not in srcdoc
    monkeypatch.chdir(tmp_path)
    frame = net.show("nb.html")                              # pyvis's own way, same page
    assert (tmp_path / "nb.html").read_text(encoding="utf-8") == render(g, title="nb")
    assert frame.src == "nb.html" and not (tmp_path / "lib").exists()


def _pixels_like(png: Path, rgb: tuple[int, int, int], box: tuple[int, int, int, int], tolerance: int = 24) -> int:
    """Pixels of about that colour inside box (left, top, right, bottom) of the screenshot."""
    width, height, bpp, rows = browser.read_png(png)
    left, top, right, bottom = box
    return sum(1 for row in rows[max(0, top):min(height, bottom)]
               for x in range(max(0, left) * bpp, min(width, right) * bpp, bpp)
               if all(abs(row[x + k] - rgb[k]) <= tolerance for k in range(3)))


def test_seed_failed_talks_show_without_hovering(chrome, pages, tmp_path):
    """Obama and Putin talked but failed to agree: the US-Russia tie carries "failed: AGREE" on
    the drawing itself, in the label colour, not only in its tooltip."""
    page, g = pages["seed"]
    tab = chrome.open(page)
    tab.wait(STABLE, timeout=60)
    tie = next(e for e in tab.evaluate("edges.get()") if {e["from"], e["to"]} == {"USA", "RUS"})
    assert tie["label"] == "failed: AGREE" and not tie["dashes"]     # talks did happen
    assert all(not e.get("label") for e in tab.evaluate("edges.get()") if e["id"] != tie["id"])
    colour = tuple(int(html.FAILED_FONT["color"][k:k + 2], 16) for k in (1, 3, 5))
    x, y = tab.evaluate("""(function () { var p = network.getPositions(['USA', 'RUS']);
        var d = network.canvasToDOM({x: (p.USA.x + p.RUS.x) / 2, y: (p.USA.y + p.RUS.y) / 2});
        var r = network.body.container.getBoundingClientRect();
        return [Math.round(d.x + r.left), Math.round(d.y + r.top)]; })()""")
    shot = tmp_path / "seed.png"
    shot.write_bytes(tab.screenshot())
    near = _pixels_like(shot, colour, (x - 90, y - 40, x + 90, y + 40))
    assert near > 30, near                                  # the label is painted by the tie


def _hostile_page(chrome, tmp_path, title: str):
    """(events, network, tab): test_html's hostile events drawn and loaded, layout done."""
    events = hostile_events()
    g = build(events)
    page = tmp_path / "page.html"
    write_html(g, page, title=title)
    tab = chrome.open(page)
    tab.wait(STABLE, timeout=60)
    return events, g, tab


def test_replay_steps_the_network_through_its_dates(chrome, tmp_path):
    events, g, tab = _hostile_page(chrome, tmp_path, "replay")
    dates = sorted({e["date"] for *_, d in g.edges(data=True) for e in d["events"] if e.get("date")})
    assert len(dates) >= 3
    tab.evaluate("window.kgReplayMs = 100; document.getElementById('kg-replay').click() || true")
    assert tab.evaluate("document.body.getAttribute('data-replayed')") == dates[0]   # the first step at once
    assert tab.evaluate("document.getElementById('kg-replay').textContent") == "stop"
    visible = {(e["from"], e["to"]) for e in tab.evaluate("edges.get()") if not e.get("hidden")}
    assert visible == set(build(events, end=dates[0]).edges)                        # the network on that day
    tab.wait(f"document.body.getAttribute('data-replayed') === {dates[-1]!r}", timeout=5 + len(dates) * 2)
    visible = {(e["from"], e["to"]) for e in tab.evaluate("edges.get()") if not e.get("hidden")}
    assert visible == set(build(events, end=dates[-1]).edges)
    time.sleep(0.2)
    assert tab.evaluate("document.getElementById('kg-replay').textContent") == "replay"   # it stopped


def test_a_dyads_panel_has_its_events_and_a_timeline(chrome, tmp_path):
    events, g, tab = _hostile_page(chrome, tmp_path, "dyad")
    pair = ("USA", "RUS")
    tie = next(e for e in tab.evaluate("edges.get()") if (e["from"], e["to"]) == pair)
    tab.evaluate(f"window.kgShowDyad({tie['id']!r}) || true")
    assert tab.evaluate("document.getElementById('kg-panel').hidden") is False
    assert tab.evaluate("document.getElementById('kg-panel').getAttribute('data-dyad')") == "USA|RUS"
    both = [e for a, b in (pair, pair[::-1]) if g.has_edge(a, b) for e in g.edges[a, b]["events"]]
    items = tab.evaluate("Array.prototype.map.call(document.querySelectorAll('#kg-panel-events li'), "
                         "function (li) { return li.textContent; })")
    assert len(items) == len(both) and all("\u2192" in item for item in items)
    days: dict[str, float] = {}
    for e in both:
        if e.get("date") and not e.get("negated"):
            days[e["date"]] = days.get(e["date"], 0) + html.WEIGHT[e["event"]]
    bars = tab.evaluate("Array.prototype.map.call(document.querySelectorAll('#kg-timeline rect'), "
                        "function (r) { return [r.getAttribute('data-date'), Number(r.getAttribute('data-sum')), "
                        "r.getAttribute('fill')]; })")
    assert {d: s for d, s, _ in bars} == pytest.approx(days)
    assert all(fill == TIE_COLOURS[stance(s)] for _, s, fill in bars)
    tab.evaluate("window.kgShowActor('USA') || true")           # an actor's panel has no timeline
    assert tab.evaluate("document.getElementById('kg-timeline') === null")


def test_no_two_labels_overlap_at_the_first_view(chrome, pages):
    page, g = pages["big"]
    tab = chrome.open(page)
    tab.wait(STABLE, timeout=90)
    shown = tab.evaluate("""(function () { var scale = network.getScale(), out = [];
        nodes.get().forEach(function (n) {
            var body = network.body.nodes[n.id], font = (n.font && n.font.size) || 16;
            if (font * scale < 9 || !body.labelModule.size) { return; }
            var s = body.labelModule.size; out.push([n.id, s.left, s.top, s.left + s.width, s.top + s.height]); });
        return out; })()""")
    hidden = int(tab.evaluate("document.body.getAttribute('data-labels-hidden')"))
    print(f"{len(shown)} labels shown, {hidden} shrunk until one zooms in")
    assert len(shown) >= 20 and hidden > 0
    for k, a in enumerate(shown):
        for b in shown[k + 1:]:
            assert not (a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]), (a, b)
    tab.evaluate("network.moveTo({scale: network.getScale() * 4}) || true")   # zoomed in, more show
    time.sleep(0.3)
    more = tab.evaluate("nodes.get().filter(function (n) { return ((n.font && n.font.size) || 16) * "
                        "network.getScale() >= 9; }).length")
    assert more > len(shown)


def test_colour_by_bloc(chrome, pages):
    from kg.views.analysis import blocs
    page, g = pages["seed"]
    tab = chrome.open(page)
    tab.wait(STABLE, timeout=60)
    before = {n["id"]: n["color"] for n in tab.evaluate("nodes.get()")}
    tab.evaluate("var c = document.getElementById('kg-colour'); c.value = 'bloc'; "
                 "c.dispatchEvent(new Event('change')) || true")
    after = {n["id"]: n["color"] for n in tab.evaluate("nodes.get()")}
    want = {m: html.BLOC_COLOURS[row["bloc"] - 1] for row in blocs(g) for m in row["members"]}
    assert after == want and len(set(after.values())) > 1
    tab.evaluate("var c = document.getElementById('kg-colour'); c.value = 'type'; "
                 "c.dispatchEvent(new Event('change')) || true")
    assert {n["id"]: n["color"] for n in tab.evaluate("nodes.get()")} == before


def test_a_big_network_is_laid_out_by_bloc(chrome, pages):
    """The blocs of `kg show blocs` start apart and stay together: after the layout settles, an
    actor is nearer to the members of its own bloc than to those of the others, on average."""
    from kg.views.analysis import blocs
    page, g = pages["big"]
    tab = chrome.open(page)
    tab.wait(STABLE, timeout=90)
    at = tab.evaluate("network.getPositions()")
    bloc = {m: row["bloc"] for row in blocs(g) if row["size"] > 1 for m in row["members"]}
    assert len(set(bloc.values())) >= 3
    inside, across = [], []
    members = sorted(bloc)
    for k, a in enumerate(members):
        for b in members[k + 1:]:
            d = ((at[a]["x"] - at[b]["x"]) ** 2 + (at[a]["y"] - at[b]["y"]) ** 2) ** 0.5
            (inside if bloc[a] == bloc[b] else across).append(d)
    mean_in, mean_across = sum(inside) / len(inside), sum(across) / len(across)
    print(f"mean distance inside a bloc {mean_in:.0f} px, across blocs {mean_across:.0f} px")
    assert mean_in < 0.6 * mean_across


def test_bloc_positions_put_each_bloc_in_its_own_place():
    rows = [{"members": ["a", "b", "c", "d"]}, {"members": ["e", "f"]}, {"members": ["g"]}, {"members": ["h"]}]
    at = html.bloc_positions(rows, {"a": 0.1, "b": 0.9})
    assert sorted(at) == list("abcdefgh")
    centre = lambda ms: (sum(at[m]["x"] for m in ms) / len(ms), sum(at[m]["y"] for m in ms) / len(ms))  # noqa: E731
    (ax, ay), (ex, ey) = centre("abcd"), centre("ef")
    assert ((ax - ex) ** 2 + (ay - ey) ** 2) ** 0.5 > 2 * html.SPACING
    # the most central member starts in the middle of its bloc's spiral
    assert min("abcd", key=lambda m: (at[m]["x"] - at["b"]["x"]) ** 2 + (at[m]["y"] - at["b"]["y"]) ** 2) == "b"
    assert html.bloc_positions(rows, {}) == html.bloc_positions(rows, {})
