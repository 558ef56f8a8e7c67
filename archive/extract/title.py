"""The headline: the heading that best matches the page's own title hints, never a breadcrumb."""
from __future__ import annotations

import re
from collections.abc import Callable

from archive.extract import boilerplate as bp
from archive.extract.boxes import label_key
from archive.extract.metadata import PageMetadata
from archive.extract.nodes import flat_text, link_chars, page_chrome, select_one, words_of
from archive.extract.tree import HEADING_TAGS, Element, text_of
from archive.vietnamese.text import fold, normalize

TITLE_CLASS_WORDS = {"title", "tieude", "headline", "heading", "tentin"}


MAX_TITLE_CHARS = 300
HINT_SHARE = 0.6  # of a heading's words the <title> must hold for a partial match
MAIN_COLUMN_SHARE = 0.5  # of the page's text: a "sidebar" holding more is the main column
TITLE_CHROME = {"breadcrumb", "breadcrumbs", "menu", "nav", "navbar", "banner", "logo", "slogan", "sidebar", "footer",
                "related", "other", "tinkhac", "lienquan", "marquee", "poll", "thamdo", "binhchon", "vote", "survey"}


def find_title(tree: Element, meta: PageMetadata,
               selector: str | None) -> tuple[Element | None, str]:
    chosen = select_one(tree, selector)
    if chosen is not None:
        return chosen, normalize(flat_text(chosen))
    hints = [fold(normalize(h)).lower() for h in (meta.title, *title_segments(meta.html_title)) if h]
    best: tuple[float, int, Element | None, str] = (-1e9, 0, None, "")
    in_chrome = _chrome_test(tree)
    for position, el in enumerate(tree.iter(*HEADING_TAGS, "div", "span", "p", "strong", "b", "font", "a")):
        tag_score = {"h1": 3.0, "h2": 2.0, "h3": 1.0}.get(el.tag, 0.0)
        words = words_of(el)
        if not tag_score and not (words & TITLE_CLASS_WORDS) or words & bp.LEAD_WORDS:
            continue  # a sapo set in <h2 class="lead"> is no headline
        raw = text_of(el)
        if len(raw) > 3 * MAX_TITLE_CHARS and len(raw.split()) > MAX_TITLE_CHARS // 4:
            continue  # a container of much more than a headline: skip the normalising
        collapsed = " ".join(raw.split())
        if collapsed.count(" ") < 2 or label_key(collapsed):  # normalising never adds a word
            continue
        text = normalize(collapsed)
        if len(text.split()) < 3 or len(text) > MAX_TITLE_CHARS:
            continue
        score = tag_score + (1.0 if words & TITLE_CLASS_WORDS else 0.0)
        key = fold(text).lower()
        if any(key == h for h in hints):
            score += 6
        elif any(key in h or (h in key and len(h) >= HINT_SHARE * len(key)) for h in hints if len(h) > 10):
            score += 3  # the headline and the <title> overlap; a sapo that names the site does not count
        if any(mark in text for mark in ("»", " > ", "›")) or in_chrome(el):
            score -= 10
        if link_chars(el) > 0.5 * len(text) and el.tag != "a":
            score -= 4
        if el.tag == "a":
            score -= 4
        if (score, -position) > best[:2]:
            best = (score, -position, el, text)
    if best[2] is not None and best[0] > 0:
        return best[2], best[3]
    fallback = meta.title or next(iter(title_segments(meta.html_title)), "")
    return None, normalize(fallback)


def title_segments(html_title: str | None) -> list[str]:
    if not html_title:
        return []
    parts = [p.strip() for p in re.split(r"\s+[-|–—:]\s+", html_title) if p.strip()]
    return sorted(parts, key=len, reverse=True)[:1] + ([html_title] if len(parts) > 1 else [])


def chrome_of(el: Element) -> Element | None:
    """The breadcrumb, menu, banner, poll or page header the element is in, if any."""
    for node in (el, *el.iterancestors()):
        words = words_of(node)
        if node.tag in ("nav", "footer", "aside") or words & TITLE_CHROME or (
                (node.tag == "header" or "header" in words) and page_chrome(node, words)):
            return node
    return None


def _chrome_test(tree: Element) -> Callable[[Element], bool]:
    """Whether an element is in chrome, never the headline; a column named "sidebar-1" that holds
    most of the page is the page's main column (VnExpress). Sizes measured once per page."""
    sizes: dict[Element | None, int] = {}

    def chars(node: Element | None) -> int:
        if node not in sizes:
            sizes[node] = len(text_of(tree if node is None else node))
        return sizes[node]

    def in_chrome(el: Element) -> bool:
        chrome = chrome_of(el)
        return chrome is not None and chars(chrome) < MAIN_COLUMN_SHARE * chars(None)

    return in_chrome
