"""The cleaner: HTML + URL -> Article, as a pipeline of small pure functions over one lxml tree."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from lxml import etree

from archive import boilerplate as bp
from archive.article import Article
from archive.bylines import parse_byline
from archive.dates import find_date, find_dates, parse_machine_date
from archive.encoding import decode_html
from archive.html_tree import Element, drop, parse_html, select, text_of
from archive.metadata import PageMetadata, read_metadata
from archive.page_limits import check_raw, check_tree
from archive.site_blocks import block_keys, drop_repeated_blocks
from archive.sites import SiteProfile
from archive.text import fold, normalize

BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "td", "tr",
              "table", "tbody", "thead", "section", "article", "figure", "figcaption", "pre", "dd", "dt",
              "dl", "header", "footer", "main", "aside", "center", "address", "caption"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LEAD_TAGS = {"div", "p", "h2", "h3", "h4", "span", "strong", "b", "em", "section", "td"}
CANDIDATE_TAGS = ("div", "article", "section", "td", "main", "body")
TITLE_CLASS_WORDS = {"title", "tieude", "headline", "heading", "tentin"}
LEADING_DASH = re.compile(r"^[-–—]\s+")
MIN_ARTICLE_CHARS = 250
MAX_ARTICLE_LINK_DENSITY = 0.3
MAX_TITLE_CHARS = 300
MAX_LEAD_CHARS = 1000
HEADER_PARAGRAPHS = 3  # where an article header's byline-and-date line may stand
MAX_HEADER_CHARS = 200  # of text before the headline in an article header
MAX_FORM_CHARS = 500  # smaller forms are search boxes and comment forms
MACHINE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2}, \d")  # ISO 8601 or RFC 2822: unambiguous
# Body: an itemprop=articleBody holding this much text bounds the search; sibling sections
# scoring this share of the best candidate join it, with the blocks between them.
MIN_MARKED_BODY_CHARS = 100
SIBLING_SHARE = 0.2
INNER_BLOCK_TAGS = {"h2", "h3", "h4", "h5", "ul", "ol", "blockquote", "pre", "table", "dl"}
# Box labels: a few words, maybe in a link or beside an icon.
LABEL_SCAN_CHARS = 200
MAX_LABEL_CHILDREN = 4
MAX_LABEL_CHARS = 40
# Containers a teaser card of another story comes in, and the most text one holds.
TEASER_TAGS = {"div", "article", "li", "section", "ul", "figure"}
MAX_TEASER_CHARS = 600
# How far from the headline its date line is looked for (characters of text).
AFTER_TITLE_CHARS = 800
BEFORE_TITLE_CHARS = 300
# Pagination and section URLs: listings even when their summaries read like text.
LISTING_URL = re.compile(r"([?&](p|page|trang)=\d+$)|/trang-\d+\.html$|/page/\d+/?$|://[^/]+/?$", re.IGNORECASE)


@dataclass
class Block:
    kind: str  # paragraph | caption | heading
    text: str
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, href)


@dataclass
class Page:
    """What the cleaner found on a page, and whether it is an article at all."""

    article: Article
    link_density: float  # of the chosen body: listings are mostly links, articles are not
    headline_found: bool  # a visible headline, not just the <title>: listings have none

    @property
    def is_article(self) -> bool:
        paragraphs = self.article.paragraphs
        teasers = sum(1 for p in paragraphs if p.endswith(("...", "…")))
        return (bool(self.article.title) and self.headline_found and len(paragraphs) >= 2
                and len(self.article.text) >= MIN_ARTICLE_CHARS and teasers < 2
                and self.link_density < MAX_ARTICLE_LINK_DENSITY and not LISTING_URL.search(self.article.url))


def extract(html: bytes | str, url: str, profile: SiteProfile | None = None,
            header_charset: str | None = None, site_blocks: frozenset[str] | None = None) -> Article:
    """Clean one page. Pure: no I/O. Bad markup gives an empty Article; hostile pages (too large,
    binary, too deep) raise PageRefused.

    `site_blocks`: block keys learned from other pages of the same site (archive.site_blocks),
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
    chosen = [el for el in (_select(tree, selectors.get("title")), _select(tree, selectors.get("body"))) if el is not None]
    title_el, title = find_title(tree, meta, selectors.get("title"))
    keep = chosen + ([title_el] if title_el is not None else [])
    if site_blocks:  # after the headline is found: a top story's headline repeats in site-wide boxes
        drop_repeated_blocks(tree, site_blocks, keep=keep)
    related = take_related_boxes(tree, url, keep=keep)
    visible = visible_date(tree, title_el)
    remove_boilerplate(tree, keep=keep)
    body = find_body(tree, selectors.get("body"))
    if body is not None:
        remove_teasers(body)
    blocks = collect_blocks(body, title_el) if body is not None else []
    lead = find_lead(tree, title_el, body, meta)
    blocks = captions_before(tree, title_el, body) + blocks
    article = assemble(url, title, blocks, lead, meta)
    article.related = related + [r for r in links_of_pointer_lines(blocks, url) if r not in related]
    article.site = profile.name if profile else urlsplit(url).netloc
    machine = _machine(meta.published)
    if machine and visible and len(machine) == 10 and visible.startswith(machine):
        machine = visible  # the page prints the time the meta tag left out
    if visible and meta.published and not MACHINE_DATE.match(meta.published.strip()):
        machine = visible  # "9/11/2021 3:29:47 PM" in a meta tag is US order: the page's own line wins
    article.published = machine or visible or first_date(article)
    article.updated = _machine(meta.updated)
    if article.updated == article.published:
        article.updated = None
    if article.credit is None and meta.author and _is_person(meta.author, meta):
        article.author = normalize(meta.author)
    density = _link_chars(body) / max(len(_text(body)), 1) if body is not None else 1.0
    return Page(article, density, title_el is not None)


