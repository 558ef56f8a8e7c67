"""Zero-config crawl of a local site full of traps and faults: only its articles archived, each once.

The site (real HTTP on 127.0.0.1) has a sitemap named in robots.txt, an RSS feed, pagination,
a calendar, endless search pagination, endless query strings, session ids and tracking tags on
links, a link to another port, a robots.txt-refused page, a 404, a 500, a page slower than the
timeout, a redirect loop, binary served as HTML, a page whose charset header is wrong, and a
page with broken markup.
"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest

from archive import __version__
from archive.demo.generated_site import write_site
from archive.demo.sample_server import SiteHandler
from tests.support import archived, crawl, run_cli, serving, summary_rows

pytestmark = pytest.mark.e2e

ARTICLES = 25
CHARSET_ARTICLE = "/tin-tuc/cong-doan-tinh-trao-qua-cho-doan-vien-kho-khan-dip-tet-88801.html"
BROKEN_ARTICLE = "/tin-tuc/hoi-nghi-bau-ban-chap-hanh-cong-doan-co-so-nhiem-ky-moi-88802.html"
ORPHAN_ARTICLE = "/luu-tru/tin-tuc/ky-niem-ngay-thanh-lap-cong-doan-viet-nam-88803.html"  # only in a sitemap
VIETNAMESE = "Công đoàn tỉnh trao quà cho đoàn viên khó khăn dịp Tết"


class TrapHandler(SiteHandler):
    agents: ClassVar[set[str]] = set()
    failures: ClassVar[list[float]] = []  # when each attempt at the 500 page arrived

    def do_GET(self) -> None:
        TrapHandler.agents.add(self.headers.get("User-Agent", ""))
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if parts.path == "/lich":  # a calendar: every day links to the next one, forever
            day = int(query.get("ngay", ["1"])[0])
            return self.html(200, f'<a href="/lich?ngay={day + 1}">Ngày {day + 1}</a>')
        if parts.path == "/tim-kiem":  # the same results on every page, with a next link, forever
            page = int(query.get("page", ["1"])[0])
            return self.html(200, f'<a href="/tin-tuc/">Tin</a> <a href="/tim-kiem?page={page + 1}">Sau</a>')
        if parts.path == "/loc":  # each filter page links to one more filter value, forever
            value = int(query.get("v", ["1"])[0])
            return self.html(200, f'<a href="/loc?v={value + 1}&sort=moi">Lọc {value + 1}</a>')
        if parts.path == "/loi-500.html":
            TrapHandler.failures.append(time.monotonic())
            return self.html(500, "<h1>Lỗi máy chủ</h1>")
        if parts.path == "/cham.html":
            time.sleep(2.5)
            return self.html(200, "<p>quá chậm</p>")
        if parts.path in ("/vong-lap.html", "/vong-lap-2.html"):
            self.server.requests.append(self.path)
            self.send_response(302)
            self.send_header("Location", "/vong-lap-2.html" if parts.path == "/vong-lap.html" else "/vong-lap.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if parts.path == "/hong.html":
            return self.html(200, "", raw=bytes(range(256)) * 8)
        if parts.path == CHARSET_ARTICLE:
            body = (f'<html><head><meta charset="utf-8"><title>{VIETNAMESE}</title></head><body>'
                    f"<h1>{VIETNAMESE}</h1><p>{'Ban chấp hành Công đoàn tỉnh đã đến thăm và tặng quà. ' * 4}</p>"
                    f"<p>{'Mỗi suất quà gồm tiền mặt và nhu yếu phẩm cho đoàn viên. ' * 4}</p></body></html>")
            return self.html(200, "", raw=body.encode("utf-8"), content_type="text/html; charset=iso-8859-1")
        return super().do_GET()

    def html(self, status: int, body: str, raw: bytes | None = None, content_type: str = "text/html; charset=utf-8"):
        self.server.requests.append(self.path)
        data = raw if raw is not None else f"<html><body>{body}</body></html>".encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def trap_links(other_site: str, article: str) -> str:
    return "".join(f'<a href="{href}">x</a>' for href in (
        "/lich?ngay=1", "/tim-kiem?page=1", "/loc?v=1", "/loi-500.html", "/cham.html", "/vong-lap.html",
        "/hong.html", "/khong-co-trang.html", "/quan-tri/bai-mat.html", other_site + "/tin-tuc/",
        f"{article}?PHPSESSID=9f8e7d&utm_source=zalo&utm_medium=social#binh-luan", f"{article};jsessionid=AB12",
        CHARSET_ARTICLE, BROKEN_ARTICLE, "/tag/cong-doan.html", "javascript:void(0)", "mailto:a@b.vn",
        "http://[::1", "/tai-lieu/quyet-dinh.pdf"))


def test_zero_config_crawl_archives_only_articles_and_survives_every_trap(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ARCHIVE_DOWNLOAD_TIMEOUT", "1")
    monkeypatch.setenv("ARCHIVE_CONTACT", "mailto:luutru@example.vn")
    root, other_root, data = tmp_path / "site", tmp_path / "other", tmp_path / "data"
    write_site(other_root, 3)
    with serving(other_root) as other, serving(root, TrapHandler) as server:
        site = write_site(root, ARTICLES, sitemap=True, feed=True)
        article = site.article_path(3)
        site = write_site(root, ARTICLES, sitemap=True, feed=True, extra_html=trap_links(other.url, article))
        (root / BROKEN_ARTICLE.lstrip("/")).write_text(  # unclosed h1, p and b; stray end tags
            "<html><head><title>Hội nghị bầu Ban chấp hành</title><body><div><h1>Hội nghị bầu Ban chấp hành "
            "công đoàn cơ sở" + "".join(f"<p>Đoạn {i}: đại hội đã bầu ban chấp hành mới gồm chín đồng chí, <b>nhiệm "
                                       f"kỳ 2023-2028, với chỉ tiêu thi đua số {i} cho người lao động" for i in range(5))
            + "</table></span>", encoding="utf-8")
        # robots.txt names a sitemap index whose one sitemap lists an article no page links to.
        (root / "robots.txt").write_text("User-agent: *\nDisallow: /quan-tri/\nSitemap: /ban-do/index.xml\n")
        (root / "ban-do").mkdir()
        (root / "ban-do" / "index.xml").write_text(
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<sitemap><loc>/ban-do/luu-tru.xml</loc></sitemap></sitemapindex>")
        (root / "ban-do" / "luu-tru.xml").write_text(
            f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{server.url}{ORPHAN_ARTICLE}</loc></url></urlset>")
        (root / ORPHAN_ARTICLE.lstrip("/")).parent.mkdir(parents=True)
        (root / ORPHAN_ARTICLE.lstrip("/")).write_bytes((root / site.article_path(7).lstrip("/")).read_bytes()
                                                        .replace("Tin số 7:".encode(), "Kỷ niệm ngày thành lập:".encode()))
        (root / "tag").mkdir()
        (root / "tag" / "cong-doan.html").write_text(
            "<html><body><h1>Công đoàn</h1>" + "".join(
                f'<h2><a href="{p}">Tin {i}</a></h2><p>Tóm tắt dài về hoạt động công đoàn số {i}...</p>'
                for i, p in enumerate(site.article_paths[:8])) + "</body></html>", encoding="utf-8")
        run = crawl(data, server.url + "/")
        requests = list(server.requests)
        assert other.requests == []  # another port of the same host is another site: never fetched

    expected = {server.url + p for p in [*site.article_paths, CHARSET_ARTICLE, BROKEN_ARTICLE, ORPHAN_ARTICLE]}
    versions = archived(data)
    assert set(versions) == expected and set(versions.values()) == {1}
    paths = [urlsplit(r).path for r in requests]
    for path in site.article_paths:
        assert paths.count(path) == 1, path  # session ids, tracking tags and fragments canonicalised away
    assert "/quan-tri/bai-mat.html" not in paths
    assert paths.count("/lich") == 0  # calendars are refused before they are fetched
    assert paths.count("/tim-kiem") <= 2 and paths.count("/loc") <= 7
    assert {"/sitemap.xml", "/rss.xml", "/ban-do/index.xml", "/ban-do/luu-tru.xml"} <= set(paths)
    assert len(requests) < 120

    (row,) = summary_rows(run).values()
    counted, _, skipped = row["errors"].partition("; skipped links: ")
    errors = dict(re.findall(r"(\w+): (\d+)", counted))
    assert {k: int(v) for k, v in errors.items() if k != "http_404"} == {
        "http_500": 1, "timeout": 1, "redirect_loop": 1, "refused_binary": 1, "robots_txt": 1,
        "wrong_charset": 1}
    assert dict(re.findall(r"(\w+): (\d+)", skipped))["offsite"]  # links to the other port, never followed
    assert int(errors["http_404"]) >= 1
    assert row["new"] == ARTICLES + 3
    assert paths.count("/loi-500.html") == 4  # retried three times, with backoff
    gaps = [later - earlier for earlier, later in zip(TrapHandler.failures, TrapHandler.failures[1:], strict=False)]
    assert all(gap >= 0.05 * 2 ** n for n, gap in enumerate(gaps))  # the loopback base pause, doubling
    assert TrapHandler.agents == {f"vn-union-archive/{__version__} (+mailto:luutru@example.vn)"}

    stats = json.loads(run_cli("stats", "--json", data=data).stdout)
    (entry,) = stats["sites"]
    assert entry["articles"] == ARTICLES + 3 and entry["last_crawl"]
    assert stats["last_crawl"]["stats"][entry["name"]]["errors"]["http_500"] == 1
    title = json.loads(run_cli("search", "trao quà đoàn viên khó khăn", "--json", data=data).stdout)["hits"][0]
    assert title["title"] == VIETNAMESE  # read as UTF-8, as the page says, not as the header claims

    # The captures alone rebuild the same archive: no listing, tag or error page turns into an article.
    reprocessed = run_cli("reprocess", data=data)
    assert f"new 0, changed 0, unchanged {ARTICLES + 3}" in reprocessed.stderr
    assert set(archived(data)) == expected
