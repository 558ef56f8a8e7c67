"""Boxes and boilerplate: junk elements, labelled boxes ("Tin liên quan", "Tin khác": removed, their
links kept as related metadata) and containers named as chrome (menus, share bars, comments)."""
from __future__ import annotations

from functools import lru_cache

from lxml import etree

from archive.extract import boilerplate as bp
from archive.extract.nodes import (
    absolute_url,
    flat_text,
    in_running_text,
    link_chars,
    page_chrome,
    with_ancestors,
    words_of,
)
from archive.extract.tree import HEADING_TAGS, Element, drop, select, text_of
from archive.vietnamese.text import fold, normalize

MAX_FORM_CHARS = 500  # smaller forms are search boxes and comment forms


# Box labels: a few words, maybe in a link or beside an icon.
LABEL_SCAN_CHARS = 200


MAX_LABEL_CHILDREN = 4


MAX_LABEL_CHARS = 40


def remove_junk(tree: Element, remove_selector: str | None) -> None:
    """Drop what never holds article text: scripts, styles, embeds, small forms, the profile's `remove`."""
    for el in list(tree.iter(*bp.JUNK_TAGS)):
        if el.getparent() is not None and el.tag != "meta":
            drop(el)
    # Small forms are search boxes and comment forms; a form that wraps the page (ASP.NET) is not.
    page_chars = len(flat_text(tree))
    for el in list(tree.iter("form")):
        chars = len(flat_text(el))
        if chars < MAX_FORM_CHARS and chars < 0.5 * page_chars:
            drop(el)
    if remove_selector:
        for el in select(tree, remove_selector):
            drop(el)


@lru_cache(maxsize=8192)  # menus and boxes repeat the same short link texts
def label_key(text: str) -> str | None:
    """The folded label of a box heading, or None when the text is not one."""
    if not text or len(text) > MAX_LABEL_CHARS:
        return None
    key = fold(normalize(text)).lower().strip(" :.»>-–|")
    return key if key in bp.BOX_LABELS else None


def is_label(el: Element) -> bool:
    raw = text_of(el)
    # Labels are short: skip the folding for anything longer, whatever its spacing.
    return (len(raw) <= LABEL_SCAN_CHARS or len(raw.split()) <= 8) and label_key(" ".join(raw.split())) is not None


# Short text nodes: a box label is one, or a few side by side ("Tin <b>liên quan</b>").
SHORT_TEXTS = etree.XPath(f"//text()[normalize-space()][string-length(normalize-space()) <= {MAX_LABEL_CHARS}]")


LABEL_TAGS = {*HEADING_TAGS, "div", "span", "p", "strong", "b", "a", "li", "td"}


def find_labels(tree: Element) -> list[Element]:
    """The innermost elements whose whole text is a box label, in page order.

    Found from the page's short text nodes up (their element and its parent), so the long
    texts of big containers are never built.
    """
    found: list[Element] = []
    seen: set[Element] = set()
    for piece in SHORT_TEXTS(tree):
        node = piece.getparent()
        if piece.is_tail and node is not None:
            node = node.getparent()
        for _ in range(2):
            if node is None:
                break
            if node not in seen:
                seen.add(node)
                if node.tag in LABEL_TAGS and len(node) <= MAX_LABEL_CHILDREN and is_label(node) \
                        and not any(is_label(child) for child in node) and not in_running_text(node):
                    found.append(node)
            node = node.getparent()
    return found


def take_related_boxes(tree: Element, page_url: str,
                       keep: list[Element] | None = None) -> list[dict[str, str]]:
    """Remove every related/other-news box; its links become metadata.

    A box never grows into a container of the headline or of another box's label: on pages that
    are mostly links, the link-dense ancestors of a label go all the way up to the page itself.
    """
    related: list[dict[str, str]] = []
    labels = find_labels(tree)
    seen: set[Element] = set()
    shared = with_ancestors(keep or [])
    for label in labels:
        ancestors = set(label.iterancestors())
        shared |= ancestors & seen
        seen |= ancestors
    for label in labels:
        if label.getparent() is None or not _attached(label, tree):
            continue
        keep_links = label_key(flat_text(label)) in bp.RELATED_LABELS
        for box in _box_of(label, shared):
            for a in (box.iter("a") if keep_links else ()):
                title = normalize(flat_text(a))
                url = absolute_url(page_url, a.get("href"))
                if url and len(title.split()) >= 3:
                    entry = {"title": title, "url": url}
                    if entry not in related:
                        related.append(entry)
            drop(box)
    return related


