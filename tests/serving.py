"""Helpers for crawl tests: serve a directory over real HTTP on 127.0.0.1, run the crawl command."""
from __future__ import annotations

import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from archive.demo.sample_server import SiteHandler, SiteServer
from tests.conftest import run_cli


@contextmanager
def serving(root: Path, handler: type[SiteHandler] = SiteHandler) -> Iterator[SiteServer]:
    server = SiteServer(root, handler=handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def crawl(data: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return run_cli("crawl", *args, data=data, check=check)


def archived(data: Path) -> dict[str, int]:
    """Archived URL -> number of stored versions, read straight from the SQLite file."""
    with sqlite3.connect(data / "archive.sqlite3") as db:
        rows = db.execute("SELECT a.url, count(v.version) FROM articles a JOIN versions v ON v.article_id = a.id "
                          "GROUP BY a.id").fetchall()
    return dict(rows)


def summary_rows(run: subprocess.CompletedProcess) -> dict[str, dict[str, int | str]]:
    """The crawl's printed per-site summary: site -> fetched, new, changed, unchanged, 304, errors."""
    lines = run.stderr.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("site ") and "fetched" in line)
    rows = {}
    for line in lines[header + 1:]:
        parts = line.split(None, 6)
        if len(parts) < 7 or not parts[1].isdigit():
            break
        names = ("fetched", "new", "changed", "unchanged", "not_modified")
        rows[parts[0]] = {**dict(zip(names, map(int, parts[1:6]), strict=True)), "errors": parts[6]}
    return rows
