"""Where a site lists its pages besides its menus: sitemaps (and sitemap indexes) and RSS/Atom feeds."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from scrapy.utils.sitemap import Sitemap

XML_START = re.compile(rb"^\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*)*<(?P<tag>[\w:]+)", re.DOTALL)
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


@dataclass
class Listed:
    pages: list[str] = field(default_factory=list)  # pages the document points to
    documents: list[str] = field(default_factory=list)  # more sitemaps (a sitemap index)
    modified: dict[str, str] = field(default_factory=dict)  # page -> its sitemap <lastmod>


def xml_kind(body: bytes) -> str | None:
    """'sitemap', 'feed' or None, from the document's root element."""
    match = XML_START.match(body[:4096])
    if not match:
        return None
    tag = match.group("tag").decode("ascii", "replace").split(":")[-1].lower()
    if tag in ("urlset", "sitemapindex"):
        return "sitemap"
    if tag in ("rss", "feed", "rdf"):
        return "feed"
    return None


def read_sitemap(body: bytes) -> Listed:
    listed = Listed()
    try:
        sitemap = Sitemap(body)
        found = [entry for entry in sitemap if entry.get("loc")]
    except (etree.XMLSyntaxError, StopIteration, ValueError):
        return listed
    entries = [entry["loc"] for entry in found]
    listed.modified = {entry["loc"]: entry["lastmod"] for entry in found if entry.get("lastmod")}
    if sitemap.type == "sitemapindex":
        listed.documents = entries
    else:
        listed.pages = entries
    return listed


def read_feed(body: bytes) -> Listed:
    """Item links of an RSS 2.0, RSS 1.0 (RDF) or Atom feed."""
    try:
        root = etree.fromstring(body, etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return Listed()
    if root is None:
        return Listed()
    links = root.xpath("//*[local-name()='item']/*[local-name()='link']/text()")
    links += root.xpath("//*[local-name()='entry']/*[local-name()='link'][not(@rel) or @rel='alternate']/@href")
    return Listed(pages=[link.strip() for link in links if link.strip()])