def page_text(html: bytes | str, header_charset: str | None = None) -> str:
    return html if isinstance(html, str) else decode_html(html, header_charset)[0]


def page_blocks(html: bytes | str, header_charset: str | None = None) -> tuple[str | None, set[str]]:
    """The page's own URL (og:url or canonical link, if it gives one) and the keys of its small
    blocks, as archive.site_blocks.learn_site_blocks counts them."""
    check_raw(html)
    tree = parse_html(page_text(html, header_charset))
    check_tree(tree)
    own_url = read_metadata(tree).url
    remove_junk(tree, None)
    return own_url, {key for _, key in block_keys(tree)}


def _select(tree: Element, selector: str | None) -> Element | None:
    chosen = select(tree, selector) if selector else []
    return chosen[0] if chosen else None


def _is_person(name: str, meta: PageMetadata) -> bool:
    """Meta authors are often the publisher itself ("Báo An Giang") or a profile URL."""
    key = fold(name).lower()
    publisher = {fold(v).lower() for v in (meta.site_name, *_title_segments(meta.html_title)) if v}
    return not name.startswith("http") and key not in publisher and not key.startswith("bao ")


# --- parsing -------------------------------------------------------------------------------------

def remove_junk(tree: Element, remove_selector: str | None) -> None:
    """Drop what never holds article text: scripts, styles, embeds, small forms, the profile's `remove`."""
    for el in list(tree.iter(*bp.JUNK_TAGS)):
        if el.getparent() is not None and el.tag != "meta":
            drop(el)
    # Small forms are search boxes and comment forms; a form that wraps the page (ASP.NET) is not.
    page_chars = len(_text(tree))
    for el in list(tree.iter("form")):
        chars = len(_text(el))
        if chars < MAX_FORM_CHARS and chars < 0.5 * page_chars:
            drop(el)
    if remove_selector:
        for el in select(tree, remove_selector):
            drop(el)


