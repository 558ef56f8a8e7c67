"""The publication date the page prints: the date line by the headline, or machine dates in the
page's metadata."""
from __future__ import annotations

import re

from lxml import etree

from archive.article import Article
from archive.extract.metadata import PageMetadata
from archive.extract.tree import Element, text_of
from archive.vietnamese.dates import find_date, find_dates, parse_machine_date

MACHINE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2}, \d")  # ISO 8601 or RFC 2822: unambiguous


# How far from the headline its date line is looked for (characters of text).
AFTER_TITLE_CHARS = 800


BEFORE_TITLE_CHARS = 300


def visible_date(tree: Element, title_el: Element | None) -> str | None:
    """The posting date printed next to the headline: the first one after it, else the nearest before.

    Read before boilerplate goes: the date often sits in a share or toolbar strip.
    """
    if title_el is None:
        return None
    before: list[str] = []
    after: list[str] = []
    zone = before
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        if event == "start":
            if el is title_el:
                zone = None
            elif zone is not None:
                zone.append(el.text or "")
            continue
        if el is title_el:
            zone = after
        if zone is not None:
            zone.append(el.tail or "")
        if zone is after and sum(map(len, after)) > AFTER_TITLE_CHARS:
            break
    found = find_date(" ".join(" ".join(after).split()))
    if found is None:
        nearby = find_dates(" ".join(" ".join(before).split())[-BEFORE_TITLE_CHARS:])
        found = nearby[-1] if nearby else None
    return found.iso() if found else None


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
