"""Item pipelines, one job each: clean the page, then store the article."""
from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from archive.cleaner import extract_page
from archive.encoding import charset_from_content_type, codec_name, decode_html
from archive.page_limits import PageRefused, check_raw
from crawler.sink import sink_for
from crawler.urls import should_archive


class CleanPipeline:
    """HTML -> Article; pages that are not articles (listings, tags) get article=None."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleanPipeline:
        return cls(crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        profile = self.crawler.spider.profiles[item["site"]]
        header_charset = charset_from_content_type(item["content_type"])
        text, used = decode_html(item["body"], header_charset)
        if header_charset and codec_name(header_charset) not in (used, None):
            self.count(item["site"], "wrong_charset")  # decoded as the page says, not as the server claims
        try:
            check_raw(item["body"])  # the raw bytes: binary is plainest before decoding
            if _unreadable(item["body"]):
                self.count(item["site"], "malformed_html")
                item["article"] = None
                return item
            page = extract_page(text, item["url"], profile, header_charset)
        except PageRefused as refused:  # too large, binary or too deep: counted by reason
            self.count(item["site"], f"refused_{refused.reason}")
            item["article"] = None
            return item
        except Exception as error:  # noqa: BLE001 - one bad page is counted, never stops the crawl
            self.count(item["site"], f"clean_{type(error).__name__}")
            item["article"] = None
            return item
        by_url = profile.is_article_url(item["url"])
        wanted = should_archive(item["url"], by_url, page.is_article)
        if by_url and not page.is_article:
            # The profile says article but nothing article-like came out: count it, store nothing.
            self.count(item["site"], "empty_article")
            wanted = False
        item["article"] = page.article if wanted else None
        return item

    def count(self, site: str, kind: str) -> None:
        self.crawler.stats.inc_value(f"archive/{site}/errors/{kind}")


def _unreadable(body: bytes) -> bool:
    """Served as HTML with no markup at all: nothing to clean (binary bodies are the cleaner's
    to refuse, by archive/page_limits.py, and counted as refused_binary)."""
    return b"<" not in body[:4096]


class StorePipeline:
    """Hands articles to the archive writer; counts new, changed and unchanged per site."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.sink = sink_for(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        article = item.get("article")
        if article is None:
            return item
        status = self.sink.store_article(article, item.get("capture"))
        if status is not None:  # None: queued for the writer of a Redis crawl, which counts it
            self.crawler.stats.inc_value(f"archive/{item['site']}/{status}")
        return item
