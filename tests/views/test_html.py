"""kg.views.page: the offline page, checked in its bytes and in a real headless Chromium.

The browser tests open the page from a file:// URL with every host name unresolvable and a dead
proxy (tests/browser.py); Chromium is required, its absence fails the tests.
"""
from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from html.parser import HTMLParser

import pytest
from pyvis.network import Network

import browser
from kg.base.errors import KgError
from kg.views import page as html
from kg.views.page import TIE_COLOURS, TYPE_COLOURS, external, write_html
from kg.views.network import build
from test_network import EVENTS, ev

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"
LABEL = "Rebels <img src=x onerror=\"document.title='pwned'\"> & \"co\" \\ href"
#: The scripts of the page: pyvis's utils.js, vis-network.min.js and the graph; kg's filter data
#: (application/json) and filter script; nothing else.
SCRIPTS = 5


def hostile_events() -> list[dict]:
    """EVENTS, with untrusted text in a sentence, a mention and an actor label."""
    events = [dict(e) for e in EVENTS]
    events[0] = dict(events[0], text=f"De Amerikanen steunen {PAYLOAD} de rebellen.")
    for i, e in enumerate(events):
        for end in ("actor", "recipient"):
            if e[end] and e[end]["id"] == "REB":
                events[i] = e = dict(e, **{end: dict(e[end], label=LABEL, mention=PAYLOAD)})
    return events


class Tags(HTMLParser):
    """The elements of a page as a browser's tokenizer sees them (script bodies are text)."""

    def __init__(self, text: str):
        super().__init__()
        self.count, self.attrs = Counter(), []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.count[tag] += 1
        self.attrs += [(tag, name, value) for name, value in attrs]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "network.html"
    write_html(build(hostile_events()), path, title="Syria <b>2016</b>")
    return path


@pytest.fixture(scope="module")
def data(page) -> dict:
    """The nodes and edges as the page hands them to vis-network."""
    text = page.read_text(encoding="utf-8")
    found = re.findall(r"new vis\.DataSet\((\[.*?\])\);\n", text)
    assert len(found) == 2
    return {"nodes": json.loads(found[0]), "edges": json.loads(found[1])}


@pytest.fixture(scope="module")
def timings() -> dict:
    return {}


def timed(timings: dict, name: str, call):
    began = time.perf_counter()
    result = call()
    timings[name] = round(time.perf_counter() - began, 2)
    print(f"{name}: {timings[name]} s")
    return result


# --- the bytes -----------------------------------------------------------------------------

def test_no_network_url_in_src_or_href(page):
    text = page.read_text(encoding="utf-8")
    assert external(text) == []
    assert not re.search(r"\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", text, re.I)
    tags = Tags(text)
    assert (tags.count["script"], tags.count["link"], tags.count["img"]) == (SCRIPTS, 0, 0)
    assert [a for a in tags.attrs if a[1] in ("src", "href") or a[1].startswith("on")] == []


def test_external_finds_what_pyvis_links(tmp_path):
    raw = tmp_path / "raw.html"
    net = Network(cdn_resources="in_line")
    net.add_node("a")
    net.write_html(str(raw))
    assert external(raw.read_text()) == [
        "https://cdn.jsdelivr.net/npm/bootstrap@5.0.0-beta3/dist/css/bootstrap.min.css",
        "https://cdn.jsdelivr.net/npm/bootstrap@5.0.0-beta3/dist/js/bootstrap.bundle.min.js"]


@pytest.mark.parametrize("raw", [PAYLOAD, "<img src=x", "onerror=\"document", "<b>2016"])
def test_untrusted_text_never_appears_raw(page, raw):
    assert raw not in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("escaped", [
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u003cimg src=x onerror=alert(2)\\u003e",
    "Rebels \\u003cimg src=x onerror=\\\"document.title=\\u0027pwned\\u0027\\\"\\u003e \\u0026",
    "<title>Syria &lt;b&gt;2016&lt;/b&gt;</title>",
    "<h1>Syria &lt;b&gt;2016&lt;/b&gt;</h1>",
])
def test_untrusted_text_appears_escaped(page, escaped):
    assert escaped in page.read_text(encoding="utf-8")


def test_no_html_popup(page):
    # pyvis sets popup.innerHTML from node titles containing "href"; LABEL contains one
    assert "innerHTML = nodeData" not in page.read_text(encoding="utf-8")


def test_tooltips_list_events_as_text(data):
    tie = next(e for e in data["edges"] if (e["from"], e["to"]) == ("USA", "REB"))
    assert tie["title"].split("\n") == [
        f"United States \u2192 {LABEL}: 3 events, score +5.5",
        "SUPPORT 1, AID 1; 1 negated",
        "", "2016-09-01 \u00b7 AID \u00b7 d s2", "\u201csentence 2\u201d",
        "", "2016-09-05 \u00b7 SUPPORT \u00b7 d s1", f"\u201cDe Amerikanen steunen {PAYLOAD} de rebellen.\u201d",
        "", "2016-09-07 \u00b7 not ASSAULT \u00b7 d s3", "\u201csentence 3\u201d",
    ]
    accuse = next(e for e in data["edges"] if (e["from"], e["to"]) == ("USA", "RUS"))
    assert "2016-09-06 \u00b7 ACCUSE (reported) \u00b7 d s7" in accuse["title"]


