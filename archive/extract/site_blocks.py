"""Blocks repeated across pages of one site: its boilerplate, learned from the site's own pages.

A menu, slogan banner, footer or "follow us" line is printed on every page of a site; article
text is not. Learning is pure set counting over the block texts of several pages of one host:

    learned = learn_site_blocks(page_blocks(html) for html in pages_of_one_host)
    article = extract(html, url, site_blocks=learned)

`page_blocks` (in archive.extract.cleaner) parses a page the way the cleaner does and returns its block
keys. The crawl keeps the keys of each site's latest pages in a `SiteBlockLearner` and cleans
articles with the site's template once it has seen enough pages (the first few are cleaned
without it); `reprocess` learns from all the captures of a host before cleaning any of them.
"""
from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Iterable, Iterator

from archive.extract.tree import Element, drop, text_of
from archive.vietnamese.bylines import parse_byline

# Block-level containers only: an inline link repeated on many pages ("Công đoàn") may sit in a
# sentence of the article, a repeated paragraph or list never does.
KEYED_TAGS = ("p", "div", "ul", "ol", "li", "table", "tr", "td", "h1", "h2", "h3", "h4", "h5", "h6",
              "section", "header", "footer", "aside", "dl", "center", "blockquote")
MAX_BLOCK_CHARS = 500  # longer blocks are containers of the page or article text itself
MIN_PAGES = 3  # fewer pages than this cannot tell a site's template from one story
MIN_SHARE = 0.5  # a block on at least half the pages is the template's
RECENT_PAGES = 50  # a crawl learns from each site's latest pages: a template changes over the years
# A crawl learns once a site has shown this many pages: on fewer, a new story's teaser on the home
# page and its listing would make its own lead look like the template (3 pages of 3).
MIN_CRAWL_PAGES = 10


def block_keys(tree: Element) -> Iterator[tuple[Element, str]]:
    """Each small block of the page with its key (its text, spaces collapsed, lower case).

    Bylines are left out: one reporter signs many articles of a site, and the signature is
    what credits them.
    """
    for el in tree.iter(*KEYED_TAGS):
        raw = text_of(el)
        if len(raw) > 4 * MAX_BLOCK_CHARS and len(raw.split()) > MAX_BLOCK_CHARS // 4:
            continue
        key = " ".join(raw.split()).lower()
        if key and len(key) <= MAX_BLOCK_CHARS and parse_byline(" ".join(raw.split())) is None:
            yield el, key


def learn_site_blocks(pages: Iterable[Iterable[str]], min_pages: int = MIN_PAGES,
                      min_share: float = MIN_SHARE) -> frozenset[str]:
    """The block keys found on at least `min_share` of the pages (and on `min_pages` at least).

    `pages` holds one collection of block keys per page of one site. Too few pages: nothing.
    """
    counts: Counter[str] = Counter()
    total = 0
    for keys in pages:
        counts.update(set(keys))
        total += 1
    if total < min_pages:
        return frozenset()
    needed = max(min_pages, math.ceil(min_share * total))
    return frozenset(key for key, seen in counts.items() if seen >= needed)


def drop_repeated_blocks(tree: Element, repeated: frozenset[str] | set[str],
                         keep: Iterable[Element] = ()) -> int:
    """Remove the page's blocks whose key was learned as the site's; returns how many went.

    Elements in `keep` (the profile's title and body) and their ancestors stay.
    """
    if not repeated:
        return 0
    protected = set()
    for el in keep:
        protected.add(el)
        protected.update(el.iterancestors())
    dropped = 0
    for el, key in list(block_keys(tree)):
        if key in repeated and el not in protected and el.getparent() is not None:
            drop(el)
            dropped += 1
    return dropped


class SiteBlockLearner:
    """The block keys of each site's latest pages, and what they teach (for a crawl in progress)."""

    def __init__(self, recent: int = RECENT_PAGES, min_pages: int = MIN_CRAWL_PAGES):
        self.pages: dict[str, deque[frozenset[str]]] = {}
        self.recent = recent
        self.min_pages = min_pages

    def add(self, site: str, keys: Iterable[str]) -> None:
        self.pages.setdefault(site, deque(maxlen=self.recent)).append(frozenset(keys))

    def learned(self, site: str) -> frozenset[str]:
        return learn_site_blocks(self.pages.get(site, ()), min_pages=self.min_pages)
