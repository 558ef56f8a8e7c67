"""Crash safety: real processes SIGKILLed in the middle of a store batch, an index commit and a reindex.
After each kill the archive still opens, searches work, and verify --repair brings it back."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from archive.ops.verify import leftover_index_dirs, repair, verify
from archive.search.engine import SearchEngine
from archive.search.index import rebuild_index, update_index
from archive.search.schema import index_dir, open_index
from archive.storage.store import Store
from tests.support import add_articles, spawn

pytestmark = pytest.mark.e2e

INDEX_PROBLEMS = ("index_unreadable", "missing_from_index", "stale_in_index", "orphans_in_index",
                  "duplicates_in_index", "leftover_index_dirs")






def kill_when(process: subprocess.Popen, moment: Callable[[], bool], timeout: float = 60) -> None:
    """SIGKILL the process the first time `moment()` holds; fail if it ends or times out first."""
    deadline = time.monotonic() + timeout
    while not moment():
        assert process.poll() is None, f"finished before the moment to kill it: {process.stderr.read()[-500:]}"
        assert time.monotonic() < deadline, "the moment to kill never came"
        time.sleep(0.001)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=10) == -signal.SIGKILL


def total(data: Path, query: str) -> int:
    engine = SearchEngine(data)
    try:
        with Store(data / "archive.sqlite3") as store:
            return engine.search(store, query)["total"]
    finally:
        engine.close()


def index_problems(data: Path) -> dict[str, list]:
    with Store(data / "archive.sqlite3") as store:
        problems = verify(store, data).problems
    return {kind: problems[kind] for kind in INDEX_PROBLEMS if problems[kind]}


def repair_index(data: Path) -> None:
    with Store(data / "archive.sqlite3") as store:
        repair(store, data, verify(store, data))


@pytest.fixture()
def indexed(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    add_articles(data, 0, 40, "nenmong")
    with Store(data / "archive.sqlite3") as store:
        update_index(store, data)
    return data


def test_sigkill_during_an_index_commit(indexed: Path) -> None:
    new = add_articles(indexed, 1000, 700, "moithem")
    live = index_dir(indexed).resolve()
    before = set(os.listdir(live))
    tocs = sorted(live.glob("_MAIN_*.toc"))
    indexer = spawn("-c", "import sys; from pathlib import Path; from archive.storage.store import Store; "
                    "from archive.search.index import update_index; d = Path(sys.argv[1]); "
                    "update_index(Store(d / 'archive.sqlite3'), d)", str(indexed))
    # Segment files of the new generation appear only once the writer commits.
    kill_when(indexer, lambda: any(n.startswith("MAIN_") and n not in before for n in os.listdir(live)))

    assert sorted(live.glob("_MAIN_*.toc")) == tocs  # killed before the commit completed
    assert (live / "MAIN_WRITELOCK").exists()  # the dead writer's lock file is left behind...
    open_index(indexed).writer().cancel()  # ...but the lock died with it: a new writer gets it at once
    assert total(indexed, "nenmong") == 40 and total(indexed, "moithem") == 0  # searches work, old state
    assert index_problems(indexed) == {"missing_from_index": new}

    repair_index(indexed)
    assert index_problems(indexed) == {}
    assert total(indexed, "moithem") == 700 and total(indexed, "nenmong") == 40


@pytest.mark.parametrize("phase", ["adding", "committing"])
def test_sigkill_during_reindex(indexed: Path, phase: str) -> None:
    add_articles(indexed, 1000, 500, "moithem")
    with Store(indexed / "archive.sqlite3") as store:
        update_index(store, indexed)
    live = index_dir(indexed).resolve()
    reindex = spawn("-m", "archive", "reindex", "--data", str(indexed))

    def fresh() -> Path | None:
        return next((p for p in indexed.glob("index-*") if p != live), None)

    def at_phase() -> bool:
        found = fresh()
        names = os.listdir(found) if found and found.is_dir() else []
        if phase == "adding":
            return "MAIN.tmp" in names
        return any(n.startswith("MAIN_") and n != "MAIN_WRITELOCK" for n in names)

    kill_when(reindex, lambda: at_phase() and leftover_index_dirs(indexed) == [])  # held by the live writer
    half_built = fresh()
    assert index_dir(indexed).resolve() == live  # the swap never happened: readers keep the old index
    assert total(indexed, "moithem") == 500 and total(indexed, "nenmong") == 40
    assert index_problems(indexed) == {"leftover_index_dirs": [half_built.name]}  # its lock died with it

    repair_index(indexed)
    assert not half_built.exists() and index_problems(indexed) == {}
    with Store(indexed / "archive.sqlite3") as store:  # reindex again after the crash: it just works
        assert rebuild_index(store, indexed) == 540
    assert total(indexed, "moithem") == 500 and index_problems(indexed) == {}


def test_sigkill_mid_batch_loses_only_the_uncommitted_batch(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Store(data / "archive.sqlite3").close()
    writer = spawn("-c", "import sys; from pathlib import Path; from tests.support import add_articles\n"
                   "for batch in range(1000):\n"
                   "    add_articles(Path(sys.argv[1]), batch * 100, 100, 'lo')\n"
                   "    print((batch + 1) * 100, flush=True)", str(data))
    committed = [int(writer.stdout.readline()) for _ in range(3)]
    time.sleep(random.uniform(0, 0.2))
    kill_when(writer, lambda: True)
    with sqlite3.connect(data / "archive.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        versions = db.execute("SELECT count(*) FROM versions").fetchone()[0]
    assert count % 100 == 0 and count >= committed[-1] and versions == count  # whole batches only
