"""What a node of the parsed page says about itself (its class/id words, its text, its link text,
whether it is site chrome), and the Block of text the stages hand on. Shared by every stage."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin

from archive.extract import boilerplate as bp
from archive.extract.tree import Element, select, text_of


def select_one(tree: Element, selector: str | None) -> Element | None:
    chosen = select(tree, selector) if selector else []
    return chosen[0] if chosen else None


def words_of(el: Element) -> frozenset[str]:
    """class/id words, each name also joined whole ("tin-lien-quan" gives tin, lien, quan, tinlienquan)."""
    classes, ident = el.get("class"), el.get("id")
    return _attribute_words(f"{classes or ''} {ident or ''}") if classes or ident else frozenset()


CAMEL_CASE = re.compile(r"(?<=[a-z])(?=[A-Z])")
# Tags of words inside a paragraph, as opposed to blocks.
INLINE_TAGS = {"a", "span", "strong", "b", "em", "i", "u", "font", "small", "big", "abbr", "mark", "sup", "sub", "cite"}


@lru_cache(maxsize=4096)
def _attribute_words(attrs: str) -> frozenset[str]:
    """ASP.NET and DNN name in camelCase ("edn_articleSummary"): its words count too."""
    attrs = f"{attrs} {CAMEL_CASE.sub(' ', attrs)}".lower() if CAMEL_CASE.search(attrs) else attrs.lower()
    names = attrs.split()
    return frozenset((set(bp.ATTRIBUTE_WORDS.split(attrs)) | {n.replace("_", "").replace("-", "") for n in names}) - {""})


def page_chrome(el: Element, words: frozenset[str]) -> bool:
    """Site chrome by tag or name; a header is the page's only when it is no article's header."""
    if el.tag in ("footer", "aside") or words & bp.BOILERPLATE_WORDS:
        return True
    if el.tag != "header" and "header" not in words:
        return False
    return not words & bp.ARTICLE_WORDS and not any(a.tag == "article" for a in el.iterancestors())


def in_running_text(el: Element) -> bool:
    """An inline element with words of a sentence beside it ("Phó chủ tịch <a class="tag">Trần Văn
    Nam</a>, cùng ..."): a word of its paragraph, never a box, whatever its name."""
    if el.tag not in INLINE_TAGS:
        return False
    parent = el.getparent()
    if parent is None or parent.tag in ("body", "html"):
        return False
    if (parent.text or "").strip() or (el.tail or "").strip():
        return True
    # Only its neighbours are looked at: a parent of thousands of empty inline elements stays cheap.
    before, after = el.getprevious(), el.getnext()
    return any(node is not None and node.tag in INLINE_TAGS and text_of(node).strip() for node in (before, after)) \
        or before is not None and bool((before.tail or "").strip())


def flat_text(el: Element) -> str:
    return " ".join(text_of(el).split())


def link_chars(el: Element) -> int:
    return sum(len(" ".join(text_of(a).split())) for a in el.iter("a"))


def with_ancestors(elements: list[Element]) -> set[Element]:
    found = set(elements)
    for el in elements:
        found.update(el.iterancestors())
    return found


@dataclass
class Block:
    role: str  # paragraph | caption | heading
    text: str
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, href)


def absolute_url(page_url: str, href: str | None) -> str | None:
    """A link's absolute URL, or None when it has none or cannot have one ("http://[::1")."""
    try:
        return urljoin(page_url, href.strip()) if href else None
    except ValueError:
        return None
