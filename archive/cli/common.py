"""What every command shares: the user-error type, the store, the search and the index."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class UserError(Exception):
    """A mistake the user can fix; printed without a traceback."""


STORE_FILE = "archive.sqlite3"


def check_store(data: Path) -> None:
    """Every command first: a damaged, foreign or newer archive.sqlite3 stops it with one line (StoreError)
    before it starts any work, rather than a traceback midway (a crawl, a download half written). Opened
    read-only, so a read-only data dir passes; an older schema is for the command to migrate."""
    if (data / STORE_FILE).exists():
        try:
            open_store(data, read_only=True).close()
        except UserError:
            pass


def open_store(data: Path, must_exist: bool = True, read_only: bool = False) -> Any:
    """The archive's store; `read_only` for commands that only read (they work on a read-only disk)."""
    from archive.storage.store import Store, StoreOutdated

    path = data / STORE_FILE
    if (must_exist or read_only) and not path.exists():
        raise UserError(f"no archive at {path}: run `python -m archive demo` or `crawl` first")
    try:
        return Store(path, read_only=read_only)
    except StoreOutdated as error:
        raise UserError(str(error)) from error


def run_search(data: Path, query: str, **options: Any) -> dict[str, Any]:
    from archive.search.engine import SearchEngine, SearchError

    with open_store(data, read_only=True) as store:
        engine = SearchEngine(data)
        try:
            return engine.search(store, query, **options)
        except SearchError as error:
            raise UserError(str(error)) from error
        except FileNotFoundError as error:
            raise UserError(str(error)) from error
        finally:
            engine.close()


def index_store(data: Path) -> int:
    from archive.search.index import update_index

    with open_store(data) as store:
        return update_index(store, data, progress=True)


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))
