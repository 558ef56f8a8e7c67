"""Where a crawler process puts what it fetched: the one archive writer's side of the crawl.

A local crawl writes straight to the WARC files and the store (`LocalSink`). A worker of a Redis
crawl only pushes its captures and articles onto a Redis list (`crawler.redis_run`), and the
single writer process feeds them to a `LocalSink`: the store and the WARC files have one writer.
"""
from __future__ import annotations

import base64
import json
import uuid
from pathlib import Path
from typing import Any, Protocol

import redis
from scrapy import signals
from scrapy.crawler import Crawler

from archive.article import Article
from archive.storage import frontier
from archive.storage.frontier import Pending
from archive.storage.store import Capture, Store
from archive.storage.warc import WarcWriter

KEY_TTL = 24 * 3600  # a Redis crawl's keys outlive a dead coordinator by a day at most


class Sink(Protocol):
    def capture(self, url: str, status: int, reason: str, headers: list[tuple[str, str]], body: bytes,
                request_headers: list[tuple[str, str]], method: str) -> Any: ...

    def record_page(self, url: str, site: str, status: int, etag: str | None,
                    last_modified: str | None) -> None: ...

    def store_article(self, article: Article, capture: Any, aliases: tuple[str, ...] = (),
                      key: str | None = None) -> str | None: ...

    def remember(self, pending: Pending) -> None: ...

    def forget(self, url: str) -> None: ...

    def close(self) -> None: ...


class LocalSink:
    """WARC files and the SQLite store in the data directory: the archive writer."""

    def __init__(self, data_dir: Path, robots_policy: str):
        self.warc = WarcWriter(data_dir / "warc", robots_policy=robots_policy)
        self.store = Store(data_dir / "archive.sqlite3")

    def capture(self, url: str, status: int, reason: str, headers: list[tuple[str, str]], body: bytes,
                request_headers: list[tuple[str, str]], method: str) -> Capture:
        return self.warc.write(url, status, reason, headers, body, request_headers, method)

    def record_page(self, url: str, site: str, status: int, etag: str | None, last_modified: str | None) -> None:
        self.store.record_page(url, site, status, etag, last_modified)

    def store_article(self, article: Article, capture: Capture | None, aliases: tuple[str, ...] = (),
                      key: str | None = None) -> str:
        with self.store.transaction():
            return self.store.upsert_article(article, capture, aliases, key)

    def remember(self, pending: Pending) -> None:
        frontier.remember(self.store, pending)

    def forget(self, url: str) -> None:
        frontier.forget(self.store, url)

    def close(self) -> None:
        self.warc.close()
        self.store.close()


def keys(prefix: str) -> dict[str, str]:
    return {"config": f"{prefix}:config", "out": f"{prefix}:out", "requests": f"{prefix}:requests",
            "seen": f"{prefix}:seen", "busy": f"{prefix}:busy:"}


class RedisSink:
    """A worker's sink: everything goes onto the crawl's output list for the one writer."""

    def __init__(self, url: str, prefix: str):
        self.redis = redis.Redis.from_url(url)
        self.out = keys(prefix)["out"]

    def push(self, message: dict[str, Any]) -> None:
        # One round trip; the expiry keeps an undrained list (a dead writer) from lingering.
        self.redis.pipeline(transaction=False).rpush(self.out, json.dumps(message, ensure_ascii=False)) \
            .expire(self.out, KEY_TTL).execute()

    def capture(self, url: str, status: int, reason: str, headers: list[tuple[str, str]], body: bytes,
                request_headers: list[tuple[str, str]], method: str) -> str:
        capture_id = uuid.uuid4().hex
        self.push({"type": "capture", "id": capture_id, "url": url, "status": status, "reason": reason,
                   "headers": headers, "body": base64.b64encode(body).decode("ascii"),
                   "request_headers": request_headers, "method": method})
        return capture_id

    def record_page(self, url: str, site: str, status: int, etag: str | None, last_modified: str | None) -> None:
        self.push({"type": "page", "url": url, "site": site, "status": status, "etag": etag,
                   "last_modified": last_modified})

    def store_article(self, article: Article, capture: str | None, aliases: tuple[str, ...] = (),
                      key: str | None = None) -> None:
        self.push({"type": "article", "article": article.to_dict(), "capture": capture, "aliases": aliases,
                   "key": key})

    def remember(self, pending: Pending) -> None:
        self.push({"type": "remember", "pending": pending.to_dict()})

    def forget(self, url: str) -> None:
        self.push({"type": "forget", "url": url})

    def close(self) -> None:
        self.redis.close()


def sink_for(crawler: Crawler) -> Sink:
    """The crawler's one sink, made on first use (by the capture middleware, the pipeline or the spider)."""
    sink = getattr(crawler, "archive_sink", None)
    if sink is None:
        robots = "obey" if crawler.settings.getbool("ROBOTSTXT_OBEY") else "ignore"
        redis_url = crawler.settings.get("ARCHIVE_REDIS_URL")
        if redis_url:
            sink = RedisSink(redis_url, crawler.settings["ARCHIVE_REDIS_PREFIX"])
        else:
            sink = LocalSink(Path(crawler.settings["ARCHIVE_DATA_DIR"]), robots)
        crawler.archive_sink = sink  # type: ignore[attr-defined]
        crawler.signals.connect(lambda **_: sink.close(), signal=signals.engine_stopped, weak=False)
    return sink
