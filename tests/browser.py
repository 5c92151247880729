"""Drive a real headless Chromium, offline, for the tests of the HTML page; read its PNGs.

Chromium is required: when it is missing the tests fail (CI installs the Debian package).
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import struct
import subprocess
import tempfile
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
