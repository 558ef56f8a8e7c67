"""URLs for the crawler: links worth following, and crawler traps (what kind of
page a URL names is archive.extract.page_kind's, its canonical form archive.extract.identity's).

Pure functions on strings, so the spider stays thin and the rules are tested on real URL shapes.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urljoin, urlsplit

from archive.extract.identity import canonical_url
from archive.extract.page_kind import CALENDAR

SKIP_EXTENSIONS = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|bmp|ico|pdf|docx?|xlsx?|pptx?|zip|rar|7z|mp[34]|avi|mov|wmv|flv|css|js|"
    r"woff2?|ttf|eot|exe|apk|swf)$",
    re.IGNORECASE,
)

FEED_SHAPES = re.compile(r"(\.rss$|/rss(/|\.xml)?$|/feed/?$|\.atom$|/atom\.xml$)", re.IGNORECASE)
MAX_URL_LENGTH = 400
MAX_QUERY_PARAMS = 6
# Liferay's portlet state fields, on every portlet URL: not counted among a URL's query fields.
PORTLET_STATE = re.compile(r"^p_p_(id|lifecycle|state|mode)$", re.IGNORECASE)
MAX_REPEATED_SEGMENTS = 2


def resolve_link(page_url: str, href: str) -> str | None:
    """A link's canonical absolute URL against the page URL (never a <base href>: often an image CDN)."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    if skip_reason(page_url, href) is not None:
        return None
    absolute = urljoin(page_url, href)
    if SKIP_EXTENSIONS.search(urlsplit(absolute).path):
        return None
    return canonical_url(absolute)


def skip_reason(page_url: str, href: str) -> str | None:
    """Why a link is never followed: "malformed" or "non_http" (javascript:, mailto:, tel:, data:...)."""
    try:
        parts = urlsplit(urljoin(page_url, href.strip()))
        parts.port  # noqa: B018 - raises on a port that is not a number or out of range
    except ValueError:  # "http://[::1", "http://host:99999/": the other links still count
        return "malformed"
    if parts.scheme not in ("http", "https"):
        return "non_http"
    return None if parts.hostname else "malformed"


def looks_like_feed(url: str) -> bool:
    return FEED_SHAPES.search(urlsplit(url).path) is not None


def is_trap(url: str) -> bool:
    """Calendars, endless query strings and looping paths: refused before they are fetched."""
    parts = urlsplit(url)
    if len(url) > MAX_URL_LENGTH or CALENDAR.search(url):
        return True
    fields = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True) if not PORTLET_STATE.match(k)]
    if len(fields) > MAX_QUERY_PARAMS:
        return True
    segments = [s for s in parts.path.split("/") if s]
    return any(segments.count(s) > MAX_REPEATED_SEGMENTS for s in set(segments))
