"""The registry: the bundled real sites, with the data dir's own registry merged over them."""
from __future__ import annotations

from archive.sites import REGISTRY, SiteProfile, add_user_site, load_registry, profile_for_url, remove_user_site

BUNDLED = load_registry()


def test_the_bundled_registry_holds_the_real_sites_seen_with_province_then_and_now():
    seen = [p for p in BUNDLED.values() if p.status == "not yet crawled from here"]
    assert len(seen) >= 63
    assert {p.kind for p in seen} == {"union", "council", "newspaper"}
    then_now = {name: (BUNDLED[name].province, BUNDLED[name].unit) for name in
                ("congdoanquangnam", "ldld-quangbinh", "baohagiang", "baokiengiang", "hdnd-thuathienhue", "nld")}
    assert then_now == {"congdoanquangnam": ("Quảng Nam", "Đà Nẵng"), "ldld-quangbinh": ("Quảng Bình", "Quảng Trị"),
                        "baohagiang": ("Hà Giang", "Tuyên Quang"), "baokiengiang": ("Kiên Giang", "An Giang"),
                        "hdnd-thuathienhue": ("Huế", "Huế"), "nld": ("Hồ Chí Minh", "Hồ Chí Minh")}
    assert all(p.unit for p in seen if p.province)  # every province is one of the 63
    assert BUNDLED["ldld-quangbinh"].platform.startswith("3CMS")


def test_a_council_under_a_provincial_portal_is_told_from_the_portal():
    assert profile_for_url("https://vphdnd.bacninh.gov.vn/trang-chu", BUNDLED).name == "vphdnd-bacninh"
    assert profile_for_url("https://bacninh.gov.vn/web/hdnd-tinh-bac-ninh/tin", BUNDLED).name == "hdnd-bacninh"


def test_the_users_sites_are_merged_over_the_bundled_ones(tmp_path):
    own = SiteProfile(name="ldld-haugiang", title="LĐLĐ tỉnh Hậu Giang", province="Hậu Giang", kind="union",
                      start_urls=["https://ldld.haugiang.gov.vn/"], allowed_domains=["ldld.haugiang.gov.vn"])
    add_user_site(tmp_path, own)
    add_user_site(tmp_path, SiteProfile(name="baocantho", title="Báo Cần Thơ (mới)", province="Cần Thơ",
                                        kind="newspaper", start_urls=["https://baocantho.com.vn/"],
                                        allowed_domains=["baocantho.com.vn"]))
    merged = load_registry(tmp_path)
    assert merged["ldld-haugiang"] == own and merged["ldld-haugiang"].unit == "Cần Thơ"
    assert merged["baocantho"].title == "Báo Cần Thơ (mới)"  # the user's profile replaces the bundled one
    assert len(merged) == len(BUNDLED) + 1
    assert load_registry() == BUNDLED  # the bundled file is never written
    assert REGISTRY.read_text(encoding="utf-8").count('"name"') == len(BUNDLED)


def test_removing_hides_a_bundled_site_and_drops_an_own_one(tmp_path):
    add_user_site(tmp_path, SiteProfile(name="mine", start_urls=["https://mine.vn/"], allowed_domains=["mine.vn"]))
    assert remove_user_site(tmp_path, "mine") and remove_user_site(tmp_path, "baocamau")
    assert not remove_user_site(tmp_path, "baocamau") and not remove_user_site(tmp_path, "never-there")
    merged = load_registry(tmp_path)
    assert "mine" not in merged and "baocamau" not in merged and len(merged) == len(BUNDLED) - 1
    add_user_site(tmp_path, BUNDLED["baocamau"])  # adding it again brings it back
    assert load_registry(tmp_path)["baocamau"] == BUNDLED["baocamau"]
