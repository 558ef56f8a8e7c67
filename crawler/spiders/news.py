"""The one generic spider: navigates listing pages, sitemaps and feeds to the articles of its sites.

What it follows (the rules that make a backfill whole, a recrawl cheap and a trap harmless):
- first what earlier crawls discovered and never fetched (the durable frontier, archive.storage.frontier);
- article links: when not archived yet, under this URL, an alias or its platform id (on an
  incremental crawl: never fetched at all);
- pagination links: on from a listing page unless ARCHIVE_BACKFILL_STALE_PAGES pages in a row linked
  nothing new to the archive (crawler.listings): a first crawl pages every listing to its end, a
  recrawl stops at archived articles, a page repeating its predecessors ends an endless listing;
- other links (sections, tags): within a depth limit; on an incremental crawl only when never
  fetched, or linked from a start page; re-checked pages are fetched with a conditional GET.
Print views and calendars are refused before they are fetched. Every URL is canonicalised,
checked against traps and kept on its site (host and port), and each site has a page budget.
Every request enters the frontier when the scheduler takes it and leaves it once dealt with (its links in the
frontier, its article stored), so a kill at any moment loses nothing.
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

from archive.extract.identity import article_key
from archive.extract.page_kind import CALENDAR, is_pagination, listing_page, looks_like_article, url_kind
from archive.sites import SiteProfile
from archive.storage.frontier import Pending
from crawler.discovery import FEED_TYPES, read_feed, read_sitemap, xml_kind
from crawler.limits import failure_kind
from crawler.listings import Listings
from crawler.sink import sink_for
from crawler.state import CrawlSnapshot
from crawler.urls import canonical_url, is_trap, looks_like_feed, resolve_link, skip_reason

PRIORITY = {"article": 20, "feed": 10, "sitemap": 10, "listing": 0, "pagination": 5}
# Download failures no later crawl would undo: out of the frontier (the others stay, to be retried).
FINAL_FAILURES = {"offsite", "robots_txt", "redirect_loop", "redirect_limit", "malformed_redirect", "too_large",
                  "decompression_bomb", "redirect_not_followed"}


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
        self.deferred: set[str] = set()  # left in the frontier for the next crawl (page budget)
        self.refused: set[str] = set()  # links refused by kind before fetching (print views, calendars)
        # Platform article ids (NID=, -a123) of archived articles and of the articles requested in this crawl.
        self.article_keys = {site: set(keys) for site, keys in self.snapshot.article_keys.items()}

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.budget = crawler.settings.getint("ARCHIVE_SITE_BUDGET")
        spider.max_depth = crawler.settings.getint("ARCHIVE_MAX_DEPTH")
        spider.listings = Listings(crawler.settings.getint("ARCHIVE_BACKFILL_STALE_PAGES"))
        spider.sink = sink_for(crawler)
        crawler.signals.connect(spider.robots_parsed, signal=signals.robots_parsed)
        return spider

    async def start(self) -> Any:
        for pending in self.snapshot.frontier:  # what earlier crawls discovered and never fetched
            if pending.site not in self.profiles:
                continue
            if pending.kind != "pagination" and self.already_archived(pending.site, pending.url):
                self.sink.forget(pending.url)  # stored (or its alias) before the kill could clear it
            else:
                listing = (pending.listing, pending.page or 1, 0) if pending.listing else None
                request = self.follow(pending.site, pending.url, pending.kind, pending.depth, False, listing)
                if request is not None:
                    yield request
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
            self.done(response.meta)
            return
        if response.status >= 500:
            # A listing may be behind it: it stays in the frontier, the next crawl walks the site in full.
            self.cut.add(site)
            self.stop_listing(response.meta, "error")
        if response.status >= 400:
            if not response.meta.get("probe"):
                self.crawler.stats.inc_value(f"archive/{site}/errors/http_{response.status}")
            if response.status < 500:
                self.done(response.meta)
            return
        body = _maybe_gunzip(response, self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
        document = xml_kind(body)
        if document is not None:
            yield from self.parse_xml(response, site, document, body)
        elif _is_html(response):
            # Links first: they are in the frontier before the page may leave it.
            yield from self.parse_links(response, site)
            if self.may_be_article(site, response.url):
                # After a redirect the article lives at the final URL, in its canonical form; the
                # store pipeline takes it out of the frontier once it is dealt with.
                yield {"url": canonical_url(response.url), "site": site, "body": response.body,
                       "content_type": response.headers.get("Content-Type", b"").decode("latin-1"),
                       "capture": response.meta.get("capture"), "requested": response.meta["frontier_url"]}
                return
        self.done(response.meta)

    def done(self, meta: dict[str, Any]) -> None:
        """A request dealt with: out of the frontier."""
        if meta.get("frontier_url"):
            self.sink.forget(meta["frontier_url"])

    def identified(self, site: str, urls: list[str], key: str | None) -> None:
        """An article stored under one of `urls` (its identity and aliases): none of them, nor any
        other URL with its platform id, is fetched again in this crawl."""
        self.requested.update(urls)
        if key:
            self.article_keys.setdefault(site, set()).add(key)

    def stop_listing(self, meta: dict[str, Any], reason: str) -> None:
        if meta.get("listing"):
            self.listings.stop(meta["site"], meta["listing"][0], reason)

    def skipped(self, site: str, reason: str) -> None:
        """Links never followed, counted per site: the crawl summary's skipped_links."""
        self.crawler.stats.inc_value(f"archive/{site}/skipped_links/{reason}")

    def refuse(self, site: str, url: str, kind: str) -> None:
        """A link never fetched for what it is (a print view, a calendar): counted once per URL."""
        if url not in self.refused:
            self.refused.add(url)
            self.crawler.stats.inc_value(f"archive/{site}/refused/{kind}")

    def page_links(self, response: Response, site: str) -> list[tuple[str, str]]:
        """The page's links worth following, with their kind; the others counted by why."""
        links = []
        for href in response.xpath("//a/@href").getall():
            url = resolve_link(response.url, href)
            if url is None:
                reason = skip_reason(response.url, href) if href.strip() else None
                if reason is not None:
                    self.skipped(site, reason)
            elif not self.on_site(site, url):
                self.skipped(site, "offsite")
            elif CALENDAR.search(url):
                self.refuse(site, url, "calendar")
            elif url_kind(url) == "print":
                self.refuse(site, url, "print")
            elif not is_trap(url):
                links.append((url, self.link_kind(site, url)))
        return links

    def walk(self, response: Response, site: str, links: list[tuple[str, str]]) -> tuple[int, str]:
        """This page's place in the backfill rule: how many listing pages in a row (it included) linked
        nothing new to the archive, and why paging would stop here ("archived" or "repeat")."""
        own, number = listing_page(canonical_url(response.url))
        others = [url for url, kind in links if kind != "pagination"]
        new = {url for url in others if not self.snapshot.is_known(url)}
        is_listing = number > 1 or any(kind == "pagination" and listing_page(url)[0] == own for url, kind in links)
        stale_before = response.meta["listing"][2] if response.meta.get("listing") else 0
        stale = self.listings.visit(site, own if is_listing else None, number, new, stale_before)
        reason = "archived" if any(self.snapshot.is_archived(url) for url in others) else "repeat"
        return stale, reason

    def parse_links(self, response: Response, site: str) -> Iterator[scrapy.Request]:
        depth = response.meta.get("hops", 0)
        incremental = site in self.incremental
        links = self.page_links(response, site)
        feeds = [link.attrib.get("href", "") for link in response.xpath("//link[@rel='alternate']")
                 if link.attrib.get("type", "").lower() in FEED_TYPES]
        stale, reason = self.walk(response, site, links)
        for href in feeds:
            url = resolve_link(response.url, href)
            if url and self.on_site(site, url):
                yield from self.maybe(self.follow(site, url, "feed", depth, conditional=incremental))
        for url, kind in links:
            if kind == "article" or self.snapshot.is_archived(url):
                request = self.follow_article(site, url, depth + 1, incremental)
            elif kind == "pagination":
                listing = listing_page(url)
                if self.listings.may_page_on(stale):
                    request = self.follow(site, url, kind, depth, incremental, (*listing, stale))
                else:
                    request = None
                    if url not in self.requested:
                        self.listings.stop(site, listing[0], reason)
            elif self.is_alias(site, url):
                request = None  # an unfetched URL of an article already archived or requested
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
            self.sink.record_page(request.url, site, 0, None, None)
        elif error not in ("offsite", "redirect_loop"):
            self.cut.add(site)  # what failed may have led to more: no incremental crawl next time
        if error in FINAL_FAILURES:
            self.done(request.meta)
        else:
            self.stop_listing(request.meta, "error")  # it stays in the frontier for the next crawl

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

    def already_archived(self, site: str, url: str) -> bool:
        """An archived article's URL, or an alias of one (never fetched again unless re-checked)."""
        return (url in self.snapshot.known_articles and not self.recheck) or self.is_alias(site, url)

    def is_alias(self, site: str, url: str) -> bool:
        """Another URL of an archived article, or one with the platform id of an archived or requested one."""
        if url in self.snapshot.aliases:
            return True
        key = article_key(url)
        return key is not None and key in self.article_keys.get(site, ()) and url not in self.snapshot.known_articles

    def follow_article(self, site: str, url: str, depth: int, incremental: bool,
                       recheck: bool = False) -> scrapy.Request | None:
        """Unarchived articles; archived ones only on --recheck or when their sitemap says they changed;
        aliases never (their article is fetched under its own URL)."""
        if self.is_alias(site, url) and url not in self.requested:
            return None
        if url in self.snapshot.known_articles and not (self.recheck or recheck):
            return None
        if incremental and url in self.snapshot.known_pages and not recheck:
            return None  # fetched before and found not to be an article
        # Validators only for an archived article: a page fetched by a killed crawl but never stored
        # must come back whole, not as a 304.
        return self.follow(site, url, "article", depth, conditional=url in self.snapshot.known_articles)

    def follow(self, site: str, url: str, kind: str, depth: int, conditional: bool,
               listing: tuple[str, int, int] | None = None) -> scrapy.Request | None:
        """A request within the site's budget and depth limit, once per crawl, entered in the frontier.
        `listing`: for a listing page, its listing, page number and the stale count it was linked at."""
        if url in self.requested or depth > self.max_depth:
            return None
        pending = Pending(url, site, kind, depth, *(listing[:2] if listing else (None, None)))
        if self.scheduled[site] >= self.budget:
            self.cut.add(site)
            self.crawler.stats.inc_value(f"archive/{site}/errors/page_budget")
            self.stop_listing({"site": site, "listing": listing}, "budget")
            if url not in self.deferred:  # left in the frontier: the next crawl starts from it
                self.deferred.add(url)
                self.sink.remember(pending)
            return None
        self.requested.add(url)
        self.scheduled[site] += 1
        key = article_key(url)
        # Its other URLs are not fetched in this crawl: an article's, or a platform id that names an
        # article whatever the page (not a bare /<section>/<number>, which may be a listing's).
        if key and (kind == "article" or (kind != "pagination" and not key.startswith("/"))):
            self.article_keys.setdefault(site, set()).add(key)
        headers = self.snapshot.conditional_headers(url) if conditional else {}
        # The scheduler enters it in the frontier once it accepts it (crawler/scheduler.py).
        return scrapy.Request(url, callback=self.parse, errback=self.errback, headers=headers,
                              priority=PRIORITY[kind], meta={"site": site, "hops": depth, "kind": kind,
                                                             "frontier_url": url, "listing": listing,
                                                             "pending": pending.to_dict()})

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


