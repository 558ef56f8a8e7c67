"""Article identity: one spelling per URL, and which article a page is, whatever URL reached it.

Three layers, each a pure function on strings:
- `canonical_url`: w3lib's canonical form (sorted query, normalised percent-encoding, no fragment)
  without what changes on every response or never changes the page: tracking tags, session ids
  in the query or the path (`;jsessionid=`, ASP.NET cookieless `/(S(..))/`), Liferay's `p_p_auth`
  and column keys, WebSphere Portal's `!ut/p/...` navigation state, ASP.NET postback fields;
- `article_key`: the platform's own article id in a URL (DotNetNuke `NID=`, `articleId=`, 3CMS
  `art=`, `-a123.html`, `-post123.html`, `/DetailView/123/`, `/tin-chi-tiet/id/123/`, `/<id>/<slug>`,
  SharePoint `glp...-123-`), so aliases of one article are known before they are fetched;
- `identify`: the URL an article is stored under, the page's own (rel=canonical, og:url) when it is
  trustworthy (same site, not a home or listing page, same article id), else the fetched one; the
  other URLs that reached it are its aliases.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from archive.extract.page_kind import url_kind

# Query keys that never change what a page says: tracking tags, session ids and per-response tokens.
DROP_KEYS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|zarsrc|_ga|ref|phpsessid|jsessionid|aspsessionid\w*|sessionid|sid|"
    r"session_id|cfid|cftoken|gidzl"
    r"|p_p_auth|p_p_col_id|p_p_col_pos|p_p_col_count"  # Liferay
    r"|__viewstate\w*|__eventtarget|__eventargument|__eventvalidation|__lastfocus|__previouspage"  # ASP.NET
    r")$",
    re.IGNORECASE,
)
PATH_SESSION = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)
# ASP.NET cookieless sessions put the id in the path: /(S(abc123))/Default.aspx
ASPNET_SESSION = re.compile(r"/\((?:[A-Z]\([^)]*\))+\)", re.IGNORECASE)
# WebSphere Portal appends its navigation state (new on every response) to the page's path.
WEBSPHERE_STATE = re.compile(r"/!ut/p/.*$", re.IGNORECASE)
DEFAULT_PORTS = {"http": 80, "https": 443}

# Article ids of the platforms seen on Vietnamese provincial sites: (key prefix, pattern on the URL).
QUERY_IDS = re.compile(r"^(?:nid|newsid|news_id|itemid|art|\w*articleid)$", re.IGNORECASE)
PATH_IDS = (
    ("a", re.compile(r"-a(\d{2,})\.html?$", re.IGNORECASE)),
    ("post", re.compile(r"-post(\d{2,})\.html?$", re.IGNORECASE)),
    ("detail", re.compile(r"/(?:DetailView|tin-chi-tiet/id)/(\d+)(?:/|$)", re.IGNORECASE)),
    ("glp", re.compile(r"-glp(?:view|print|detail)?-?(\d+)-", re.IGNORECASE)),
    ("id", re.compile(r"/(?:19|20)\d{4}/[^/]*-(\d{3,})D?/?$")),  # /<cat>/<yyyymm>/<slug>-<id>
)
# WebSphere Portal content: the same content path under the portal page and the WCM servlet.
WCM_PATH = re.compile(r"^/wps/(?:portal|wcm/connect)(/.+)$")
# NukeViet names an article `<slug>-<id>.html` under any of its categories (and `op=<cat>/<slug>-<id>`
# before URL rewriting): the file name is the article.
SLUG_ID = re.compile(r"/([a-z0-9]+(?:-[a-z0-9]+)+-\d+)\.html?$", re.IGNORECASE)
NUKEVIET_OP = re.compile(r"(?:^|/)([a-z0-9]+(?:-[a-z0-9]+)+-\d+)$", re.IGNORECASE)
# `/<section>/<id>/<slug>` and its id-only alias `/<section>/<id>`: the section and id name the article.
# A year or month segment (/2024/, /202405/) is no id.
SECTION_ID = re.compile(r"^(/[^/]+/(?!(?:19|20)\d{2}(?:\d{2})?(?:/|$))\d+)(?:/[^/]+)?/?$")


def canonical_url(url: str) -> str:
    """One spelling per page: w3lib's canonical form without tokens, session ids or default ports."""
    parts = urlsplit(url.strip())
    path = WEBSPHERE_STATE.sub("", ASPNET_SESSION.sub("", PATH_SESSION.sub("", parts.path))) or "/"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _dropped(k, v)])
    netloc = parts.netloc.lower()
    if netloc.endswith(f":{DEFAULT_PORTS.get(parts.scheme.lower())}"):
        netloc = netloc.rsplit(":", 1)[0]
    return canonicalize_url(urlunsplit((parts.scheme.lower(), netloc, path, query, "")))


def _dropped(key: str, value: str) -> bool:
    """Query fields that never name the page: tokens, and SharePoint's `Source=` (the page the link was on)."""
    return DROP_KEYS.match(key) is not None or (key.lower() == "source" and value.startswith(("/", "http")))


def article_key(url: str) -> str | None:
    """The platform's article id in a URL ("nid:1373", "a:41589", "/tin-tuc/123", "wcm:/lib/tin-tuc/slug"), or None."""
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if QUERY_IDS.match(key) and value.isdigit():
            return f"{key.lower().rsplit('_', 1)[-1]}:{value}"
        if key.lower() == "urile" and value.startswith("wcm:path:"):
            return "wcm:" + value.removeprefix("wcm:path:").rstrip("/")
        if key.lower() == "op" and NUKEVIET_OP.search(value):  # NukeViet's unrewritten index.php?nv=&op=
            return "slug:" + NUKEVIET_OP.search(value).group(1)
    found = WCM_PATH.match(parts.path)
    if found:
        return "wcm:" + found.group(1).rstrip("/")
    for prefix, pattern in PATH_IDS:
        found = pattern.search(parts.path)
        if found:
            return f"{prefix}:{found.group(1)}"
    found = SLUG_ID.search(parts.path)
    if found:
        return "slug:" + found.group(1)
    found = SECTION_ID.match(parts.path)
    return found.group(1) if found else None


@dataclass(frozen=True)
class Identity:
    """Where an article is stored: its URL, the other URLs it was reached by, its platform id."""

    url: str
    aliases: tuple[str, ...]
    key: str | None


def page_identity(fetched_url: str, own_url: str | None, same_site: Callable[[str], bool]) -> str:
    """The URL an article is stored under. The page's own URL wins when it names this page: on the
    same site (`same_site`, the caller's site rule), not a home or listing page (some CMSes print
    the home page as every page's canonical link), and with the same article id if both carry one."""
    if not own_url:
        return fetched_url
    own = canonical_url(urljoin(fetched_url, own_url))
    if own == fetched_url or not same_site(own) or url_kind(own) is not None:
        return fetched_url
    fetched_key, own_key = article_key(fetched_url), article_key(own)
    if fetched_key and own_key and fetched_key != own_key:
        return fetched_url
    return own


def identify(fetched_url: str, own_url: str | None, same_site: Callable[[str], bool],
             requested_url: str | None = None) -> Identity:
    """An article's identity from its page (`own_url`), the URL it was fetched at and the one first
    requested (before redirects)."""
    url = page_identity(fetched_url, own_url, same_site)
    aliases = tuple(u for u in dict.fromkeys((fetched_url, requested_url)) if u and u != url)
    key = next((k for k in map(article_key, (url, *aliases)) if k), None)
    return Identity(url, aliases, key)
