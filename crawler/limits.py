"""Limits against hostile sites, each hit counted per site as `archive/SITE/errors/KIND`.

- SiteBoundsMiddleware: never fetch outside a site's hosts and ports (Scrapy's offsite filter
  ignores ports, and redirects and meta refreshes skip the spider's link filter). The spider
  itself bounds depth and requests per site (ARCHIVE_MAX_DEPTH, ARCHIVE_SITE_BUDGET).
- SiteDownMiddleware: give up on a site in a 500 storm (ARCHIVE_MAX_SERVER_ERRORS_IN_A_ROW failures
  in a row, timeouts and slow drips included) or once its slow downloads have cost more than its
  time budget (ARCHIVE_SITE_SLOW_SECONDS); cut a body that trickles in slower than
  ARCHIVE_MIN_BYTES_PER_SECOND after ARCHIVE_SLOW_GRACE_SECONDS (a slow drip: never retried).
- Scrapy's redirect, meta-refresh and decompression middlewares, counting what they drop
  (they raise or drop silently, and what a downloader middleware raises from process_response
  never reaches process_exception): redirect loops and chains past REDIRECT_MAX_TIMES, bodies
  that inflate past DOWNLOAD_MAXSIZE (gzip bombs).
- failure_kind: the name a download failure is counted under (timeouts, size cancels, limits).
"""
from __future__ import annotations

import time
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    StopDownload,
)
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

from archive.extract.identity import DEFAULT_PORTS


class LimitReached(IgnoreRequest):
    """A request this crawl refuses to make or follow; `kind` is what the summary counts it under
    (the spider's errback counts every failure, once)."""

    def __init__(self, kind: str, detail: str):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


class CutDownload(StopDownload):
    """A download cut short by a signal handler (a slow drip, a site given up while it was under way);
    `kind` is what the summary counts it under. Not a timeout: never retried."""

    def __init__(self, kind: str):
        super().__init__(fail=True)
        self.kind = kind


def count(stats: StatsCollector, request: Request, kind: str) -> None:
    stats.inc_value(f"archive/{request.meta.get('site', '?')}/errors/{kind}")


def failure_kind(exception: Exception) -> str:
    """The summary's name for a failed download."""
    if isinstance(exception, (LimitReached, CutDownload)):
        return exception.kind
    if isinstance(exception, DownloadTimeoutError):
        return "timeout"  # DOWNLOAD_TIMEOUT covers the whole body: a stall, or a drip cut no sooner
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
    """A site that is down or dripping is given up for this crawl, its remaining requests dropped
    rather than each retried in turn: after ARCHIVE_MAX_SERVER_ERRORS_IN_A_ROW failures in a row
    (5xx responses, timeouts and slow drips, retries included), or once the seconds lost to its
    timeouts and slow drips pass ARCHIVE_SITE_SLOW_SECONDS. One slow-drip response costs at most
    ARCHIVE_SLOW_GRACE_SECONDS: a body still below ARCHIVE_MIN_BYTES_PER_SECOND then is cut."""

    def __init__(self, crawler: Crawler):
        settings = crawler.settings
        self.limit = settings.getint("ARCHIVE_MAX_SERVER_ERRORS_IN_A_ROW")
        self.budget = settings.getfloat("ARCHIVE_SITE_SLOW_SECONDS")
        self.grace = settings.getfloat("ARCHIVE_SLOW_GRACE_SECONDS")
        self.min_rate = settings.getfloat("ARCHIVE_MIN_BYTES_PER_SECOND")
        self.in_a_row: Counter[str] = Counter()
        self.lost: Counter[str] = Counter()  # seconds spent on downloads that timed out or dripped

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteDownMiddleware:
        middleware = cls(crawler)
        crawler.signals.connect(middleware.headers_received, signal=signals.headers_received)
        crawler.signals.connect(middleware.bytes_received, signal=signals.bytes_received)
        return middleware

    def down(self, site: str | None) -> str | None:
        """Why the site is given up, if it is."""
        if site is None:
            return None
        if self.limit and self.in_a_row[site] >= self.limit:
            return f"{site} failed {self.limit} requests in a row"
        if self.budget and self.lost[site] >= self.budget:
            return f"{site} cost {self.lost[site]:.0f} s in slow downloads"
        return None

    def process_request(self, request: Request) -> None:
        reason = self.down(request.meta.get("site"))
        if reason:
            raise LimitReached("site_down", reason)

    def process_response(self, request: Request, response: Response) -> Response:
        site = request.meta.get("site")
        if site is not None:
            self.in_a_row[site] = self.in_a_row[site] + 1 if response.status >= 500 else 0
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        site = request.meta.get("site")
        if site is None:
            return
        if isinstance(exception, CutDownload) and exception.kind == "slow_drip":
            lost = time.monotonic() - request.meta["archive_body_started"]
        elif isinstance(exception, DownloadTimeoutError):
            lost = request.meta.get("download_timeout", 0.0)
        else:
            return
        self.in_a_row[site] += 1
        self.lost[site] += lost

    def headers_received(self, request: Request, **kwargs: Any) -> None:
        # Requests pass process_request before they wait for a download slot: those already queued
        # when the site was given up are cut here, before their bodies can cost anything.
        if self.down(request.meta.get("site")):
            raise CutDownload("site_down")
        request.meta["archive_body_started"] = time.monotonic()
        request.meta["archive_body_bytes"] = 0

    def bytes_received(self, data: bytes, request: Request, **kwargs: Any) -> None:
        received = request.meta["archive_body_bytes"] = request.meta.get("archive_body_bytes", 0) + len(data)
        elapsed = time.monotonic() - request.meta.get("archive_body_started", time.monotonic())
        if elapsed >= self.grace and received < self.min_rate * elapsed:
            raise CutDownload("slow_drip")


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