def _words(el: Element) -> frozenset[str]:
    """class/id words, each name also joined whole ("tin-lien-quan" gives tin, lien, quan, tinlienquan)."""
    classes, ident = el.get("class"), el.get("id")
    return _attribute_words(f"{classes or ''} {ident or ''}") if classes or ident else frozenset()


@lru_cache(maxsize=4096)
def _attribute_words(attrs: str) -> frozenset[str]:
    attrs = attrs.lower()
    names = attrs.split()
    return frozenset((set(bp.ATTRIBUTE_WORDS.split(attrs)) | {bp.ATTRIBUTE_WORDS.sub("", n) for n in names}) - {""})


def _page_chrome(el: Element, words: frozenset[str]) -> bool:
    """Site chrome by tag or name; a header is the page's only when it is no article's header."""
    if el.tag in ("footer", "aside") or words & bp.BOILERPLATE_WORDS:
        return True
    if el.tag != "header" and "header" not in words:
        return False
    return not words & bp.ARTICLE_WORDS and not any(a.tag == "article" for a in el.iterancestors())


def _text(el: Element) -> str:
    return " ".join(text_of(el).split())


def _link_chars(el: Element) -> int:
    return sum(len(" ".join(text_of(a).split())) for a in el.iter("a"))


# --- title ---------------------------------------------------------------------------------------

def find_title(tree: Element, meta: PageMetadata,
               selector: str | None) -> tuple[Element | None, str]:
    chosen = _select(tree, selector)
    if chosen is not None:
        return chosen, normalize(_text(chosen))
    hints = [fold(normalize(h)).lower() for h in (meta.title, *_title_segments(meta.html_title)) if h]
    best: tuple[float, int, Element | None, str] = (-1e9, 0, None, "")
    for position, el in enumerate(tree.iter(*HEADING_TAGS, "div", "span", "p", "strong", "b", "font", "a")):
        tag_score = {"h1": 3.0, "h2": 2.0, "h3": 1.0}.get(el.tag, 0.0)
        if not tag_score and not (_words(el) & TITLE_CLASS_WORDS):
            continue
        raw = text_of(el)
        if len(raw) > 3 * MAX_TITLE_CHARS and len(raw.split()) > MAX_TITLE_CHARS // 4:
            continue  # a container of much more than a headline: skip the normalising
        text = normalize(" ".join(raw.split()))
        if len(text.split()) < 3 or len(text) > MAX_TITLE_CHARS or _label(el):
            continue
        score = tag_score + (1.0 if _words(el) & TITLE_CLASS_WORDS else 0.0)
        key = fold(text).lower()
        if any(key == h for h in hints):
            score += 6
        elif any(key in h or h in key for h in hints if len(h) > 10):
            score += 3
        if any(mark in text for mark in ("»", " > ", "›")) or _in_chrome(el):
            score -= 10
        if _link_chars(el) > 0.5 * len(text) and el.tag != "a":
            score -= 4
        if el.tag == "a":
            score -= 4
        if (score, -position) > best[:2]:
            best = (score, -position, el, text)
    if best[2] is not None and best[0] > 0:
        return best[2], best[3]
    fallback = meta.title or next(iter(_title_segments(meta.html_title)), "")
    return None, normalize(fallback)


def _title_segments(html_title: str | None) -> list[str]:
    if not html_title:
        return []
    parts = [p.strip() for p in re.split(r"\s+[-|–—:]\s+", html_title) if p.strip()]
    return sorted(parts, key=len, reverse=True)[:1] + ([html_title] if len(parts) > 1 else [])


def _in_chrome(el: Element) -> bool:
    """Inside a breadcrumb, menu, banner or page header: never the headline."""
    chrome = {"breadcrumb", "breadcrumbs", "menu", "nav", "navbar", "banner", "logo", "slogan",
              "sidebar", "footer", "related", "other", "tinkhac", "lienquan", "marquee"}
    for node in (el, *el.iterancestors()):
        words = _words(node)
        if node.tag in ("nav", "footer", "aside") or words & chrome or (
                (node.tag == "header" or "header" in words) and _page_chrome(node, words)):
            return True
    return False


