"""The lead (sapo): a block named as one, or the block that prints the page's meta description."""
from __future__ import annotations

import itertools
import re

from archive.extract import boilerplate as bp
from archive.extract.metadata import PageMetadata
from archive.extract.nodes import flat_text, words_of
from archive.extract.tree import Element
from archive.vietnamese.text import fold, normalize

LEAD_TAGS = {"div", "p", "h2", "h3", "h4", "span", "strong", "b", "em", "section", "td"}


MAX_LEAD_CHARS = 1000


def find_lead(tree: Element, title_el: Element | None,
              body: Element | None, meta: PageMetadata) -> str | None:
    """The sapo, looked for from the headline to the end of the body: a block named as one
    ("sapo", "chapeau", "summary"), else the block that prints the page's meta description."""
    zone = _lead_zone(tree, title_el, body)
    for el in zone:
        if el.tag in LEAD_TAGS and words_of(el) & bp.LEAD_WORDS and _one_block(el):
            return _clean_lead(flat_text(el))
    wanted = _match_key(meta.description or "")
    if not 40 <= len(wanted) <= MAX_LEAD_CHARS:  # some descriptions are the whole story
        return None
    prefix = wanted[:120]
    for el in zone:
        # Only a block whose own first words open the description is worth reading whole.
        head = _match_key((el.text or "")[:40]).rsplit(" ", 1)[0]
        if not head or not wanted.startswith(head):
            continue
        for block in (el, *itertools.islice(el.iterancestors(), 2)):  # <p><strong>(Baonghean.vn)</strong> - ...
            text = flat_text(block)
            if block.tag in LEAD_TAGS and 0.5 * len(prefix) <= len(text) <= 1.3 * len(wanted) + 80 \
                    and _match_key(text).startswith(prefix) and _one_block(block):
                return _clean_lead(text)
    return None


def _one_block(el: Element) -> bool:
    """A lead is one block of text, not a container of paragraphs ("text-with-summary" bodies)."""
    return 40 <= len(flat_text(el)) <= MAX_LEAD_CHARS and len(el.findall(".//p")) < 2


def _lead_zone(tree: Element, title_el: Element | None,
               body: Element | None) -> list[Element]:
    """Elements after the headline (or from the top), up to the end of the body, in order."""
    order = [el for el in tree.iter() if isinstance(el.tag, str)]
    position = {el: i for i, el in enumerate(order)}
    start = position[title_el] + 1 if title_el in position else 0
    end = len(order)
    if body in position:
        end = position[body] + sum(1 for el in body.iterdescendants() if isinstance(el.tag, str)) + 1
    return order[start:end]


def _match_key(text: str) -> str:
    """Words only, folded: a description and the block that prints it compare equal."""
    return " ".join(re.findall(r"\w+", fold(normalize(text)).lower()))


def _clean_lead(text: str) -> str:
    return bp.LEADING_DASH.sub("", normalize(text)).strip()
