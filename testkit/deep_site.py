"""A portal whose old articles only deep listing pages link: the backfill, resume and identity fixture.

Shaped like the provincial portals of ../shared/reference/sites-seen.json, served live (real HTTP,
no files) so that every response can differ the way real ones do:
- home `/`: a box of the newest articles of every section, the same articles the sections' first
  pages list, and a "most read" box linking old articles by their id-only alias `/tin-tuc/<id>`;
- sections `/chuyen-muc/<section>?page=N`, PER_PAGE articles a page, newest first; a page links
  only the previous and next pages and the first one, so an old article is reached by walking
  every listing page before it (the oldest ones only from page 10 and deeper);
- articles `/tin-tuc/<id>/<slug>` (rel=canonical and og:url name it), also answered at the
  id-only alias `/tin-tuc/<id>`; each links its print view `/in-bai/<id>` and its tag pages;
- tag pages `/tag/<tag>` with long teasers, an endless search `/tim-kiem?q=&page=N` (every page
  the same), an endless calendar `/lich/<yyyy>/<mm>/<dd>` (every day links the next);
- every link carries session tokens that change on every response (`;jsessionid=` in the path,
  Liferay's `p_p_auth` in the query).
Every request target is logged on the server (`requests`), so tests count what the crawler asked.
"""
from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TypeVar
from urllib.parse import parse_qs, urlsplit

PER_PAGE = 10
SECTIONS = ("hoat-dong", "chinh-sach")
TAGS = ("cong-nhan", "tet-sum-vay", "an-toan-lao-dong")
WORDS = ("công đoàn", "người lao động", "đoàn viên", "liên đoàn lao động", "hội nghị", "phong trào thi đua",
         "chăm lo", "an toàn vệ sinh lao động", "doanh nghiệp", "khu công nghiệp", "Tết sum vầy", "mái ấm")
SLUG_WORDS = ("cong-doan", "nguoi-lao-dong", "doan-vien", "lien-doan", "hoi-nghi", "thi-dua", "cham-lo",
              "an-toan", "doanh-nghiep", "khu-cong-nghiep", "tet-sum-vay", "mai-am")
MOST_READ = 6  # old articles linked from the home page by their id-only alias


