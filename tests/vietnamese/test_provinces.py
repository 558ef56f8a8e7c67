"""The 2025 merger table: every spelling finds its province, every old province its 2025 unit."""
from __future__ import annotations

from datetime import date

import pytest

from archive.vietnamese import provinces


def test_63_provinces_go_into_34_units_each_exactly_once():
    old = provinces.provinces()
    new = provinces.units()
    assert (len(old), len(new)) == (63, 34)
    members = [m for unit in new for m in unit.members]
    assert sorted(members) == sorted(p.name for p in old)
    assert all(provinces.unit_of(p.name) in {u.name for u in new} for p in old)
    # a merged unit keeps the name of one of its members, listed first
    assert all(unit.members[0] == unit.name for unit in new)


@pytest.mark.parametrize("spelling, province, unit", [
    ("Huế", "Huế", "Huế"),
    ("TT-Huế", "Huế", "Huế"),
    ("Thừa Thiên Huế", "Huế", "Huế"),
    ("thua thien hue", "Huế", "Huế"),
    ("tỉnh Hậu Giang", "Hậu Giang", "Cần Thơ"),
    ("HAU GIANG", "Hậu Giang", "Cần Thơ"),
    ("thành phố Cần Thơ", "Cần Thơ", "Cần Thơ"),
    ("TP.HCM", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("TP. Hồ Chí Minh", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("Sài Gòn", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("BR-VT", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("Thanh Hoá", "Thanh Hóa", "Thanh Hóa"),  # old tone placement
    ("Đăk Lăk", "Đắk Lắk", "Đắk Lắk"),
    ("Kontum", "Kon Tum", "Quảng Ngãi"),
    ("Quảng Nam", "Quảng Nam", "Đà Nẵng"),
    ("Hà Giang", "Hà Giang", "Tuyên Quang"),
])
def test_any_spelling_finds_the_province_and_its_unit(spelling, province, unit):
    assert provinces.canonical_province(spelling) == province
    assert provinces.unit_of(spelling) == unit


@pytest.mark.parametrize("name", ["", None, "Hà", "Lao Động", "Tiền", "tp", "Việt Nam"])
def test_what_is_no_province_resolves_to_nothing(name):
    assert provinces.find_province(name) is None
    assert provinces.find_unit(name) is None
    assert provinces.members_of(name) == ()


def test_a_unit_groups_its_old_provinces_whichever_member_is_named():
    assert provinces.members_of("Cần Thơ") == ("Cần Thơ", "Sóc Trăng", "Hậu Giang")
    assert provinces.members_of("soc trang") == ("Cần Thơ", "Sóc Trăng", "Hậu Giang")
    assert provinces.find_unit("Huế").members == ("Huế",)


def test_every_alias_and_name_has_one_meaning():
    seen: dict[str, str] = {}
    for province in provinces.provinces():
        for spelling in (province.name, *province.aliases):
            key = provinces.name_key(spelling)
            assert seen.setdefault(key, province.name) == province.name, spelling


def test_province_as_published_turns_into_the_unit_on_the_merger_day():
    assert provinces.merger_date() == date(2025, 7, 1)
    assert provinces.province_as_published("Hậu Giang", "2025-06-30T23:59:00+07:00") == "Hậu Giang"
    assert provinces.province_as_published("Hậu Giang", "2025-07-01") == "Cần Thơ"
    assert provinces.province_as_published("tỉnh Hậu Giang", date(2026, 1, 5)) == "Cần Thơ"
    assert provinces.province_as_published("Hậu Giang", None) == "Hậu Giang"  # undated: the site's own


def test_a_known_handover_date_wins_over_the_merger_date():
    assert provinces.province_as_published("Quảng Nam", "2025-05-02", changed_hands="2025-05-01") == "Đà Nẵng"
    assert provinces.province_as_published("Quảng Nam", "2025-04-30", changed_hands="2025-05-01") == "Quảng Nam"


def test_what_is_no_province_is_published_as_it_is():
    assert provinces.province_as_published("", "2024-01-01") is None
    assert provinces.province_as_published("Toàn quốc", "2026-01-01") == "Toàn quốc"