# --- boxes and boilerplate -----------------------------------------------------------------------

@lru_cache(maxsize=8192)  # menus and boxes repeat the same short link texts
def _label_key(text: str) -> str | None:
    """The folded label of a box heading, or None when the text is not one."""
    if not text or len(text) > MAX_LABEL_CHARS:
        return None
    key = fold(normalize(text)).lower().strip(" :.»>-–|")
    return key if key in bp.BOX_LABELS else None


def _label(el: Element) -> bool:
    raw = text_of(el)
    # Labels are short: skip the folding for anything longer, whatever its spacing.
    return (len(raw) <= LABEL_SCAN_CHARS or len(raw.split()) <= 8) and _label_key(" ".join(raw.split())) is not None


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
                if node.tag in LABEL_TAGS and len(node) <= MAX_LABEL_CHILDREN and _label(node) \
                        and not any(_label(child) for child in node):
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
    shared = _with_ancestors(keep or [])
    for label in labels:
        ancestors = set(label.iterancestors())
        shared |= ancestors & seen
        seen |= ancestors
    for label in labels:
        if label.getparent() is None or not _attached(label, tree):
            continue
        keep_links = _label_key(_text(label)) in bp.RELATED_LABELS
        for box in _box_of(label, shared):
            for a in (box.iter("a") if keep_links else ()):
                title = normalize(_text(a))
                url = _absolute(page_url, a.get("href"))
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
    label_text = len(_text(label))
    while label.getparent() is not None and label.getparent().tag not in ("body", "html") \
            and len(_text(label.getparent())) == label_text:
        label = label.getparent()  # <p class="h3"><strong>Tin liên quan</strong></p>
    box = label
    node = label.getparent()
    while node is not None and node.tag not in ("body", "html") and node not in shared:
        text = len(_text(node)) - label_text
        links = _link_chars(node) - _link_chars(label)
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
        text = len(_text(sibling))
        if text == 0:
            taken.append(sibling)
            continue
        if _label(sibling) or sibling.tag in HEADING_TAGS or _link_chars(sibling) < 0.6 * text:
            break
        taken.append(sibling)
    return taken


def _with_ancestors(elements: list[Element]) -> set[Element]:
    found = set(elements)
    for el in elements:
        found.update(el.iterancestors())
    return found


def remove_boilerplate(tree: Element, keep: list[Element]) -> None:
    """Drop containers named as chrome (menu, share, comments, ...), except `keep` and its ancestors."""
    body = tree.find("body")
    stack = list(body if body is not None else tree)
    protected = _with_ancestors(keep)
    page_text = len(_text(body if body is not None else tree))
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        chrome = _page_chrome(el, _words(el))
        # A name on a wrapper of most of the page ("main and-w-sidebar") says nothing of its content.
        if chrome and el not in protected and not _looks_like_text(el) and len(_text(el)) < 0.6 * page_text:
            drop(el)
            continue
        stack.extend(el)


def _looks_like_text(el: Element) -> bool:
    """A wrongly named block that really holds text: the article container (several paragraphs,
    few links) or one paragraph of prose without links (<p class="logo-online">the sapo</p>)."""
    text = len(_text(el))
    if el.tag == "p":
        return text >= 100 and _link_chars(el) == 0
    return text >= 500 and _link_chars(el) < 0.25 * text and len(el.findall(".//p")) >= 2


# --- body ----------------------------------------------------------------------------------------

MARKED_BODY = etree.XPath("//*[@itemprop='articleBody']")