@dataclass
class DeepSite:
    """The site's content: `articles` articles, ids 1..articles, id 1 the oldest."""

    articles: int
    requests: list[str] = field(default_factory=list)
    tokens: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    # --- what the site holds, for assertions ---------------------------------------------------
    def section(self, article_id: int) -> str:
        return SECTIONS[article_id % len(SECTIONS)]

    def slug(self, article_id: int) -> str:
        return "-".join(SLUG_WORDS[(article_id * 5 + i) % len(SLUG_WORDS)] for i in range(5)) + f"-so-{article_id}"

    def article_path(self, article_id: int) -> str:
        return f"/tin-tuc/{article_id}/{self.slug(article_id)}"

    @property
    def article_paths(self) -> list[str]:
        return [self.article_path(n) for n in range(1, self.articles + 1)]

    def year(self, article_id: int) -> int:
        return 2015 + (article_id - 1) * 10 // max(self.articles, 1)  # oldest in 2015, spread over ten years

    def listed(self, section: str) -> list[int]:
        """The section's articles, newest first."""
        return [n for n in range(self.articles, 0, -1) if self.section(n) == section]

    def pages(self, section: str) -> int:
        return max(1, -(-len(self.listed(section)) // PER_PAGE))

    def deep_only(self, from_page: int = 10) -> list[str]:
        """Articles no page links except listing pages `from_page` and deeper (nor the home page)."""
        home = {n for s in SECTIONS for n in self.listed(s)[:PER_PAGE]} | set(self.most_read())
        return [self.article_path(n) for s in SECTIONS for n in self.listed(s)[(from_page - 1) * PER_PAGE:]
                if n not in home]

    def most_read(self) -> list[int]:
        return list(range(1, min(MOST_READ, self.articles) + 1))

    # --- pages ---------------------------------------------------------------------------------
    def link(self, path: str) -> str:
        """A link as the portal prints it: a fresh session id in the path and a fresh p_p_auth."""
        token = next(self.tokens)
        stem, _, query = path.partition("?")
        query = f"{query}&" if query else ""
        return f"{stem};jsessionid=S{token:06X}?{query}p_p_auth=A{token * 7919 % 10**8:08d}"

    def render(self, target: str) -> tuple[int, str]:
        parts = urlsplit(target)
        path = parts.path.split(";", 1)[0]
        query = parse_qs(parts.query)
        segments = [s for s in path.split("/") if s]
        if path == "/":
            return 200, self.home()
        if len(segments) == 2 and segments[0] == "chuyen-muc" and segments[1] in SECTIONS:
            return self.listing(segments[1], int(query.get("page", ["1"])[0]))
        if len(segments) in (2, 3) and segments[0] == "tin-tuc" and segments[1].isdigit():
            article_id = int(segments[1])
            if 1 <= article_id <= self.articles and (len(segments) == 2 or segments[2] == self.slug(article_id)):
                return 200, self.article(article_id, printed=False)
        if len(segments) == 2 and segments[0] == "in-bai" and segments[1].isdigit():
            article_id = int(segments[1])
            if 1 <= article_id <= self.articles:
                return 200, self.article(article_id, printed=True)
        if len(segments) == 2 and segments[0] == "tag" and segments[1] in TAGS:
            return 200, self.tag(segments[1])
        if path == "/tim-kiem":
            number = int(query.get("page", ["1"])[0])
            return 200, self.page("Tìm kiếm", "<p>Kết quả tìm kiếm</p>" + self.teasers(self.listed(SECTIONS[0])[:5])
                                  + f'<a href="{self.link(f"/tim-kiem?q=cong+doan&page={number + 1}")}">Sau</a>')
        if len(segments) == 4 and segments[0] == "lich":
            day = int(segments[3])
            return 200, self.page("Lịch", f'<a href="{self.link(f"/lich/{segments[1]}/{segments[2]}/{day + 1:02d}")}">'
                                  f"Ngày {day + 1}</a>")
        return 404, self.page("Không tìm thấy", "<p>Không tìm thấy trang</p>")

    def home(self) -> str:
        newest = [n for s in SECTIONS for n in self.listed(s)[:PER_PAGE]]
        read = "".join(f'<li><a href="{self.link(f"/tin-tuc/{n}")}">{self.title(n)}</a></li>' for n in self.most_read())
        return self.page("Trang chủ", f'<div class="tin-moi">{self.teasers(newest)}</div>'
                                      f'<div class="doc-nhieu"><h3>Đọc nhiều</h3><ul>{read}</ul></div>')

    def listing(self, section: str, number: int) -> tuple[int, str]:
        pages = self.pages(section)
        if not 1 <= number <= pages:
            return 404, self.page("Không tìm thấy", "<p>Không tìm thấy trang</p>")
        shown = self.listed(section)[(number - 1) * PER_PAGE:number * PER_PAGE]
        nearby = sorted({n for n in (1, number - 1, number + 1) if 1 <= n <= pages and n != number})
        pager = " ".join(f'<a href="{self.link(f"/chuyen-muc/{section}?page={n}")}">{n}</a>' for n in nearby)
        return 200, self.page(f"Chuyên mục {section}", f"{self.teasers(shown)}<div class=\"pager\">{pager}</div>")

    def tag(self, tag: str) -> str:
        tagged = [n for n in range(self.articles, 0, -1) if TAGS[n % len(TAGS)] == tag][:8]
        return self.page(f"Tag {tag}", f"<h1>{tag}</h1>" + "".join(
            f'<h2><a href="{self.link(self.article_path(n))}">{self.title(n)}</a></h2><p>{self.paragraph(n, 1)} '
            f"{self.paragraph(n, 2)}...</p>" for n in tagged))

    def teasers(self, numbers: list[int]) -> str:
        return "<ul>" + "".join(f'<li><a href="{self.link(self.article_path(n))}">{self.title(n)}</a>'
                                f"<p>Tóm tắt tin số {n}...</p></li>" for n in numbers) + "</ul>"

    def title(self, article_id: int) -> str:
        return (f"Tin số {article_id}: {WORDS[article_id % len(WORDS)]} và "
                f"{WORDS[(article_id * 3) % len(WORDS)]} năm {self.year(article_id)}")

    def paragraph(self, article_id: int, index: int) -> str:
        return (f"Đoạn {index} của tin số {article_id}: {WORDS[(article_id + index) % len(WORDS)]} tổ chức nhiều "
                f"hoạt động thiết thực cho {WORDS[(article_id + 2 * index) % len(WORDS)]}, góp phần nâng cao đời "
                "sống vật chất và tinh thần.")

    def article(self, article_id: int, printed: bool) -> str:
        year, month, day = self.year(article_id), 1 + article_id % 12, 1 + article_id % 28
        body = "".join(f"<p>{self.paragraph(article_id, i)}</p>" for i in range(1, 4))
        tag = TAGS[article_id % len(TAGS)]
        canonical = self.article_path(article_id)
        head = f'<link rel="canonical" href="{canonical}"><meta property="og:url" content="{canonical}">'
        tools = "" if printed else (f'<div class="tools"><a href="{self.link(f"/in-bai/{article_id}")}">In bài</a> '
                                    f'<a href="{self.link(f"/tag/{tag}")}">{tag}</a> '
                                    f'<a href="{self.link(f"/lich/{year}/{month:02d}/{day:02d}")}">Lịch</a></div>')
        content = (f'<h1 class="title">{self.title(article_id)}</h1>'
                   f'<div class="date">{day:02d}/{month:02d}/{year} 08:30</div>'
                   f'<div class="content">{body}</div>{tools}')
        if printed:
            return f'<html lang="vi"><head><meta charset="utf-8"><title>In bài</title></head><body>{content}</body></html>'
        return self.page(self.title(article_id), content, head)

    def page(self, title: str, content: str, head: str = "") -> str:
        menu = " ".join(f'<a href="{self.link(f"/chuyen-muc/{s}")}">{s}</a>' for s in SECTIONS)
        return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
                f'<body><div class="menu"><a href="{self.link("/")}">Trang chủ</a> {menu} '
                f'<a href="{self.link("/tim-kiem?q=cong+doan&page=1")}">Tìm kiếm</a></div>{content}'
                '<div class="footer">Liên đoàn Lao động tỉnh. Địa chỉ: 01 đường Trần Phú.</div></body></html>')


class DeepSiteHandler(BaseHTTPRequestHandler):
    server: DeepSiteServer

    def do_GET(self) -> None:
        site = self.server.site
        with self.server.lock:
            site.requests.append(self.path)
            status, html = site.render(self.path) if self.path != "/robots.txt" else (200, "")
        body = html.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


class DeepSiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: DeepSite, host: str = "127.0.0.1"):
        super().__init__((host, 0), DeepSiteHandler)
        self.site = site
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


ServerT = TypeVar("ServerT", bound=ThreadingHTTPServer)


@contextmanager
def running(server: ServerT) -> Iterator[ServerT]:
    """Serve in a background thread until the block ends, then shut down and close the socket."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def serving_deep_site(site: DeepSite, host: str = "127.0.0.1") -> AbstractContextManager[DeepSiteServer]:
    return running(DeepSiteServer(site, host))
