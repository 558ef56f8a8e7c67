"""The one generic spider: navigates listing pages and articles of the sites it is given."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response

from archive.sites import SiteProfile

SKIP_EXTENSIONS = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|bmp|ico|pdf|docx?|xlsx?|pptx?|zip|rar|7z|mp[34]|avi|mov|wmv|flv|css|js)$", re.IGNORECASE
)
SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "ftp:", "#")


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, profiles: list[SiteProfile] | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.profiles = {p.name: p for p in profiles or []}
        # Scrapy's offsite filter checks host names only; the site check below adds the port.
        self.allowed_domains = sorted({d for p in self.profiles.values() for d in p.allowed_domains})
        self.netlocs = {p.name: {urlsplit(u).netloc for u in p.start_urls} for p in self.profiles.values()}

    async def start(self) -> Any:
        for profile in self.profiles.values():
            for url in profile.start_urls:
                yield scrapy.Request(url, callback=self.parse, meta={"site": profile.name})

    def parse(self, response: Response) -> Iterator[Any]:
        site = response.meta["site"]
        if response.status >= 400 or not _is_html(response):
            return
        yield {"url": response.url, "site": site, "body": response.body,
               "content_type": response.headers.get("Content-Type", b"").decode("latin-1"),
               "capture": response.meta.get("capture")}
        for url in self.links(response):
            if self.should_follow(site, url):
                yield scrapy.Request(url, callback=self.parse, meta={"site": site})
            elif urlsplit(url).netloc not in self.netlocs[site]:
                self.skipped(site, "offsite")

    def skipped(self, site: str, kind: str) -> None:
        """Links never followed, counted per site: the crawl summary's skipped_links."""
        self.crawler.stats.inc_value(f"archive/{site}/skipped_links/{kind}")

    def links(self, response: Response) -> Iterator[str]:
        """Links resolved against the page URL: a <base href> often points at an image CDN."""
        for href in response.xpath("//a/@href").getall():
            href = href.strip()
            if not href or href.startswith("#"):
                continue
            try:
                parts = urlsplit(urljoin(response.url, href))
                parts.port  # noqa: B018 - raises on a port that is not a number or out of range
            except ValueError:  # "http://[::1", "http://host:99999/": the other links still count
                self.skipped(response.meta["site"], "malformed")
                continue
            if href.lower().startswith(SKIP_SCHEMES) or parts.scheme not in ("http", "https"):
                self.skipped(response.meta["site"], "non_http")
                continue
            if SKIP_EXTENSIONS.search(parts.path):
                continue
            yield urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))

    def should_follow(self, site: str, url: str) -> bool:
        if urlsplit(url).netloc not in self.netlocs[site]:
            return False
        profile = self.profiles[site]
        if profile.article_pattern or profile.listing_pattern:
            return any(p and re.search(p, url) for p in (profile.article_pattern, profile.listing_pattern))
        return True


def _is_html(response: Response) -> bool:
    content_type = response.headers.get("Content-Type", b"").decode("latin-1").lower()
    return "html" in content_type or (not content_type and b"<html" in response.body[:2048].lower())
