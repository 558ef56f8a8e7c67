"""verify and verify --repair on a real archive of the sample sites, really damaged: index documents
deleted, versions moved on, store rows lost, capture pointers broken, a WARC file removed, index
files truncated."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from archive.ops.verify import indexed_documents, repair, verify
from archive.search.engine import SearchEngine
from archive.search.schema import open_index
from archive.storage.store import Store
from tests.support import copy_archive, run_cli

pytestmark = pytest.mark.e2e


@pytest.fixture()
def archive(sample_archive: Path, tmp_path: Path) -> Path:
    return copy_archive(sample_archive, tmp_path / "data")


def run_verify(data: Path, *flags: str) -> tuple[int, dict]:
    run = run_cli("verify", "--json", *flags, data=data, check=False)
    assert "Traceback" not in run.stderr
    return run.returncode, json.loads(run.stdout)


def article_ids(data: Path) -> list[int]:
    with Store(data / "archive.sqlite3") as store:
        return [article["id"] for article in store.iter_articles()]


def indexed_ids(data: Path) -> set[int]:
    return set(indexed_documents(data)[0])


def search_ids(data: Path, query: str) -> set[int]:
    engine = SearchEngine(data)
    try:
        with Store(data / "archive.sqlite3") as store:
            return {hit["id"] for hit in engine.search(store, query, limit=50)["hits"]}
    finally:
        engine.close()


def test_a_healthy_archive_verifies_clean(archive: Path) -> None:
    code, report = run_verify(archive)
    assert code == 0 and report["ok"]
    assert report["articles"] == report["index_documents"] == len(article_ids(archive)) > 0
    assert report["captures"] >= report["articles"]
    assert not any(report["problems"].values())


def test_deleted_documents_and_unindexed_versions_are_found_and_reindexed(archive: Path) -> None:
    ids = article_ids(archive)
    gone, moved, edited = ids[:3], ids[5], ids[7]
    writer = open_index(archive).writer()
    for article_id in gone:
        writer.delete_by_term("id", str(article_id))
    writer.commit()
    with sqlite3.connect(archive / "archive.sqlite3") as db:
        db.execute("UPDATE articles SET title = 'Phiên bản mới của bài', version = version + 1 WHERE id = ?",
                   (moved,))
        # Changed behind the index's back (no new version): the indexed year no longer matches.
        db.execute("UPDATE articles SET published = '2001-05-05', published_utc = '2001-05-05' WHERE id = ?",
                   (edited,))
    code, report = run_verify(archive)
    assert code == 1 and not report["ok"]
    assert report["problems"]["missing_from_index"] == gone
    assert report["problems"]["stale_in_index"] == [moved, edited]
    assert report["index_documents"] == len(ids) - 3

    code, report = run_verify(archive, "--repair")
    assert code == 0 and report["ok"]
    assert set(gone) | {moved} <= indexed_ids(archive)
    assert moved in search_ids(archive, '"phiên bản mới của bài"')
    assert edited in search_ids(archive, "year:2001")


def test_a_lost_store_row_is_re_extracted_from_its_capture_and_its_orphan_removed(archive: Path) -> None:
    with Store(archive / "archive.sqlite3") as store:
        lost = store.get(article_ids(archive)[4])
        store.delete_article(lost["id"])
    code, report = run_verify(archive)
    assert code == 1
    assert report["problems"]["orphans_in_index"] == [lost["id"]]
    assert report["problems"]["unstored_captures"] == [lost["url"]]

    assert run_verify(archive, "--repair")[0] == 0
    with Store(archive / "archive.sqlite3") as store:
        back = store.get(store.id_for_url(lost["url"]))
    assert (back["title"], back["text"], back["site"], back["published"]) == (
        lost["title"], lost["text"], lost["site"], lost["published"])
    assert lost["id"] not in indexed_ids(archive) and back["id"] in indexed_ids(archive)


def test_broken_capture_pointer_is_repointed_but_a_removed_warc_is_only_reported(archive: Path) -> None:
    ids = article_ids(archive)
    with sqlite3.connect(archive / "archive.sqlite3") as db:
        db.execute("UPDATE articles SET warc_offset = warc_offset + 7 WHERE id = ?", (ids[0],))
    code, report = run_verify(archive, "--repair")
    assert code == 0 and report["ok"]

    for path in (archive / "warc").glob("*.warc.gz"):
        path.unlink()
    code, report = run_verify(archive)
    assert code == 1 and report["captures"] == 0
    assert report["problems"]["missing_capture"] == ids
    code, report = run_verify(archive, "--repair")  # nothing to rebuild the captures from: still reported
    assert code == 1 and report["problems"]["missing_capture"] == ids
    assert article_ids(archive) == ids  # and the store keeps every article


@pytest.mark.parametrize("damage", ["truncate_segment", "truncate_toc", "remove_index_dir"])
def test_an_unreadable_index_is_reported_and_rebuilt(archive: Path, damage: str) -> None:
    live = (archive / "index").resolve()
    if damage == "remove_index_dir":
        for path in live.iterdir():
            path.unlink()
        live.rmdir()
    else:
        path = next(live.glob("*.seg" if damage == "truncate_segment" else "_MAIN_*.toc"))
        with open(path, "r+b") as stream:
            stream.truncate(path.stat().st_size // 3)
    with Store(archive / "archive.sqlite3") as store:
        report = verify(store, archive)
        assert report.problems["index_unreadable"] and not report.ok
        repair(store, archive, report)
        repaired = verify(store, archive)
    assert repaired.ok and repaired.index_documents == len(article_ids(archive))
    assert search_ids(archive, "cong doan")


def test_repair_waits_its_turn_while_another_process_writes_the_index(archive: Path) -> None:
    writer = open_index(archive).writer()  # this process now holds the index's write lock
    try:
        writer.delete_by_term("id", str(article_ids(archive)[0]))
        with sqlite3.connect(archive / "archive.sqlite3") as db:
            db.execute("UPDATE articles SET version = version + 1 WHERE id = ?", (article_ids(archive)[1],))
        run = run_cli("verify", "--repair", data=archive, check=False)
        assert run.returncode == 2 and "Traceback" not in run.stderr
        assert "error: cannot repair now: another process is writing the index" in run.stderr
    finally:
        writer.commit()
    code, report = run_verify(archive, "--repair")  # the writer is gone: now it repairs
    assert code == 0 and report["ok"]
