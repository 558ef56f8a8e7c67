"""The one keep-or-drop policy for fetched pages: is this page an article to store, and if not,
what it is. The crawl pipeline, `reprocess`, `verify` and `extract` all ask `judge`, so a page the
crawl refused is never stored by another path.

Kinds: `article`; by URL or by shape the pages that are never articles: `listing` (pagination
and other lists), `category`, `tag`, `search`, `calendar`, `print` (an article's print view: the
article again) and `home`; `empty_article` (the profile or, with no profile, the URL and a headline
say article; next to no text came out); `not_html`
(no markup at all); `refused_<reason>` (too large, binary, too deep: archive.extract.page_limits);
`clean_error` (the cleaner failed on this page: counted, never stops a crawl).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from archive.article import Article
from archive.extract.body import MAX_ARTICLE_LINK_DENSITY
from archive.extract.cleaner import Page, extract_page, page_blocks
from archive.extract.page_limits import PageRefused, check_raw
from archive.sites import SiteProfile

MIN_ARTICLE_CHARS = 250
MIN_SHORT_ARTICLE_CHARS = 100  # of a dated page's text: a story this short is still one
MARKUP_SCAN_BYTES = 4096  # a page served as HTML with no "<" this far in is not HTML

# Pagination of a listing: the query keys that carry a page (or first row) number, ?page=N, ?p=N,
# DotNetNuke ?currentpage=N, 3CMS ?cpg=N, Liferay ?_<portlet>_cur=N, SharePoint ?PageFirstRow=N
# (with Paged=TRUE), WebSphere ?WCM_Page.<id>=N; and the path forms /trang-N.html, /page/N, /page-N, /pN.html.
PAGE_KEYS = re.compile(r"^(page|p|trang|pageindex|pagenumber|currentpage|cpg|pagefirstrow|\w+_cur|wcm_page\.\w+)$",
                       re.IGNORECASE)
PAGED_FLAG = re.compile(r"^paged$", re.IGNORECASE)
PAGE_PATHS = re.compile(r"/(?:trang-(\d+)(?:\.html?)?|page[/-](\d+)|p(\d+)\.html?)/?$", re.IGNORECASE)
# Article URLs of the sites we archive: an id at the end of a slug, a DNN news id, a dated path, or
# a long slug (congdoan.cantho.gov.vn has no id at all).
ARTICLE_SHAPES = re.compile(
    r"(-a?\d{2,}\.(html?|ldo|bld|aspx?|vnp)$)"
    r"|([?&](nid|newsid|news_id|itemid|art|\w*articleid)=\d+)"
    r"|(/\d{4}/\d{1,2}/\d{1,2}/[^/]{8,}$)"
    r"|(/[a-z0-9]+(-[a-z0-9]+){5,}(\.html?)?/?$)",
    re.IGNORECASE,
)
# Pages that list others, by the words of their path: never archived as articles. (kind, pattern)
LISTING_KINDS = (
    ("search", re.compile(r"/(tim-kiem|search)(/|\.html?$|$|-)|/s/|[?&](q|keyword|tukhoa|searchtext)=",
                          re.IGNORECASE)),
    ("tag", re.compile(r"/(tag|tags|the|chu-de|topic)(/|\.html?$|$|-)|-tag\d+\.html?$", re.IGNORECASE)),
    ("category", re.compile(r"/(chuyen-muc|danh-muc|category|categories|channel)(/|\.html?$|$|-)",
                            re.IGNORECASE)),
    ("listing", re.compile(r"/(author|tac-gia|rss|feed|lien-he|gioi-thieu|sitemap)(/|\.html?$|$|-)",
                           re.IGNORECASE)),
)
# Print views (3CMS "Ban-in", SharePoint glpprint, WebSphere's print template, DotNetNuke ctl=Print,
# /in-bai/, ?print=1): the article again.
PRINT = re.compile(r"/(in-bai|in-tin|print|printview)(/|\.|$)|/ban-in-\d+\.|glpprint"
                   r"|[?&](print|printable)=(1|true|yes)(&|$)|[?&]presentationtemplate=[^&]*print|[?&]ctl=print(&|$)",
                   re.IGNORECASE)
# Calendar archives and date pickers (Liferay's `_8_day=`): an endless supply of empty pages.
CALENDAR = re.compile(
    r"([?&](\w+_)?(date|day|month|year|ngay|thang|nam|calendar|lich|tu_ngay|den_ngay|fromdate|todate)=)"
    r"|/(calendar|lich|lich-su-tin)/|/\d{4}-\d{2}-\d{2}/?$",
    re.IGNORECASE,
)


# What each kind that is no article means, for the line that reports it.
KIND_REASONS = {
    "listing": "a section, tag, search or pagination page: a list of other pages' headlines",
    "home": "the site's home page",
    "calendar": "a calendar or date archive page",
    "empty_article": "an article's page, but next to no article text came out of it",
    "not_html": "no HTML markup in the file",
}


@dataclass
class Verdict:
    """What a page is; `page` is the cleaner's result when it ran."""

    kind: str
    page: Page | None = None
    detail: str = ""  # why a page was refused or failed, for the one line that reports it

    def reason(self) -> str:
        """What the page is, said in one line for a user ("not an article (listing): ...")."""
        if self.detail:
            return f"{self.kind}: {self.detail}"
        return f"not an article ({self.kind}): {KIND_REASONS.get(self.kind, self.kind)}"

    @property
    def article(self) -> Article | None:
        """The article to store, or None when the page is not one."""
        return self.page.article if self.kind == "article" and self.page is not None else None


