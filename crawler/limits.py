"""Limits against hostile sites, each hit counted per site as `archive/SITE/errors/KIND`.

- SiteBoundsMiddleware: never fetch outside a site's hosts and ports (Scrapy's offsite filter
  ignores ports, and redirects and meta refreshes skip the spider's link filter), stop a site
  at its request budget (ARCHIVE_MAX_REQUESTS_PER_SITE) however many links it invents.
- SiteDownMiddleware: give up on a site in a 500 storm (ARCHIVE_MAX_SERVER_ERRORS_IN_A_ROW).
- Scrapy's redirect, meta-refresh, decompression and depth middlewares, counting what they drop
  (they raise or drop silently, and what a downloader middleware raises from process_response
  never reaches process_exception): redirect loops and chains past REDIRECT_MAX_TIMES, bodies
  that inflate past DOWNLOAD_MAXSIZE (gzip bombs), links deeper than DEPTH_LIMIT (endless pagination).
- failure_kind: the name a download failure is counted under (timeouts, size cancels, limits).
"""
from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.depth import DepthMiddleware
from scrapy.statscollectors import StatsCollector

DEFAULT_PORTS = {"http": 80, "https": 443}


class LimitReached(IgnoreRequest):
    """A request this crawl refuses to make; `kind` is what the summary counts it under."""

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
    if isinstance(exception, IgnoreRequest):
        return "robots_txt" if "robots.txt" in str(exception) else "ignored"
    return type(exception).__name__


def _endpoint(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:  # a port out of range or not a number
        return parts.hostname or "", -1
    return parts.hostname or "", port


class SiteBoundsMiddleware:
    """Every request, redirects included, must go to a site's own domains on its own ports."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.budget = crawler.settings.getint("ARCHIVE_MAX_REQUESTS_PER_SITE")
        self.requests: Counter[str] = Counter()
        self.bounds: dict[str, tuple[list[str], set[int | None]]] | None = None
        # Scrapy's offsite filter drops requests when they are scheduled, silently: check there too.
        crawler.signals.connect(self.request_scheduled, signal=signals.request_scheduled)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteBoundsMiddleware:
        return cls(crawler)

    def _site_bounds(self) -> dict[str, tuple[list[str], set[int | None]]]:
        """Per site: its domains and the ports of its start URLs (both web ports if it uses one)."""
        if self.bounds is None:
            self.bounds = {}
            for name, profile in getattr(self.crawler.spider, "profiles", {}).items():
                ports = {_endpoint(url)[1] for url in profile.start_urls}
                if ports & set(DEFAULT_PORTS.values()):
                    ports |= set(DEFAULT_PORTS.values())  # http -> https upgrades stay on the site
                domains = list(profile.allowed_domains) or [_endpoint(u)[0] for u in profile.start_urls]
                self.bounds[name] = (domains, ports)
        return self.bounds

    def allowed(self, site: str | None, url: str) -> bool:
        if urlsplit(url).scheme not in DEFAULT_PORTS:
            return False
        host, port = _endpoint(url)
        bounds = self._site_bounds()
        # Requests of no site (robots.txt) may go wherever some site may.
        for domains, ports in ([bounds[site]] if site in bounds else bounds.values()):
            if port in ports and any(host == d or host.endswith("." + d) for d in domains):
                return True
        return False

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        """Redirects and meta refreshes are scheduled like links: count and drop those off the site."""
        if not self.allowed(request.meta.get("site"), request.url):
            count(self.crawler.stats, request, "offsite")
            raise LimitReached("offsite", f"{request.url} is outside the site's hosts and ports")

    def process_request(self, request: Request) -> None:
        """The last check before a download (robots.txt requests are never scheduled), and the budget."""
        site = request.meta.get("site")
        if not self.allowed(site, request.url):
            raise LimitReached("offsite", f"{request.url} is outside the site's hosts and ports")
        if site is None:
            return
        self.requests[site] += 1
        if self.budget and self.requests[site] > self.budget:
            raise LimitReached("page_budget", f"{site} reached {self.budget} requests")


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
        except IgnoreRequest:
            count(self.crawler.stats, request, "redirect_limit")
            raise
        except ValueError as error:  # urljoin on "http://[::1/x"
            count(self.crawler.stats, request, "malformed_redirect")
            raise IgnoreRequest(f"malformed redirect: {error}") from error
        if isinstance(result, Request) and result.url in {request.url, *request.meta.get("redirect_urls", ())}:
            count(self.crawler.stats, request, "redirect_loop")
            raise IgnoreRequest(f"redirect loop back to {result.url}")
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
        except IgnoreRequest:
            count(self.stats, request, "decompression_bomb")
            raise


class CountedDepthMiddleware(DepthMiddleware):
    """Counts links dropped past DEPTH_LIMIT: endless pagination ends here."""

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        result = super().get_processed_request(request, response)
        if result is None and response is not None:
            count(self.stats, request, "depth_limit")
        return result
