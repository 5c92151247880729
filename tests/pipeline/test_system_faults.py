"""Every failure an `Error:` line (issue 12): Ctrl-C, a read-only output folder or store, a full
disk, a store with a file lost; and a store that does not grow with each command.

Real faults, no mocks: kg runs as a subprocess and gets a real SIGINT; the read-only and full
disks are small tmpfs mounts (root only; skipped elsewhere), unmounted after each test.
"""
from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "data" / "articles"
SEED = ARTICLES / "hln-2016-09-05-obama-poetin-g20.txt"
KEPT = ("Error: interrupted; the store keeps the whole articles written before (a rerun goes on from there); "
        "the output files are as they were. Run the same command again to finish")


def kg(*args, cwd: Path, stdin=subprocess.DEVNULL, **popen) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "kg", *map(str, args)], cwd=cwd, env=env, stdin=stdin,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def run(*args, cwd: Path) -> tuple[int, str, str]:
    proc = kg(*args, cwd=cwd)
    out, err = proc.communicate(timeout=300)
    return proc.returncode, out, err


def _corpus(path: Path, rows: int) -> Path:
    """A CSV of `rows` articles made of the test articles' texts, each with an id of its own."""
    texts = [p.read_text("utf-8") for p in sorted(ARTICLES.glob("en_*.txt"))]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "date", "text"])
        for n in range(rows):
            body = texts[n % len(texts)].split("\n\n", 1)[-1]
            writer.writerow([f"a{n:04d}", "2016-09-05", body])
    return path


@pytest.mark.parametrize("jobs", [[], ["-j", "2"]], ids=["one-process", "jobs-2"])
def test_ctrl_c_during_a_build_is_an_error_line_and_a_rerun_finishes(tmp_path, jobs):
    corpus = _corpus(tmp_path / "corpus.csv", 400)
    # a terminal's Ctrl-C reaches the whole process group: kg and, with -j, its workers
    proc = kg("build", corpus, "-o", "out", "--no-html", "-q", *jobs, cwd=tmp_path, start_new_session=True)
    deadline = time.monotonic() + 120
    while not (tmp_path / "out" / "store").exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.splitlines() == [KEPT] and "Traceback" not in err
    assert not (tmp_path / "out" / "events.jsonl").exists()
    code, _, err = run("build", corpus, "-o", "out", "--no-html", cwd=tmp_path)
    assert code == 0 and "the store out/store holds 400 article(s)" in err, err


def test_ctrl_c_before_anything_is_written_says_so(tmp_path):
    proc = kg("build", "-", "--no-store", "-o", "out", cwd=tmp_path, stdin=subprocess.PIPE)
    time.sleep(3)                                    # kg is waiting for the article on stdin
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (130, "Error: interrupted; nothing written. Run the same command again "
                                           "to finish\n")
    assert not (tmp_path / "out").exists()


@pytest.fixture
def mount(tmp_path):
    """mount(name, size, read_only=False, fill=None): a tmpfs at tmp_path/name; `fill(path)` puts
    files there before it is made read-only. Unmounted after the test."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mounted = []

    def make(name: str, size: str, read_only: bool = False, fill=None) -> Path:
        point = tmp_path / name
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
                              capture_output=True, text=True)
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(point)
        if fill:
            fill(point)
        if read_only:
            subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)
        return point

    yield make
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], check=False)


def _store(tmp_path: Path) -> Path:
    out = tmp_path / "built"
    if not out.exists():
        code, _, err = run("build", SEED, "-o", out, "-q", "--no-html", cwd=tmp_path)
        assert code == 0, err
    return out


def test_a_read_only_folder_is_an_error_line_and_a_read_only_store_can_be_queried(tmp_path, mount):
    built = _store(tmp_path)
    ro = mount("ro", "8m", read_only=True, fill=lambda p: shutil.copytree(built, p / "out"))
    cases = [
        (("build", SEED, "--no-store", "-o", ro / "new"),
         f"Error: {ro / 'new'}: Read-only file system; nothing written. It is on a read-only file system"),
        (("export", "-o", ro / "x.ttl", "--store", built / "store"),
         f"Error: {ro / 'x.ttl'}: Read-only file system; nothing written, the files there are as they were."),
        (("export", "-f", "csv", "-o", ro / "x.csv", "--store", built / "store"),
         f"Error: {ro / 'x.csv'}: Read-only file system; nothing written"),
        (("build", SEED, "-o", ro / "out"), f"Error: {ro / 'out' / 'store'}: the store cannot be written ("),
    ]
    for args, message in cases:
        code, _, err = run(*args, cwd=tmp_path)
        assert code == 1 and err.startswith(message) and len(err.splitlines()) == 1, (args, err)
    code, out, err = run("query", "actors", "--store", ro / "out" / "store", "-f", "csv", cwd=tmp_path)
    assert (code, err) == (0, "") and "USA" in out
    for args in (("show", "--store", ro / "out" / "store", "--top", "1"),
                 ("export", "-f", "nt", "--store", ro / "out" / "store")):
        code, out, err = run(*args, cwd=tmp_path)
        assert (code, err) == (0, "") and out, args


def test_a_full_disk_is_an_error_line_and_leaves_nothing_half_written(tmp_path, mount):
    built = _store(tmp_path)
    full = mount("full", "16k")
    code, _, err = run("build", ARTICLES, "--no-store", "-o", full / "new", "-q", cwd=tmp_path)
    assert code == 1 and err == (f"Error: {full / 'new'}: No space left on device; nothing written, the files "
                                 "there are as they were. Free space on that disk, or write elsewhere (-o DIR, "
                                 "--store DIR)\n")
    assert list(full.iterdir()) == []                      # no folder, no temporary file
    code, _, err = run("export", "-o", full / "x.trig", "--store", built / "store", cwd=tmp_path)
    assert code == 1 and err.startswith(f"Error: {full / 'x.trig'}: No space left on device; nothing written")
    assert list(full.iterdir()) == []
    roomy = mount("roomy", "1200k")
    code, _, err = run("build", ARTICLES, "-o", roomy / "out", "-q", cwd=tmp_path)   # the store fills it
    assert code == 1 and err.startswith(f"Error: {roomy / 'out' / 'store'}: ") and "No space left" in err, err
    assert len(err.splitlines()) == 1 and "Free space on that disk" in err


def test_a_store_with_a_lost_file_is_an_error_line_saying_to_rebuild(tmp_path):
    built = _store(tmp_path)
    damaged = tmp_path / "damaged"
    shutil.copytree(built, damaged)
    next((damaged / "store").glob("*.sst")).unlink()
    for args in (("query", "actors"), ("show",), ("export", "-f", "nt"), ("validate",)):
        code, _, err = run(*args, "--store", damaged / "store", cwd=tmp_path)
        assert code == 1 and err.startswith(f"Error: {damaged / 'store'}: cannot open the store, it is damaged"), err
        assert "Rebuild it from the articles" in err and len(err.splitlines()) == 1
    code, _, err = run("build", SEED, "-o", damaged, cwd=tmp_path)
    assert code == 1 and "it is damaged" in err and "Traceback" not in err


def test_the_store_does_not_grow_a_log_per_command(tmp_path):
    built = _store(tmp_path)
    for _ in range(4):
        assert run("query", "actors", "--store", built / "store", cwd=tmp_path)[0] == 0
        assert run("build", SEED, "-o", built, "-q", "--no-html", cwd=tmp_path)[0] == 0
    assert len(list((built / "store").glob("LOG.old.*"))) <= 1