def find_body(tree: Element, selector: str | None) -> Element | None:
    chosen = _select(tree, selector)
    if chosen is not None:
        return chosen
    # Microdata says where the article is: look only inside it (when it holds text at all).
    marked = MARKED_BODY(tree)
    root = marked[0] if len(marked) == 1 and len(_text(marked[0])) >= MIN_MARKED_BODY_CHARS else tree
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
        text = max(len(_text(el)), 1)
        adjusted[el] = score * (1 - min(_link_chars(el) / text, 1.0))
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
    chosen, size = best, len(_text(best))
    while parent.tag not in ("body", "html") and len(_text(parent)) <= 1.1 * size:
        best, parent = parent, parent.getparent()  # a wrapper adds nothing: look at its siblings
    children = [child for child in parent if isinstance(child.tag, str)]
    kept = [i for i, sibling in enumerate(children) if sibling is best or _prose_paragraph(sibling)
            or adjusted.get(sibling, 0.0) >= SIBLING_SHARE * best_score
            or (_same_kind(sibling, best) and _best_inside(sibling, adjusted) >= SIBLING_SHARE * best_score)]
    if len(kept) < 2:
        return chosen
    for i, child in enumerate(children):
        # Between two kept sections, subheadings, lists and quotes are the article's too.
        inner = kept[0] < i < kept[-1] and child.tag in INNER_BLOCK_TAGS and _link_chars(child) < 0.5 * len(_text(child))
        if i not in kept and not inner and _text(child):
            drop(child)
    return parent


def _same_kind(el: Element, other: Element) -> bool:
    """Sections of one article are built alike: same tag, same class; one with its own headline
    is the next article of a stream."""
    return (el.tag == other.tag and el.get("class") == other.get("class") and el.find(".//h1") is None
            and _link_chars(el) < MAX_ARTICLE_LINK_DENSITY * len(_text(el)))  # not a grid row of teasers


def _best_inside(el: Element, adjusted: dict[Element, float]) -> float:
    """The best candidate score in the element: a section's paragraphs may sit a few wrappers deep."""
    return max((adjusted.get(node, 0.0) for node in el.iter(*CANDIDATE_TAGS)), default=0.0)


def _prose_paragraph(el: Element) -> bool:
    if el.tag != "p":
        return False
    text = len(_text(el))
    return text >= 80 and _link_chars(el) < 0.25 * text


def remove_teasers(body: Element) -> None:
    """Cards of other stories inside the body: a small block headed by a link (picture, linked
    headline, summary), or a linked headline alone. No label announces them."""
    for el in list(body.iterdescendants(*HEADING_TAGS)):
        text = _text(el)
        if el.getparent() is None or len(text) < 15 or _link_chars(el) < 0.9 * len(text):
            continue
        card = el
        for node in el.iterancestors():
            if node is body or node.tag not in TEASER_TAGS or len(_text(node)) > MAX_TEASER_CHARS:
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

    def flush(kind: str = "paragraph") -> None:
        text = normalize(" ".join("".join(buffer).split()))
        if text:
            blocks.append(Block(kind, text, list(links)))
        buffer.clear()
        links.clear()

    def walk(el: Element) -> None:
        if not isinstance(el.tag, str):
            return
        tag = el.tag
        if _is_caption(el):
            flush()
            caption = normalize(_text(el))
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
            links.append((_text(el), el.get("href")))
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


def _is_caption(el: Element) -> bool:
    if el.tag == "figcaption" or el.tag == "caption":
        return True
    named = bool(_words(el) & bp.CAPTION_WORDS)
    if not named and el.tag not in ("p", "div", "td"):
        return False
    text = _text(el)
    if named and len(text) < 400:
        # "desc" also names descriptions (the sapo's "detail-desc"): a caption sits by a photo.
        return _after_image(el) or any(a.tag == "figure" for a in el.iterancestors())
    if not 0 < len(text) < 300:
        return False
    if el.tag == "td" and el.find(".//img") is None and _in_image_table(el):
        return True
    return _italic_only(el, text) and _after_image(el)


