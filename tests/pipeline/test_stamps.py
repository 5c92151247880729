"""A build recognises a stored article's unchanged file by its size and modification time (under
the same fingerprint and options) without reading it; anything else about the file reads it again."""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

import kg.pipeline.incremental as incremental
from kg.base.errors import KgError
from kg.pipeline.incremental import build_into
from kg.rdf.store import KgStore

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
SEED = ARTICLES / "hln-2016-09-05-obama-poetin-g20.txt"


@pytest.fixture
def reads(monkeypatch):
    """The names each build hands to the reader."""
    seen: list[str] = []
    real = incremental.corpus.read_all

    def read_all(names, **options):
        seen.extend(str(n) for n in names)
        return real(names, **options)
    monkeypatch.setattr(incremental.corpus, "read_all", read_all)
    monkeypatch.setattr(incremental, "fingerprint", lambda *args, **kw: "pinned")
    return seen


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "in"
    path.mkdir()
    shutil.copy(SEED, path / SEED.name)
    return path


def test_an_unchanged_file_is_not_read_again(tmp_path, folder, reads):
    store = tmp_path / "store"
    assert build_into(store, [folder]).added == (SEED.stem,)
    assert reads == [str(folder / SEED.name)]
    reads.clear()
    report = build_into(store, [folder])
    assert (report.unchanged, report.added, report.rebuilt, reads) == ((SEED.stem,), (), (), [])


def test_a_touched_file_is_read_once_then_known_by_its_new_stamp(tmp_path, folder, reads, monkeypatch):
    store = tmp_path / "store"
    build_into(store, [folder])
    path = folder / SEED.name
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))   # same bytes, later
    reads.clear()
    monkeypatch.setattr(incremental, "extract_article", lambda task: pytest.fail("extracted again"))
    assert build_into(store, [folder]).unchanged == (SEED.stem,)       # read, same hash: not extracted
    assert reads == [str(path)]
    reads.clear()
    assert build_into(store, [folder]).unchanged == (SEED.stem,)
    assert reads == []


def test_an_edit_of_the_same_size_is_rebuilt(tmp_path, folder, reads):
    store = tmp_path / "store"
    build_into(store, [folder])
    path = folder / SEED.name
    text = path.read_text(encoding="utf-8")
    edited = text.replace("Obama", "Obamo", 1)
    assert len(edited.encode()) == len(text.encode())
    before = path.stat().st_mtime_ns
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before, before + 1))
    assert build_into(store, [folder]).rebuilt == (SEED.stem,)


def test_other_options_read_the_file_again(tmp_path, folder, reads):
    store = tmp_path / "store"
    build_into(store, [folder])
    reads.clear()
    assert build_into(store, [folder], date=dt.date(2016, 9, 6)).rebuilt == (SEED.stem,)
    assert reads == [str(folder / SEED.name)]
    reads.clear()
    assert build_into(store, [folder], force=True).rebuilt == (SEED.stem,)
    assert reads == [str(folder / SEED.name)]


def test_a_new_file_with_the_doc_id_of_a_stamped_one_is_an_error(tmp_path, folder, reads):
    store = tmp_path / "store"
    build_into(store, [folder])
    other = tmp_path / "other"
    other.mkdir()
    (other / SEED.name).write_text(SEED.read_text(encoding="utf-8") + "\nHet regende.\n", encoding="utf-8")
    report = build_into(store, [folder, other])
    assert report.unchanged == (SEED.stem,) and report.rebuilt == ()
    assert [e.what for e in report.errors] == [
        f"{other / SEED.name}: doc id '{SEED.stem}' is already used by {folder / SEED.name}"]
    with pytest.raises(KgError, match="already used by"):
        build_into(store, [folder, other], strict=True)


def test_the_stamp_is_kept_in_the_meta_graph_and_goes_with_the_article(tmp_path, folder, reads):
    store = tmp_path / "store"
    build_into(store, [folder])
    with KgStore(store) as st:
        stamps = st.stamps()
        assert list(stamps) == [os.path.abspath(folder / SEED.name)]
        stamp, doc = stamps[os.path.abspath(folder / SEED.name)]
        assert doc == SEED.stem and stamp.startswith(f"{(folder / SEED.name).stat().st_size}:")
        st.remove([SEED.stem])
        assert st.stamps() == {}


