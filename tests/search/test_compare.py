"""Compare on a real index: a query's timeline split by province then and now, kind and site."""
from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from archive.search.compare import OTHER, group_names, split_timeline, to_csv
from archive.search.engine import SearchEngine, SearchError
from archive.storage.store import Store
from tests.support import PROVINCE_ARTICLES, province_archive


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    data = tmp_path_factory.mktemp("compare")
    province_archive(data)
    store, engine = Store(data / "archive.sqlite3"), SearchEngine(data)
    yield store, engine
    engine.close()
    store.close()


def counts(result):
    return {group["value"]: dict(zip((p["period"] for p in result["periods"]), group["counts"], strict=True))
            for group in result["groups"]}


def test_split_by_unit_groups_the_merged_provinces(archive):
    _, engine = archive
    result = engine.compare("cong nhan", "unit")
    assert result["unit"] == "year" and result["articles"] == len(PROVINCE_ARTICLES) and result["undated"] == 1
    assert [(g["value"], g["total"]) for g in result["groups"]] == [("cantho", 8), ("", 1), ("hue", 1)]
    assert counts(result)["cantho"]["2025"] == 4 and counts(result)["cantho"]["2017"] == 0


def test_split_by_province_as_published(archive):
    _, engine = archive
    by_province = counts(engine.compare("cong nhan", "province"))
    assert by_province["haugiang"] == {**dict.fromkeys(map(str, range(2016, 2026)), 0), "2016": 1, "2020": 1}
    assert by_province["cantho"]["2025"] == 3  # its own, and Hậu Giang's and Sóc Trăng's after the handover
    assert by_province["soctrang"]["2025"] == 1


def test_filters_narrow_what_is_split_and_months_for_a_short_span(archive):
    _, engine = archive
    result = engine.compare("cong nhan", "kind", filters={"from": "2025-01-01"})
    assert result["unit"] == "month" and result["periods"][0]["period"] == "2025-07"
    assert counts(result)["newspaper"] == {"2025-07": 1, "2025-08": 1, "2025-09": 0}


def test_beyond_the_biggest_groups_the_rest_are_summed(archive):
    store, engine = archive
    snap = engine.snapshot()
    docs = np.flatnonzero(snap.table.live)
    result = split_timeline(snap.table, docs, "site", max_groups=2)
    assert [g["value"] for g in result["groups"]] == ["ldld-cantho", "ldld-haugiang", OTHER]
    assert result["groups"][-1]["total"] == 4  # Sóc Trăng 2, Huế 1, Lao Động 1 (dated)
    assert group_names("site", store.sites())[OTHER] == "Các nhóm khác"


def test_csv_has_a_row_per_period_and_a_column_per_group(archive):
    store, engine = archive
    result = engine.compare("cong nhan", "unit")
    rows = list(csv.reader(io.StringIO(to_csv(result, group_names("unit", store.sites())))))
    assert rows[0] == ["period", "from", "to", "Cần Thơ", "Không rõ", "Huế"]
    assert rows[1] == ["2016", "2016-01-01", "2016-12-31", "2", "0", "0"]
    assert len(rows) == 1 + len(result["periods"])
    assert sum(int(cell) for row in rows[1:] for cell in row[3:]) == result["articles"] - result["undated"]


def test_an_unknown_grouping_is_a_search_error(archive):
    _, engine = archive
    with pytest.raises(SearchError):
        engine.compare("cong nhan", "colour")