@pytest.mark.parametrize("source, target, colour, dashed", [
    ("USA", "REB", TIE_COLOURS["cooperative"], False),   # +5.5
    ("RUS", "REB", TIE_COLOURS["hostile"], False),       # -10
    ("USA", "RUS", TIE_COLOURS["hostile"], False),       # -2
    ("SYR", "UN", TIE_COLOURS["neutral"], True),         # all negated
])
def test_edge_colour_and_dashes(data, source, target, colour, dashed):
    tie = next(e for e in data["edges"] if (e["from"], e["to"]) == (source, target))
    assert (tie["color"], tie["dashes"], tie["arrows"]["to"]["enabled"]) == (colour, dashed, True)


@pytest.mark.parametrize("source, target, width", [
    ("RUS", "REB", 7.2),      # 2 assaults: 1 + 0.5 * 10 + 1.2 * log2(2)
    ("USA", "REB", 5.65),     # 3 events, net +5.5: 1 + 2.75 + 1.2 * log2(3)
    ("SYR", "REB", 5.0),      # 1 coercion: 1 + 4
    ("USA", "RUS", 2.0),      # 1 accusation: 1 + 1
    ("SYR", "UN", 1.0),       # negated only: net 0
])
def test_edge_width_by_net_score_and_events(data, source, target, width):
    assert next(e for e in data["edges"] if (e["from"], e["to"]) == (source, target))["width"] == width


@pytest.mark.parametrize("total, n, text", [
    (11, 2, "+5.5"), (-20, 2, "-10.0"), (9, 4, "+2.3"), (-9, 4, "-2.3"), (0, 0, "+0.0"),
    (0, 3, "+0.0"), (1, 3, "+0.3"), (23, 20, "+1.2"), (-1, 30, "+0.0"),
])
def test_scores_in_tooltips_round_halves_away_from_zero(total, n, text):
    assert html._tenths(total, n) == text


@pytest.mark.parametrize("node, colour", [
    ("USA", TYPE_COLOURS["State"]), ("REB", TYPE_COLOURS["ArmedGroup"]),
    ("UN", TYPE_COLOURS["Organisation"]),
])
def test_node_colour_by_type(data, node, colour):
    assert next(n for n in data["nodes"] if n["id"] == node)["color"]["background"] == colour


def test_node_size_follows_centrality(data):
    size = {n["id"]: n["size"] for n in data["nodes"]}
    assert size["REB"] == max(size.values()) == 38.0
    assert size["REB"] > size["USA"] > size["RUS"] > size["SYR"] > size["UN"]


def test_same_input_same_bytes(tmp_path):
    shuffled = list(reversed(hostile_events()))
    write_html(build(hostile_events()), tmp_path / "a.html", title="t")
    write_html(build(shuffled), tmp_path / "b.html", title="t")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_write_is_atomic_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "net.html"
    target.write_text("old")
    write_html(build(EVENTS), target)
    assert sorted(os.listdir(tmp_path)) == ["net.html"]
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_missing_folder_fails(tmp_path):
    with pytest.raises(KgError, match="does not exist"):
        write_html(build(EVENTS), tmp_path / "nope" / "net.html")


# --- a real browser ---------------------------------------------------------------------------

def test_chromium_missing_fails_not_skips(monkeypatch):
    monkeypatch.setattr(browser, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium"):
        browser.chromium()


def test_page_draws_the_network_offline(page, tmp_path, timings):
    png = timed(timings, "screenshot", lambda: browser.screenshot(page, tmp_path / "shot.png"))
    width, height, _, _ = browser.read_png(png)
    assert (width, height) == browser.WINDOW
    canvas = browser.pixels(png, (0, 130, width, height))      # below the header and legend
    assert canvas["non_white"] > 0.01 * canvas["total"], canvas   # measured: about 3 %
    assert min(canvas["green"], canvas["red"], canvas["blue"]) > 500, canvas


def test_live_dom_has_no_injected_element(page, timings):
    dom = timed(timings, "dump-dom", lambda: browser.dump_dom(page))
    assert 'data-stabilized="true"' in dom                     # layout done, physics off
    assert "<canvas" in dom
    tags = Tags(dom)
    assert (tags.count["script"], tags.count["img"], tags.count["link"]) == (SCRIPTS, 0, 0)
    assert [a for a in tags.attrs if a[1] in ("src", "href") or a[1].startswith("on")] == []
    assert "<title>Syria &lt;b&gt;2016&lt;/b&gt;</title>" in dom  # not "pwned": no handler ran
    assert re.search(r"<h1>Syria &lt;b&gt;2016&lt;/b&gt;</h1>", dom)


HOVER = browser.hover_script('e.from === "USA" && e.to === "REB"')


def test_tooltip_shows_untrusted_text_as_text(page, tmp_path, timings):
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", HOVER), encoding="utf-8")
    dom = timed(timings, "hover", lambda: browser.dump_dom(probe))
    tooltip = re.search(r'<div class="vis-tooltip"[^>]*visibility: visible[^>]*>(.*?)</div>', dom, re.S)
    assert tooltip, "no tooltip shown"
    shown = tooltip.group(1)
    assert "De Amerikanen steunen &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x " \
           "onerror=alert(2)&gt; de rebellen." in shown
    assert re.findall(r"<(\w+)", shown) == ["br"] * shown.count("<br")   # only line breaks


def test_page_makes_no_network_request(page, tmp_path, timings):
    asked = timed(timings, "net-log", lambda: browser.page_requests(page, tmp_path / "net.json"))
    assert asked == []


def test_net_log_catches_a_page_that_fetches(tmp_path):
    raw = tmp_path / "raw.html"
    net = Network(cdn_resources="in_line")
    net.add_node("a")
    net.write_html(str(raw))
    asked = browser.page_requests(raw, tmp_path / "net.json")
    assert any("cdn.jsdelivr.net" in url for url in asked), asked
