"""The HTML of a replica page: one layout (menu, breadcrumb, sidebar, calendar widget, footer)
around the page's own block, with the family's class names, date style and head links.

Every internal link goes through `Links.href`, which adds the family's token: a fresh value on
every response (a crawler without cookies gets a new session each time), or for SharePoint the
page the link is on.
"""
from __future__ import annotations

import hashlib
import itertools
from datetime import date, timedelta
from html import escape
from urllib.parse import quote

from testkit.replicas.content import Article, date_text
from testkit.replicas.shapes import PER_PAGE
from testkit.replicas.site import ReplicaSite, Route

_responses = itertools.count(1)
NEW_WINDOW = ' target="_blank"'
A_BUTTONS = ('<span class="font-size">Cỡ chữ: <a href="javascript:void(0)" onclick="zoom(1)">A+</a> '
             '<a href="javascript:void(0)" onclick="zoom(0)">A</a> '
             '<a href="javascript:void(0)" onclick="zoom(-1)">A-</a></span>')


class Links:
    """Builds the links of one response."""

    def __init__(self, site: ReplicaSite, here: str):
        self.style = site.shape.token
        self.here = here  # the token-free target of the page being rendered
        number = next(_responses)
        self.token = hashlib.sha1(f"{site.shape.family}-{number}".encode()).hexdigest()

    def href(self, url: str) -> str:
        path, _, query = url.partition("?")
        joiner = "&" if query else "?"
        if self.style == "cookieless":
            return escape(f"/(S({self.token[:24]})){url}")
        if self.style == "jsessionid":
            return escape(f"{path};jsessionid={self.token[:32].upper()}" + (f"?{query}" if query else ""))
        if self.style == "p_p_auth" and "p_p_id=" in url:
            return escape(f"{url}&p_p_auth={self.token[:8]}")
        if self.style == "wps" and path.startswith("/wps/portal"):
            state = "04_Sj9CPykssy0xPLMnMz0vMAfIjo8zi" + self.token[:28]
            return escape(f"{path.rstrip('/')}/!ut/p/z1/{state}/dz/d5/L2dBISEvZ0FBIS9nQSEh/"
                          + (f"?{query}" if query else ""))
        if self.style == "source" and ".aspx" in path:
            return escape(f"{url}{joiner}Source={quote(self.here, safe='')}")
        if self.style.startswith("query:"):
            return escape(f"{url}{joiner}{self.style[6:]}={self.token[:26]}")
        return escape(url)


def render(site: ReplicaSite, route: Route, here: str, base_url: str) -> str:
    """The page a route serves (not for redirects or missing pages)."""
    links = Links(site, here)
    page = Page(site, links, base_url)
    if route.kind in ("article", "alias"):
        return page.article(route.article)  # type: ignore[arg-type]
    if route.kind == "print":
        return page.print_view(route.article)  # type: ignore[arg-type]
    if route.kind == "home":
        return page.home()
    if route.kind == "listing":
        return page.listing(route.page)
    if route.kind == "category":
        return page.category(route)
    if route.kind == "calendar":
        return page.calendar(route.day)  # type: ignore[arg-type]
    if route.kind == "tag":
        return page.tag(route.name)
    return page.static(route.name)


