"""What a crawl knows before it starts: archived articles (their URLs, aliases and platform ids),
fetched pages and their validators, and the frontier earlier crawls left unfetched.

A plain snapshot, read from the store by a local crawl or from Redis by a worker of a Redis crawl,
so the spider decides what to fetch without touching either.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from archive.storage.frontier import Pending, pending
from archive.storage.store import Store


@dataclass
class CrawlSnapshot:
    known_articles: set[str] = field(default_factory=set)
    known_pages: dict[str, str] = field(default_factory=dict)  # url -> when last fetched (UTC ISO)
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # url -> (ETag, Last-Modified)
    incremental: set[str] = field(default_factory=set)  # sites whose previous crawl walked the whole site
    aliases: set[str] = field(default_factory=set)  # other URLs of archived articles
    article_keys: dict[str, set[str]] = field(default_factory=dict)  # site -> platform ids of its articles
    frontier: list[Pending] = field(default_factory=list)  # discovered by earlier crawls, never fetched

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data (a Redis crawl hands the snapshot to its workers)."""
        return {"known_articles": sorted(self.known_articles), "known_pages": self.known_pages,
                "validators": self.validators, "incremental": sorted(self.incremental),
                "aliases": sorted(self.aliases), "article_keys": {s: sorted(k) for s, k in self.article_keys.items()},
                "frontier": [p.to_dict() for p in self.frontier]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CrawlSnapshot:
        return cls(set(data["known_articles"]), data["known_pages"],
                   {url: tuple(v) for url, v in data["validators"].items()}, set(data["incremental"]),
                   set(data["aliases"]), {s: set(k) for s, k in data["article_keys"].items()},
                   [Pending(**p) for p in data["frontier"]])

    def is_known(self, url: str) -> bool:
        return url in self.known_articles or url in self.aliases or url in self.known_pages

    def is_archived(self, url: str) -> bool:
        """An archived article's URL or one of its aliases."""
        return url in self.known_articles or url in self.aliases

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
    snapshot = CrawlSnapshot(known_articles=store.article_urls(), aliases=set(store.aliases()))
    for site in sites:
        snapshot.known_pages.update(store.known_pages(site))
        snapshot.validators.update(store.validators(site))
        snapshot.article_keys[site] = store.article_keys(site)
        snapshot.frontier += pending(store, site)
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
