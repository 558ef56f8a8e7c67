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


@dataclass
class Walk:
    """One listing's walk in this crawl."""

    pages: int = 0  # listing pages fetched
    deepest: int = 0  # the highest page number fetched
    stopped: set[str] = field(default_factory=set)  # why pages were left unfetched: archived, repeat, budget, error
    linked: set[str] = field(default_factory=set)  # every link its pages showed

    @property
    def ended(self) -> str:
        for reason in ("error", "budget", "archived", "repeat"):
            if reason in self.stopped:
                return reason
        return "end"


class Listings:
    """The walks of one crawl, by (site, listing)."""

    def __init__(self, stale_limit: int):
        self.stale_limit = stale_limit
        self.walks: dict[tuple[str, str], Walk] = defaultdict(Walk)

    def fetched(self, site: str, listing: str, page: int, links: list[str], new_to_archive: list[bool],
                stale_before: int) -> int:
        """Record a fetched listing page; returns its stale count (pages in a row with nothing new)."""
        walk = self.walks[site, listing]
        walk.pages += 1
        walk.deepest = max(walk.deepest, page)
        fresh = any(new and link not in walk.linked for link, new in zip(links, new_to_archive, strict=True))
        walk.linked.update(links)
        return 0 if fresh else stale_before + 1

    def may_page_on(self, stale: int) -> bool:
        return stale < self.stale_limit

    def stop(self, site: str, listing: str, reason: str) -> None:
        self.walks[site, listing].stopped.add(reason)

    def report(self) -> list[dict[str, object]]:
        """Plain rows for the store (and a Redis worker's report)."""
        return [{"site": site, "listing": listing, "pages": w.pages, "deepest": w.deepest, "ended": w.ended}
                for (site, listing), w in sorted(self.walks.items()) if w.pages]
