"""robots.txt within bounds: read at most ARCHIVE_ROBOTS_MAX_BYTES of it and its first
ARCHIVE_ROBOTS_MAX_RULES Allow/Disallow rules, the rest ignored (as the big search engines do).

A hostile robots.txt of 18.6 MB and 480,000 rules took the crawler to 896 MB and cost 0.2 s per
robots check. The download stops at the size cap (the part received is kept and parsed), and each
cap hit is counted per site as `archive/SITE/errors/robots_txt_capped`.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import StopDownload
from scrapy.http import Response

RULE = re.compile(rb"^\s*(allow|disallow)\s*:", re.IGNORECASE)


def capped_robots(body: bytes, max_bytes: int, max_rules: int) -> bytes:
    """The lines of `body` within `max_bytes` (whole lines only) up to its `max_rules`-th rule."""
    if len(body) > max_bytes:
        body = body[: body.rfind(b"\n", 0, max_bytes) + 1]
    lines = body.splitlines(keepends=True)
    rules = 0
    for number, line in enumerate(lines):
        if RULE.match(line):
            rules += 1
            if rules > max_rules:
                return b"".join(lines[:number])
    return body


class CappedRobotsTxtMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.max_bytes = crawler.settings.getint("ARCHIVE_ROBOTS_MAX_BYTES")
        self.max_rules = crawler.settings.getint("ARCHIVE_ROBOTS_MAX_RULES")
        crawler.signals.connect(self.bytes_received, signal=signals.bytes_received)

    def bytes_received(self, data: bytes, request: Request, **kwargs: Any) -> None:
        """Stop reading a robots.txt at the size cap; the response goes on with what came."""
        if not (request.meta.get("dont_obey_robotstxt") and urlsplit(request.url).path == "/robots.txt"):
            return
        received = request.meta["archive_robots_bytes"] = request.meta.get("archive_robots_bytes", 0) + len(data)
        if received > self.max_bytes:
            raise StopDownload(fail=False)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        # Scrapy's own step from a downloaded robots.txt to its parser (Scrapy is pinned).
        body = capped_robots(response.body, self.max_bytes, self.max_rules)
        if body != response.body:
            site = self.crawler.spider.site_of(response.url) or "?"
            self.crawler.stats.inc_value(f"archive/{site}/errors/robots_txt_capped")
        await super()._parse_robots(response.replace(body=body), netloc, request)
