"""Ranking, sorting, facets, timeline and more-like-this of SearchEngine, on a real index of articles
built so that exactly one thing differs between the pages compared."""
from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest

from archive.article import Article
from archive.search.engine import SearchEngine
from archive.search.index import rebuild_index, update_index
from archive.storage.store import Store
from archive.vietnamese.text import normalize
from tests.support import BROKEN_INPUTS, sample_article, syndicated

# Neutral words (none is queried below); each page gets them in its own order, so pages never look
# like copies of each other, yet every page has the same words and length.
FILLER = ["trong", "buổi", "làm", "việc", "các", "đại", "biểu", "đã", "trao", "đổi", "nhiều", "nội", "dung",
          "quan", "trọng", "về", "công", "tác", "năm", "nay", "tại", "hội", "trường", "tỉnh", "cùng", "lãnh",
          "đạo", "sở", "ngành"]


def page(key: str, title: str, words: str, published: str | None, site: str = "a", filler: int = 3) -> Article:
    rng = random.Random(key)
    body = FILLER * filler
    rng.shuffle(body)
    return Article(url=f"https://ex.vn/{key}.html", site=site, title=normalize(title), published=published,
                   text=normalize(f"{words} {' '.join(body)}."))


PAGES = [
    page("duong-exact", "Bản tin sáng", "con đường", "2020-03-01T08:00:00+07:00"),
    page("duong-folded", "Bản tin chiều", "chị dương", "2020-03-01T08:00:00+07:00"),
    page("title", "Hội thảo nghiệp vụ", "xanh", "2019-01-01"),
    page("body", "Hội nghị nghiệp vụ", "thảo", "2019-01-01"),
    page("adjacent", "Tin một", "bảo hiểm xanh", "2018-02-01"),
    page("apart", "Tin hai", "bảo xanh hiểm", "2018-02-01"),
    page("older", "Khen thưởng", "khen", "2017-05-01"),
    page("newer", "Khen thưởng", "khen", "2021-05-01"),
    page("mai-2015", "Mái nhà", "mái", "2015-01-10"),
    page("mai-2020", "Mái nhà", "mái", "2020-01-10"),
    page("mai-undated", "Mái nhà", "mái", None),
    page("tet-eve", "Giao thừa", "thừa", "2016-01-01T03:00:00+07:00", site="b"),  # 2015-12-31 in UTC
    page("summer", "Mùa hè", "thừa", "2015-06-01", site="b"),
    page("old", "Tin cũ", "cũ", "2012-04-26"),
]
KIEN_GIANG = sample_article("kien-giang-cham-lo-tet")
CAI_RANG = sample_article("cai-rang-chuong-trinh-tet-sum-vay")
DIEN_BIEN_DONG = sample_article("huyen-dien-bien-dong")
REAL = [Article(**{**KIEN_GIANG.to_dict(), "site": "b"}), Article(**{**CAI_RANG.to_dict(), "site": "a"}),
        Article(**{**DIEN_BIEN_DONG.to_dict(), "site": "b"}),
        syndicated(KIEN_GIANG, "https://laodong.vn/cong-doan/kien-giang.ldo", "a")]


def key(hit: dict) -> str:
    return Path(hit["url"]).stem


def build(data: Path, articles: list[Article]) -> Store:
    store = Store(data / "archive.sqlite3")
    store.upsert_site("a", "Liên đoàn Lao động A", "Cần Thơ", "union", "https://a.vn")
    store.upsert_site("b", "Báo B", "An Giang", "newspaper", "https://b.vn")
    with store.transaction():
        for article in articles:
            store.upsert_article(article)
    update_index(store, data)
    return store


def _opened(data: Path, articles: list[Article]):
    store = build(data, articles)
    engine = SearchEngine(data)
    yield store, engine
    engine.close()
    store.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    yield from _opened(tmp_path_factory.mktemp("ranking"), PAGES)


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory):
    """Real sample articles (and a syndicated copy) with the pages: for more-like-this and abbreviations."""
    yield from _opened(tmp_path_factory.mktemp("real"), PAGES + REAL)


