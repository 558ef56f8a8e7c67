"""Assembly: blocks -> Article; boilerplate lines, the repeated title and lead, captions and the
byline taken out of the text."""
from __future__ import annotations

import re

from archive.article import Article
from archive.extract import boilerplate as bp
from archive.extract.boxes import label_key
from archive.extract.metadata import PageMetadata
from archive.extract.nodes import Block, absolute_url
from archive.vietnamese.bylines import Byline, parse_byline
from archive.vietnamese.dates import find_date
from archive.vietnamese.text import fold, normalize

HEADER_PARAGRAPHS = 3  # where an article header's byline-and-date line may stand


def _key(text: str) -> str:
    return fold(text).lower().rstrip(" .…!;:")


def assemble(url: str, title: str, blocks: list[Block], lead: str | None, meta: PageMetadata) -> Article:
    """Drop boilerplate lines, the repeated title and lead, pull out captions and the byline."""
    title_key = _key(title)
    paragraphs: list[str] = []
    captions: list[str] = []
    for block in blocks:
        text = bp.LEADING_DASH.sub("", block.text).strip()
        if not text or bp.BOILERPLATE_LINE.match(text) or label_key(text):
            continue
        if bp.DATE_LINE.match(text) and find_date(text):
            continue
        if block.role == "caption":
            if text not in captions:
                captions.append(text)
            continue
        if _key(text) == title_key or not re.search(r"\w", text):
            continue
        paragraphs.append(text)
    if lead:
        paragraphs.insert(0, lead)
    paragraphs = [p for p in _dedupe(paragraphs) if p not in captions]
    author = credit = None
    # An article header inside the body prints its byline with the date: "MAI QUẾ • 08/01/2026 10:02".
    for text in paragraphs[:HEADER_PARAGRAPHS]:
        byline = parse_byline(bp.TRAILING_DATE.sub("", text)) if find_date(text) else None
        if byline is not None and byline.author:
            paragraphs.remove(text)
            author, credit = byline.author, byline.credit
            break
    # The byline closes the article: an author line, a source line ("Nguồn: ..."), or both.
    # The closing author line signs the story, over the header's.
    signed = False
    for _ in range(2):
        # "AN AN - VŨ LINH Thứ tư, 17/04/2024 06:23 (GMT+7)": the byline printed with its date.
        byline = parse_byline(bp.TRAILING_DATE.sub("", paragraphs[-1])) if paragraphs else None
        if byline is None:
            break
        paragraphs.pop()
        if byline.author and not signed:
            author, credit, signed = byline.author, byline.credit, True
        elif signed and _bare_capitals(byline) and _bare_capitals(Byline(author, credit or "", None)):
            # Two reporters' names in capitals, one per line: both sign the story.
            author, credit = f"{byline.author}, {author}", f"{byline.credit}, {credit}"
        elif not credit:
            credit = byline.credit
    first = paragraphs[0] if paragraphs else None
    return Article(url=url, title=title, text="\n\n".join(paragraphs), author=author, credit=credit,
                   lead=lead or first, captions=captions)


def _bare_capitals(byline: Byline) -> bool:
    """A byline that is only a name set in capitals ("NGUYỄN VĂN AN")."""
    return bool(byline.author) and byline.credit == byline.author.upper()


def _dedupe(paragraphs: list[str]) -> list[str]:
    """The lead printed twice (once maybe without its final stop) is kept once, the longer copy."""
    kept: list[str] = []
    keys: list[str] = []
    for text in paragraphs:
        key = _key(text)
        match = next((i for i, k in enumerate(keys) if k == key or (len(key) > 60 and (
            k.startswith(key) or key.startswith(k)) and len(k) > 60)), None)
        if match is None:
            kept.append(text)
            keys.append(key)
        elif len(text) > len(kept[match]):
            kept[match], keys[match] = text, key
    return kept


def links_of_pointer_lines(blocks: list[Block], page_url: str) -> list[dict[str, str]]:
    """'>> Title' lines are links to other stories: metadata, never text."""
    found = []
    for block in blocks:
        if block.text.startswith(">>"):
            for text, href in block.links:
                url = absolute_url(page_url, href)
                if url:
                    found.append({"title": normalize(text.lstrip("> ")), "url": url})
    return found
