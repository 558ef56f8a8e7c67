"""Canonical URLs, URL shapes and trap guards of the crawler, on real-shaped URLs."""
from __future__ import annotations

import pytest

from archive.extract.page_kind import is_pagination, looks_like_article, looks_like_listing
from crawler.urls import canonical_url, is_trap, resolve_link


@pytest.mark.parametrize(("given", "canonical"), [
    ("HTTP://Example.GOV.vn:80/tin-tuc/a-1.html#binh-luan", "http://example.gov.vn/tin-tuc/a-1.html"),
    ("https://baoangiang.com.vn/x-a1.html?utm_source=facebook&utm_medium=social&fbclid=IwAR0",
     "https://baoangiang.com.vn/x-a1.html"),
    ("https://ldld.tayninh.gov.vn/Default.aspx?tabid=74&NID=3456&Group=12",
     "https://ldld.tayninh.gov.vn/Default.aspx?Group=12&NID=3456&tabid=74"),
    ("http://site.vn/tin.php;jsessionid=8F3A?id=5&PHPSESSID=abc123", "http://site.vn/tin.php?id=5"),
    ("http://site.vn/(S(lit3py55t21z5v55vlm25s55))/Default.aspx?tabid=1", "http://site.vn/Default.aspx?tabid=1"),
    ("https://site.vn:443", "https://site.vn/"),
])
def test_canonical_url_has_one_spelling_per_page(given: str, canonical: str) -> None:
    assert canonical_url(given) == canonical
    assert canonical_url(canonical) == canonical


def test_links_resolve_against_the_page_not_a_base_href_and_skip_non_pages() -> None:
    page = "https://baoangiang.com.vn/cong-doan.html"
    assert resolve_link(page, "/cham-lo-tet-a41589.html") == "https://baoangiang.com.vn/cham-lo-tet-a41589.html"
    assert resolve_link(page, "cham-lo-tet-a41589.html?p=1#top") == "https://baoangiang.com.vn/cham-lo-tet-a41589.html?p=1"
    for href in ("javascript:void(0)", "mailto:toasoan@baoangiang.com.vn", "tel:02963", "#", "",
                 "/uploads/anh.JPG", "/files/quyet-dinh.pdf", "http://[::1"):
        assert resolve_link(page, href) is None


@pytest.mark.parametrize("url", [
    "https://laodong.vn/cong-doan?page=2", "https://ldld.tayninh.gov.vn/Default.aspx?Page=3&tabid=74",
    "https://baoangiang.com.vn/cong-doan.html?p=12", "https://hdnd.dienbien.gov.vn/tin-tuc/trang-7.html",
    "https://example.vn/tin-tuc/page/3/",
])
def test_pagination_shapes(url: str) -> None:
    assert is_pagination(url) and looks_like_listing(url) and not looks_like_article(url)


@pytest.mark.parametrize("url", [
    "https://baoangiang.com.vn/cham-lo-tet-quy-ty-cho-cong-nhan-a41589.html",
    "https://laodong.vn/cong-doan/tet-sum-vay-631620.bld",
    "https://hdnd.dienbien.gov.vn/tin-tuc/be-mac-ky-hop-thu-5-hoi-dong-nhan-dan-tinh-khoa-xiii-86.html",
    "https://ldld.tayninh.gov.vn/Default.aspx?Group=12&NID=3456&tabid=74",
    "https://congdoan.cantho.gov.vn/tin-tuc/quan-thot-not-phat-dong-thang-cong-nhan-nam-2012",
    "https://congdoan.example.vn/2024/05/01/dai-hoi-cong-doan-co-so",
])
def test_article_shapes_without_a_profile(url: str) -> None:
    assert looks_like_article(url) and not looks_like_listing(url)


@pytest.mark.parametrize("url", [
    "https://baoangiang.com.vn/tag/cong-doan-a1.html", "https://example.vn/chuyen-muc/hoat-dong-cong-doan",
    "https://example.vn/tim-kiem?q=cong+doan", "https://example.vn/", "https://example.vn/danh-muc/tin-tuc-123.html",
])
def test_tag_category_search_and_home_are_listings(url: str) -> None:
    assert looks_like_listing(url) and not looks_like_article(url)


@pytest.mark.parametrize("url", [
    "https://example.vn/lich?date=2024-05-01", "https://example.vn/tin-tuc?ngay=1&thang=5&nam=2024",
    "https://example.vn/calendar/2024/05/", "https://example.vn/loc?a=1&b=2&c=3&d=4&e=5&f=6&g=7",
    "https://example.vn/a/b/a/b/a/b/tin.html", "https://example.vn/x?q=" + "z" * 400,
])
def test_traps_are_refused(url: str) -> None:
    assert is_trap(url)


def test_ordinary_pages_are_not_traps() -> None:
    assert not is_trap("https://ldld.tayninh.gov.vn/Default.aspx?Group=12&NID=3456&tabid=74")
    assert not is_trap("https://congdoan.example.vn/2024/05/01/dai-hoi-cong-doan-co-so")
