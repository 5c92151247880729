"""Drive a real headless Chromium, offline, for the tests of the HTML page; read its PNGs.

Chromium is required: when it is missing the tests fail (CI installs the Debian package).
"""
from __future__ import annotations

import base64
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import tempfile
import threading
import time
import zlib
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
WINDOW = (1200, 900)

#: Headless, no sandbox (containers), and no way out: every host name fails to resolve and
#: everything but loopback goes to a proxy on a closed port.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--no-default-browser-check", "--disable-extensions",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>", "--hide-scrollbars",
)


def chromium() -> str:
    """The Chromium executable; fails the calling test (not a skip) when there is none."""
    found = CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")
    if not found:
        pytest.fail(f"Headless Chromium is needed and {CHROMIUM} is missing: "
                    "apt-get install chromium (or set KG_CHROMIUM)", pytrace=False)
    return found


def run(page: Path, *extra: str, budget_ms: int = 10000, timeout: float = 60) -> str:
    """Open `page` from a file:// URL with `extra` flags; return stdout.

    A page that opens a dialog (alert) never finishes in headless Chromium: after `timeout`
    seconds the browser's process group is killed and the test fails saying so.
    """
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        command = [chromium(), *FLAGS, f"--user-data-dir={profile}",
                   f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--virtual-time-budget={budget_ms}",
                   *extra, Path(page).resolve().as_uri()]
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              start_new_session=True) as process:
            try:
                out, err = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
                pytest.fail(f"Chromium did not finish {page} in {timeout} s: a dialog such as "
                            "alert() blocks it (did injected script run?)", pytrace=False)
    if process.returncode != 0:
        pytest.fail(f"Chromium exited with {process.returncode}: {err[-2000:]}", pytrace=False)
    return out


def screenshot(page: Path, png: Path, **kw) -> Path:
    """A screenshot of `page` after the virtual time budget."""
    run(page, f"--screenshot={Path(png).resolve()}", **kw)
    if not Path(png).is_file():
        pytest.fail(f"Chromium wrote no screenshot to {png}", pytrace=False)
    return Path(png)


def dump_dom(page: Path, **kw) -> str:
    """The live DOM of `page`, serialised, after the virtual time budget."""
    return run(page, "--dump-dom", **kw)


