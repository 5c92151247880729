"""A one-line progress display on stderr for long builds: articles, events, rate, time left (tqdm).

Silent when the stream is not a terminal (pipes, CI, tests) or when disabled (`--quiet`); a
terminal gets tqdm's bar, redrawn at most ten times a second and ended by `close()`.

>>> import io
>>> p = Progress(10, stream=io.StringIO())   # not a terminal: nothing is written
>>> p.advance(articles=10, events=3); p.close(); p.stream.getvalue()
''
"""
from __future__ import annotations

import sys
from typing import TextIO

from tqdm import tqdm


class Progress:
    """Articles done of `total` (which may be set after the start) and the events found so far."""

    def __init__(self, total: int, *, stream: TextIO | None = None, enabled: bool = True,
                 interval: float = 0.1) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled and bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval
        self.articles = 0
        self.events = 0
        self._bar: tqdm | None = None

    def advance(self, *, articles: int = 0, events: int = 0) -> None:
        self.articles += articles
        self.events += events
        if not self.enabled:
            return
        if self._bar is None:
            self._bar = tqdm(total=self.total, file=self.stream, unit=" articles", mininterval=self.interval,
                             dynamic_ncols=True, leave=True)
        self._bar.set_postfix_str(f"{self.events:,} events", refresh=False)
        self._bar.update(articles)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
