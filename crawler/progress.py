"""A progress line while crawling: pages fetched, articles new/changed/unchanged, errors."""
from __future__ import annotations

import logging
import time

from scrapy import signals
from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class CrawlProgress:
    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats
        self.every = crawler.settings.getint("ARCHIVE_PROGRESS_EVERY", 10)
        self.responses = 0
        self.started = time.monotonic()
        crawler.signals.connect(self.response_received, signal=signals.response_received)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        return cls(crawler)

    def response_received(self, **kwargs: object) -> None:
        self.responses += 1
        if self.responses % self.every == 0:
            logger.info(self.line())

    def line(self) -> str:
        totals = {"new": 0, "changed": 0, "unchanged": 0, "errors": 0}
        for key, value in self.stats.get_stats().items():
            parts = key.split("/")
            if parts[0] != "archive" or len(parts) < 3:
                continue
            kind = "errors" if parts[2] == "errors" else parts[2]
            if kind in totals:
                totals[kind] += value
        elapsed = time.monotonic() - self.started
        return (f"  crawl: {self.responses} pages fetched in {elapsed:.0f}s, {totals['new']} new, "
                f"{totals['changed']} changed, {totals['unchanged']} unchanged, {totals['errors']} errors")
