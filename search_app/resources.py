"""Per-app handles on the archive: one search engine, a store connection per request."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, current_app, g

from archive.search.engine import SearchEngine
from archive.storage.store import Store


def init_resources(app: Flask) -> None:
    app.extensions["search_engine"] = SearchEngine(Path(app.config["DATA_DIR"]))
    app.teardown_appcontext(_close_store)


def engine() -> SearchEngine:
    return current_app.extensions["search_engine"]


def store() -> Store:
    """The request's store connection, closed when the request ends."""
    if "store" not in g:
        g.store = open_store()
    return g.store


def open_store() -> Store:
    """A read-only connection (the app only reads, and works on a read-only disk) of the caller's own
    (a download that outlives its request), closed by the caller."""
    return Store(Path(current_app.config["DATA_DIR"]) / "archive.sqlite3", read_only=True)


def run_search(args: dict[str, Any]) -> dict[str, Any]:
    """The search that `search_args()` describes (raises SearchError for a bad sort)."""
    return engine().search(store(), args["query"], page=args["page"], limit=args["limit"], sort=args["sort"],
                           filters=args["filters"])


def _close_store(_: object) -> None:
    opened = g.pop("store", None)
    if opened is not None:
        opened.close()