def read_png(png: Path) -> tuple[int, int, int, list[bytes]]:
    """(width, height, bytes per pixel, rows) of an 8-bit RGB/RGBA, non-interlaced PNG."""
    data = Path(png).read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{png} is not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"{png}: unsupported PNG (depth {depth}, colour {colour})")
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(b"".join(idat)), width * bpp, [], bytes(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def pixels(png: Path, box: tuple[int, int, int, int], *, white: int = 245) -> dict[str, int]:
    """Counts in `box` (left, top, right, bottom): non-white, greenish, reddish, bluish pixels."""
    width, height, bpp, rows = read_png(png)
    left, top, right, bottom = box
    counts = {"non_white": 0, "green": 0, "red": 0, "blue": 0, "total": 0}
    for y in range(top, min(bottom, height)):
        row = rows[y]
        for x in range(left, min(right, width)):
            r, g, b = row[x * bpp:x * bpp + 3]
            counts["total"] += 1
            if min(r, g, b) < white:
                counts["non_white"] += 1
            if g > r + 40 and g > b + 20:
                counts["green"] += 1
            if r > g + 60 and r > b + 60:
                counts["red"] += 1
            if b > r + 40 and b > g:
                counts["blue"] += 1
    return counts


#: Hosts Chromium itself calls (updates, clock, accounts) even with background networking off;
#: everything else in the net log was asked for by the page.
BROWSER_HOSTS = ("google.com", "googleapis.com", "gvt1.com")


def page_requests(page: Path, netlog: Path, **kw) -> list[str]:
    """Network URLs (not file:, data:, blob:) that loading `page` asked for, from Chromium's net log."""
    run(page, f"--log-net-log={Path(netlog).resolve()}", **kw)
    text = Path(netlog).read_text(encoding="utf-8", errors="replace")
    urls = set(re.findall(r'"url"\s*:\s*"([^"]+)"', text))
    return sorted(url for url in urls
                  if re.match(r"(?:https?|wss?|ftp)://", url)
                  and not _host(url).endswith(BROWSER_HOSTS))


def _host(url: str) -> str:
    return re.sub(r"^[a-z]+://([^/:?#]*).*$", r"\1", url)


class DevTools:
    """One headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
    fds 3 and 4, JSON messages ending in NUL): no port, no websocket, no library. Collects what
    pages log (console errors and warnings, uncaught exceptions) and every URL they request.

        with DevTools() as chrome:
            tab = chrome.open(page)                 # waits for the load event
            tab.wait("document.body.dataset.stabilized === 'true'")
            png = tab.screenshot()
    """

    def __init__(self, *extra: str):
        read_ours, write_theirs = os.pipe()          # Chromium writes fd 4, we read
        read_theirs, write_ours = os.pipe()          # we write, Chromium reads fd 3
        self._profile = tempfile.TemporaryDirectory(prefix="kg-devtools-")

        def wire():                                  # in the child: the pipe ends on fds 3 and 4
            import fcntl
            a = fcntl.fcntl(read_theirs, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(write_theirs, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        command = [chromium(), *FLAGS, f"--user-data-dir={self._profile.name}",
                   f"--window-size={WINDOW[0]},{WINDOW[1]}", "--remote-debugging-pipe", *extra,
                   "about:blank"]
        self.process = subprocess.Popen(command, pass_fds=(3, 4), preexec_fn=wire,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        os.close(read_theirs)
        os.close(write_theirs)
        self._out, self._in = write_ours, read_ours
        self._lock = threading.Condition()
        self._answers: dict[int, dict] = {}
        self.events: list[dict] = []
        self._next = 0
        threading.Thread(target=self._read, daemon=True).start()

    def __enter__(self) -> DevTools:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except Exception:  # noqa: BLE001 - closing anyway
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        os.close(self._out)
        self._profile.cleanup()

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30) -> dict:
        """Send one command; return its result (fail the test on a protocol error or timeout)."""
        with self._lock:
            self._next += 1
            number = self._next
        message = {"id": number, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode("utf-8") + b"\0")
        with self._lock:
            if not self._lock.wait_for(lambda: number in self._answers, timeout=timeout):
                pytest.fail(f"Chromium did not answer {method} in {timeout} s", pytrace=False)
            answer = self._answers.pop(number)
        if "error" in answer:
            pytest.fail(f"DevTools {method}: {answer['error']}", pytrace=False)
        return answer.get("result", {})

    def open(self, page: Path, timeout: float = 30) -> Tab:
        """A new tab with `page` loaded (from its file:// URL)."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        tab = Tab(self, session)
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=session)
        began = len(self.events)
        self.send("Page.navigate", {"url": Path(page).resolve().as_uri()}, session)
        with self._lock:
            if not self._lock.wait_for(lambda: any(
                    e.get("method") == "Page.loadEventFired" and e.get("sessionId") == session
                    for e in self.events[began:]), timeout=timeout):
                pytest.fail(f"{page} did not load in {timeout} s", pytrace=False)
        return tab

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._in, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            with self._lock:
                for raw in messages:
                    message = json.loads(raw)
                    if "id" in message:
                        self._answers[message["id"]] = message
                    else:
                        self.events.append(message)
                self._lock.notify_all()
        os.close(self._in)


class Tab:
    """One page in a DevTools session."""

    def __init__(self, chrome: DevTools, session: str):
        self.chrome, self.session = chrome, session

    def evaluate(self, expression: str):
        """The value of a JS expression (JSON-able), awaiting a promise."""
        result = self.chrome.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                       "awaitPromise": True}, self.session)
        if "exceptionDetails" in result:
            pytest.fail(f"JS failed: {expression[:200]}: {result['exceptionDetails']}", pytrace=False)
        return result["result"].get("value")

    def wait(self, expression: str, timeout: float = 20) -> float:
        """Seconds until the JS `expression` is true (fails after `timeout`)."""
        began = time.monotonic()
        while not self.evaluate(expression):
            if time.monotonic() - began > timeout:
                pytest.fail(f"Not true after {timeout} s: {expression}", pytrace=False)
            time.sleep(0.05)
        return time.monotonic() - began

    def screenshot(self, path: Path | None = None) -> bytes:
        data = base64.b64decode(self.chrome.send("Page.captureScreenshot", {"format": "png"},
                                                 self.session)["data"])
        if path is not None:
            Path(path).write_bytes(data)
        return data

    def problems(self) -> list[str]:
        """Console errors and warnings and uncaught exceptions of this tab."""
        found = []
        for event in self._events():
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                found.append(details.get("exception", {}).get("description") or details.get("text"))
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                found.append(params["entry"]["text"])
        return found

    def requests(self) -> list[str]:
        """URLs this tab asked for that are not file:, data:, blob: or about:."""
        urls = {event["params"]["request"]["url"] for event in self._events()
                if event["method"] == "Network.requestWillBeSent"}
        return sorted(url for url in urls if not url.startswith(("file:", "data:", "blob:", "about:")))

    def _events(self) -> list[dict]:
        with self.chrome._lock:
            return [e for e in self.chrome.events if e.get("sessionId") == self.session]


def hover_script(edge_filter: str) -> str:
    """A script to put before </body> of kg's page: once the layout has settled (before or after
    the script runs), move the mouse over the middle of the first edge `edge_filter` (a JS
    expression over `e`) selects, so vis-network shows that tie's tooltip."""
    return """<script>
var hovered = false;
function hover() {
  if (hovered) return;
  hovered = true;
  var edge = edges.get().filter(function (e) { return %s; })[0];
  var at = network.canvasToDOM(network.body.edges[edge.id].edgeType.getPoint(0.5));
  var canvas = document.querySelector("#mynetwork canvas"), box = canvas.getBoundingClientRect();
  canvas.dispatchEvent(new MouseEvent("mousemove",
      {clientX: box.left + at.x, clientY: box.top + at.y, bubbles: true}));
}
network.once("stabilizationIterationsDone", function () { setTimeout(hover, 200); });
(function wait() { if (document.body.dataset.stabilized === "true") setTimeout(hover, 200);
                   else setTimeout(wait, 100); })();
</script></body>""" % edge_filter
