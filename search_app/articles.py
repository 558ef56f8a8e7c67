"""An article with what its page and its JSON twin show: site, citations, similar articles, raw copy."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from flask import abort, current_app

from archive.extract.encoding import charset_from_content_type, decode_html
from archive.search.citation import bibtex, citation_fields, ris, vietnamese
from archive.storage.store import Capture
from archive.storage.warc import read_capture
from archive.vietnamese.dates import VIETNAM, display_date
from archive.vietnamese.provinces import article_provinces
from search_app.archived import inert_copy
from search_app.resources import engine, store

SIMILAR_LIMIT = 5


def article_or_404(article_id: int) -> dict[str, Any]:
    """The stored article with the province it was published in and its 2025 unit."""
    found = store().get(article_id)
    if found is None:
        abort(404)
    site = store().sites().get(found["site"] or "") or {}
    shown = {key: display_date(found[key]) for key in ("published", "updated", "first_seen", "last_seen")}
    return {**found, **article_provinces(site.get("province"), found["published"], site.get("changed_hands")), **shown}


def site_title(article: dict[str, Any]) -> str | None:
    site = store().sites().get(article["site"] or "")
    return site["title"] if site else None


def citations(article: dict[str, Any], accessed: date | None = None) -> dict[str, Any]:
    """The three styles, accessed today (Vietnam's day) unless told otherwise."""
    fields = citation_fields(article, site_title(article), accessed or datetime.now(VIETNAM).date())
    return {"accessed": fields["accessed"].isoformat(), "key": fields["key"], "vietnamese": vietnamese(fields),
            "bibtex": bibtex(fields), "ris": ris(fields)}


def similar(article_id: int) -> list[dict[str, Any]]:
    return engine().more_like_this(store(), article_id, limit=SIMILAR_LIMIT)


def archived_copy(article: dict[str, Any]) -> str | None:
    """The WARC capture of the article as inert HTML; None when the archive has no capture of it."""
    if not article.get("warc_file") or article.get("warc_offset") is None:
        return None
    warc_dir = Path(current_app.config["DATA_DIR"]) / "warc"
    try:
        captured = read_capture(warc_dir, Capture(article["warc_file"], article["warc_offset"]))
    except (OSError, LookupError, ValueError):
        return None
    content_type = next((v for k, v in captured.headers if k.lower() == "content-type"), None)
    page, _ = decode_html(captured.body, charset_from_content_type(content_type))
    return inert_copy(page, captured.url)
