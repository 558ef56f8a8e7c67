"""Cross-check store, index and WARC captures; repair what disagrees from the store and the captures.

The store is the source of truth, the captures are the raw evidence, the index is derived: repairs
only ever rebuild the index from the store, or the store from the captures, never the other way.
"""
from __future__ import annotations

import logging
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.index import LockError

from archive.ops.reprocess import judge_capture, latest_captures, store_capture
from archive.search.index import rebuild_index, to_document, update_index
from archive.search.schema import INDEX_PREFIX, IndexPathError, index_dir, live_index_dir, open_index
from archive.search.whoosh.doc_table import DocTable
from archive.search.whoosh.files import writer_holds
from archive.sites import load_registry
from archive.storage.store import Capture, Store
from archive.storage.warc import CapturePathError, capture_path, iter_responses, read_capture

logger = logging.getLogger(__name__)

# Problem kinds, in the order they are reported (JSON keys of "problems").
PROBLEMS = {
    "store_unreadable": "the archive database cannot be used; nothing else was checked. Restore it from a "
                        "backup (`backup` makes them), or move it aside and run `reprocess` to rebuild it "
                        "from the WARC captures",
    "store_corrupt": "the SQLite integrity check failed",
    "index_unreadable": "the index cannot be opened or read",
    "missing_from_index": "stored articles with no index document",
    "stale_in_index": "stored articles whose index document is out of date",
    "orphans_in_index": "index documents with no stored article",
    "duplicates_in_index": "articles indexed more than once",
    "missing_capture": "stored articles whose raw capture is missing or unreadable",
    "unstored_captures": "captured article pages never stored",
    "leftover_index_dirs": "index directories left by an interrupted reindex",
    "unsafe_index_paths": "index links leading out of the data dir's index-* directories (never followed; "
                          "repair removes the links, never their targets)",
    "unsafe_capture_paths": "stored articles whose capture path leads out of warc/ (never opened; repair "
                            "points them at their real captures)",
}


class VerifyError(RuntimeError):
    """A repair that cannot run now (another process is writing the index)."""


@dataclass
class Report:
    articles: int = 0
    index_documents: int = 0
    captures: int = 0
    problems: dict[str, list[Any]] = field(default_factory=lambda: {kind: [] for kind in PROBLEMS})

    @property
    def ok(self) -> bool:
        return not any(self.problems.values())

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "articles": self.articles, "index_documents": self.index_documents,
                "captures": self.captures, "problems": self.problems}

    def summary(self) -> str:
        lines = [f"store: {self.articles} articles; index: {self.index_documents} documents; "
                 + f"WARC: {self.captures} responses"]
        for kind, items in self.problems.items():
            if items:
                shown = ", ".join(str(item) for item in items[:5]) + (", ..." if len(items) > 5 else "")
                lines.append(f"  {kind:<22}{len(items):>7}  {PROBLEMS[kind]}: {shown}")
        lines.append("OK: store, index and captures agree." if self.ok else "PROBLEMS found (see above).")
        return "\n".join(lines)


def verify(store: Store, data_dir: Path, progress: bool = False) -> Report:
    """Compare store, index and captures; nothing is changed."""
    report = Report()
    try:
        integrity = store.db.execute("PRAGMA quick_check").fetchone()[0]
        rows = store.db.execute(
            "SELECT id, url, version, indexed_version, warc_file, warc_offset FROM articles").fetchall()
    except sqlite3.DatabaseError as error:  # damage past what opening the file shows
        return unreadable_store(data_dir, error)
    if integrity != "ok":
        report.problems["store_corrupt"].append(integrity)
    report.articles = len(rows)
    _note(progress, f"checked the store: {len(rows)} articles")
    _check_index(report, store, rows, data_dir)
    _note(progress, f"checked the index: {report.index_documents} documents")
    _check_captures(report, rows, store.aliases(), data_dir / "warc")
    _note(progress, f"checked the captures: {report.captures} responses")
    report.problems["leftover_index_dirs"] = [path.name for path in leftover_index_dirs(data_dir)]
    report.problems["unsafe_index_paths"] = unsafe_index_paths(data_dir)
    return report


