"""What a crawl knows before it starts: archived articles, fetched pages and their validators.

A plain snapshot, read from the store by a local crawl or from Redis by a worker of a Redis crawl,
so the spider decides what to fetch without touching either.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from archive.storage.store import Store


@dataclass
class CrawlSnapshot:
    known_articles: set[str] = field(default_factory=set)
    known_pages: dict[str, str] = field(default_factory=dict)  # url -> when last fetched (UTC ISO)
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # url -> (ETag, Last-Modified)
    incremental: set[str] = field(default_factory=set)  # sites whose previous crawl walked the whole site

    def is_known(self, url: str) -> bool:
        return url in self.known_articles or url in self.known_pages

    def changed_since_fetched(self, url: str, lastmod: str | None) -> bool:
        """A sitemap's <lastmod> later than our last fetch of the page."""
        fetched = self.known_pages.get(url)
        modified = _utc(lastmod) if lastmod else None
        return fetched is not None and modified is not None and modified > (_utc(fetched) or modified)

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
        snapshot.known_pages.update(store.known_pages(site))
        snapshot.validators.update(store.validators(site))
        if store.begin_site_crawl(site, run_id):
            snapshot.incremental.add(site)
    return snapshot


def _utc(value: str) -> datetime | None:
    """An ISO 8601 date or date-time as an aware UTC datetime (a plain day is its midnight UTC)."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=moment.tzinfo or UTC).astimezone(UTC)
