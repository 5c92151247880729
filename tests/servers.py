"""Helpers for tests that start real servers on 127.0.0.1 (imported by the tests, like browser.py)."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    """The `oxigraph` server of the PyPI package; the test fails (not skips) when it is missing."""
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not found:
        pytest.fail("The Oxigraph server is missing: pip install 'oxigraph>=0.5,<0.6' "
                    "(it is in kg's test extra: pip install -e '.[test]')")
    return found


@contextmanager
def oxigraph_server(location: str | Path, *, union: bool = False) -> Iterator[str]:
    """`oxigraph serve` over `location` on a free port of 127.0.0.1, its base URL while it runs;
    `union`: the default graph is the union of the named graphs (as kg's queries need)."""
    port = free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location), "--bind",
                             f"127.0.0.1:{port}", *(["--union-default-graph"] if union else [])],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"oxigraph serve exited: {proc.stderr.read().decode()}")
                time.sleep(0.05)
        yield base
    finally:
        proc.kill()
        proc.wait(timeout=10)
