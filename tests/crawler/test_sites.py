"""The registry's profiles classify the URL shapes their real sites use (through the spider's own rule)."""
from __future__ import annotations

import pytest

from archive.extract.page_kind import url_kind
from archive.sites import load_registry
from crawler.spiders.news import NewsSpider
from crawler.urls import canonical_url

REGISTRY = load_registry()

# (site, URL as the site prints it, what the crawler must take it for)
SHAPES = [
    ("congdoan-cantho", "https://congdoan.cantho.gov.vn/tin-tuc/quan-thot-not-phat-dong-thang-cong-nhan-nam-2012",
     "article"),
    ("congdoan-cantho", "https://congdoan.cantho.gov.vn/tin-tuc?page=2", "pagination"),
    ("congdoan-cantho", "https://congdoan.cantho.gov.vn/tin-tuc", "listing"),
    ("baoangiang", "https://baoangiang.com.vn/cham-lo-tet-quy-ty-cho-cong-nhan-khu-cong-nghiep-binh-hoa-a41589.html",
     "article"),
    ("baoangiang", "https://baoangiang.com.vn/cong-doan.html?p=3", "pagination"),
    ("baoangiang", "https://baoangiang.com.vn/cong-doan.html", "listing"),
    ("baocantho", "https://baocantho.com.vn/cong-doan-thanh-pho-cham-lo-tet-cho-doan-vien-a183245.html", "article"),
    ("baocantho", "https://baocantho.com.vn/cong-doan?p=2", "pagination"),
    ("laodong-congdoan", "https://laodong.vn/cong-doan/ldld-cong-doan-o-cac-tinh-thanh-pho-to-chuc-tet-sum-vay-631620.bld",
     "article"),
    ("laodong-congdoan", "https://laodong.vn/cong-doan/chu-tich-tong-ldld-viet-nam-tham-cong-nhan-1163425.ldo", "article"),
    ("laodong-congdoan", "https://laodong.vn/cong-doan?page=4", "pagination"),
    ("laodong-congdoan", "https://laodong.vn/cong-doan/", "listing"),
    ("ldld-dnn-tayninh", "https://ldld.tayninh.gov.vn/Default.aspx?tabid=74&Group=12&NID=3456&to-chuc-dai-hoi",
     "article"),
    ("ldld-dnn-tayninh", "https://ldld.tayninh.gov.vn/Default.aspx?tabid=74&Group=12&Page=3", "pagination"),
    ("ldld-dnn-tayninh", "https://ldld.tayninh.gov.vn/Default.aspx?tabid=74", "listing"),
    ("hdnd-dienbien", "https://hdnd.dienbien.gov.vn/tin-tuc/be-mac-ky-hop-thu-5-hoi-dong-nhan-dan-tinh-khoa-xiii-86.html",
     "article"),
    ("hdnd-dienbien", "https://hdnd.dienbien.gov.vn/tin-tuc/hoat-dong/ky-hop-thu-21-hdnd-tinh-khoa-xv-2466.html",
     "article"),
    ("hdnd-dienbien", "https://hdnd.dienbien.gov.vn/tin-tuc/trang-2.html", "pagination"),
    ("hdnd-dienbien", "https://hdnd.dienbien.gov.vn/tin-tuc/", "listing"),
]


@pytest.mark.parametrize(("site", "url", "kind"), SHAPES)
def test_profile_patterns_classify_real_url_shapes(site: str, url: str, kind: str) -> None:
    spider = NewsSpider(profiles=[REGISTRY[site]])
    url = canonical_url(url)
    assert spider.link_kind(site, url) == kind
    assert spider.on_site(site, url)
    assert REGISTRY[site].is_article_url(url) is (kind == "article")


@pytest.mark.parametrize(("site", "url"), [
    ("baoangiang", "https://cdn.baoangiang.com.vn/images/2021/01/anh-a41589.jpg"),
    ("hdnd-dienbien", "https://hdnd.dienbien.gov.vn/tin-tuc/print/be-mac-ky-hop-86.html"),
    ("laodong-congdoan", "https://laodong.vn/the-thao/bong-da-viet-nam-1163425.ldo"),
    ("congdoan-cantho", "https://congdoan.cantho.gov.vn/lien-he"),
])
def test_profiles_do_not_follow_other_sections_or_hosts(site: str, url: str) -> None:
    spider = NewsSpider(profiles=[REGISTRY[site]])
    assert not spider.on_site(site, canonical_url(url))


def test_every_profile_is_complete_data() -> None:
    kinds = {p.kind for p in REGISTRY.values()}
    assert kinds == {"union", "council", "newspaper"}
    for profile in REGISTRY.values():
        assert profile.start_urls and profile.allowed_domains  # patterns are optional: zero-config decides
        spider = NewsSpider(profiles=[profile])
        assert all(spider.link_kind(profile.name, canonical_url(u)) != "article" for u in profile.start_urls)
        assert all(spider.site_of(canonical_url(u)) == profile.name for u in profile.start_urls)
        # The article URL seen in published material is taken for one (unless it is a print view: the
        # hdnd-dongnai sample is, and print views are never fetched, their article is).
        if profile.sample_article_url and url_kind(profile.sample_article_url) != "print":
            assert spider.link_kind(profile.name, canonical_url(profile.sample_article_url)) == "article", profile.name


def test_a_site_is_its_host_and_port_or_its_domains_on_the_default_port() -> None:
    spider = NewsSpider(profiles=[REGISTRY["baoangiang"]])
    assert spider.site_of("https://www.baoangiang.com.vn/cong-doan.html") == "baoangiang"  # www. redirects
    assert spider.site_of("https://baoangiang.com.vn:443/cong-doan.html") == "baoangiang"
    assert spider.site_of("https://baoangiang.com.vn:8443/cong-doan.html") is None  # another port, another site
    assert spider.site_of("https://cdn.baoangiang.com.vn.evil.example/x.html") is None
    assert spider.site_of("https://baocantho.com.vn/cong-doan") is None