class Page:
    def __init__(self, site: ReplicaSite, links: Links, base_url: str):
        self.site, self.shape, self.links, self.base = site, site.shape, links, base_url
        self.skin = site.shape.skin

    def a(self, url: str, text: str, extra: str = "") -> str:
        return f'<a href="{self.links.href(url)}"{extra}>{escape(text)}</a>'

    def form(self, article: Article, number: int) -> str:
        """One of the article's URLs: 0 its own, n its alias n, -1 its last alias."""
        urls = self.site.article_urls(article)
        return urls[number] if -len(urls) <= number < len(urls) else urls[0]

    # --- the layout ----------------------------------------------------------------------------
    def layout(self, title: str, main: str, crumbs: list[tuple[str, str]], head: str = "") -> str:
        shape, site = self.shape, self.site
        menu = "".join(f"<li>{self.a(url, text)}</li>" for url, text in (
            ("/", "Trang chủ"), (shape.static("gioi-thieu"), "Giới thiệu"), (shape.listing(1), "Tin tức - Sự kiện"),
            *((shape.category(c, 1), c.name) for c in site.categories), (shape.static("lien-he"), "Liên hệ")))
        tag = self.skin.get("crumb", "div")
        crumb = f'<{tag} class="breadcrumb">' + " » ".join(
            self.a(url, text) if url else escape(text) for url, text in [("/", "Trang chủ"), *crumbs]) + f"</{tag}>"
        newest = "".join(f"<li>{self.a(self.shape.article(a), a.title)}</li>" for a in site.newest[:5])
        popular = sorted(site.newest[: len(site.articles) - site.old_before], key=lambda a: -a.views)[:5]
        most_read = "".join(f"<li>{self.a(self.shape.article(a), a.title)} ({a.views})</li>" for a in popular)
        form = ""
        if "IIS" in shape.server:  # WebForms: the whole page is one postback form
            form = f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUK{self.links.token}">'
        return (
            f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)} - {escape(shape.site_name)}</title>{head}"
            f'<link rel="stylesheet" href="/css/style.css"><script src="/js/jquery.min.js"></script></head>'
            f'<body><form method="post" id="Form" action="{escape(self.links.here)}">{form}'
            f'<div id="header"><a href="/"><img src="/images/logo.png" alt="{escape(shape.site_name)}"></a>'
            f'<div class="site-name">{escape(shape.site_name.upper())}</div>'
            f'<div class="today">Hôm nay: {date_text("weekday", site.articles[-1].published)[:-6]}</div></div>'
            f'<ul class="menu">{menu}</ul>{crumb}'
            f'<div id="main" class="col-md-8">{main}</div>'
            f'<div id="sidebar" class="col-md-4"><div class="box"><h3>Tin mới nhất</h3><ul>{newest}</ul></div>'
            f'<div class="box"><h3>Tin đọc nhiều</h3><ul>{most_read}</ul></div>'
            f'{self.calendar_widget()}'
            f'<div class="box search"><input type="text" name="q" placeholder="Tìm kiếm..."></div>'
            f'<div class="counter">Đang truy cập: 27<br>Tổng lượt truy cập: 1.284.391</div></div>'
            f'<div id="footer"><p>Bản quyền thuộc {escape(shape.site_name)}</p>'
            f"<p>Địa chỉ: Số 12 Trần Hưng Đạo, thành phố. Điện thoại: 0232.3822.245 - Email: ldld@gmail.com</p>"
            f"<p>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></div></form></body></html>")

    def calendar_widget(self) -> str:
        last = self.site.articles[-1].published.date()
        days = "".join(f"<td>{self.a(self.shape.calendar(last - timedelta(days=n)), str((last - timedelta(days=n)).day))}</td>"
                       for n in range(6, -1, -1))
        previous = self.a(self.shape.calendar(last.replace(day=1) - timedelta(days=1)), "« Tháng trước")
        return f'<div class="box calendar"><h3>Lịch công tác</h3>{previous}<table><tr>{days}</tr></table></div>'

    def head(self, article: Article) -> str:
        url = self.base + self.shape.article(article)
        head = f'<meta name="description" content="{escape(article.lead)}">'
        if self.shape.canonical:
            head += f'<link rel="canonical" href="{escape(url)}">'
        if self.shape.og_url:
            head += (f'<meta property="og:url" content="{escape(url)}"><meta property="og:type" content="article">'
                     f'<meta property="og:title" content="{escape(article.title)}">')
        if self.shape.kind == "newspaper":
            head += f'<meta property="article:published_time" content="{article.published.isoformat()}">'
        if self.shape.family == "wordpress":
            head += f'<link rel="amphtml" href="{escape(self.base + self.shape.aliases(article)[0])}">'
            head += f'<link rel="shortlink" href="{escape(self.base + self.shape.redirects(article)[0])}">'
        return head

    # --- pages ---------------------------------------------------------------------------------
    def article(self, article: Article) -> str:
        skin, shape = self.skin, self.shape
        title_tag = skin["title"]
        byline_meta = f'<span class="author">Tác giả: {escape(article.author)}</span> ' if shape.byline == "meta" else ""
        figure = ""
        if article.caption:
            figure = (f'<table class="image"><tr><td><img src="/uploads/news/{article.published:%Y_%m}/{article.id}.jpg" '
                      f'alt="{escape(article.caption)}"></td></tr><tr><td><em>{escape(article.caption)}</em></td></tr></table>')
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
        body = paragraphs[: len(paragraphs) // 2] + figure + paragraphs[len(paragraphs) // 2:]
        if shape.byline == "end":
            body += f'<p style="text-align: right;"><strong>{escape(article.author)}</strong></p>'
        tags = "".join(f"{self.a(shape.tag(t), t.replace('-', ' '))} " for t in article.tags) if shape.tag else ""
        share = "".join(f'<a href="{self.links.href(u)}">Link rút gọn</a>' for u in shape.redirects(article))
        main = (
            f'<div {skin["wrap"]}><{title_tag} class="{skin["title_class"]}">{escape(article.title)}</{title_tag}>'
            f'<div class="{skin["meta"]}"><span class="date">{date_text(shape.date_style, article.published)}</span> '
            f'{byline_meta}<span class="view">Lượt xem: {article.views}</span> {A_BUTTONS} '
            f'{self.a(shape.print_view(article), "In bài", NEW_WINDOW)} '
            f'<a href="mailto:?subject={quote(article.title)}">Gửi email</a></div>'
            f'<div class="{skin["lead"]}"><strong>{escape(article.lead)}</strong></div>'
            f'<div class="{skin["body"]}">{body}</div>'
            + (f'<div class="tags">Từ khóa: {tags}</div>' if tags else "")
            + (f'<div class="share">{share}</div>' if share else "")
            + f'<div class="related"><h3>Tin liên quan</h3><ul>{self.related(article)}</ul></div></div>')
        crumbs = [(shape.listing(1), "Tin tức"),
                  (shape.category(article.category, 1) if article.index >= self.site.old_before else "",
                   article.category.name)]
        return self.layout(article.title, main, crumbs, self.head(article))

    def related(self, article: Article) -> str:
        """Up to four earlier articles of its category, never crossing into the old part."""
        site = self.site
        old = article.index < site.old_before
        earlier = [a for a in site.articles[: article.index][::-1]
                   if a.category is article.category and (a.index < site.old_before) == old][:4]
        return "".join(f"<li>{self.a(self.form(a, self.shape.related_form), a.title)} "
                       f"<span>({a.published:%d/%m/%Y})</span></li>" for a in earlier)

    def print_view(self, article: Article) -> str:
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
        return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(article.title)}</title></head>'
                f'<body onload="window.print()"><div class="print-page"><img src="/images/logo.png" alt="">'
                f"<h2>{escape(article.title)}</h2><p><i>{date_text(self.shape.date_style, article.published)}</i></p>"
                f"<p><b>{escape(article.lead)}</b></p>{paragraphs}<p align=\"right\"><b>{escape(article.author)}</b></p>"
                f"<p>Nguồn: {escape(self.shape.site_name)}</p>"
                f'<a href="javascript:window.print()">In trang</a></div></body></html>')

    def items(self, articles: list[Article], form: int = 0) -> str:
        return "".join(
            f'<div class="news-item"><a href="{self.links.href(self.form(a, form))}">'
            f'<img src="/uploads/thumb/{a.id}.jpg" alt="{escape(a.title)}"></a><h3>{self.a(self.form(a, form), a.title)}</h3>'
            f'<span class="date">({a.published:%d/%m/%Y %H:%M})</span><p>{escape(a.lead[:160])}...</p></div>'
            for a in articles)

    def pager(self, current: int, pages: int, url) -> str:  # noqa: ANN001 - a page-number -> URL builder
        """First, previous, two pages either side, next: never the last page (old pages are deep)."""
        parts = []
        if current > 1:
            parts += [self.a(url(1), "« Đầu"), self.a(url(current - 1), "‹")]
        for n in range(max(1, current - 2), min(pages, current + 2) + 1):
            parts.append(f'<span class="current">{n}</span>' if n == current else self.a(url(n), str(n)))
        if current < pages:
            parts.append(self.a(url(current + 1), "›"))
        return f'<div class="pagination">{" ".join(parts)}</div>'

    def listing(self, number: int) -> str:
        site = self.site
        shown = site.newest[(number - 1) * PER_PAGE: number * PER_PAGE]
        main = (f'<h2 class="cat-title">Tin tức - Sự kiện</h2>{self.items(shown)}'
                f"{self.pager(number, site.pages, self.shape.listing)}")
        return self.layout(f"Tin tức - Sự kiện - Trang {number}" if number > 1 else "Tin tức - Sự kiện", main,
                           [(self.shape.listing(1), "Tin tức")])

    def category(self, route: Route) -> str:
        category, number = route.category, route.page
        assert category is not None
        listed = self.site.in_category[category.id]
        shown = listed[(number - 1) * PER_PAGE: number * PER_PAGE]
        pager = self.pager(number, self.site.category_pages(category), lambda n: self.shape.category(category, n))
        main = f'<h2 class="cat-title">{escape(category.name)}</h2>{self.items(shown)}{pager}'
        return self.layout(category.name, main, [(self.shape.listing(1), "Tin tức"), ("", category.name)])

    def home(self) -> str:
        site, shape = self.site, self.shape
        first = site.newest[:PER_PAGE]  # the same items as the first listing page
        blocks = "".join(
            f'<div class="home-cat"><h2>{self.a(shape.category(c, 1), c.name)}</h2>'
            f"{self.items(site.in_category[c.id][:3], shape.home_form)}</div>" for c in site.categories)
        main = (f'<div class="hot-news"><h2>Tin nổi bật</h2>{self.items(first, shape.home_form)}'
                f'{self.a(shape.listing(1), "Xem thêm »")}</div>{blocks}')
        return self.layout("Trang chủ", main, [])

    def calendar(self, day: date) -> str:
        found = [a for a in self.site.articles if a.published.date() == day]
        listed = "".join(f"<li>{self.a(self.shape.article(a), a.title)}</li>" for a in found) or "<li>Không có lịch.</li>"
        main = (f'<h2>Lịch công tác ngày {day:%d/%m/%Y}</h2><ul class="events">{listed}</ul>'
                f'{self.a(self.shape.calendar(day - timedelta(days=1)), "« Ngày trước")} '
                f'{self.a(self.shape.calendar(day + timedelta(days=1)), "Ngày sau »")}')
        return self.layout(f"Lịch công tác {day:%d/%m/%Y}", main, [("", "Lịch công tác")])

    def tag(self, tag: str) -> str:
        tagged = [a for a in self.site.newest if tag in a.tags and a.index >= self.site.old_before][:PER_PAGE]
        return self.layout(f"Tag: {tag}", f"<h2>Từ khóa: {escape(tag)}</h2>{self.items(tagged)}", [("", tag)])

    def static(self, name: str) -> str:
        text = ("<p>Liên đoàn Lao động tỉnh là tổ chức chính trị - xã hội của giai cấp công nhân và người lao động.</p>"
                if name == "gioi-thieu" else
                "<p>Địa chỉ: Số 12 Trần Hưng Đạo. Điện thoại: 0232.3822.245.</p><textarea name=\"noi-dung\"></textarea>")
        title = "Giới thiệu" if name == "gioi-thieu" else "Liên hệ"
        return self.layout(title, f"<h2>{title}</h2>{text}", [("", title)])
