"""The one error type kg raises for bad input: it names what is wrong and how to fix it."""
from __future__ import annotations

import errno


class KgError(Exception):
    """Bad input or configuration. `str()` gives `<what>. <how to fix>`."""

    def __init__(self, what: str, fix: str | None = None) -> None:
        self.what = what.rstrip(".")
        self.fix = fix
        super().__init__(f"{self.what}. {fix}" if fix else f"{self.what}.")

    def __reduce__(self):
        """Pickled as (what, fix), so it crosses process boundaries (worker processes) whole."""
        return type(self), (self.what, self.fix)


#: What to do about a failed read or write, by errno (kg.base.errors.from_os_error).
_OS_FIXES = {
    errno.ENOSPC: "Free space on that disk, or write elsewhere (-o DIR, --store DIR)",
    errno.EDQUOT: "Free space within your disk quota, or write elsewhere (-o DIR, --store DIR)",
    errno.EROFS: "It is on a read-only file system: write elsewhere (-o DIR, --store DIR)",
    errno.EACCES: "Check its permissions, or write elsewhere (-o DIR, --store DIR)",
    errno.EPERM: "Check its permissions, or write elsewhere (-o DIR, --store DIR)",
    errno.EFBIG: "The file would be larger than this system allows (ulimit -f): write elsewhere or less",
}


def from_os_error(error: OSError, where: str | None = None, kept: str = "") -> KgError:
    """A KgError for a read or write the system refused (disk full, read-only, permissions):
    `<where>: <reason>[; <kept>]. <what to do>`."""
    name = where or error.filename or "kg"
    reason = error.strerror or str(error)
    code = error.errno or next((number for number, words in _OS_WORDS.items() if words in reason), None)
    return KgError(f"{name}: {reason}" + (f"; {kept}" if kept else ""),
                   _OS_FIXES.get(code, "Check the disk and the path, then run again"))


#: How RocksDB (through pyoxigraph, which gives no errno) words the same failures.
_OS_WORDS = {errno.ENOSPC: "No space left", errno.EROFS: "Read-only file system",
             errno.EACCES: "Permission denied", errno.EDQUOT: "Disk quota exceeded"}