def search(corpus, query: str, **kwargs) -> dict:
    store, engine = corpus
    return engine.search(store, query, limit=50, **kwargs)


def test_diacritics_typed_rank_exact_matches_first_both_ways(corpus) -> None:
    for query, exact, folded in (("đường", "duong-exact", "duong-folded"), ("dương", "duong-folded", "duong-exact")):
        hits = search(corpus, query)["hits"]
        assert [key(h) for h in hits] == [exact, folded]
        assert hits[0]["score"] > hits[1]["score"]


def test_query_without_diacritics_matches_every_variant_equally(corpus) -> None:
    hits = search(corpus, "duong")["hits"]
    assert {key(h) for h in hits} == {"duong-exact", "duong-folded"}
    assert hits[0]["score"] == hits[1]["score"]


def test_title_match_ranks_above_body_match(corpus) -> None:
    hits = search(corpus, "thảo")["hits"]
    assert [key(h) for h in hits] == ["title", "body"] and hits[0]["score"] > hits[1]["score"]


def test_adjacent_words_rank_above_scattered_ones(corpus) -> None:
    hits = search(corpus, "bảo hiểm")["hits"]
    assert [key(h) for h in hits] == ["adjacent", "apart"] and hits[0]["score"] > hits[1]["score"]


def test_recency_breaks_ties(corpus) -> None:
    hits = search(corpus, "khen")["hits"]
    assert [key(h) for h in hits] == ["newer", "older"] and hits[0]["score"] == hits[1]["score"]


def test_sort_newest_and_oldest_put_undated_last(corpus) -> None:
    assert [key(h) for h in search(corpus, "mái", sort="newest")["hits"]] == ["mai-2020", "mai-2015", "mai-undated"]
    assert [key(h) for h in search(corpus, "mái", sort="oldest")["hits"]] == ["mai-2015", "mai-2020", "mai-undated"]


def test_facets_count_the_matching_articles(corpus) -> None:
    facets = search(corpus, "thừa OR mái")["facets"]
    assert facets["site"] == {"a": 3, "b": 2}
    assert facets["province"] == {"cantho": 3, "angiang": 2}
    assert facets["kind"] == {"union": 3, "newspaper": 2}
    assert facets["year"] == {"2015": 2, "2016": 1, "2020": 1}  # the undated page has no year
    assert search(corpus, "thừa OR mái kind:newspaper")["facets"]["site"] == {"b": 2}


def test_local_vietnam_dates_decide_years_and_day_bounds(corpus) -> None:
    # Published 2016-01-01 03:00 in Vietnam, which is still 2015 in UTC: it belongs to 2016.
    assert [key(h) for h in search(corpus, "thừa year:2016")["hits"]] == ["tet-eve"]
    assert [key(h) for h in search(corpus, "thừa from:2016-01-01")["hits"]] == ["tet-eve"]
    assert [key(h) for h in search(corpus, "thừa to:2015-12-31")["hits"]] == ["summer"]
    assert [key(h) for h in search(corpus, "thừa", filters={"from": "2016-01-01", "to": "2016-01-01"})["hits"]] == [
        "tet-eve"]


def test_timeline_by_month_within_a_few_years(corpus) -> None:
    timeline = search(corpus, "thừa")["timeline"]
    assert timeline["unit"] == "month"
    periods = [b["period"] for b in timeline["buckets"]]
    assert periods == ["2015-06", "2015-07", "2015-08", "2015-09", "2015-10", "2015-11", "2015-12", "2016-01"]
    assert [b["count"] for b in timeline["buckets"]] == [1, 0, 0, 0, 0, 0, 0, 1]
    assert timeline["buckets"][-1] | {} == {"period": "2016-01", "count": 1, "from": "2016-01-01", "to": "2016-01-31"}
    assert search(corpus, "mái year:2019")["timeline"] == {"unit": "year", "buckets": []}


