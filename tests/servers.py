"""Helpers for tests that start real servers on 127.0.0.1 (imported by the tests, like browser.py)."""
from __future__ import annotations

import shutil
import socket
import sys
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
