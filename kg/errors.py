"""The one error type kg raises for bad input: it names what is wrong and how to fix it."""
from __future__ import annotations


class KgError(Exception):
    """Bad input or configuration. `str()` gives `<what>. <how to fix>`."""

    def __init__(self, what: str, fix: str | None = None):
        self.what = what.rstrip(".")
        self.fix = fix
        super().__init__(f"{self.what}. {fix}" if fix else f"{self.what}.")

    def __reduce__(self):
        """Pickled as (what, fix), so it crosses process boundaries (worker processes) whole."""
        return type(self), (self.what, self.fix)