def unreadable_store(data_dir: Path, error: Exception) -> Report:
    """The report on a data dir whose archive database cannot be opened at all."""
    report = Report()
    report.problems["store_unreadable"].append(str(error))
    report.problems["unsafe_index_paths"] = unsafe_index_paths(data_dir)
    return report


def _check_index(report: Report, store: Store, rows: list[Any], data_dir: Path) -> None:
    try:
        documents, stored_names = indexed_documents(data_dir)
    except Exception as error:  # noqa: BLE001 - any failure to read the index is the finding itself
        report.problems["index_unreadable"].append(f"{type(error).__name__}: {error}")
        return
    report.index_documents = sum(len(found) for found in documents.values())
    stored = {row["id"]: row for row in rows}
    report.problems["missing_from_index"] = [i for i in stored if i not in documents]
    report.problems["stale_in_index"] = [i for i, row in stored.items()
                                         if i in documents and row["indexed_version"] != row["version"]]
    report.problems["stale_in_index"] += _differing(store, documents, stored_names,
                                                    set(report.problems["stale_in_index"]))
    report.problems["orphans_in_index"] = sorted(i for i in documents if i not in stored)
    report.problems["duplicates_in_index"] = sorted(i for i, found in documents.items()
                                                    if len(found) > 1 and i in stored)


COMPARED = ("site", "published", "nwords", "ntitle")  # index columns that follow from the stored row


def indexed_documents(data_dir: Path) -> tuple[dict[int, list[dict[str, Any]]], set[str]]:
    """The compared columns of every live document by article id, and their names; reads every
    column and the term tables, so a damaged index fails here."""
    documents: dict[int, list[dict[str, Any]]] = {}
    with open_index(data_dir).searcher() as searcher:
        reader = searcher.reader()
        table = DocTable(reader)
        for doc in np.flatnonzero(table.live):
            documents.setdefault(int(table.numbers["aid"][doc]), []).append(_columns(table, int(doc)))
        for fieldname in ("words", "title", "pairs", "exact"):
            sum(1 for _ in reader.lexicon(fieldname))
        found = reader.doc_count()
    total = sum(len(found_docs) for found_docs in documents.values())
    if found != total:
        raise ValueError(f"{found} live documents but {total} read from the columns")
    return documents, set(COMPARED)


def _columns(table: DocTable, doc: int) -> dict[str, Any]:
    return {"site": table.labels["site"][table.codes["site"][doc]],
            **{name: int(table.numbers[name][doc]) for name in COMPARED if name != "site"}}


def _differing(store: Store, documents: dict[int, list[dict[str, Any]]], stored_names: set[str],
               known: set[int]) -> list[int]:
    """Articles whose index columns are not what indexing the stored row would give now
    (a row changed behind the index's back, an index restored from an older copy)."""
    sites = store.sites()
    differing = []
    for article in store.iter_articles():
        found = documents.get(article["id"])
        if not found or article["id"] in known:
            continue
        expected = to_document(article, sites.get(article.get("site") or ""), group=0)
        expected["site"] = expected["site"].decode("utf-8")
        if any(found[0].get(name) != expected.get(name) for name in stored_names):
            differing.append(article["id"])
    return differing


def _check_captures(report: Report, rows: list[Any], aliases: dict[str, int], warc_dir: Path) -> None:
    responses: dict[tuple[str, int], str] = {}
    unstored: dict[str, Capture] = {}  # pointers only: listing pages can be many and large
    stored_urls = {row["url"] for row in rows} | set(aliases)  # a page reached by an alias is stored too
    for captured in iter_responses(warc_dir):
        responses[(captured.capture.warc_file, captured.capture.offset)] = captured.url
        if captured.status == 200 and captured.url not in stored_urls:
            unstored[captured.url] = captured.capture
    report.captures = len(responses)
    report.problems["unsafe_capture_paths"] = [row["id"] for row in rows
                                               if row["warc_file"] and not _safe_capture(warc_dir, row["warc_file"])]
    report.problems["missing_capture"] = [  # the capture of the article's URL, or of an alias of it
        row["id"] for row in rows if (captured := responses.get((row["warc_file"], row["warc_offset"]))) != row["url"]
        and aliases.get(captured) != row["id"]]
    registry = load_registry(warc_dir.parent)
    report.problems["unstored_captures"] = sorted(
        url for url, capture in unstored.items() if judge_capture(read_capture(warc_dir, capture), registry).article is not None)


