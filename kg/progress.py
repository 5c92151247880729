"""A one-line progress display on stderr for long builds: articles, events, rate, time left.

Silent when the stream is not a terminal (pipes, CI, tests) or when disabled (`--quiet`); a
terminal gets the line redrawn with `\\r` at most ten times a second and ended by `close()`.

>>> import io
>>> p = Progress(10, stream=io.StringIO())   # not a terminal: nothing is written
>>> p.advance(articles=10, events=3); p.close(); p.stream.getvalue()
''
"""
from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, *, stream: TextIO | None = None, enabled: bool = True,
                 interval: float = 0.1):
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled and bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval
        self.articles = 0
        self.events = 0
        self.started = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    def advance(self, *, articles: int = 0, events: int = 0) -> None:
        self.articles += articles
        self.events += events
        now = time.monotonic()
        if self.enabled and (now - self._drawn >= self.interval or self.articles >= self.total):
            self._drawn = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The text of the progress line."""
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.articles / elapsed
        left = (self.total - self.articles) / rate if rate > 0 else 0
        return (f"{self.articles:,}/{self.total:,} articles  {self.events:,} events  "
                f"{rate:,.0f} articles/s  {_duration(elapsed)} elapsed, {_duration(left)} left")

    def _draw(self, now: float) -> None:
        text = self.line(now)
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = len(text)

    def close(self) -> None:
        if self.enabled and self._width:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s"
