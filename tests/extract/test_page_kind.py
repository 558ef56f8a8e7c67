"""The page-kind policy: what a URL alone says, what a cleaned page's shape says, and what the
profile says; and the profile selectors (title, body, date, author, remove) are all read."""
from __future__ import annotations

import pytest

from archive.extract.page_kind import judge, url_kind
from archive.sites import SiteProfile

PARAGRAPHS = "".join(f"<p>Đoạn văn số {i}: Liên đoàn Lao động tỉnh tổ chức hội nghị tổng kết công tác công đoàn, "
                     f"biểu dương các tập thể và cá nhân tiêu biểu trong phong trào thi đua năm qua.</p>"
                     for i in range(4))
ARTICLE = (f"<html><head><title>Hội nghị tổng kết công tác công đoàn năm 2023</title></head><body>"
           f"<h1>Hội nghị tổng kết công tác công đoàn năm 2023</h1><div class='content'>{PARAGRAPHS}</div>"
           f"</body></html>").encode()


@pytest.mark.parametrize(("url", "kind"), [
    ("https://ldld.vn/", "home"), ("https://ldld.vn", "home"),
    ("https://ldld.vn/tin-tuc?page=3", "listing"), ("https://ldld.vn/tin-tuc/trang-4.html", "listing"),
    ("https://ldld.vn/page/2/", "listing"), ("https://ldld.vn/tag/cong-doan", "tag"),
    ("https://baohatinh.vn/ky-hop-bat-thuong-hdnd-ha-tinh-tag142158.html", "tag"),
    ("https://ldld.vn/chuyen-muc/thoi-su", "category"), ("https://ldld.vn/tim-kiem?q=a", "search"),
    ("https://baoninhbinh.org.vn/s/h%C4%91nd?page=7", "search"),
    ("https://ldld.quangbinh.gov.vn/3cms/Ban-in-507.htm?art=13969217229087", "print"),
    ("https://ldld.vn/in-bai/123", "print"), ("http://ldld.vn/Default.aspx?NID=1608&ctl=Print&mid=1789&tabid=656", "print"), ("https://ldld.vn/tin-tuc/bai-viet-a12.html?print=1", "print"),
    ("https://ldld.vn/lich?ngay=2024-01-01", "calendar"), ("https://ldld.vn/tin/2024-01-05/", "calendar"),
    ("https://ldld.vn/tin-tuc/hoi-nghi-tong-ket-cong-tac-cong-doan-nam-2023-a123.html", None),
])
def test_what_a_url_alone_says(url: str, kind: str | None) -> None:
    assert url_kind(url) == kind


def test_an_article_page_is_an_article_except_at_a_listing_url() -> None:
    assert judge(ARTICLE, "https://ldld.vn/tin-tuc/hoi-nghi-tong-ket-cong-tac-cong-doan-nam-2023").kind == "article"
    assert judge(ARTICLE, "https://ldld.vn/tin-tuc?page=2").kind == "listing"
    assert judge(ARTICLE, "https://ldld.vn/").kind == "home"


def test_the_profile_pattern_decides_and_an_empty_article_is_named() -> None:
    profile = SiteProfile(name="x", article_pattern=r"/bai-viet/\d+$")
    empty = "<html><body><h1>Trang tin</h1><p>Ngắn.</p></body></html>".encode()
    assert judge(empty, "https://x.vn/bai-viet/12", profile).kind == "empty_article"
    assert judge(ARTICLE, "https://x.vn/chuyen-de", profile).kind == "listing"
    assert judge(ARTICLE, "https://x.vn/bai-viet/12", profile).article is not None


@pytest.mark.parametrize(("body", "kind"), [
    (b"van ban thuan " * 400, "not_html"), (b"\x00\x01PK\x03\x04" * 500, "refused_binary"),
    (b"<html>" + b"<div>" * 5000 + b"x", "refused_too_deep"),
])
def test_pages_that_are_not_cleaned_say_why(body: bytes, kind: str) -> None:
    verdict = judge(body, "https://x.vn/tin-tuc/mot-bai-viet-rat-dai-ve-cong-doan-co-so")
    assert verdict.kind == kind and verdict.article is None


def test_profile_date_and_author_selectors_are_read() -> None:
    html = ("<html><body><h1>Hội nghị tổng kết công tác công đoàn năm 2023</h1>"
            "<span class='ngay'>Cập nhật: 12/01/2024 09:30</span><div class='tacgia'>Nguyễn Văn Thừa</div>"
            f"<div class='content'><p>Ngày 10/01/2024, hội nghị diễn ra.</p>{PARAGRAPHS}</div></body></html>")
    profile = SiteProfile(name="x", selectors={"date": ".ngay", "author": ".tacgia"})
    article = judge(html, "https://x.vn/tin-tuc/hoi-nghi-tong-ket-2023-a12.html", profile).article
    assert article.published == "2024-01-12T09:30:00+07:00"
    assert article.author == "Nguyễn Văn Thừa"
