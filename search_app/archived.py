"""The archived copy of a page made inert: what the WARC kept, minus everything that can run or send.

Defence in depth: this strips scripts, handlers, frames, forms and non-web URLs; the route also
serves the result under `Content-Security-Policy: sandbox` and the article page frames it in an
`<iframe sandbox>`, so a trick this code misses still cannot run or reach the app's origin.
"""
from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

# Elements that run code, embed other documents, submit data or change how URLs resolve. <svg> and
# <math> go whole: in them a browser parses <style> as markup while lxml reads it as text, so
# "<svg><style><img onerror>" came out as a live <img>; and SVG animation can set an href to javascript:.
DROPPED_ELEMENTS = ("script", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet",
                    "input", "button", "select", "textarea", "base", "meta", "link", "template", "portal",
                    "dialog", "svg", "math", "animate", "animatemotion", "animatetransform", "set", "handler",
                    "listener")
# CMS pages (ASP.NET, DNN) wrap the whole body in one <form>: keep what it holds, not the form.
UNWRAPPED_ELEMENTS = ("form", "fieldset")
URL_ATTRIBUTES = {"href", "src", "srcset", "poster", "data", "action", "formaction", "cite", "background",
                  "lowsrc", "longdesc", "xlink:href", "ping", "manifest", "codebase", "archive"}
DROPPED_ATTRIBUTES = {"srcdoc", "http-equiv", "autofocus", "contenteditable"}
# Shown by the app around the copy (copies.py), never inside it, where the page could hide or fake it.
NOTICE = "Bản lưu từ tệp WARC: đã gỡ mã kịch bản, biểu mẫu và khung nhúng."
# Pinned boxes (a fake login over the page, a banner over the app's notice) become ordinary ones; the
# words are replaced wherever they stand, so var() and shorthand tricks do not bring them back.
PINNED = re.compile(r"\b(fixed|sticky)\b", re.IGNORECASE)
CSS_COMMENT = re.compile(r"/\*.*?(\*/|$)", re.DOTALL)


def inert_copy(page: str, url: str) -> str:
    """The page as HTML with nothing executable left; links made absolute to the original site."""
    try:
        document = lxml_html.document_fromstring(page or "<p></p>")
    except (etree.ParserError, ValueError):
        document = lxml_html.document_fromstring("<p></p>")
    etree.strip_elements(document, *DROPPED_ELEMENTS, etree.ProcessingInstruction, etree.Comment, with_tail=False)
    etree.strip_tags(document, *UNWRAPPED_ELEMENTS)
    for element in document.iter(etree.Element):
        for name in list(element.attrib):
            lowered = name.lower()
            if lowered.startswith(("on", "xmlns")) or lowered in DROPPED_ATTRIBUTES:
                del element.attrib[name]
        if "style" in element.attrib:
            _set_or_drop(element.attrib, "style", inert_css(element.attrib["style"]))
    for style in list(document.iter("style")):
        css = inert_css(style.text or "")
        if css is None or "<" in css:  # CSS never needs "<": markup hidden in a style is a parser trick
            style.drop_tree()
        else:
            style.text = css
    _absolute_web_links(document, url)
    head = document.find("head")
    if head is None:
        head = etree.Element("head")
        document.insert(0, head)
    charset = etree.Element("meta", charset="utf-8")
    head.insert(0, charset)
    return lxml_html.tostring(document, encoding="unicode", method="html", doctype="<!doctype html>")


def inert_css(css: str) -> str | None:
    """CSS that cannot pin a box over the page; None when it cannot be read safely (CSS escapes such
    as "posit\\69 on" spell anything, so CSS using them is dropped whole)."""
    if "\\" in css:
        return None
    return PINNED.sub("static", CSS_COMMENT.sub("", css))


def _set_or_drop(attributes: Any, name: str, value: str | None) -> None:
    if value is None:
        del attributes[name]
    else:
        attributes[name] = value


def _absolute_web_links(document: lxml_html.HtmlElement, url: str) -> None:
    """Resolve links against the original URL; drop any that is not http(s) (javascript:, data:, ...)."""
    try:
        document.make_links_absolute(url, resolve_base_href=False, handle_failures="discard")
    except ValueError:
        pass
    for element in document.iter(etree.Element):
        for name in list(element.attrib):
            if name.lower() not in URL_ATTRIBUTES:
                continue
            values = [part.strip().split(" ")[0] for part in element.attrib[name].split(",")] \
                if name.lower() == "srcset" else [element.attrib[name]]
            if not all(_web(value) for value in values):
                del element.attrib[name]


def _web(value: str) -> bool:
    # Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
    cleaned = "".join(c for c in value if c > " ").lower()
    return cleaned.startswith(("http://", "https://"))
