"""Filters that speak: every value is checked, a bad one is reported (with what would work), never
silently applied or silently ignored."""
from __future__ import annotations

import pytest

from archive.article import Article
from archive.search.engine import SearchEngine, SearchError
from archive.search.filters import FILTERS, Known, resolve
from archive.search.index import update_index
from archive.search.query import parse
from archive.storage.store import Store
from archive.vietnamese.text import normalize

KNOWN = Known(sites={"baoangiang": "Báo An Giang", "hdnd-dienbien": "HĐND tỉnh Điện Biên"},
              provinces={"angiang": "An Giang", "dienbien": "Điện Biên", "thuathienhue": "Thừa Thiên Huế"},
              kinds=["newspaper", "council", "union"], years=(2012, 2025))


@pytest.mark.parametrize(("filters", "applied"), [
    ({"site": "baoangiang"}, {"site": "baoangiang"}),
    ({"site": "Báo An Giang"}, {"site": "baoangiang"}),  # the site's title, as the page shows it
    ({"province": "an giang"}, {"province": "angiang"}),
    ({"province": "TT-Huế"}, {"province": "thuathienhue"}),  # an alias of the province
    ({"kind": "báo"}, {"kind": "newspaper"}),
    ({"kind": "hđnd"}, {"kind": "council"}),
    ({"kind": "công-đoàn"}, {"kind": "union"}),
    ({"kind": "cong doan"}, {"kind": "union"}),
    ({"year": "2020"}, {"year": "2020"}),
    ({"from": "2020-01-01", "to": "2020-01-01"}, {"from": "2020-01-01", "to": "2020-01-01"}),
])
def test_values_as_people_write_them_are_understood(filters, applied) -> None:
    resolved = resolve(filters, KNOWN)
    assert resolved.applied == applied and resolved.warnings == []


@pytest.mark.parametrize(("filters", "says"), [
    ({"site": "baoangiag"}, "site:baoangiang"),
    ({"site": '"Báo An Giag"'}, "site:baoangiang"),
    ({"province": "an giag"}, 'province:"An Giang"'),
    ({"kind": "bao chi x"}, "kind:"),
    ({"from": "2020-13-45"}, "năm-tháng-ngày"),
    ({"from": "yesterday"}, "năm-tháng-ngày"),
    ({"year": "20x0"}, "bốn chữ số"),
    ({"year": "1990"}, "từ năm 2012 đến năm 2025"),
])
def test_bad_values_are_warnings_naming_what_would_work(filters, says) -> None:
    resolved = resolve(filters, KNOWN)
    assert resolved.applied == {}
    [warning] = resolved.warnings
    assert says in warning and f"{next(iter(filters))}:" in warning


def test_start_after_end_is_an_error_not_zero_results() -> None:
    with pytest.raises(ValueError, match="after"):
        resolve({"from": "2021-01-01", "to": "2020-01-01"}, KNOWN)


def test_multi_word_province_needs_no_quotes() -> None:
    parsed = parse("province:an giang công nhân kind:báo")
    assert parsed.filters == {"province": "an giang", "kind": "báo"}
    assert parsed.terms == ["công", "nhân"]
    assert parse("province:ba ria vung tau mái ấm").filters == {"province": "ba ria vung tau"}
    assert parse('province:"Điện Biên" giang').filters == {"province": "Điện Biên"}
    assert parse("province:dienbien giang").terms == ["giang"]  # a name already whole takes no more words


def test_every_filter_of_the_table_is_parsed_from_the_query() -> None:
    for name in FILTERS:
        assert name in parse(f"{name}:x công").filters


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("filters")
    store = Store(data / "archive.sqlite3")
    store.upsert_site("baoangiang", "Báo An Giang", "An Giang", "newspaper", "https://baoangiang.vn")
    for n, (published, text) in enumerate([("2020-05-01", "Công nhân nhận quà"), ("2021-05-01", "Công nhân họp")]):
        store.upsert_article(Article(url=f"https://baoangiang.vn/{n}.html", site="baoangiang", title=f"Tin {n}",
                                     text=normalize(text), published=published))
    update_index(store, data)
    engine = SearchEngine(data)
    yield store, engine
    engine.close()
    store.close()


def test_engine_reports_warnings_and_applies_only_what_it_understood(engine) -> None:
    store, search = engine
    result = search.search(store, "công nhân site:baoangiag from:2021-01-01")
    assert result["filters"] == {"from": "2021-01-01"}
    assert result["total"] == 1
    assert len(result["warnings"]) == 1 and "site:baoangiang" in result["warnings"][0]
    assert search.search(store, "công nhân", filters={"kind": "báo"})["total"] == 2
    with pytest.raises(SearchError, match="from:2021-01-01 is after to:2020-12-31"):
        search.search(store, "công nhân from:2021-01-01 to:2020-12-31")


def test_unquoted_province_and_vietnamese_kind_filter_the_search(engine) -> None:
    store, search = engine
    result = search.search(store, "province:an giang công nhân kind:báo")
    assert result["filters"] == {"province": "angiang", "kind": "newspaper"} and result["total"] == 2
