"""Walking listings: when to page on, and how each listing's walk ended (the coverage report's facts).

A listing is a series of pages that differ only by their page number (`/tin-tuc/`, `/tin-tuc/trang-2.html`,
...). The backfill rule: page on from a listing page unless `stale_limit` pages in a row linked
nothing new, where new means neither archived when the crawl started nor linked by an earlier page
of the same listing. Links seen elsewhere in this crawl (the home page, a sidebar) do not count as
known, so a first crawl pages every listing to its end; an incremental crawl stops at the first page
of archived articles; a page repeating its predecessors (an endless search) ends the walk.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

# Why a walk stopped before the end, the most telling first.
STOPS = ("error", "budget", "archived", "repeat")


@dataclass
class Walk:
    """One listing's walk in this crawl."""

    pages: int = 0  # listing pages fetched
    deepest: int = 0  # the highest page number fetched
    stopped: set[str] = field(default_factory=set)  # why pages were left unfetched: archived, repeat, budget, error
    linked: set[str] = field(default_factory=set)  # the links new to the archive its pages showed

    @property
    def ended(self) -> str:
        return next((reason for reason in STOPS if reason in self.stopped), "end")


class Listings:
    """The walks of one crawl, by (site, listing)."""

    def __init__(self, stale_limit: int):
        self.stale_limit = stale_limit
        self.walks: dict[tuple[str, str], Walk] = defaultdict(Walk)

    def visit(self, site: str, listing: str | None, page: int, new: set[str], stale_before: int) -> int:
        """A fetched page with its links new to the archive (`new`); `listing` when it is a page of one.
        Returns its stale count: listing pages in a row, this one included, that linked nothing new."""
        if listing is None:
            return 0 if new else stale_before + 1
        walk = self.walks[site, listing]
        walk.pages += 1
        walk.deepest = max(walk.deepest, page)
        fresh = bool(new - walk.linked)
        walk.linked |= new
        return 0 if fresh else stale_before + 1

    def may_page_on(self, stale: int) -> bool:
        return stale < self.stale_limit

    def stop(self, site: str, listing: str, reason: str) -> None:
        self.walks[site, listing].stopped.add(reason)

    def report(self) -> list[dict[str, Any]]:
        """Plain rows for the store (and a Redis worker's report); only listings of more than one page."""
        return [{"site": site, "listing": listing, "pages": w.pages, "deepest": w.deepest, "ended": w.ended}
                for (site, listing), w in sorted(self.walks.items()) if w.pages and (w.deepest > 1 or w.stopped)]


def merge_walks(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The walks several crawler processes of one crawl reported (a Redis crawl), one row per listing."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["site"], row["listing"])
        if key not in merged:
            merged[key] = dict(row)
            continue
        walk = merged[key]
        walk["pages"] += row["pages"]
        walk["deepest"] = max(walk["deepest"], row["deepest"])
        walk["ended"] = next((r for r in STOPS if r in (walk["ended"], row["ended"])), "end")
    return list(merged.values())
