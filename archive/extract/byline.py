"""Who signs the article, when the text does not close with a byline: the article header's byline
element, else a metadata author that is a person (never the publisher, its domain or a URL)."""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from archive.extract import boilerplate as bp
from archive.extract.metadata import PageMetadata
from archive.extract.nodes import flat_text, words_of
from archive.extract.title import title_segments
from archive.extract.tree import Element
from archive.vietnamese.bylines import Byline, parse_byline
from archive.vietnamese.text import fold

# The header's byline stands within this many elements after the headline, and is this short.
FOLLOWING_ELEMENTS = 40
MAX_BYLINE_CHARS = 120
DOMAIN_NAME = re.compile(r"[\w-]+(?:\.[a-z]{2,})+")  # "nld.com.vn", "baodautu.vn" (folded, lower case)


def header_byline(title_el: Element | None) -> Byline | None:
    """The byline an article header prints in an element named for it (<div class="detail-author">,
    <a class="author">) just after the headline. Read before boilerplate goes."""
    if title_el is None:
        return None
    for el in itertools.islice(_following(title_el), FOLLOWING_ELEMENTS):
        if isinstance(el.tag, str) and words_of(el) & bp.AUTHOR_WORDS:
            text = flat_text(el)
            byline = parse_byline(bp.TRAILING_DATE.sub("", text)) if len(text) <= MAX_BYLINE_CHARS else None
            if byline is not None and byline.author:
                return byline
    return None


def _following(el: Element) -> Iterator[Element]:
    """The elements after `el` in document order, outside it (XPath's following axis, lazily)."""
    for node in (el, *el.iterancestors()):
        for sibling in node.itersiblings():
            yield sibling
            yield from sibling.iterdescendants()


def is_person(name: str, meta: PageMetadata, url: str) -> bool:
    """Meta authors are often the publisher itself ("Báo An Giang"), its domain ("NLD.COM.VN",
    "baodautu.vn"), its host's name or a profile URL."""
    key = fold(name).lower()
    publisher = {fold(v).lower() for v in (meta.site_name, *title_segments(meta.html_title)) if v}
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return not (name.startswith("http") or key in publisher or key.startswith("bao ")
                or DOMAIN_NAME.fullmatch(key) or key == host.split(".")[0])
