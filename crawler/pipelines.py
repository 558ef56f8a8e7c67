"""Item pipelines, one job each: clean the page, then store the article."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler

from archive.cleaner import extract_page
from archive.encoding import charset_from_content_type
from archive.page_limits import PageRefused
from archive.store import Store


class CleanPipeline:
    """HTML -> Article; pages that are not articles (listings, tags) get article=None."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleanPipeline:
        return cls(crawler)

    def process_item(self, item: dict[str, Any], spider: Spider) -> dict[str, Any]:
        profile = spider.profiles[item["site"]]
        try:
            page = extract_page(item["body"], item["url"], profile, charset_from_content_type(item["content_type"]))
        except PageRefused as refused:  # too large, binary or too deep: counted by reason
            self.crawler.stats.inc_value(f"archive/{item['site']}/errors/refused_{refused.reason}")
            item["article"] = None
            return item
        except Exception as error:  # noqa: BLE001 - one bad page is counted, never stops the crawl
            self.crawler.stats.inc_value(f"archive/{item['site']}/errors/clean_{type(error).__name__}")
            item["article"] = None
            return item
        by_url = profile.is_article_url(item["url"])
        wanted = page.is_article if by_url is None else by_url
        if by_url and not page.is_article:
            # The profile says article but nothing article-like came out: count it, store nothing.
            self.crawler.stats.inc_value(f"archive/{item['site']}/errors/empty_article")
            wanted = False
        item["article"] = page.article if wanted else None
        return item


class StorePipeline:
    """Writes articles to the archive store; counts new, changed and unchanged per site."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self, spider: Spider) -> None:
        self.store = Store(Path(self.crawler.settings["ARCHIVE_DATA_DIR"]) / "archive.sqlite3")

    def close_spider(self, spider: Spider) -> None:
        if self.store is not None:
            self.store.close()

    def process_item(self, item: dict[str, Any], spider: Spider) -> dict[str, Any]:
        article = item.get("article")
        if article is None:
            return item
        assert self.store is not None
        with self.store.transaction():
            status = self.store.upsert_article(article, item.get("capture"))
        self.crawler.stats.inc_value(f"archive/{item['site']}/{status}")
        return item