def _in_image_table(cell: Element) -> bool:
    """A small table that frames a photo: its other cells are the caption."""
    table = next(cell.iterancestors("table"), None)
    return table is not None and table.find(".//img") is not None and len(_text(table)) < 400


def _italic_only(el: Element, text: str) -> bool:
    italic = " ".join(" ".join(text_of(i).split()) for i in el.iter("em", "i"))
    return italic.replace(" ", "") == text.replace(" ", "")


def _after_image(el: Element) -> bool:
    """A photo's caption sits right under it: in the same block or the block before."""
    if el.find(".//img") is not None:
        return True
    node = el
    for _ in range(3):  # the photo may sit in the previous row of an image table
        previous = node.getprevious()
        if previous is not None:
            return previous.tag == "img" or previous.find(".//img") is not None
        node = node.getparent()
        if node is None:
            return False
    return False


# --- lead, dates ---------------------------------------------------------------------------------

def captions_before(tree: Element, title_el: Element | None,
                    body: Element | None) -> list[Block]:
    """Captions of photos printed between the headline and the body (a top photo)."""
    if title_el is None or body is None:
        return []
    found, started = [], False
    for el in tree.iter():
        if el is title_el:
            started = True
        elif el is body:
            break
        elif started and isinstance(el.tag, str) and _is_caption(el):
            found.append(Block("caption", normalize(_text(el))))
    return found


def find_lead(tree: Element, title_el: Element | None,
              body: Element | None, meta: PageMetadata) -> str | None:
    """The sapo, looked for from the headline to the end of the body: a block named as one
    ("sapo", "chapeau", "summary"), else the block that prints the page's meta description."""
    zone = _lead_zone(tree, title_el, body)
    for el in zone:
        if el.tag in LEAD_TAGS and _words(el) & bp.LEAD_WORDS and _one_block(el):
            return _clean_lead(_text(el))
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
            text = _text(block)
            if block.tag in LEAD_TAGS and 0.5 * len(prefix) <= len(text) <= 1.3 * len(wanted) + 80 \
                    and _match_key(text).startswith(prefix) and _one_block(block):
                return _clean_lead(text)
    return None


def _one_block(el: Element) -> bool:
    """A lead is one block of text, not a container of paragraphs ("text-with-summary" bodies)."""
    return 40 <= len(_text(el)) <= MAX_LEAD_CHARS and len(el.findall(".//p")) < 2


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
    return LEADING_DASH.sub("", normalize(text)).strip()


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


def _machine(value: str | None) -> str | None:
    found = parse_machine_date(value) if value else None
    return found.iso() if found else None


# --- assembly ------------------------------------------------------------------------------------

def _key(text: str) -> str:
    return fold(text).lower().rstrip(" .…!;:")


def assemble(url: str, title: str, blocks: list[Block], lead: str | None, meta: PageMetadata) -> Article:
    """Drop boilerplate lines, the repeated title and lead, pull out captions and the byline."""
    title_key = _key(title)
    paragraphs: list[str] = []
    captions: list[str] = []
    for block in blocks:
        text = LEADING_DASH.sub("", block.text).strip()
        if not text or bp.BOILERPLATE_LINE.match(text) or _label_key(text):
            continue
        if bp.DATE_LINE.match(text) and find_date(text):
            continue
        if block.kind == "caption":
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
        elif not credit:
            credit = byline.credit
    first = paragraphs[0] if paragraphs else None
    return Article(url=url, title=title, text="\n\n".join(paragraphs), author=author, credit=credit,
                   lead=lead or first, captions=captions)


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
                url = _absolute(page_url, href)
                if url:
                    found.append({"title": normalize(text.lstrip("> ")), "url": url})
    return found


def _absolute(page_url: str, href: str | None) -> str | None:
    """A link's absolute URL, or None when it has none or cannot have one ("http://[::1")."""
    try:
        return urljoin(page_url, href.strip()) if href else None
    except ValueError:
        return None