def is_pagination(url: str) -> bool:
    return page_number(url) is not None


def page_number(url: str) -> int | None:
    """The page number a listing page's URL carries (a first row for SharePoint), or None."""
    parts = urlsplit(url)
    found = PAGE_PATHS.search(parts.path)
    if found:
        return int(next(n for n in found.groups() if n))
    numbers = [v for k, v in parse_qsl(parts.query, keep_blank_values=True) if PAGE_KEYS.match(k) and v.isdigit()]
    return int(numbers[0]) if numbers else None


def listing_page(url: str) -> tuple[str, int]:
    """The listing a page belongs to (its URL without the page number) and its page number (1 without one)."""
    number = page_number(url)
    if number is None:
        return url, 1
    parts = urlsplit(url)
    path = PAGE_PATHS.sub("/", parts.path)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not (PAGE_KEYS.match(k) and v.isdigit()) and not PAGED_FLAG.match(k)])
    return urlunsplit((parts.scheme, parts.netloc, path, query, "")), number


def looks_like_article(url: str) -> bool:
    """By URL shape alone (zero-config); the page's own shape has the last word."""
    return ARTICLE_SHAPES.search(url) is not None and url_kind(url) is None


def url_kind(url: str) -> str | None:
    """What the URL alone says the page is not (home, calendar, print, search, tag, category,
    listing); None when it may be an article."""
    parts = urlsplit(url)
    if parts.path in ("", "/") and not parts.query:
        return "home"
    if CALENDAR.search(url):
        return "calendar"
    if PRINT.search(url):
        return "print"
    with_query = f"{parts.path}?{parts.query}" if parts.query else parts.path
    kind = next((kind for kind, pattern in LISTING_KINDS if pattern.search(with_query)), None)
    if kind is None and is_pagination(url):
        return "listing"
    return kind


def looks_like_listing(url: str) -> bool:
    """Pagination, section, tag, search, calendar or home pages: never archived without a profile."""
    return url_kind(url) is not None


def reads_like_article(page: Page, short_ok: bool = False) -> bool:
    """The page's own shape: a headline, paragraphs of prose, few links, not a list of teasers.
    `short_ok` (the URL is an article's): a dated short text is one too (a video's, a photo story's)."""
    article = page.article
    paragraphs = article.paragraphs
    teasers = sum(1 for p in paragraphs if p.endswith(("...", "…")))
    long_enough = len(paragraphs) >= 2 and len(article.text) >= MIN_ARTICLE_CHARS
    short_but_dated = short_ok and bool(article.published) and len(article.text) >= MIN_SHORT_ARTICLE_CHARS
    return (bool(article.title) and page.headline_found and (long_enough or short_but_dated) and teasers < 2
            and page.link_density < MAX_ARTICLE_LINK_DENSITY)


def kind_of(page: Page, url: str, profile: SiteProfile | None) -> str:
    """The kind of a cleaned page: the profile's article pattern decides when it has one; else the
    URL (a tag, category or pagination URL is never an article, its teasers can read like one) and
    then the page's shape. A profile that names its listings too bounds a section of its site: a URL
    outside both its patterns (another section, saved and given to `extract`) is judged as with no
    profile, not called a listing."""
    by_url = profile.is_article_url(url) if profile else None
    if by_url is True:
        return "article" if reads_like_article(page, short_ok=True) else "empty_article"
    if by_url is False and profile is not None and (
            not profile.listing_pattern or re.search(profile.listing_pattern, url)):
        return url_kind(url) or "listing"
    if url_kind(url):
        return url_kind(url)
    if reads_like_article(page, short_ok=looks_like_article(url)):
        return "article"
    # An article's URL and headline with next to no text (markup that hid it): named, never silent.
    empty = looks_like_article(url) and page.headline_found and len(page.article.text) < MIN_ARTICLE_CHARS
    return "empty_article" if empty else "listing"


def judge(body: bytes | str, url: str, profile: SiteProfile | None = None, header_charset: str | None = None,
          site_blocks: frozenset[str] | None = None) -> Verdict:
    """Clean the page and say what it is. Never raises for a bad page: its kind says what was wrong."""
    try:
        check_raw(body)  # the raw bytes: binary is plainest before decoding
    except PageRefused as refused:
        return Verdict(f"refused_{refused.reason}", detail=str(refused))
    head = body[:MARKUP_SCAN_BYTES]
    if (b"<" if isinstance(head, bytes) else "<") not in head:
        return Verdict("not_html")
    try:
        page = extract_page(body, url, profile, header_charset, site_blocks)
    except PageRefused as refused:  # too deep: known only once parsed
        return Verdict(f"refused_{refused.reason}", detail=str(refused))
    except Exception as error:  # noqa: BLE001 - one bad page is counted by its kind, never stops a crawl
        return Verdict("clean_error", detail=f"{type(error).__name__}: {error}")
    return Verdict(kind_of(page, url, profile), page)


def template_blocks(body: bytes | str, header_charset: str | None = None) -> frozenset[str]:
    """The page's small blocks, for learning its site's template; nothing from a page judge refuses."""
    try:
        return frozenset(page_blocks(body, header_charset)[1])
    except Exception:  # noqa: BLE001 - judge says what is wrong with such a page
        return frozenset()
