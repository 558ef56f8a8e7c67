"""Provinces then and now through a real store and index: province as published, the 2025 unit."""
from __future__ import annotations

import json

import pytest

from archive.search.engine import SearchEngine
from archive.storage.store import Store
from tests.support import province_archive, run_cli


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    data = tmp_path_factory.mktemp("provinces")
    province_archive(data)
    store, engine = Store(data / "archive.sqlite3"), SearchEngine(data)
    yield data, store, engine
    engine.close()
    store.close()


def found(archive, query: str, **filters: str) -> list[tuple[str, str | None]]:
    _, store, engine = archive
    result = engine.search(store, query, limit=50, sort="oldest", filters=filters)
    return [(hit["site"], hit["published"]) for hit in result["hits"]]


def test_province_finds_what_its_own_sites_published_before_the_merger(archive):
    assert found(archive, 'cong nhan province:"Hậu Giang"') == [("ldld-haugiang", "2016-06-01"),
                                                                 ("ldld-haugiang", "2020-01-05")]


def test_after_the_merger_a_site_publishes_in_its_2025_unit(archive):
    assert found(archive, "cong nhan", province="Cần Thơ") == [
        ("ldld-cantho", "2016-05-01"), ("ldld-cantho", "2018-03-02T08:00:00+07:00"),
        ("ldld-haugiang", "2025-07-15"), ("bao-soctrang", "2025-08-02"), ("ldld-cantho", "2025-09-01")]


def test_a_site_that_changed_hands_later_keeps_its_province_until_then(archive):
    assert found(archive, "cong nhan", province="soc trang") == [("bao-soctrang", "2025-07-20")]


@pytest.mark.parametrize("name", ["Cần Thơ", "can tho", "Hậu Giang", "thành phố Cần Thơ", "Sóc Trăng"])
def test_unit_groups_the_old_provinces_of_the_2025_unit(archive, name):
    sites = [site for site, _ in found(archive, f'cong nhan unit:"{name}"')]
    assert sorted(sites) == sorted(["ldld-cantho"] * 3 + ["ldld-haugiang"] * 3 + ["bao-soctrang"] * 2)


@pytest.mark.parametrize("alias", ["TT-Huế", "Thừa Thiên Huế", "Thừa Thiên-Huế", "hue"])
def test_aliases_name_the_same_province(archive, alias):
    assert found(archive, f'cong nhan province:"{alias}"') == [("hdnd-hue", "2019-04-04")]
    assert found(archive, "cong nhan", unit=alias) == [("hdnd-hue", "2019-04-04")]


def test_facets_show_the_province_as_published_and_the_unit(archive):
    _, store, engine = archive
    facets = engine.search(store, "cong nhan")["facets"]
    assert facets["province"] == {"cantho": 5, "haugiang": 2, "hue": 1, "soctrang": 1}
    assert facets["unit"] == {"cantho": 8, "hue": 1}


@pytest.mark.e2e
def test_the_cli_filters_by_unit(archive):
    data, _, _ = archive
    result = json.loads(run_cli("search", 'cong nhan unit:"Hậu Giang"', "--json", "--limit", "50", data=data).stdout)
    assert result["total"] == 8
    assert result["facets"]["unit"] == {"cantho": 8}