# --- the files of a store: written when they do not show it, on demand for a big store ----------

def test_a_build_that_changes_nothing_leaves_the_files(tmp_path, folder, capsys):
    from kg.cli.app import main
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--no-html"]) == 0
    files = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    assert {"events.jsonl", "graph.ttl", "graph.trig", "kg-state.txt"} <= set(files)
    capsys.readouterr()
    assert main(["build", str(folder), "-o", str(out), "--no-html"]) == 0
    assert "already show the store" in capsys.readouterr().err
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == files
    (out / "graph.ttl").unlink()                       # a file missing: written again
    assert main(["build", str(folder), "-o", str(out), "--no-html", "-q"]) == 0
    assert (out / "graph.ttl").is_file()


def test_a_big_store_writes_its_files_on_demand(tmp_path, folder, capsys, monkeypatch):
    import kg.cli.options
    from kg.cli.app import main
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--no-html", "-q"]) == 0
    before = (out / "events.jsonl").read_bytes()
    monkeypatch.setattr(kg.cli.options, "FILES_LIMIT", 1)
    other = tmp_path / "other"
    other.mkdir()
    (other / "second.txt").write_text("lang: en\ndate: 2016-09-06\n\nRussia accused Turkey of bombing Aleppo.\n",
                                      encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(other), "-o", str(out), "--no-html"]) == 0
    err = capsys.readouterr().err
    assert "are not rewritten for a store of more than 1 articles" in err and "were removed" in err, err
    assert not (out / "events.jsonl").exists() and not (out / "kg-state.txt").exists()
    assert main(["build", str(other), "-o", str(out), "--no-html", "--files", "-q"]) == 0
    after = (out / "events.jsonl").read_bytes()
    assert b'"doc": "second"' in after and b'"doc": "hln-2016-09-05' in after    # both articles
    capsys.readouterr()
    assert main(["build", str(other), "-o", str(out), "--no-html"]) == 0     # nothing new: they stay
    assert "already show the store" in capsys.readouterr().err
    assert (out / "events.jsonl").read_bytes() == after
    capsys.readouterr()
    assert main(["build", str(other), "-o", str(out), "--files", "--store-only"]) == 1
    assert "--files writes the files of a store" in capsys.readouterr().err


def test_a_no_store_build_drops_the_store_state(tmp_path, folder):
    from kg.cli.app import main
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--no-html", "-q"]) == 0
    assert (out / "kg-state.txt").is_file()
    assert main(["build", str(folder), "-o", str(out), "--no-html", "-q", "--no-store"]) == 0
    assert not (out / "kg-state.txt").exists()


def test_articles_added_later_give_the_store_of_one_build(tmp_path):
    """Adding articles describes only the actors that are new, and the merged graph comes from the
    articles' tables: the store is the one a single build of them all makes."""
    both = tmp_path / "both"
    both.mkdir()
    names = sorted(ARTICLES.glob("*.txt"))[:4]
    for path in names:
        shutil.copy(path, both / path.name)
    once, twice = tmp_path / "once", tmp_path / "twice"
    build_into(once, [both])
    build_into(twice, [both / names[0].name, both / names[1].name])
    assert build_into(twice, [both]).added == tuple(p.stem for p in names[2:])
    from kg.rdf import table
    for store in (once, twice):
        with KgStore(store) as st:
            table.refresh_merged(st)

    def graphs(store):
        with KgStore(store, read_only=True) as st:
            return {g.value: {str(q) for q in st.ox.quads_for_pattern(None, None, None, g)}
                    for g in st.ox.named_graphs() if "graph/meta" not in g.value}
    a, b = graphs(once), graphs(twice)
    assert set(a) == set(b) and len(a["https://w3id.org/kgnews/graph/actors"]) > 20
    assert a == b
