"""URLs for the crawler: canonical forms, what kind of page a URL names, and crawler traps.

Pure functions on strings, so the spider stays thin and the rules are tested on real URL shapes.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query keys that never change what a page says: tracking and session ids.
DROP_KEYS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|zarsrc|_ga|ref|phpsessid|jsessionid|aspsessionid\w*|sessionid|sid|"
    r"session_id|cfid|cftoken)$",
    re.IGNORECASE,
)
PATH_SESSION = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)
# ASP.NET cookieless sessions put the id in the path: /(S(abc123))/Default.aspx
ASPNET_SESSION = re.compile(r"/\((?:[A-Z]\([^)]*\))+\)", re.IGNORECASE)
SKIP_EXTENSIONS = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|bmp|ico|pdf|docx?|xlsx?|pptx?|zip|rar|7z|mp[34]|avi|mov|wmv|flv|css|js|"
    r"woff2?|ttf|eot|exe|apk|swf)$",
    re.IGNORECASE,
)

# Pagination of a listing: ?page=N, ?Page=N, ?p=N, /trang-N.html, /page/N, ?trang=N.
PAGINATION = re.compile(
    r"([?&](page|p|trang|pageindex|pagenumber)=\d+(&|$))|/trang-\d+(\.html?)?/?$|/page/\d+/?$|/p\d+\.html?$",
    re.IGNORECASE,
)
# Article URLs of the sites we archive: an id at the end of a slug, a DNN news id, a dated path, or
# a long slug (congdoan.cantho.gov.vn has no id at all).
ARTICLE_SHAPES = re.compile(
    r"(-a?\d{2,}\.(html?|ldo|bld|aspx?|vnp)$)"
    r"|([?&](nid|newsid|news_id|itemid|articleid)=\d+)"
    r"|(/\d{4}/\d{1,2}/\d{1,2}/[^/]{8,}$)"
    r"|(/[a-z0-9]+(-[a-z0-9]+){5,}(\.html?)?/?$)",
    re.IGNORECASE,
)
# Sections, tags and search pages: listings, never archived as articles.
LISTING_SHAPES = re.compile(
    r"/(tag|tags|the|chu-de|chuyen-muc|danh-muc|category|categories|tim-kiem|search|author|tac-gia|"
    r"rss|feed|lien-he|gioi-thieu|sitemap)(/|\.html?$|$|-)",
    re.IGNORECASE,
)
FEED_SHAPES = re.compile(r"(\.rss$|/rss(/|\.xml)?$|/feed/?$|\.atom$|/atom\.xml$)", re.IGNORECASE)
# Calendar archives and date pickers: an endless supply of empty pages.
CALENDAR = re.compile(
    r"([?&](date|day|month|year|ngay|thang|nam|calendar|lich|tu_ngay|den_ngay|fromdate|todate)=)"
    r"|/(calendar|lich|lich-su-tin)/|/\d{4}-\d{2}-\d{2}/?$",
    re.IGNORECASE,
)
MAX_URL_LENGTH = 400
MAX_QUERY_PARAMS = 6
MAX_REPEATED_SEGMENTS = 2


def canonical_url(url: str) -> str:
    """One spelling per page: no fragment, tracking or session ids; sorted query; lower-case host."""
    parts = urlsplit(url.strip())
    path = ASPNET_SESSION.sub("", PATH_SESSION.sub("", parts.path)) or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not DROP_KEYS.match(k))
    netloc = parts.netloc.lower()
    if parts.scheme == "http" and netloc.endswith(":80"):
        netloc = netloc[:-3]
    elif parts.scheme == "https" and netloc.endswith(":443"):
        netloc = netloc[:-4]
    return urlunsplit((parts.scheme.lower(), netloc, path, urlencode(query), ""))


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


def is_pagination(url: str) -> bool:
    return PAGINATION.search(url) is not None


def looks_like_article(url: str) -> bool:
    """By URL shape alone (zero-config); the page's own shape has the last word."""
    return (ARTICLE_SHAPES.search(url) is not None and not is_pagination(url)
            and LISTING_SHAPES.search(urlsplit(url).path) is None)


def looks_like_listing(url: str) -> bool:
    """Pagination, section, tag or search pages: never archived as articles without a profile."""
    parts = urlsplit(url)
    return is_pagination(url) or LISTING_SHAPES.search(parts.path) is not None or parts.path in ("", "/")


def looks_like_feed(url: str) -> bool:
    return FEED_SHAPES.search(urlsplit(url).path) is not None


def is_trap(url: str) -> bool:
    """Calendars, endless query strings and looping paths: refused before they are fetched."""
    parts = urlsplit(url)
    if len(url) > MAX_URL_LENGTH or CALENDAR.search(url):
        return True
    if len(parse_qsl(parts.query, keep_blank_values=True)) > MAX_QUERY_PARAMS:
        return True
    segments = [s for s in parts.path.split("/") if s]
    return any(segments.count(s) > MAX_REPEATED_SEGMENTS for s in set(segments))


def should_archive(url: str, profile_says: bool | None, page_is_article: bool) -> bool:
    """The profile's article pattern decides when it has one; else the page's shape, but a tag,
    category or pagination URL is never archived (their teasers can read like an article)."""
    if profile_says is not None:
        return profile_says
    return page_is_article and not looks_like_listing(url)