def _safe_capture(warc_dir: Path, name: str) -> bool:
    try:
        capture_path(warc_dir, name)
    except CapturePathError:
        return False
    return True


def leftover_index_dirs(data_dir: Path) -> list[Path]:
    """index-* directories (not links) that are not the live index and that no writer holds, and
    temporary links."""
    try:
        live = live_index_dir(data_dir)
    except IndexPathError:
        live = None
    found = [path for path in sorted(data_dir.glob(f"{INDEX_PREFIX}*"))
             if not path.is_symlink() and path.is_dir() and path != live and not writer_holds(path)]
    return found + sorted(data_dir.glob(".index-link-*"))


def unsafe_index_paths(data_dir: Path) -> list[str]:
    """The `index` link if it leads out of the data dir's index-* directories, and index-* links."""
    try:
        live_index_dir(data_dir)
        found = []
    except IndexPathError:
        found = [index_dir(data_dir).name]
    return found + [path.name for path in sorted(data_dir.glob(f"{INDEX_PREFIX}*")) if path.is_symlink()]


def repair(store: Store, data_dir: Path, report: Report, progress: bool = False) -> list[str]:
    """Fix what `verify` found; returns what was done. Run `verify` again to confirm."""
    problems = report.problems
    actions = []
    for name in problems["unsafe_index_paths"]:
        if name != index_dir(data_dir).name:  # that one is replaced by the rebuild below
            (data_dir / name).unlink()
            actions.append(f"removed the link {name} (its target left alone)")
    for path in leftover_index_dirs(data_dir):
        if path.is_symlink() or not path.is_dir():
            path.unlink()
        else:
            shutil.rmtree(path)
        actions.append(f"removed leftover {path.name}")
    if problems["unstored_captures"] or problems["missing_capture"]:
        actions += _repair_from_captures(store, data_dir / "warc", set(problems["unstored_captures"]),
                                         problems["missing_capture"])
    if problems["index_unreadable"]:
        _note(progress, "rebuilding the index from the store")
        actions.append(f"rebuilt the index: {rebuild_index(store, data_dir, progress)} articles")
        return actions
    unwanted = problems["orphans_in_index"] + problems["duplicates_in_index"]
    if unwanted:
        _delete_documents(data_dir, unwanted)
        actions.append(f"deleted the index documents of {len(unwanted)} orphan or duplicated ids")
    redo = problems["missing_from_index"] + problems["stale_in_index"] + problems["duplicates_in_index"]
    with store.transaction():
        store.mark_indexed({article_id: 0 for article_id in redo})
    indexed = update_index(store, data_dir, progress)
    if indexed:
        actions.append(f"indexed {indexed} missing or stale articles")
    return actions


def _repair_from_captures(store: Store, warc_dir: Path, unstored: set[str], missing: list[int]) -> list[str]:
    latest = latest_captures(warc_dir)
    registry, sites = load_registry(warc_dir.parent), store.sites()
    stored = repointed = 0
    with store.transaction():
        for url in sorted(unstored & set(latest)):
            stored += store_capture(store, latest[url], registry, sites) == "new"
        for article_id in missing:
            captured = latest.get(store.get(article_id)["url"])
            if captured is not None:
                store.set_capture(article_id, captured.capture)
                repointed += 1
    actions = [f"stored {stored} articles re-extracted from their captures"] if stored else []
    if repointed:
        actions.append(f"pointed {repointed} articles at their latest capture")
    if repointed < len(missing):
        actions.append(f"{len(missing) - repointed} articles have no capture left (kept; not repairable)")
    return actions


def _delete_documents(data_dir: Path, ids: list[int]) -> None:
    try:
        writer = open_index(data_dir).writer()
    except LockError as error:
        raise VerifyError("another process is writing the index; repair when it has finished") from error
    for article_id in ids:
        writer.delete_by_term("id", str(article_id))
    writer.commit()


def _note(progress: bool, message: str) -> None:
    if progress:
        logger.info("  %s", message)
