"""Coverage over a real store: counts per site and period, gaps, undated articles, crawl facts."""
from __future__ import annotations

import pytest

from archive.storage.coverage_grid import coverage
from archive.storage.store import Store
from tests.support import province_archive


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    data = tmp_path_factory.mktemp("coverage")
    province_archive(data)
    with Store(data / "archive.sqlite3") as opened:
        yield opened


def sites(report):
    return {site["name"]: site for site in report["sites"]}


def test_sites_by_year_with_the_gaps_between_active_years(store):
    report = coverage(store)
    assert report["unit"] == "year" and [p["period"] for p in report["periods"]] == [str(y) for y in range(2016, 2026)]
    assert report["periods"][0] == {"period": "2016", "from": "2016-01-01", "to": "2016-12-31"}
    haugiang = sites(report)["ldld-haugiang"]
    assert haugiang["counts"] == {"2016": 1, "2017": 0, "2018": 0, "2019": 0, "2020": 1, "2021": 0, "2022": 0,
                                  "2023": 0, "2024": 0, "2025": 1}
    assert haugiang["gaps"] == ["2017", "2018", "2019", "2021", "2022", "2023", "2024"]
    assert (haugiang["province"], haugiang["unit"], haugiang["kind"]) == ("Hậu Giang", "Cần Thơ", "union")
    assert sites(report)["hdnd-hue"]["counts"] == {"2019": 1} and sites(report)["hdnd-hue"]["gaps"] == []


def test_undated_articles_are_counted_apart(store):
    laodong = sites(coverage(store))["laodong"]
    assert (laodong["articles"], laodong["undated"], laodong["counts"], laodong["unit"]) == (2, 1, {"2021": 1}, None)


def test_one_year_by_month_keeps_the_sites_span(store):
    report = coverage(store, 2025)
    assert report["unit"] == "month" and len(report["periods"]) == 12
    assert report["periods"][1] == {"period": "2025-02", "from": "2025-02-01", "to": "2025-02-28"}
    soctrang, cantho = sites(report)["bao-soctrang"], sites(report)["ldld-cantho"]
    assert soctrang["counts"] == {"2025-07": 1, "2025-08": 1} and soctrang["gaps"] == []
    assert cantho["counts"]["2025-09"] == 1 and "2025-10" not in cantho["counts"]  # after its last article
    assert cantho["gaps"] == [f"2025-{m:02d}" for m in range(1, 9)]  # active before 2025 and after
    assert sites(report)["hdnd-hue"]["counts"] == {}  # nothing in 2025, outside its span


def test_crawl_facts_say_whether_the_last_crawl_walked_the_whole_site(tmp_path):
    province_archive(tmp_path)
    store = Store(tmp_path / "archive.sqlite3")
    assert sites(coverage(store))["ldld-cantho"]["backfill_complete"] is None  # never crawled
    run = store.start_run()
    for site in ("ldld-cantho", "ldld-haugiang"):
        store.begin_site_crawl(site, run)
    store.end_site_crawl("ldld-cantho", run, complete=True)
    store.end_site_crawl("ldld-haugiang", run, complete=False)  # cut short: budget, kill, errors
    report = sites(coverage(store))
    assert report["ldld-cantho"]["backfill_complete"] is True and report["ldld-cantho"]["last_crawl"]
    assert report["ldld-haugiang"]["backfill_complete"] is False
    assert report["hdnd-hue"]["last_crawl"] is None
    store.close()
