"""A generated news site of N small articles in the sample-site file layout, for tests and benchmarks.

Shaped like a NukeViet council portal: articles at `/tin-tuc/<slug>-<id>.html`, the newest first
on `/tin-tuc/` and `/tin-tuc/trang-N.html`, a menu of sections on every page, a sitemap and an
RSS feed are optional. Served by `archive.demo.sample_server.SiteServer`, which logs each request.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from archive.vietnamese.text import fold

PER_PAGE = 20
SECTIONS = ("gioi-thieu", "lien-he")
WORDS = ("công đoàn", "người lao động", "đoàn viên", "liên đoàn lao động", "hội nghị", "phong trào thi đua",
         "chăm lo", "an toàn vệ sinh lao động", "doanh nghiệp", "khu công nghiệp", "Tết sum vầy", "mái ấm")


@dataclass(frozen=True)
class GeneratedSite:
    root: Path
    articles: int

    def article_path(self, number: int) -> str:
        return f"/tin-tuc/{_slug(number)}-{number}.html"

    @property
    def article_paths(self) -> list[str]:
        return [self.article_path(n) for n in range(1, self.articles + 1)]


def write_site(root: Path, articles: int, sitemap: bool = False, feed: bool = False, edition: int = 0,
               extra_html: str = "") -> GeneratedSite:
    """Write (or rewrite, with more articles or a new `edition` of article 1) the whole site."""
    site = GeneratedSite(root, articles)
    (root / "tin-tuc").mkdir(parents=True, exist_ok=True)
    for number in range(1, articles + 1):
        _write_if_changed(root / site.article_path(number).lstrip("/"), _article(number, edition))
    newest_first = list(range(articles, 0, -1))
    pages = [newest_first[i:i + PER_PAGE] for i in range(0, len(newest_first), PER_PAGE)] or [[]]
    for index, numbers in enumerate(pages, start=1):
        name = "tin-tuc/index.html" if index == 1 else f"tin-tuc/trang-{index}.html"
        _write_if_changed(root / name, _listing(site, numbers, index, len(pages), feed, extra_html))
    _write_if_changed(root / "index.html", _listing(site, pages[0], 1, len(pages), feed, extra_html))
    for section in SECTIONS:
        _write_if_changed(root / f"{section}.html", _page(section.replace("-", " ").title(), "<p>Trang tĩnh.</p>"))
    robots = "User-agent: *\nDisallow: /quan-tri/\n"
    if sitemap:
        robots += "Sitemap: /sitemap.xml\n"
        # Article 1 is "modified now" in an edition after the first; the rest long ago.
        now = datetime.now(UTC).isoformat(timespec="seconds")
        urls = "".join(f"<url><loc>{p}</loc><lastmod>{now if edition and p == site.article_path(1) else '2020-01-01'}"
                       f"</lastmod></url>" for p in reversed(site.article_paths))
        _write_if_changed(root / "sitemap.xml",
                          f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
                          f'schemas/sitemap/0.9">{urls}</urlset>\n')
    if feed:
        items = "".join(f"<item><title>Tin {n}</title><link>{site.article_path(n)}</link></item>"
                        for n in newest_first[:PER_PAGE])
        _write_if_changed(root / "rss.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">'
                                            f"<channel><title>Tin tức</title>{items}</channel></rss>\n")
    _write_if_changed(root / "robots.txt", robots)
    return site


def _slug(number: int) -> str:
    words = [WORDS[(number * 7 + i) % len(WORDS)] for i in range(4)]
    return fold("-".join(words)).lower().replace(" ", "-")


def _title(number: int) -> str:
    return f"Tin số {number}: {WORDS[number % len(WORDS)]} và {WORDS[(number * 3) % len(WORDS)]} năm {2010 + number % 15}"


def _article(number: int, edition: int) -> str:
    year, month, day = 2010 + number % 15, 1 + number % 12, 1 + number % 28
    extra = f"<p>Cập nhật lần {edition}: bài viết đã được bổ sung thông tin mới.</p>" if edition and number == 1 else ""
    body = "".join(
        f"<p>Đoạn {i} của tin số {number}: {WORDS[(number + i) % len(WORDS)]} tổ chức nhiều hoạt động thiết thực "
        f"cho {WORDS[(number + 2 * i) % len(WORDS)]}, góp phần nâng cao đời sống vật chất và tinh thần.</p>"
        for i in range(1, 4))
    content = (f'<h1 class="title">{_title(number)}</h1>'
               f'<div class="date">{day:02d}/{month:02d}/{year} 08:30</div>'
               f'<div class="content">{body}{extra}</div>')
    return _page(_title(number), content)


def _listing(site: GeneratedSite, numbers: list[int], index: int, pages: int, feed: bool, extra_html: str) -> str:
    items = "".join(f'<li><a href="{site.article_path(n)}">{_title(n)}</a><p>Tóm tắt tin số {n}...</p></li>'
                    for n in numbers)
    nearby = [n for n in (index - 1, index + 1, index + 2, pages) if 1 <= n <= pages and n != index]
    links = "".join(f' <a href="/tin-tuc/{"" if n == 1 else f"trang-{n}.html"}">{n}</a>' for n in sorted(set(nearby)))
    head = '<link rel="alternate" type="application/rss+xml" href="/rss.xml">' if feed else ""
    return _page("Tin tức", f'<ul class="news">{items}</ul><div class="pages">{links}</div>{extra_html}', head)


def _page(title: str, content: str, head: str = "") -> str:
    menu = "".join(f'<a href="/{s}.html">{s}</a> ' for s in SECTIONS)
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
            f'<body><div class="menu"><a href="/">Trang chủ</a> <a href="/tin-tuc/">Tin tức</a> {menu}</div>'
            f"{content}</body></html>")


def _write_if_changed(path: Path, text: str) -> None:
    """Unchanged files keep their bytes and mtime: their ETag and Last-Modified stay the same."""
    data = text.encode("utf-8")
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
