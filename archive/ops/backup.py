"""A consistent copy of a live archive (store, WARC files, index) while a crawl or the app runs.

Order matters. The index is copied first, with the store's record of what it holds; then the store
is snapshotted with SQLite's online backup API; then the WARC files, which only grow, so every capture
the snapshot points at is in the copy. The little that moved in between is reconciled in the copy:
captures of articles stored after the snapshot are re-extracted, articles indexed after the index
copy are indexed again. The copy then needs nothing from the original.
"""
from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from pathlib import Path

from whoosh.index import exists_in

from archive.ops.reprocess import store_capture
from archive.search.index import update_index
from archive.search.schema import IndexPathError, live_index_dir
from archive.search.whoosh.files import generation_files
from archive.sites import load_registry
from archive.storage.store import Store
from archive.storage.warc import iter_responses

logger = logging.getLogger(__name__)

STORE_FILE = "archive.sqlite3"
COPY_ATTEMPTS = 5
# A WARC file written to this recently may belong to a crawl running during the backup.
ACTIVE_WARC_SECONDS = 600


class BackupError(RuntimeError):
    """The backup cannot be made (target not empty, copy fails its integrity check)."""


def backup(data_dir: Path, target: Path, progress: bool = False) -> str:
    """Copy the archive in data_dir into target (new or empty); returns a one-line summary."""
    data_dir, target = data_dir.resolve(), target.resolve()
    if target == data_dir or data_dir in target.parents:
        raise BackupError(f"back up outside the data directory, not into {target}")
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: back up into a new or empty directory")
    target.mkdir(parents=True, exist_ok=True)
    started = time.time()
    claims, copied_docs = _copy_index(data_dir, target)
    _note(progress, f"copied the index: {copied_docs} files")
    _snapshot_store(data_dir / STORE_FILE, target / STORE_FILE)
    _note(progress, "copied the store (online backup API), integrity check ok")
    warc_files, warc_bytes = _copy_warc(data_dir / "warc", target / "warc")
    _note(progress, f"copied {warc_files} WARC files ({warc_bytes / 1e6:.1f} MB)")
    with Store(target / STORE_FILE) as store:
        caught_up = _store_recent_captures(store, target / "warc", started - ACTIVE_WARC_SECONDS)
        with store.transaction():
            drifted = _forget_unconfirmed_claims(store, claims)
        indexed = update_index(store, target, progress)
        articles = store.count()
    return (f"Backed up {articles} articles, {warc_files} WARC files and the index to {target} "
            f"({caught_up} articles caught up from captures, {indexed} re-indexed, {drifted} claims reset) "
            f"in {time.time() - started:.1f} s.")


def _copy_index(data_dir: Path, target: Path) -> tuple[dict[int, int], int]:
    """Copy the files of the live index's current generation, with the store's claims of what it holds.

    Whoosh files are written once, so a generation's files copied whole are a consistent index; a
    commit or a reindex swap that deletes one during the copy makes us start again.
    """
    for _ in range(COPY_ATTEMPTS):
        with Store(data_dir / STORE_FILE) as store:
            claims = dict(store.db.execute("SELECT id, indexed_version FROM articles").fetchall())
        try:
            live = live_index_dir(data_dir)
        except IndexPathError as error:
            raise BackupError(str(error)) from error
        if not exists_in(live):
            return {}, 0
        destination = target / "index"
        shutil.rmtree(destination, ignore_errors=True)
        destination.mkdir()
        try:
            names = generation_files(live)
            for name in names:
                shutil.copyfile(live / name, destination / name)
        except FileNotFoundError:
            continue
        return claims, len(names)
    raise BackupError("the index kept changing during the copy; try again")


def _snapshot_store(source: Path, destination: Path) -> None:
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(destination)
    try:
        src.backup(dst)  # all pages in one step: one read transaction, a consistent snapshot
        dst.execute("PRAGMA journal_mode=WAL")
        result = dst.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        src.close()
        dst.close()
    if result != "ok":
        raise BackupError(f"the copied store fails its integrity check: {result}")


def _copy_warc(source: Path, destination: Path) -> tuple[int, int]:
    destination.mkdir()
    files = sorted(source.glob("*.warc.gz")) if source.is_dir() else []
    for path in files:
        shutil.copyfile(path, destination / path.name)  # a record being appended may be cut: readers skip it
    return len(files), sum((destination / path.name).stat().st_size for path in files)


def _store_recent_captures(store: Store, warc_dir: Path, since: float) -> int:
    """Articles captured in recently written WARC files but stored only after the snapshot."""
    registry, sites = load_registry(warc_dir.parent), store.sites()
    recent = {path.name for path in warc_dir.glob("*.warc.gz") if path.stat().st_mtime >= since}
    new = 0
    with store.transaction():
        for captured in iter_responses(warc_dir, recent):
            if captured.status == 200 and store.id_for_url(captured.url) is None:
                new += store_capture(store, captured, registry, sites) == "new"
    return new


def _forget_unconfirmed_claims(store: Store, claims: dict[int, int]) -> int:
    """Articles marked indexed after the index was copied are not in the copy: mark them for indexing."""
    rows = store.db.execute("SELECT id, indexed_version FROM articles").fetchall()
    drifted = [row["id"] for row in rows if row["indexed_version"] != claims.get(row["id"], 0)]
    store.mark_indexed({article_id: 0 for article_id in drifted})
    return len(drifted)


def _note(progress: bool, message: str) -> None:
    if progress:
        logger.info("  %s", message)