def test_timeline_by_year_over_a_longer_span(corpus) -> None:
    timeline = search(corpus, "mái OR cũ")["timeline"]
    assert timeline["unit"] == "year"
    assert [(b["period"], b["count"]) for b in timeline["buckets"]] == [
        ("2012", 1), ("2013", 0), ("2014", 0), ("2015", 1), ("2016", 0), ("2017", 0), ("2018", 0), ("2019", 0),
        ("2020", 1)]
    assert timeline["buckets"][0]["from"] == "2012-01-01" and timeline["buckets"][0]["to"] == "2012-12-31"


def test_more_like_this_finds_the_same_theme_but_not_itself_or_its_copies(real) -> None:
    store, engine = real
    original = store.id_for_url(KIEN_GIANG.url)
    similar = engine.more_like_this(store, original, limit=5)
    urls = [hit["url"] for hit in similar]
    assert KIEN_GIANG.url not in urls and "https://laodong.vn/cong-doan/kien-giang.ldo" not in urls
    assert urls[0] in {CAI_RANG.url, DIEN_BIEN_DONG.url}  # the other Tết-gift stories
    assert engine.more_like_this(store, 999_999) == []


def test_abbreviation_inside_a_phrase_matches_its_short_form(real) -> None:
    # Only the Điện Biên Đông story says "Tổng LĐLĐVN"; the full name finds it.
    assert [h["url"] for h in search(real, "Tổng Liên đoàn Lao động Việt Nam")["hits"]] == [DIEN_BIEN_DONG.url]
    assert [h["url"] for h in search(real, '"Tổng Liên đoàn Lao động Việt Nam"')["hits"]] == [DIEN_BIEN_DONG.url]


@pytest.mark.parametrize("query", BROKEN_INPUTS)
def test_broken_queries_return_results_not_exceptions(corpus, query) -> None:
    result = search(corpus, query)
    assert isinstance(result["total"], int) and isinstance(result["hits"], list)


def test_incremental_update_of_new_changed_and_deleted_articles(tmp_path: Path) -> None:
    store = build(tmp_path, PAGES[:4])
    engine = SearchEngine(tmp_path)
    try:
        assert search((store, engine), "")["articles"] == 4
        store.upsert_article(page("duong-exact", "Bản tin sáng", "con đường rạch miễu", "2020-03-01"))
        store.upsert_article(page("new", "Tin mới", "cầu", "2024-01-01"))
        store.delete_article(store.id_for_url("https://ex.vn/body.html"))
        assert update_index(store, tmp_path) == 2  # one changed, one new; the deleted one is dropped
        everything = search((store, engine), "")
        assert (everything["total"], everything["articles"]) == (4, 4)  # the old version is gone, not counted
        assert {key(h) for h in everything["hits"]} == {"duong-exact", "duong-folded", "title", "new"}
        assert [key(h) for h in search((store, engine), "rạch miễu")["hits"]] == ["duong-exact"]
        assert search((store, engine), "thảo")["articles"] == 1
        assert update_index(store, tmp_path) == 0
    finally:
        engine.close()
        store.close()


def test_searches_keep_working_while_the_index_is_rebuilt(tmp_path: Path) -> None:
    store = build(tmp_path, PAGES)
    engine = SearchEngine(tmp_path)
    errors: list[BaseException] = []

    def rebuild() -> None:
        try:
            with Store(tmp_path / "archive.sqlite3") as own:  # one SQLite connection per thread
                for _ in range(3):
                    rebuild_index(own, tmp_path)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)

    rebuilding = threading.Thread(target=rebuild)
    rebuilding.start()
    totals = []
    try:
        while rebuilding.is_alive() or len(totals) < 3:
            totals.append(search((store, engine), "mái OR thừa")["total"])
        rebuilding.join()
        assert errors == []
        assert set(totals) == {5}
        assert search((store, engine), "mái OR thừa")["total"] == 5
    finally:
        rebuilding.join()
        engine.close()
        store.close()
