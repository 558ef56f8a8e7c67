"""The one generic spider: navigates listing pages, sitemaps and feeds to the articles of its sites.

What it follows (the rules that make a recrawl cheap and a trap harmless):
- article links: when not archived yet (on an incremental crawl: never fetched at all);
- pagination links: only from a page that showed something new (an article or section link not
  seen in this crawl nor, on an incremental crawl, ever before), so endless or repeating
  pagination ends, and a recrawl stops paging once it meets known articles;
- other links (sections, tags): within a depth limit; on an incremental crawl only when never
  fetched, or linked from a start page; re-checked pages are fetched with a conditional GET.
Every URL is canonicalised, checked against traps and kept on its site (host and port), and each
site has a page budget.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.gz import gunzip
from twisted.python.failure import Failure

from archive.extract.page_kind import is_pagination, looks_like_article
from archive.sites import SiteProfile
from crawler.discovery import FEED_TYPES, read_feed, read_sitemap, xml_kind
from crawler.limits import failure_kind
from crawler.sink import sink_for
from crawler.state import CrawlSnapshot
from crawler.urls import canonical_url, is_trap, looks_like_feed, resolve_link, skip_reason

PRIORITY = {"article": 20, "feed": 10, "sitemap": 10, "listing": 0, "pagination": 5}


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, profiles: list[SiteProfile] | None = None, snapshot: CrawlSnapshot | None = None,
                 recheck: bool = False, **kwargs: Any):
        super().__init__(**kwargs)
        self.profiles = {p.name: p for p in profiles or []}
        self.snapshot = snapshot or CrawlSnapshot()
        self.recheck = recheck  # re-check every known article with a conditional GET
        # Sites crawled incrementally; a recheck walks every site in full.
        self.incremental = set() if recheck else set(self.snapshot.incremental)
        self.allowed_domains = sorted({d for p in self.profiles.values() for d in p.allowed_domains})
        self.site_of_netloc = {urlsplit(canonical_url(u)).netloc: p.name
                               for p in self.profiles.values() for u in p.start_urls}
        self.requested: set[str] = set()
        self.scheduled: Counter[str] = Counter()
        self.cut: set[str] = set()  # sites whose page budget ran out, or a page failed to download
        self.completed: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.budget = crawler.settings.getint("ARCHIVE_SITE_BUDGET")
        spider.max_depth = crawler.settings.getint("ARCHIVE_MAX_DEPTH")
        crawler.signals.connect(spider.robots_parsed, signal=signals.robots_parsed)
        return spider

    async def start(self) -> Any:
        for profile in self.profiles.values():
            incremental = profile.name in self.incremental
            for url in profile.start_urls:
                request = self.follow(profile.name, canonical_url(url), "listing", 0, conditional=incremental)
                if request is not None:
                    yield request
                root = "{0.scheme}://{0.netloc}/sitemap.xml".format(urlsplit(url))
                request = self.follow(profile.name, root, "sitemap", 0, conditional=incremental)
                if request is not None:
                    request.meta["probe"] = True  # a guess: its absence is no error
                    yield request

    def robots_parsed(self, robotparser: Any, request: scrapy.Request) -> None:
        """Sitemaps named in robots.txt join the crawl."""
        site = request.meta.get("site")
        sitemaps = getattr(getattr(robotparser, "rp", None), "sitemaps", None) or []
        for url in sitemaps:
            link = resolve_link(request.url, url)
            follow = self.follow(site, link, "sitemap", 0, site in self.incremental) if site and link else None
            if follow is not None:
                self.crawler.engine.crawl(follow)

    # --- responses -----------------------------------------------------------------------------
    def parse(self, response: Response) -> Iterator[Any]:
        site = response.meta["site"]
        if response.status == 304:
            self.crawler.stats.inc_value(f"archive/{site}/not_modified")
            return
        if response.status >= 500:
            self.cut.add(site)  # a listing may be behind it: the next crawl walks the site in full
        if response.status >= 400:
            if not response.meta.get("probe"):
                self.crawler.stats.inc_value(f"archive/{site}/errors/http_{response.status}")
            return
        body = _maybe_gunzip(response, self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
        document = xml_kind(body)
        if document is not None:
            yield from self.parse_xml(response, site, document, body)
            return
        if not _is_html(response):
            return
        if self.may_be_article(site, response.url):
            # After a redirect the article lives at the final URL, in its canonical form.
            yield {"url": canonical_url(response.url), "site": site, "body": response.body,
                   "content_type": response.headers.get("Content-Type", b"").decode("latin-1"),
                   "capture": response.meta.get("capture")}
        yield from self.parse_links(response, site)

    def skipped(self, site: str, reason: str) -> None:
        """Links never followed, counted per site: the crawl summary's skipped_links."""
        self.crawler.stats.inc_value(f"archive/{site}/skipped_links/{reason}")

    def parse_links(self, response: Response, site: str) -> Iterator[scrapy.Request]:
        depth = response.meta.get("hops", 0)
        incremental = site in self.incremental
        links = []
        for href in response.xpath("//a/@href").getall():
            url = resolve_link(response.url, href)
            if url is None:
                reason = skip_reason(response.url, href) if href.strip() else None
                if reason is not None:
                    self.skipped(site, reason)
            elif not self.on_site(site, url):
                self.skipped(site, "offsite")
            elif not is_trap(url):
                links.append((url, self.link_kind(site, url)))
        feeds = [link.attrib.get("href", "") for link in response.xpath("//link[@rel='alternate']")
                 if link.attrib.get("type", "").lower() in FEED_TYPES]
        fresh = any(kind != "pagination" and url not in self.requested
                    and not (incremental and self.snapshot.is_known(url)) for url, kind in links)
        for href in feeds:
            url = resolve_link(response.url, href)
            if url and self.on_site(site, url):
                yield from self.maybe(self.follow(site, url, "feed", depth, conditional=incremental))
        for url, kind in links:
            if kind == "article":
                request = self.follow_article(site, url, depth + 1, incremental)
            elif kind == "pagination":
                request = self.follow(site, url, kind, depth, conditional=incremental) if fresh else None
            elif looks_like_feed(url):
                request = self.follow(site, url, "feed", depth, conditional=incremental)
            elif incremental and self.snapshot.is_known(url) and depth > 0:
                request = None  # a known section, not linked from a start page: nothing new there
            else:
                request = self.follow(site, url, kind, depth + 1, conditional=incremental)
            yield from self.maybe(request)

    def parse_xml(self, response: Response, site: str, document: str, body: bytes) -> Iterator[scrapy.Request]:
        incremental = site in self.incremental
        listed = read_sitemap(body) if document == "sitemap" else read_feed(body)
        for href in listed.documents:
            url = resolve_link(response.url, href)
            if url and self.on_site(site, url):
                yield from self.maybe(self.follow(site, url, "sitemap", 0, conditional=incremental))
        for href in listed.pages:
            url = resolve_link(response.url, href)
            if url is None or not self.on_site(site, url) or is_trap(url):
                continue
            if self.link_kind(site, url) == "article" or document == "feed":
                changed = self.snapshot.changed_since_fetched(url, listed.modified.get(href))
                yield from self.maybe(self.follow_article(site, url, 1, incremental, recheck=changed))

    def errback(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        site = request.meta.get("site", "?")
        error = failure_kind(failure.value)
        self.crawler.stats.inc_value(f"archive/{site}/errors/{error}")
        if error == "robots_txt":
            # Remembered as known so a refused link never makes a page look new again.
            sink_for(self.crawler).record_page(request.url, site, 0, None, None)
        elif error not in ("offsite", "redirect_loop"):
            self.cut.add(site)  # what failed may have led to more: no incremental crawl next time

    # --- decisions -----------------------------------------------------------------------------
    def link_kind(self, site: str, url: str) -> str:
        """article, pagination or listing: by the profile's patterns when it has them, else by shape."""
        profile = self.profiles[site]
        if profile.article_pattern:
            if re.search(profile.article_pattern, url):
                return "article"
        elif looks_like_article(url):
            return "article"
        if is_pagination(url):
            return "pagination"
        return "listing"

    def may_be_article(self, site: str, url: str) -> bool:
        """Worth cleaning: the profile's article pattern, or without one any page (its shape decides)."""
        by_url = self.profiles[site].is_article_url(url)
        return by_url if by_url is not None else not is_pagination(url)

    def site_of(self, url: str) -> str | None:
        """The crawl's site a URL belongs to: its start URLs' host and port, or a host under the
        profile's allowed domains on the default port (www. and bare names redirect to each other).
        Another port of the same host is another site: Scrapy's offsite filter would let it through."""
        parts = urlsplit(canonical_url(url))
        site = self.site_of_netloc.get(parts.netloc)
        if site is not None or parts.port is not None:
            return site
        host = parts.hostname or ""
        for profile in self.profiles.values():
            if any(host == d or host.endswith("." + d) for d in profile.allowed_domains):
                return profile.name
        return None

    def on_site(self, site: str, url: str) -> bool:
        if self.site_of(url) != site:
            return False
        pattern = self.profiles[site].listing_pattern
        return not pattern or self.link_kind(site, url) == "article" or re.search(pattern, url) is not None

    def follow_article(self, site: str, url: str, depth: int, incremental: bool,
                       recheck: bool = False) -> scrapy.Request | None:
        """Unarchived articles; archived ones only on --recheck or when their sitemap says they changed."""
        if url in self.snapshot.known_articles and not (self.recheck or recheck):
            return None
        if incremental and url in self.snapshot.known_pages and not recheck:
            return None  # fetched before and found not to be an article
        # Validators only for an archived article: a page fetched by a killed crawl but never stored
        # must come back whole, not as a 304.
        return self.follow(site, url, "article", depth, conditional=url in self.snapshot.known_articles)

    def follow(self, site: str, url: str, kind: str, depth: int, conditional: bool) -> scrapy.Request | None:
        """A request within the site's budget and depth limit, once per crawl."""
        if url in self.requested or depth > self.max_depth:
            return None
        if self.scheduled[site] >= self.budget:
            self.cut.add(site)
            self.crawler.stats.inc_value(f"archive/{site}/errors/page_budget")
            return None
        self.requested.add(url)
        self.scheduled[site] += 1
        headers = self.snapshot.conditional_headers(url) if conditional else {}
        return scrapy.Request(url, callback=self.parse, errback=self.errback, headers=headers,
                              priority=PRIORITY[kind], meta={"site": site, "hops": depth, "kind": kind})

    @staticmethod
    def maybe(request: scrapy.Request | None) -> Iterator[scrapy.Request]:
        if request is not None:
            yield request

    def closed(self, reason: str) -> None:
        if reason == "finished":
            self.completed = set(self.profiles) - self.cut


def _is_html(response: Response) -> bool:
    content_type = response.headers.get("Content-Type", b"").decode("latin-1").lower()
    return "html" in content_type or (not content_type and b"<html" in response.body[:2048].lower())


def _maybe_gunzip(response: Response, max_size: int) -> bytes:
    """A .xml.gz sitemap arrives still gzipped (no Content-Encoding): unpack it, within the size cap."""
    if response.body[:2] == b"\x1f\x8b":
        try:
            return gunzip(response.body, max_size=max_size)
        except Exception:  # noqa: BLE001 - not a gzip after all, or too big: read as it is
            return response.body
    return response.body


