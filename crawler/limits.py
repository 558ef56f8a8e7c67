"""Limits against hostile sites, each hit counted per site as `archive/SITE/errors/KIND`.

- SiteBoundsMiddleware: never fetch outside a site's hosts and ports (Scrapy's offsite filter
  ignores ports, and redirects and meta refreshes skip the spider's link filter). The spider
  itself bounds depth and requests per site (ARCHIVE_MAX_DEPTH, ARCHIVE_SITE_BUDGET).
- SiteDownMiddleware: give up on a site in a 500 storm (ARCHIVE_MAX_SERVER_ERRORS_IN_A_ROW).
- Scrapy's redirect, meta-refresh and decompression middlewares, counting what they drop
  (they raise or drop silently, and what a downloader middleware raises from process_response
  never reaches process_exception): redirect loops and chains past REDIRECT_MAX_TIMES, bodies
  that inflate past DOWNLOAD_MAXSIZE (gzip bombs).
- failure_kind: the name a download failure is counted under (timeouts, size cancels, limits).
"""
from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

DEFAULT_PORTS = {"http": 80, "https": 443}


class LimitReached(IgnoreRequest):
    """A request this crawl refuses to make or follow; `kind` is what the summary counts it under
    (the spider's errback counts every failure, once)."""

    def __init__(self, kind: str, detail: str):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


def count(stats: StatsCollector, request: Request, kind: str) -> None:
    stats.inc_value(f"archive/{request.meta.get('site', '?')}/errors/{kind}")


def failure_kind(exception: Exception) -> str:
    """The summary's name for a failed download."""
    if isinstance(exception, LimitReached):
        return exception.kind
    if isinstance(exception, DownloadTimeoutError):
        return "timeout"  # DOWNLOAD_TIMEOUT covers the whole body: slow-drip responses end here
    if isinstance(exception, DownloadCancelledError):
        return "too_large"  # the body passed DOWNLOAD_MAXSIZE (declared or while streaming)
    if isinstance(exception, CannotResolveHostError):
        return "dns"
    if isinstance(exception, DownloadConnectionRefusedError):
        return "connection_refused"
    if isinstance(exception, IgnoreRequest):
        message = str(exception).lower()
        return next((kind for word, kind in (("robots", "robots_txt"), ("redirect", "redirect_loop"),
                                             ("offsite", "offsite")) if word in message), "ignored")
    return type(exception).__name__


class SiteBoundsMiddleware:
    """Every request, redirects included, must go to one of the crawl's sites, on its own port
    (the spider's `site_of` decides; Scrapy's offsite filter compares host names only)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteBoundsMiddleware:
        return cls(crawler)

    def allowed(self, site: str | None, url: str) -> bool:
        if urlsplit(url).scheme not in DEFAULT_PORTS:
            return False
        found = self.crawler.spider.site_of(url)
        # Requests of no site (robots.txt) may go wherever some site may.
        return found is not None and (site is None or found == site)

    def process_request(self, request: Request) -> None:
        """Before any other downloader middleware: links, redirects, meta refreshes and robots.txt."""
        if not self.allowed(request.meta.get("site"), request.url):
            raise LimitReached("offsite", f"{request.url} is outside the site's hosts and ports")


class SiteDownMiddleware:
    """A 500 storm: after this many 5xx responses from a site in a row (retries included), the site
    is down for this crawl and its remaining requests are dropped, not each retried in turn."""

    def __init__(self, crawler: Crawler):
        self.limit = crawler.settings.getint("ARCHIVE_MAX_SERVER_ERRORS_IN_A_ROW")
        self.in_a_row: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteDownMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        site = request.meta.get("site")
        if site is not None and self.limit and self.in_a_row[site] >= self.limit:
            raise LimitReached("site_down", f"{site} answered {self.limit} requests in a row with 5xx")

    def process_response(self, request: Request, response: Response) -> Response:
        site = request.meta.get("site")
        if site is not None:
            self.in_a_row[site] = self.in_a_row[site] + 1 if response.status >= 500 else 0
        return response


class CountedRedirects:
    """Counts redirects refused: loops (back to a URL of the chain), chains past the maximum,
    and those Scrapy does not follow (to file:, data:, ftp: ...) or cannot (a Location that is no URL)."""

    crawler: Crawler
    reads_location = False  # the HTTP redirect middleware; meta refresh sees its unfollowed 3xx again

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Any:
        try:
            result = super().process_response(request, response)  # type: ignore[misc]
        except IgnoreRequest as error:
            raise LimitReached("redirect_limit", str(error)) from error
        except ValueError as error:  # urljoin on "http://[::1/x"
            raise LimitReached("malformed_redirect", str(error)) from error
        if isinstance(result, Request) and result.url in {request.url, *request.meta.get("redirect_urls", ())}:
            raise LimitReached("redirect_loop", f"back to {result.url}")
        if self.reads_location and result is response and 300 <= response.status < 400 \
                and b"Location" in response.headers:
            count(self.crawler.stats, request, "redirect_not_followed")
        return result


class CountedRedirectMiddleware(CountedRedirects, RedirectMiddleware):
    reads_location = True


class CountedMetaRefreshMiddleware(CountedRedirects, MetaRefreshMiddleware):
    pass


class CountedHttpCompressionMiddleware(HttpCompressionMiddleware):
    """Counts bodies that inflate past DOWNLOAD_MAXSIZE (Scrapy stops inflating there)."""

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Any:
        try:
            return super().process_response(request, response)
        except IgnoreRequest as error:
            raise LimitReached("decompression_bomb", str(error)) from error