def _attached(el: Element, tree: Element) -> bool:
    root = el
    for root in el.iterancestors():
        pass
    return root is tree


def _box_of(label: Element, shared: set[Element]) -> list[Element]:
    """The label's box: the largest link-dense ancestor not in `shared`, or the label and the lists after it."""
    label_text = len(flat_text(label))
    while label.getparent() is not None and label.getparent().tag not in ("body", "html") \
            and len(flat_text(label.getparent())) == label_text:
        label = label.getparent()  # <p class="h3"><strong>Tin liên quan</strong></p>
    box = label
    node = label.getparent()
    while node is not None and node.tag not in ("body", "html") and node not in shared:
        text = len(flat_text(node)) - label_text
        links = link_chars(node) - link_chars(label)
        if text > 0 and links >= 0.6 * text and links > 0:
            box = node
            node = node.getparent()
            continue
        break
    if box is not label:
        return [box]
    # The label stands among the body's siblings: take it and the link-dense siblings after it.
    taken = [label]
    for sibling in label.itersiblings():
        text = len(flat_text(sibling))
        if text == 0:
            taken.append(sibling)
            continue
        if is_label(sibling) or sibling.tag in HEADING_TAGS or link_chars(sibling) < 0.6 * text:
            break
        taken.append(sibling)
    return taken


def remove_boilerplate(tree: Element, keep: list[Element]) -> None:
    """Drop containers named as chrome (menu, share, comments, ...), except `keep` and its ancestors."""
    body = tree.find("body")
    stack = list(body if body is not None else tree)
    protected = with_ancestors(keep)
    page_text = len(flat_text(body if body is not None else tree))
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        chrome = page_chrome(el, words_of(el)) and not in_running_text(el)
        # A name on a wrapper of most of the page ("main and-w-sidebar") says nothing of its content.
        if chrome and el not in protected and not _looks_like_text(el) and len(flat_text(el)) < 0.6 * page_text:
            drop(el)
            continue
        stack.extend(el)


def _looks_like_text(el: Element) -> bool:
    """A wrongly named block that really holds text: the article container (several paragraphs,
    few links) or one paragraph of prose without links (<p class="logo-online">the sapo</p>)."""
    text = len(flat_text(el))
    if el.tag == "p":
        return text >= 100 and link_chars(el) == 0
    return text >= 500 and link_chars(el) < 0.25 * text and len(el.findall(".//p")) >= 2


# Blocks inside the body that are all links: this share of their text in links at least, and
# links to other stories read as headlines (this many words).
LINK_BOX_TAGS = ("table", "ul", "ol", "div", "section", "aside", "dl")
LINK_BOX_SHARE = 0.9
MAX_LINK_BOX_CHARS = 2000  # a handful of headlines; longer blocks are the article's own
MIN_HEADLINE_WORDS = 4


def take_link_boxes(body: Element, page_url: str) -> list[dict[str, str]]:
    """Unnamed, unlabelled blocks inside the article's container that are all links: a table or
    list of other stories' headlines, a promo picture with its line. Removed; headlines become related."""
    related: list[dict[str, str]] = []
    for el in list(body.iterdescendants(*LINK_BOX_TAGS)):
        if el.find(".//a") is None or el.getparent() is None or len(text_of(el)) > MAX_LINK_BOX_CHARS:
            continue  # most blocks of a body hold no link, or are its text: not worth measuring
        text = flat_text(el)
        if not text or link_chars(el) < LINK_BOX_SHARE * len(text):
            continue
        headlines = [a for a in el.iter("a") if len(flat_text(a).split()) >= MIN_HEADLINE_WORDS]
        if len(headlines) < 2 and not (headlines and headlines[0].find(".//img") is not None):
            continue
        for a in headlines:
            url = absolute_url(page_url, a.get("href"))
            entry = {"title": normalize(flat_text(a)), "url": url}
            if url and a.find(".//img") is None and entry not in related:
                related.append(entry)
        drop(el)
    return related
