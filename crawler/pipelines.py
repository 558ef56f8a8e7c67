"""Item pipelines, one job each: judge the page (the archive's one page-kind policy) and name its
article (archive.extract.identity), then store the article and take the page out of the frontier."""
from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from archive.extract.encoding import charset_from_content_type, codec_name, decode_html
from archive.extract.identity import identify
from archive.extract.page_kind import judge, template_blocks
from archive.extract.site_blocks import SiteBlockLearner
from crawler.sink import sink_for

# Kinds that are not articles but nothing went wrong either: counted as refused, not as errors.
REFUSED_KINDS = {"listing", "category", "tag", "search", "calendar", "print", "home"}


class CleanPipeline:
    """HTML -> Article; pages that are not articles (listings, tags) get article=None, and the
    ones that went wrong (refused, not HTML, empty, the cleaner failed) are counted by kind.
    Every page also teaches its site's template (blocks repeated across its pages), which is
    cleaned out of the articles that follow."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.templates = SiteBlockLearner()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleanPipeline:
        return cls(crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        profile = self.crawler.spider.profiles[item["site"]]
        header_charset = charset_from_content_type(item["content_type"])
        _, used = decode_html(item["body"], header_charset)
        if header_charset and codec_name(header_charset) not in (used, None):
            self.count(item["site"], "wrong_charset")  # decoded as the page says, not as the server claims
        self.templates.add(item["site"], template_blocks(item["body"], header_charset))
        verdict = judge(item["body"], item["url"], profile, header_charset, self.templates.learned(item["site"]))
        if verdict.kind in REFUSED_KINDS:
            self.crawler.stats.inc_value(f"archive/{item['site']}/refused/{verdict.kind}")
        elif verdict.kind != "article":
            self.count(item["site"], verdict.kind)
        item["article"] = verdict.article
        if verdict.article is not None and verdict.page is not None:
            spider = self.crawler.spider
            item["identity"] = identify(item["url"], verdict.page.own_url,
                                        lambda url: spider.site_of(url) == item["site"], item["requested"])
            verdict.article.url = item["identity"].url
        return item

    def count(self, site: str, kind: str) -> None:
        self.crawler.stats.inc_value(f"archive/{site}/errors/{kind}")


class StorePipeline:
    """Hands articles to the archive writer; counts new, changed and unchanged per site."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.sink = sink_for(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        article, identity = item.get("article"), item.get("identity")
        if article is not None:
            status = self.sink.store_article(article, item.get("capture"), identity.aliases, identity.key)
            if status is not None:  # None: queued for the writer of a Redis crawl, which counts it
                self.crawler.stats.inc_value(f"archive/{item['site']}/{status}")
            self.crawler.spider.identified(item["site"], [article.url, *identity.aliases], identity.key)
        self.sink.forget(item["requested"])  # dealt with, stored or not: out of the frontier
        return item
