"""Downloader middlewares: retry with backoff, capture every response (site bounds: crawler/limits.py)."""
from __future__ import annotations

import asyncio
from http import HTTPStatus
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response

from crawler.sink import sink_for


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (5xx, timeouts) with an exponential pause before each new attempt."""

    async def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Any:
        return await self._later(super().process_response(request, response))

    async def process_exception(self, request: Request, exception: Exception, spider: Spider | None = None) -> Any:
        return await self._later(super().process_exception(request, exception))

    async def _later(self, result: Any) -> Any:
        if isinstance(result, Request):
            settings = self.crawler.settings
            attempt = result.meta.get("retry_times", 1)
            delay = min(settings.getfloat("RETRY_BACKOFF_BASE") * 2 ** (attempt - 1),
                        settings.getfloat("RETRY_BACKOFF_MAX"))
            await asyncio.sleep(delay)
        return result


class WarcCaptureMiddleware:
    """Every response goes to the WARC capture as transferred (3xx, 404s and 500s, each retry; bodies
    still compressed); validators to the store. Placed nearest the downloader (crawler/settings.py)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.sink = sink_for(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcCaptureMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        headers = _pairs(response.headers)
        request.meta["capture"] = self.sink.capture(response.url, response.status, _reason(response.status),
                                                    headers, response.body, _pairs(request.headers),
                                                    request.method)
        site = request.meta.get("site")
        if site is not None:
            self.crawler.stats.inc_value(f"archive/{site}/fetched")
            etag = response.headers.get("ETag")
            modified = response.headers.get("Last-Modified")
            self.sink.record_page(request.url, site, response.status,
                                  etag.decode("latin-1") if etag else None,
                                  modified.decode("latin-1") if modified else None)
        return response


def _pairs(headers: object) -> list[tuple[str, str]]:
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, values in headers.items() for v in values]  # type: ignore[attr-defined]


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
