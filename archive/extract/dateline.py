"""The publication date the page prints: the date line by the headline, or machine dates in the
page's metadata."""
from __future__ import annotations

import re
from collections import deque

from lxml import etree

from archive.article import Article
from archive.extract import boilerplate as bp
from archive.extract.metadata import PageMetadata
from archive.extract.tree import BLOCK_TAGS, Element, text_of
from archive.vietnamese.dates import find_date, parse_machine_date

MACHINE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2}, \d")  # ISO 8601 or RFC 2822: unambiguous


# How far from the headline its date line is looked for: characters of text after it, lines before it.
AFTER_TITLE_CHARS = 800
BEFORE_TITLE_LINES = 6
BEFORE_TITLE_PIECES = 200  # texts and tails of elements: enough for those lines


def visible_date(tree: Element, title_el: Element | None) -> str | None:
    """The posting date printed next to the headline.

    A date line (a short line that is a date, maybe with a weekday, a time and a label: "Thứ ba,
    ngày 25/11/2014 - 08:15") is the article's; a date inside prose ("Ngày 24/11/2014, Liên đoàn
    ...") is an event's. So: a date line with its time, after the headline first, then the nearest
    before it; then a date line with the day only (a bare day far above the headline is often the
    site's today); last, the first date of the prose after the headline. Read before boilerplate
    goes: the date often sits in a share or toolbar strip.
    """
    if title_el is None:
        return None
    before, after = _lines_around(tree, title_el)
    lines_after = [found for line in after if bp.DATE_LINE.match(line) and (found := find_date(line))]
    lines_before = [found for line in reversed(before) if bp.DATE_LINE.match(line) and (found := find_date(line))]
    ranked = [d for d in lines_after + lines_before if d.has_time] + lines_after + lines_before
    found = ranked[0] if ranked else find_date(" ".join(after))
    return found.iso() if found else None


def _lines_around(tree: Element, title_el: Element) -> tuple[list[str], list[str]]:
    """The text lines (cut at block tags and line breaks) within reach before and after the headline."""
    before: deque[str] = deque(maxlen=BEFORE_TITLE_PIECES)  # a page's whole text before it is never needed
    after: list[str] = []
    after_chars = 0  # counted as it grows: summing it at each element was quadratic on pages of empty elements
    zone: deque[str] | list[str] | None = before
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        if el is title_el:
            zone = None if event == "start" else after
            if event == "start":
                continue
        if zone is None:
            continue
        cut = "\n" if el.tag in BLOCK_TAGS or el.tag == "br" else ""
        zone.append(cut + ((el.text if event == "start" else el.tail) or ""))
        if zone is after:
            after_chars += len(after[-1])
            if after_chars > AFTER_TITLE_CHARS:
                break
    return _lines("".join(before), BEFORE_TITLE_LINES, last=True), _lines("".join(after))


def _lines(text: str, most: int | None = None, last: bool = False) -> list[str]:
    """The non-blank lines of the text, spaces collapsed; the first (or last) `most` of them."""
    parts = text.split("\n")
    found: list[str] = []
    for part in reversed(parts) if last else parts:
        line = " ".join(part.split())
        if line:
            found.append(line)
            if len(found) == most:
                break
    return found[::-1] if last else found


def first_date(article: Article) -> str | None:
    for text in (article.lead, article.text):
        found = find_date(text or "")
        if found:
            return found.iso()
    return None


def machine_date(value: str | None) -> str | None:
    found = parse_machine_date(value) if value else None
    return found.iso() if found else None


def date_in(el: Element | None) -> str | None:
    """The first date printed in an element (a profile's date selector)."""
    found = find_date(" ".join(text_of(el).split())) if el is not None else None
    return found.iso() if found else None


def publication_date(meta: PageMetadata, visible: str | None, article: Article) -> str | None:
    """The metadata's machine date, completed or overruled by the date line the page prints."""
    machine = machine_date(meta.published)
    if machine and visible and len(machine) == 10 and visible.startswith(machine):
        machine = visible  # the page prints the time the meta tag left out
    if visible and meta.published and not MACHINE_DATE.match(meta.published.strip()):
        machine = visible  # "9/11/2021 3:29:47 PM" in a meta tag is US order: the page's own line wins
    return machine or visible or first_date(article)
