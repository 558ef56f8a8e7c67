"""Saved searches ("watches") in the data directory, and what is new for each since its last run.

An officer saves a query once (`watch add`); the recrawl timer runs `watch run` after each crawl,
which prints, and can e-mail, the articles stored since the previous run that match it. "New" is
by store id: an article gets a larger id than every article stored before it, whatever date it
was published (a backfilled 2014 article is new to the archive, and reported).
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from archive.search.engine import SearchEngine
from archive.search.export import export_rows
from archive.storage.store import Store, utc_now

WATCHES_FILE = "watches.json"
NAME = re.compile(r"^[\w.-]{1,64}$")
MAX_NEW = 1000  # articles reported per watch and run
SCAN_LIMIT = 10_000  # newest matching stories looked at per watch and run
HIT_FIELDS = ("id", "url", "title", "published", "site", "site_title", "author", "lead")


class WatchError(ValueError):
    """A watch the user asked for that cannot be (a taken or unknown name, a bad e-mail)."""


@dataclass
class Watch:
    name: str
    query: str
    filters: dict[str, str] = field(default_factory=dict)
    email: str | None = None
    created: str = ""
    last_run: str | None = None
    since_id: int = 0  # the largest article id when it was added or last run


def watches_path(data_dir: Path) -> Path:
    return Path(data_dir) / WATCHES_FILE


def load(data_dir: Path) -> list[Watch]:
    path = watches_path(data_dir)
    if not path.exists():
        return []
    return [Watch(**item) for item in json.loads(path.read_text(encoding="utf-8"))["watches"]]


def save(data_dir: Path, watches: list[Watch]) -> None:
    """Write the file whole and swap it in: a kill never leaves half a file."""
    path = watches_path(data_dir)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"watches": [asdict(w) for w in watches]}, ensure_ascii=False, indent=1),
                         encoding="utf-8")
    os.replace(temporary, path)


def add(data_dir: Path, store: Store, query: str, name: str, filters: dict[str, str] | None = None,
        email: str | None = None) -> Watch:
    """Save a search; what is already archived is its baseline, only later articles are new."""
    if not NAME.match(name):
        raise WatchError(f"bad watch name {name!r}: use letters, digits, '.', '-' or '_' (at most 64)")
    if email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+", email):
        raise WatchError(f"bad e-mail address {email!r}")
    watches = load(data_dir)
    if any(w.name == name for w in watches):
        raise WatchError(f"a watch named {name!r} exists: remove it first or choose another name")
    watch = Watch(name, query, {k: v for k, v in (filters or {}).items() if v}, email, utc_now(),
                  since_id=store.max_article_id())
    save(data_dir, [*watches, watch])
    return watch


def remove(data_dir: Path, name: str) -> None:
    watches = load(data_dir)
    if not any(w.name == name for w in watches):
        raise WatchError(f"no watch named {name!r}")
    save(data_dir, [w for w in watches if w.name != name])


def new_hits(engine: SearchEngine, store: Store, watch: Watch) -> list[dict[str, Any]]:
    """Stories matching the watch with an article stored after its last run, newest first (ranked
    once, as an export is, then read from the store)."""
    found = []
    for row in export_rows(engine, store, watch.query, sort="newest", filters=watch.filters, cap=SCAN_LIMIT):
        copies = [c for c in row["also_published_on"] if c["id"] > watch.since_id]
        if row["id"] > watch.since_id or copies:
            found.append({**{k: row[k] for k in HIT_FIELDS}, "also_published_on": row["also_published_on"]})
            if len(found) >= MAX_NEW:
                break
    return found


def mark_run(data_dir: Path, name: str, since_id: int) -> None:
    """Record a run that was reported (printed, mailed): its articles are no longer new."""
    watches = load(data_dir)
    for watch in watches:
        if watch.name == name:
            watch.last_run, watch.since_id = utc_now(), since_id
    save(data_dir, watches)
