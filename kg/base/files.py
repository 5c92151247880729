"""Files written whole or not at all: staged, synced and renamed into place, one or several as a set.

Every file kg writes (the files of `output/`, exports, gazetteer imports) goes through here, so
a crash, a full disk or a read-only folder leaves the old files as they were and says so.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from kg.base.errors import KgError, from_os_error


def record_line(record: dict) -> str:
    """One line of events.jsonl."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"


def _write_records(records: Iterable[dict], f: BinaryIO) -> None:
    for record in records:
        f.write(record_line(record).encode("utf-8"))


def write_file(path: str | os.PathLike, data: bytes | Callable[[BinaryIO], None]) -> Path:
    """One file written as `write_together` writes a set (staged, synced, renamed into place);
    a KgError when its folder does not exist."""
    target = Path(path)
    if not target.parent.is_dir():
        raise KgError(f"Folder {str(target.parent)!r} does not exist", "Create it or pick another path")
    return write_together(target.parent, {"file": (target.name, data)})["file"]


def write_together(out: Path, files: dict[str, tuple[str, bytes | Callable[[BinaryIO], None]]],
                   drop: Sequence[str] = ()) -> dict[str, Path]:
    """Write {key: (name, data or a function writing to a binary file)} into `out` as one set:
    every file is staged (written and synced to a hidden temporary file) before the first is
    renamed into place, so a crash (kill -9, power) leaves each file whole and the set old or
    new but for the few microseconds of the renames; the files named in `drop` then go.
    Temporary files that a killed build left (their process is gone) are removed first."""
    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        _remove_stale(out, [name for name, _ in files.values()])
    except OSError as error:
        raise from_os_error(error, str(out), "nothing written") from None
    staged: dict[str, tuple[str, Path]] = {}
    try:
        for key, (name, data) in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", dir=out)
            staged[key] = (tmp, out / name)
            with os.fdopen(fd, "wb") as f:
                data(f) if callable(data) else f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
        for tmp, target in staged.values():
            os.replace(tmp, target)
    except BaseException as error:
        for tmp, _ in staged.values():
            try:
                Path(tmp).unlink(missing_ok=True)
            except OSError:
                pass                        # removed by the next write (_remove_stale)
        if created:
            try:
                out.rmdir()                 # the folder this write made, empty again
            except OSError:
                pass
        if isinstance(error, OSError):      # disk full, read-only, permissions: the old files stay
            where = out / next(iter(files.values()))[0] if len(files) == 1 else out
            raise from_os_error(error, str(where), "nothing written, the files there are as they were") from None
        raise
    for name in drop:
        (out / name).unlink(missing_ok=True)
    _sync_folder(out)
    return {key: target for key, (_, target) in staged.items()}


def _remove_stale(out: Path, names: Sequence[str]) -> None:
    """Remove `.<name>.<pid>.*` temporary files whose process no longer runs."""
    for name in names:
        for tmp in out.glob(f".{name}.*"):
            pid = tmp.name[len(name) + 2:].split(".", 1)[0]
            if pid.isdigit() and not _running(int(pid)):
                tmp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:         # alive, but someone else's
        return True
    return True


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (a no-op where folders cannot be opened, as on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
