"""One replica site: its articles (seeded), every URL it answers, and the HTML of each page.

A request target is first stripped of the family's session/state token, then put in one
spelling (sorted query, as the crawler's canonical form does) and looked up in the route table;
calendar dates are parsed, so the calendar never ends. `classify` answers the same question for
tests: what is this URL (article, alias, print, listing, ...) and which article does it show.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from datetime import date
from math import ceil
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from testkit.replicas import content
from testkit.replicas.content import Article, Category
from testkit.replicas.shapes import FAMILIES, PER_PAGE, Shape

OLD_SHARE = 0.4  # the oldest 40% are in no category: only the main listing's deep pages link them
TOKEN_PARAMS = {"p_p_auth", "source", "phpsessid", "gidzl"}
PATH_TOKENS = re.compile(r"^/\(S\([^)]*\)\)|;jsessionid=[^/?]*|/!ut/p/[^?]*", re.IGNORECASE)
STATICS = ("gioi-thieu", "lien-he")
ARTICLE_KINDS = ("article", "alias")


@dataclass(frozen=True)
class Route:
    """What a URL serves: kind is home, listing, category, article, alias, print, redirect,
    calendar, tag, static or missing; `article` is the article shown (or redirected to)."""

    kind: str
    article: Article | None = None
    page: int = 0
    category: Category | None = None
    name: str = ""
    day: date | None = None


def target_key(target: str) -> str:
    """A request target without tokens, in one spelling: the route table's key."""
    parts = urlsplit(target)
    path = quote(unquote(PATH_TOKENS.sub("", parts.path)), safe="/!;()=,~-._") or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if k.lower() not in TOKEN_PARAMS)
    return path + ("?" + urlencode(query) if query else "")


class ReplicaSite:
    def __init__(self, family: str, articles: int = 130, seed: int = 0):
        self.shape: Shape = FAMILIES[family]
        self.categories = [Category(*row) for row in self.shape.categories]
        self.articles = content.articles(articles, seed * 7919 + zlib.crc32(family.encode()), self.shape.first_id,
                                         self.categories)
        self.newest = self.articles[::-1]
        self.old_before = int(len(self.articles) * OLD_SHARE)  # index of the first article in a category
        self.pages = ceil(len(self.articles) / PER_PAGE)
        self.in_category = {c.id: [a for a in self.newest if a.category is c and a.index >= self.old_before]
                            for c in self.categories}
        self.tags = sorted({t for a in self.articles for t in a.tags}) if self.shape.tag else []
        self.routes: dict[str, Route] = {}
        self._build_routes()

    # --- the URL space -------------------------------------------------------------------------
    def _add(self, url: str, route: Route) -> None:
        key = target_key(url)
        if key in self.routes:
            raise ValueError(f"{self.shape.family}: {url} would serve two pages")
        self.routes[key] = route

    def _build_routes(self) -> None:
        shape = self.shape
        self._add("/", Route("home"))
        for n in range(1, self.pages + 1):
            self._add(shape.listing(n), Route("listing", page=n))
        for category in self.categories:
            for n in range(1, self.category_pages(category) + 1):
                self._add(shape.category(category, n), Route("category", page=n, category=category))
        for article in self.articles:
            self._add(shape.article(article), Route("article", article))
            for alias in shape.aliases(article):
                self._add(alias, Route("alias", article))
            for redirect in shape.redirects(article):
                self._add(redirect, Route("redirect", article))
            self._add(shape.print_view(article), Route("print", article))
        for name in STATICS:
            self._add(shape.static(name), Route("static", name=name))
        for tag in self.tags:
            self._add(shape.tag(tag), Route("tag", name=tag))  # type: ignore[misc]

    def category_pages(self, category: Category) -> int:
        return max(1, ceil(len(self.in_category[category.id]) / PER_PAGE))

    def route(self, target: str) -> Route:
        key = target_key(target)
        found = self.routes.get(key)
        if found is not None:
            return found
        match = re.search(self.shape.calendar_re, key)
        if match:
            groups = match.groupdict()
            month = int(groups["m0"]) + 1 if "m0" in groups else int(groups["m"])
            try:
                day = date(int(groups["y"]), month, int(groups["d"]))
            except ValueError:
                return Route("missing")
            if target_key(self.shape.calendar(day)) == key:
                return Route("calendar", day=day)
        return Route("missing")

    def classify(self, url: str) -> Route:
        """The route of an absolute URL (scheme and host are ignored)."""
        parts = urlsplit(url)
        return self.route(parts.path + ("?" + parts.query if parts.query else ""))

    def article_urls(self, article: Article) -> list[str]:
        """Its own URL first, then its aliases."""
        return [self.shape.article(article), *self.shape.aliases(article)]

    def listing_page_of(self, article: Article) -> int:
        return self.newest.index(article) // PER_PAGE + 1

    # --- the manifest --------------------------------------------------------------------------
    def manifest(self, base_url: str) -> dict:
        """The truth about the site, for tests: every article with all its URLs, every listing."""
        shape = self.shape
        return {
            "family": shape.family, "platform": shape.platform, "kind": shape.kind, "name": shape.site_name,
            "base_url": base_url, "start_url": base_url + "/", "token": shape.token,
            "per_page": PER_PAGE, "listing_pages": self.pages,
            "listings": [base_url + shape.listing(n) for n in range(1, self.pages + 1)],
            "categories": [{"id": c.id, "name": c.name,
                            "pages": [base_url + shape.category(c, n) for n in range(1, self.category_pages(c) + 1)]}
                           for c in self.categories],
            "calendar_example": base_url + shape.calendar(self.articles[-1].published.date()),
            "articles": [{
                "id": a.id, "url": base_url + shape.article(a), "title": a.title,
                "published": a.published.isoformat(), "author": a.author, "category": a.category.name,
                "listing_page": self.listing_page_of(a), "in_category": a.index >= self.old_before,
                "aliases": [base_url + u for u in shape.aliases(a)],
                "redirects": [base_url + u for u in shape.redirects(a)],
                "print": base_url + shape.print_view(a),
            } for a in self.articles],
        }
