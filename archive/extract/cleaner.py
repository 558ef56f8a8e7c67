"""The cleaner: HTML + URL -> Article, as a pipeline of small pure functions over one lxml tree.

Each stage has its own module (boxes, title, body, captions, lead, dateline, assembly); this one
runs them in order. Whether the result is worth keeping is `archive.extract.page_kind`'s call.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from archive.article import Article
from archive.extract.assembly import assemble, links_of_pointer_lines
from archive.extract.body import collect_blocks, find_body, remove_teasers
from archive.extract.boxes import remove_boilerplate, remove_junk, take_link_boxes, take_related_boxes
from archive.extract.byline import header_byline, is_person
from archive.extract.captions import captions_before
from archive.extract.dateline import date_in, machine_date, publication_date, visible_date
from archive.extract.encoding import decode_html
from archive.extract.lead import find_lead
from archive.extract.metadata import read_metadata
from archive.extract.nodes import flat_text, link_chars, select_one
from archive.extract.page_limits import check_raw, check_tree
from archive.extract.site_blocks import block_keys, drop_repeated_blocks
from archive.extract.title import find_title
from archive.extract.tree import parse_html
from archive.sites import SiteProfile
from archive.vietnamese.bylines import parse_byline
from archive.vietnamese.text import normalize

HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
MAX_HEAD_BYTES = 65536


@dataclass
class Page:
    """What the cleaner found on a page: the article and the shape facts page kinds are judged by."""

    article: Article
    link_density: float  # of the chosen body: listings are mostly links, articles are not
    headline_found: bool  # a visible headline, not just the <title>: listings have none
    own_url: str | None = None  # the address the page gives itself (og:url, rel=canonical), as written


def extract(html: bytes | str, url: str, profile: SiteProfile | None = None,
            header_charset: str | None = None, site_blocks: frozenset[str] | None = None) -> Article:
    """Clean one page. Pure: no I/O. Bad markup gives an empty Article; hostile pages (too large,
    binary, too deep) raise PageRefused.

    `site_blocks`: block keys learned from other pages of the same site (archive.extract.site_blocks),
    removed as the site's boilerplate.
    """
    return extract_page(html, url, profile, header_charset, site_blocks).article


def extract_page(html: bytes | str, url: str, profile: SiteProfile | None = None,
                 header_charset: str | None = None, site_blocks: frozenset[str] | None = None) -> Page:
    """The cleaner's pipeline over one parsed tree. A profile's selectors win: what they pick is
    taken as it is and no general step (repeated blocks, boxes, chrome) removes it."""
    check_raw(html)
    tree = parse_html(page_text(html, header_charset))
    check_tree(tree)
    meta = read_metadata(tree)
    selectors = profile.selectors if profile else {}
    remove_junk(tree, selectors.get("remove"))
    picked = {key: select_one(tree, selectors.get(key)) for key in ("title", "body", "date", "author")}
    title_el, title = find_title(tree, meta, selectors.get("title"))
    keep = [el for el in picked.values() if el is not None] + ([title_el] if title_el is not None else [])
    if site_blocks:  # after the headline is found: a top story's headline repeats in site-wide boxes
        drop_repeated_blocks(tree, site_blocks, keep=keep)
    related = take_related_boxes(tree, url, keep=keep)
    visible = date_in(picked["date"]) or visible_date(tree, title_el)
    profile_author = normalize(flat_text(picked["author"])) if picked["author"] is not None else None
    signed = header_byline(title_el)
    remove_boilerplate(tree, keep=keep)
    body = find_body(tree, selectors.get("body"))
    if body is not None:
        remove_teasers(body)
        related += [r for r in take_link_boxes(body, url) if r not in related]
    blocks = collect_blocks(body, title_el) if body is not None else []
    lead = find_lead(tree, title_el, body, meta)
    blocks = captions_before(tree, title_el, body) + blocks
    article = assemble(url, title, blocks, lead, meta)
    article.related = related + [r for r in links_of_pointer_lines(blocks, url) if r not in related]
    article.site = profile.name if profile else urlsplit(url).netloc
    article.published = publication_date(meta, visible, article)
    article.updated = machine_date(meta.updated)
    if article.updated == article.published:
        article.updated = None
    if profile_author:  # the profile names where the byline is: it wins over every guess
        byline = parse_byline(profile_author)
        article.author = byline.author if byline and byline.author else profile_author
    elif article.credit is None and signed is not None:
        article.author, article.credit = signed.author, signed.credit
    elif article.credit is None and meta.author and is_person(meta.author, meta, url):
        article.author = normalize(meta.author)
    density = link_chars(body) / max(len(flat_text(body)), 1) if body is not None else 1.0
    return Page(article, density, title_el is not None, meta.url)


def page_text(html: bytes | str, header_charset: str | None = None) -> str:
    return html if isinstance(html, str) else decode_html(html, header_charset)[0]


def own_url(html: bytes) -> str | None:
    """The page's own URL (og:url or canonical link) read from its <head> alone: cheap enough to
    sort thousands of saved pages by site before any of them is cleaned."""
    end = HEAD_END.search(html, 0, MAX_HEAD_BYTES)
    head = html[:end.start() if end else MAX_HEAD_BYTES]
    return read_metadata(parse_html(head.decode("utf-8", "replace"))).url


def page_blocks(html: bytes | str, header_charset: str | None = None) -> tuple[str | None, set[str]]:
    """The page's own URL (og:url or canonical link, if it gives one) and the keys of its small
    blocks, as archive.extract.site_blocks.learn_site_blocks counts them."""
    check_raw(html)
    tree = parse_html(page_text(html, header_charset))
    check_tree(tree)
    own_url = read_metadata(tree).url
    remove_junk(tree, None)
    return own_url, {key for _, key in block_keys(tree)}

