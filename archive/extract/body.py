"""The article body: the container with the most prose, its sibling sections, and its text cut into
blocks (paragraphs, headings, captions) in page order; teaser cards of other stories dropped."""
from __future__ import annotations

from lxml import etree

from archive.extract.captions import is_caption
from archive.extract.nodes import Block, flat_text, link_chars, select_one
from archive.extract.tree import BLOCK_TAGS, HEADING_TAGS, Element, drop, text_of
from archive.vietnamese.text import normalize

CANDIDATE_TAGS = ("div", "article", "section", "td", "main", "body")


MAX_HEADER_CHARS = 200  # of text before the headline in an article header


# Body: an itemprop=articleBody holding this much text bounds the search; sibling sections
# scoring this share of the best candidate join it, with the blocks between them.
MIN_MARKED_BODY_CHARS = 100


SIBLING_SHARE = 0.2


INNER_BLOCK_TAGS = {"h2", "h3", "h4", "h5", "ul", "ol", "blockquote", "pre", "table", "dl"}


# Containers a teaser card of another story comes in, and the most text one holds.
TEASER_TAGS = {"div", "article", "li", "section", "ul", "figure"}


MAX_TEASER_CHARS = 600
# Articles are prose: a section whose text is more than this share of link text is a teaser grid.
MAX_ARTICLE_LINK_DENSITY = 0.3


MARKED_BODY = etree.XPath("//*[@itemprop='articleBody']")


def find_body(tree: Element, selector: str | None) -> Element | None:
    chosen = select_one(tree, selector)
    if chosen is not None:
        return chosen
    # Microdata says where the article is: look only inside it (when it holds text at all).
    marked = MARKED_BODY(tree)
    root = marked[0] if len(marked) == 1 and len(flat_text(marked[0])) >= MIN_MARKED_BODY_CHARS else tree
    scores: dict[Element, float] = {}
    for el in root.iter("p", "div", "td", "pre", "blockquote", "li", "span", "font"):
        own = _own_text(el)
        if len(own) < 25:
            continue
        links = sum(len(text_of(a)) for a in el if a.tag == "a")
        weight = len(own) * max(0.0, 1 - links / max(len(own), 1)) + 10 * own.count(",")
        parent = el if el.tag in ("div", "td") and len(own) > 200 else el.getparent()
        for factor in (1.0, 0.5, 0.25):
            if parent is None:
                break
            scores[parent] = scores.get(parent, 0.0) + weight * factor
            parent = parent.getparent()
    best, best_score = None, 0.0
    adjusted: dict[Element, float] = {}
    inside = set(root.iter()) if root is not tree else None
    for el, score in scores.items():
        if el.tag not in CANDIDATE_TAGS or (inside is not None and el not in inside):
            continue
        text = max(len(flat_text(el)), 1)
        adjusted[el] = score * (1 - min(link_chars(el) / text, 1.0))
        if adjusted[el] > best_score:
            best, best_score = el, adjusted[el]
    return _with_siblings(best, best_score, adjusted) if best is not None else None


def _with_siblings(best: Element, best_score: float,
                   adjusted: dict[Element, float]) -> Element:
    """Bodies split into sibling sections (a column per few paragraphs): keep the siblings that
    score near the best or are paragraphs of prose, drop the rest, and take their parent."""
    parent = best.getparent()
    if parent is None or best.tag == "body":
        return best
    chosen, size = best, len(flat_text(best))
    while parent.tag not in ("body", "html") and len(flat_text(parent)) <= 1.1 * size:
        best, parent = parent, parent.getparent()  # a wrapper adds nothing: look at its siblings
    children = [child for child in parent if isinstance(child.tag, str)]
    kept = [i for i, sibling in enumerate(children) if sibling is best or _prose_paragraph(sibling)
            or adjusted.get(sibling, 0.0) >= SIBLING_SHARE * best_score
            or (_same_kind(sibling, best) and _best_inside(sibling, adjusted) >= SIBLING_SHARE * best_score)]
    if len(kept) < 2:
        return chosen
    for i, child in enumerate(children):
        # Between two kept sections, subheadings, lists and quotes are the article's too.
        inner = kept[0] < i < kept[-1] and child.tag in INNER_BLOCK_TAGS and link_chars(child) < 0.5 * len(flat_text(child))
        if i not in kept and not inner and flat_text(child):
            drop(child)
    return parent


def _same_kind(el: Element, other: Element) -> bool:
    """Sections of one article are built alike: same tag, same class; one with its own headline
    is the next article of a stream."""
    return (el.tag == other.tag and el.get("class") == other.get("class") and el.find(".//h1") is None
            and link_chars(el) < MAX_ARTICLE_LINK_DENSITY * len(flat_text(el)))  # not a grid row of teasers


def _best_inside(el: Element, adjusted: dict[Element, float]) -> float:
    """The best candidate score in the element: a section's paragraphs may sit a few wrappers deep."""
    return max((adjusted.get(node, 0.0) for node in el.iter(*CANDIDATE_TAGS)), default=0.0)


def _prose_paragraph(el: Element) -> bool:
    if el.tag != "p":
        return False
    text = len(flat_text(el))
    return text >= 80 and link_chars(el) < 0.25 * text


def remove_teasers(body: Element) -> None:
    """Cards of other stories inside the body: a small block headed by a link (picture, linked
    headline, summary), or a linked headline alone. No label announces them."""
    for el in list(body.iterdescendants(*HEADING_TAGS)):
        text = flat_text(el)
        if el.getparent() is None or len(text) < 15 or link_chars(el) < 0.9 * len(text):
            continue
        card = el
        for node in el.iterancestors():
            if node is body or node.tag not in TEASER_TAGS or len(flat_text(node)) > MAX_TEASER_CHARS:
                break
            card = node
        drop(card)


def _own_text(el: Element) -> str:
    """Text of the element and its inline children, not of nested blocks."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in BLOCK_TAGS:
            parts.append(text_of(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def collect_blocks(body: Element, title_el: Element | None = None) -> list[Block]:
    """Walk the body in order, cutting text into paragraphs at block tags and line breaks.

    When the headline sits inside the body, the few words before it (section label, breadcrumb
    of an article header) are not the article's; much text before it means it is not the top.
    """
    blocks: list[Block] = []
    start = [0]  # blocks before the headline
    buffer: list[str] = []
    links: list[tuple[str, str]] = []

    def flush(role: str = "paragraph") -> None:
        text = normalize(" ".join("".join(buffer).split()))
        if text:
            blocks.append(Block(role, text, list(links)))
        buffer.clear()
        links.clear()

    def walk(el: Element) -> None:
        if not isinstance(el.tag, str):
            return
        tag = el.tag
        if is_caption(el):
            flush()
            caption = normalize(flat_text(el))
            if caption:
                blocks.append(Block("caption", caption))
            return
        if tag == "br":
            flush()
            return
        block = tag in BLOCK_TAGS
        if block or el is title_el:
            flush()
        if el is title_el:
            start[0] = len(blocks)
        if tag == "a" and el.get("href"):
            links.append((flat_text(el), el.get("href")))
        buffer.append(el.text or "")
        for child in el:
            walk(child)
            buffer.append(child.tail or "")
        if block:
            flush("heading" if tag in HEADING_TAGS else "paragraph")

    walk(body)
    flush()
    header = blocks[:start[0]]
    return blocks[start[0]:] if sum(len(b.text) for b in header) <= MAX_HEADER_CHARS else blocks
