"""Machine-readable page metadata: JSON-LD objects and meta tags."""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Any

from archive.extract.tree import Element, text_of

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle"}
META_PUBLISHED = ("article:published_time", "og:published_time", "pubdate", "publishdate", "date",
                  "dc.date", "dc.date.issued", "dcterms.created", "datepublished", "article.published",
                  "sailthru.date", "parsely-pub-date")
META_UPDATED = ("article:modified_time", "og:updated_time", "lastmod", "dc.date.modified",
                "dcterms.modified", "datemodified", "article.updated")
META_AUTHOR = ("author", "article:author", "dc.creator", "sailthru.author", "parsely-author")


@dataclass
class PageMetadata:
    title: str | None = None
    html_title: str | None = None
    description: str | None = None
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    site_name: str | None = None
    url: str | None = None  # the page's own address: og:url or <link rel="canonical">


def read_metadata(tree: Element) -> PageMetadata:
    meta: dict[str, str] = {}
    for tag in tree.iter("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        # Some CMSes escape twice ("th&#224;nh"): lxml undoes one level, unescape the other.
        value = html.unescape((tag.get("content") or "").strip())
        if key and value and key not in meta:
            meta[key] = value
    found = PageMetadata(
        title=meta.get("og:title") or meta.get("twitter:title") or meta.get("dc.title"),
        description=meta.get("og:description") or meta.get("description"),
        published=_first(meta, META_PUBLISHED),
        updated=_first(meta, META_UPDATED),
        author=_first(meta, META_AUTHOR),
        site_name=meta.get("og:site_name"),
        url=meta.get("og:url") or _canonical(tree),
    )
    title_tag = tree.find(".//title")
    if title_tag is not None and text_of(title_tag).strip():
        found.html_title = " ".join(text_of(title_tag).split())
    for item in _json_ld_articles(tree):
        found.title = _text(item.get("headline")) or found.title
        found.published = _text(item.get("datePublished")) or found.published
        found.updated = _text(item.get("dateModified")) or found.updated
        found.author = _author(item.get("author")) or found.author
        found.description = _text(item.get("description")) or found.description
        break
    return found


def _canonical(tree: Element) -> str | None:
    for link in tree.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and (link.get("href") or "").strip():
            return link.get("href").strip()
    return None


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((meta[k] for k in keys if k in meta), None)


def _json_ld_articles(tree: Element) -> list[dict[str, Any]]:
    found = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue  # broken JSON-LD is common; the visible page still has the facts
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.lower() in ARTICLE_TYPES for k in kinds):
                found.append(item)
    return found


def _text(value: Any) -> str | None:
    """A JSON-LD string as text: CMSes put HTML entities in it ("Nguy&#7877;n"), JSON does not undo them."""
    text = html.unescape(value).strip() if isinstance(value, str) else ""
    return text or None


def _author(value: Any) -> str | None:
    if isinstance(value, list):
        names = [_author(v) for v in value]
        return ", ".join(n for n in names if n) or None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)
