"""The durable crawl frontier and the listing walks of each crawl run.

A URL enters the frontier when a crawl decides to fetch it (or would, but its page budget ran out)
and leaves it once it is dealt with: stored or judged not to be an article, its links already in
the frontier. So after any kill the frontier plus the archive hold everything discovered, and the
next crawl starts from the frontier.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from archive.storage.store import Store, utc_now


@dataclass(frozen=True)
class Pending:
    """A URL discovered and not yet fetched: what kind of page it is thought to be, how deep, and
    for a listing page, the listing it belongs to and its page number."""

    url: str
    site: str
    kind: str
    depth: int
    listing: str | None = None
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def remember(store: Store, pending: Pending) -> None:
    store.db.execute("INSERT OR IGNORE INTO frontier(url, site, kind, depth, listing, page, discovered_at) "
                     "VALUES (?,?,?,?,?,?,?)", (pending.url, pending.site, pending.kind, pending.depth,
                                                pending.listing, pending.page, utc_now()))


def forget(store: Store, url: str) -> None:
    store.db.execute("DELETE FROM frontier WHERE url = ?", (url,))


def pending(store: Store, site: str) -> list[Pending]:
    """A site's frontier, shallowest first."""
    rows = store.db.execute("SELECT url, site, kind, depth, listing, page FROM frontier WHERE site = ? "
                            "ORDER BY depth, discovered_at", (site,))
    return [Pending(**dict(row)) for row in rows]


def save_walks(store: Store, run_id: int, walks: list[dict[str, Any]]) -> None:
    """How each listing's walk ended in this run (crawler.listings.Listings.report rows)."""
    store.db.executemany(
        "INSERT OR REPLACE INTO listing_walks(run_id, site, listing, pages, deepest, ended) VALUES (?,?,?,?,?,?)",
        [(run_id, w["site"], w["listing"], w["pages"], w["deepest"], w["ended"]) for w in walks])
