"""The archived copy of a page made inert: what the WARC kept, minus everything that can run or send.

Defence in depth: this strips scripts, handlers, frames, forms and non-web URLs; the route also
serves the result under `Content-Security-Policy: sandbox` and the article page frames it in an
`<iframe sandbox>`, so a trick this code misses still cannot run or reach the app's origin.
"""
from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

# Elements that run code, embed other documents, submit data or change how URLs resolve.
DROPPED_ELEMENTS = ("script", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet",
                    "input", "button", "select", "textarea", "base", "meta", "link", "template", "portal",
                    "dialog")
# CMS pages (ASP.NET, DNN) wrap the whole body in one <form>: keep what it holds, not the form.
UNWRAPPED_ELEMENTS = ("form", "fieldset")
URL_ATTRIBUTES = {"href", "src", "srcset", "poster", "data", "action", "formaction", "cite", "background",
                  "lowsrc", "longdesc", "xlink:href", "ping", "manifest", "codebase", "archive"}
DROPPED_ATTRIBUTES = {"srcdoc", "http-equiv", "autofocus", "contenteditable"}
NOTICE = "Bản lưu từ tệp WARC: đã gỡ mã kịch bản, biểu mẫu và khung nhúng."


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
    _absolute_web_links(document, url)
    head = document.find("head")
    if head is None:
        head = etree.Element("head")
        document.insert(0, head)
    charset = etree.Element("meta", charset="utf-8")
    head.insert(0, charset)
    body = document.find("body")
    if body is not None:
        notice = etree.Element("p", {"class": "archive-notice"})
        notice.text = NOTICE
        body.insert(0, notice)
    return lxml_html.tostring(document, encoding="unicode", method="html", doctype="<!doctype html>")


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
