"""Downloader middleware: every fetched response goes to the WARC capture."""
from __future__ import annotations

from http import HTTPStatus
from pathlib import Path
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from archive.warc import WarcWriter
from crawler.limits import failure_kind


class WarcCaptureMiddleware:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        robots = "obey" if crawler.settings.getbool("ROBOTSTXT_OBEY") else "ignore"
        self.writer = WarcWriter(Path(crawler.settings["ARCHIVE_DATA_DIR"]) / "warc", robots_policy=robots)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcCaptureMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Spider) -> Response:
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, values in response.headers.items()
                   for v in values]
        request_headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, values in request.headers.items()
                           for v in values]
        reason = _reason(response.status)
        request.meta["capture"] = self.writer.write(response.url, response.status, reason, headers,
                                                    response.body, request_headers, request.method)
        site = request.meta.get("site", "?")
        self.crawler.stats.inc_value(f"archive/{site}/fetched")
        if response.status >= 400:
            self.crawler.stats.inc_value(f"archive/{site}/errors/http_{response.status}")
        return response

    def process_exception(self, request: Request, exception: Exception, spider: Spider) -> Any:
        site = request.meta.get("site", "?")
        kind = failure_kind(exception)  # robots.txt refusals, timeouts, size and site limits by name
        self.crawler.stats.inc_value(f"archive/{site}/errors/{kind}")
        return None

    def spider_closed(self, spider: Spider) -> None:
        self.writer.close()


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
