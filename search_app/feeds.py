"""Atom feeds: every search is a feed (`/search.atom?q=...`, the same filters, newest first) that
a feed reader subscribes to, so an officer hears of each new article on her topic."""
from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree

from flask import Blueprint, Response, abort, current_app, url_for

from archive.search.engine import SearchError
from search_app.requests import search_args, search_link
from search_app.resources import run_search, store

bp = Blueprint("feeds", __name__)
ATOM = "http://www.w3.org/2005/Atom"
SITE_NAME = "Lưu trữ tin công đoàn"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot carry


@bp.app_context_processor
def template_helpers() -> dict[str, Any]:
    return {"feed_url": feed_url}


def feed_url() -> str:
    """The feed of the current search: its query and filters, not its page or order."""
    return search_link("feeds.search_feed", drop=("page", "sort", "limit"))


@bp.get("/search.atom")
def search_feed() -> Any:
    args = search_args()
    args.update(page=1, limit=current_app.config["FEED_SIZE"], sort="newest")
    try:
        result = run_search(args)
    except SearchError:
        abort(400)
    articles = store().get_many([hit["id"] for hit in result["hits"]])
    entries = [_entry(hit, articles.get(hit["id"], {})) for hit in result["hits"]]
    feed = _feed(args["query"], entries)
    return Response(ElementTree.tostring(feed, encoding="unicode", xml_declaration=True),
                    content_type="application/atom+xml; charset=utf-8")


def atom_time(published: str | None, fallback: str | None = None) -> str:
    """An RFC 3339 date-time for Atom: a plain day is its start in Vietnam; no date -> the fallback
    (the article's first capture) or now."""
    if published and len(published) == 10:
        return f"{published}T00:00:00+07:00"
    return published or fallback or datetime.now(UTC).isoformat(timespec="seconds")


def _entry(hit: dict[str, Any], article: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": hit["url"],  # the original address: stable whichever host serves the archive
        "title": hit["title"],
        "updated": atom_time(hit["published"], article.get("first_seen")),
        "published": atom_time(hit["published"], article.get("first_seen")),
        "link": url_for("views.article", article_id=hit["id"], _external=True),
        "original": hit["url"],
        "author": hit.get("author"),
        "site": hit.get("site"),
        "summary": article.get("lead") or (article.get("text") or "")[:400],
    }


def _feed(query: str, entries: list[dict[str, Any]]) -> ElementTree.Element:
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "vi"})
    self_url = search_link("feeds.search_feed", drop=("page", "sort", "limit"), _external=True)
    _text(feed, "id", self_url)
    _text(feed, "title", f"{query} — {SITE_NAME}" if query else SITE_NAME)
    _text(feed, "updated", max((e["updated"] for e in entries), default=datetime.now(UTC).isoformat(timespec="seconds")))
    _link(feed, self_url, "self", "application/atom+xml")
    _link(feed, search_link("views.search", _external=True), "alternate", "text/html")
    _text(ElementTree.SubElement(feed, f"{{{ATOM}}}author"), "name", SITE_NAME)
    for item in entries:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        for name in ("id", "title", "updated", "published"):
            _text(entry, name, item[name])
        _link(entry, item["link"], "alternate", "text/html")
        _link(entry, item["original"], "related", "text/html")
        if item["author"]:
            _text(ElementTree.SubElement(entry, f"{{{ATOM}}}author"), "name", item["author"])
        if item["site"]:
            ElementTree.SubElement(entry, f"{{{ATOM}}}category", term=item["site"])
        _text(entry, "summary", item["summary"])
    return feed


def _text(parent: ElementTree.Element, name: str, value: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{name}").text = NOT_XML.sub("", value)


def _link(parent: ElementTree.Element, href: str, rel: str, media_type: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}link", href=href, rel=rel, type=media_type)
