"""What a crawl knows before it starts: archived articles, fetched pages and their validators.

A plain snapshot, read from the store by a local crawl or from Redis by a worker of a Redis crawl,
so the spider decides what to fetch without touching either.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from archive.store import Store


@dataclass
class CrawlSnapshot:
    known_articles: set[str] = field(default_factory=set)
    known_pages: set[str] = field(default_factory=set)
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # url -> (ETag, Last-Modified)
    incremental: set[str] = field(default_factory=set)  # sites whose previous crawl walked the whole site

    def is_known(self, url: str) -> bool:
        return url in self.known_articles or url in self.known_pages

    def conditional_headers(self, url: str) -> dict[str, str]:
        etag, modified = self.validators.get(url, (None, None))
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return headers


def load_snapshot(store: Store, sites: list[str], run_id: int) -> CrawlSnapshot:
    """Read what is known and mark each site's crawl as started (a kill leaves it unfinished)."""
    snapshot = CrawlSnapshot(known_articles=store.article_urls())
    for site in sites:
        snapshot.known_pages |= store.known_pages(site)
        snapshot.validators.update(store.validators(site))
        if store.begin_site_crawl(site, run_id):
            snapshot.incremental.add(site)
    return snapshot
