"""The parsed page the cleaner works on: plain lxml elements and the few operations on them.

Plain `lxml.etree` elements, not `lxml.html` ones: lxml.html looks up a Python class for every
element it hands out, which was a tenth of the cleaner's time on real pages; nothing here needs
its extra methods beyond the three below.
"""
from __future__ import annotations

import re

from lxml import etree
from lxml.cssselect import CSSSelector

Element = etree._Element  # lxml names its element type so

HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Tags that end a paragraph of text: everything else is inline.
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "td", "tr",
              "table", "tbody", "thead", "section", "article", "figure", "figcaption", "pre", "dd", "dt",
              "dl", "header", "footer", "main", "aside", "center", "address", "caption"}

XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Word debris (<o:p>) and other namespaced tags carry no text of their own worth a block: their
# tags go before parsing (one pass over the string is cheaper than one over the tree).
NAMESPACED_TAG = re.compile(r"</?[a-zA-Z][\w.-]*:[a-zA-Z][\w.-]*(?:\s[^<>]*)?/?>")
# Characters lxml refuses in text it is given back (when a dropped element's tail is moved):
# C0 controls other than tab and line ends, lone surrogates, U+FFFE/U+FFFF. They carry no text,
# except Word's line and page breaks (\v, \f), which separate words: those become spaces.
NOT_XML_TEXT = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Void elements libxml2 does not know as void: an unclosed <embed> (old Flash players) would hold
# the rest of the page as its children. Each gets its end tag; a stray second one is ignored.
UNKNOWN_VOID = re.compile(r"<(?=[bekstw])(embed|source|track|wbr|keygen|bgsound|spacer)\b[^<>]*>", re.IGNORECASE)
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, default_doctype=False)
_STRING = etree.XPath("string()", smart_strings=False)


def parse_html(page: str) -> Element:
    """A tree with an <html> root for any string, however broken."""
    page = NOT_XML_TEXT.sub("", page).replace("\x0b", " ").replace("\x0c", " ").lstrip("\ufeff")
    page = NAMESPACED_TAG.sub("", XML_DECLARATION.sub("", page, count=1))
    page = UNKNOWN_VOID.sub(r"\g<0></\1>", page)
    try:
        root = etree.fromstring(page, _PARSER) if page.strip() else None
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    return root if root is not None else etree.fromstring("<html><body></body></html>", _PARSER)


def text_of(el: Element) -> str:
    """All the text inside the element, as lxml.html's text_content() gives it."""
    return _STRING(el)


def drop(el: Element) -> None:
    """Remove an element and what it holds, keeping its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def select(tree: Element, selector: str) -> list[Element]:
    return CSSSelector(selector, translator="html")(tree)
