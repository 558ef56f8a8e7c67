"""Index + search end to end on a real store and a real Whoosh index."""
from __future__ import annotations

from pathlib import Path

import pytest

from archive.article import Article
from archive.search.engine import SearchEngine, SearchError
from archive.search.index import rebuild_index, update_index
from archive.search.schema import index_dir
from archive.storage.store import Store
from archive.vietnamese.text import normalize

FILLER = "Trong buổi làm việc các đại biểu đã trao đổi nhiều nội dung quan trọng về công tác năm nay."

ARTICLES = [
    # key, site, published, title, text
    ("duong1", "ldld-cantho", "2021-03-01T09:00:00+07:00", "Sửa đường cho công nhân",
     "Công đoàn hỗ trợ sửa con đường vào khu trọ. " + FILLER),
    ("duong2", "ldld-cantho", "2022-05-10T09:00:00+07:00", "Chị Dương nhận quà",
     "Chị Dương, công nhân may, nhận quà tết. " + FILLER),
    ("hoa1", "ldld-hanoi", "2020-01-15T09:00:00+07:00", "Hòa giải tranh chấp",
     "Tổ hòa giải cơ sở làm việc hiệu quả. " + FILLER),
    ("hoa2", "ldld-hanoi", "2023-07-20T09:00:00+07:00", "Hoà nhập cộng đồng",
     "Người khuyết tật hoà nhập tốt. " + FILLER),
    ("hdnd", "ldld-hanoi", "2019-11-02T09:00:00+07:00", "Kỳ họp thứ mười",
     "Kỳ họp HĐND thành phố thông qua nghị quyết. " + FILLER),
    ("hoidong", "ldld-cantho", "2024-02-03T09:00:00+07:00", "Giám sát chính sách",
     "Hội đồng nhân dân tỉnh giám sát chính sách. " + FILLER),
]
URL = "https://ex.vn/{}.html"
HIT_KEYS = {"id", "url", "title", "published", "site", "author", "snippet", "score", "also_published_on"}


def article(key, site, published, title, text, **changes):
    fields = dict(url=URL.format(key), site=site, published=published, title=normalize(title),
                  text=normalize(text), author="Phóng viên")
    fields.update(changes)
    return Article(**fields)


@pytest.fixture
def setup(tmp_path):
    store = Store(tmp_path / "archive.sqlite")
    store.upsert_site("ldld-cantho", "LĐLĐ Cần Thơ", "Cần Thơ", "provincial", "https://ct.vn")
    store.upsert_site("ldld-hanoi", "LĐLĐ Hà Nội", "Hà Nội", "city", "https://hn.vn")
    with store.transaction():
        for row in ARTICLES:
            assert store.upsert_article(article(*row)) == "new"
    assert update_index(store, tmp_path) == len(ARTICLES)
    engine = SearchEngine(tmp_path)
    yield store, engine, tmp_path
    engine.close()
    store.close()


def urls(result) -> list[str]:
    return [hit["url"] for hit in result["hits"]]


def keys(result) -> set[str]:
    return {Path(u).stem for u in urls(result)}


def test_old_tone_is_normalized_in_store(setup):
    store, _, _ = setup
    stored = store.get(store.id_for_url(URL.format("hoa2")))
    assert "hòa nhập" in stored["text"] and "hoà" not in stored["text"]


def test_accentless_query_finds_both_variants(setup):
    store, engine, _ = setup
    result = engine.search(store, "duong")
    assert keys(result) == {"duong1", "duong2"}
    assert result["total"] == 2


def test_accented_query_ranks_exact_first(setup):
    store, engine, _ = setup
    result = engine.search(store, "đường")
    assert urls(result)[0] == URL.format("duong1")
    assert keys(result) == {"duong1", "duong2"}
    assert result["hits"][0]["score"] > result["hits"][1]["score"]
    result = engine.search(store, "Dương")
    assert urls(result)[0] == URL.format("duong2")


@pytest.mark.parametrize("query", ["hoà", "hòa", "hoa", "HOÀ"])
def test_tone_placement_variants_find_both(setup, query):
    store, engine, _ = setup
    assert keys(engine.search(store, query)) == {"hoa1", "hoa2"}


def test_full_form_finds_abbreviation(setup):
    store, engine, _ = setup
    assert keys(engine.search(store, "Hội đồng nhân dân")) == {"hdnd", "hoidong"}
    assert keys(engine.search(store, '"hoi dong nhan dan"')) == {"hdnd", "hoidong"}
    assert keys(engine.search(store, "HĐND")) == {"hdnd", "hoidong"}
    assert keys(engine.search(store, "hdnd")) == {"hdnd", "hoidong"}


def test_site_filter_in_query_and_argument(setup):
    store, engine, _ = setup
    assert keys(engine.search(store, "site:ldld-hanoi")) == {"hoa1", "hoa2", "hdnd"}
    assert keys(engine.search(store, "hội site:ldld-cantho")) == {"hoidong"}
    assert keys(engine.search(store, "công", filters={"site": "ldld-cantho"})) == {"duong1", "duong2", "hoidong"}
    assert keys(engine.search(store, "province:Cần Thơ".replace(" ", ""))) == {"duong1", "duong2", "hoidong"}
    assert keys(engine.search(store, "kind:city")) == {"hoa1", "hoa2", "hdnd"}
    assert keys(engine.search(store, "year:2021")) == {"duong1"}


def test_date_range_filter(setup):
    store, engine, _ = setup
    result = engine.search(store, "from:2021-01-01 to:2022-12-31")
    assert urls(result) == [URL.format("duong2"), URL.format("duong1")]  # no words: newest first
    assert keys(engine.search(store, "from:2023-07-20")) == {"hoa2", "hoidong"}
    assert keys(engine.search(store, "to:2019-11-02")) == {"hdnd"}  # the whole local day counts


@pytest.mark.parametrize("query", ["", "site:ldld-hanoi", "from:2021-01-01 to:2022-12-31"])
def test_oldest_sort_honoured_without_words(setup, query):
    store, engine, _ = setup
    result = engine.search(store, query, sort="oldest")
    published = [hit["published"] for hit in result["hits"]]
    assert len(published) >= 2
    assert published == sorted(published)


def test_exclusion_and_or(setup):
    store, engine, _ = setup
    assert keys(engine.search(store, "duong -quà")) == {"duong1"}
    assert keys(engine.search(store, "HĐND OR khuyết")) == {"hdnd", "hoidong", "hoa2"}


def test_sort_newest_and_oldest(setup):
    store, engine, _ = setup
    by_date = [row[0] for row in sorted(ARTICLES, key=lambda r: r[2])]
    newest = engine.search(store, "đại biểu", sort="newest", limit=10)
    assert [Path(u).stem for u in urls(newest)] == by_date[::-1]
    oldest = engine.search(store, "đại biểu", sort="oldest", limit=10)
    assert [Path(u).stem for u in urls(oldest)] == by_date
    # an empty query lists everything, newest first
    assert [Path(u).stem for u in urls(engine.search(store, ""))] == by_date[::-1]


def test_paging(setup):
    store, engine, _ = setup
    first = engine.search(store, "", limit=4, page=1)
    second = engine.search(store, "", limit=4, page=2)
    assert first["total"] == second["total"] == 6
    assert len(first["hits"]) == 4 and len(second["hits"]) == 2
    assert not set(urls(first)) & set(urls(second))
    assert second["page"] == 2


def test_facets_counts(setup):
    store, engine, _ = setup
    facets = engine.search(store, "")["facets"]
    assert facets["site"] == {"ldld-cantho": 3, "ldld-hanoi": 3}
    assert facets["province"] == {"cantho": 3, "hanoi": 3}
    assert facets["kind"] == {"city": 3, "provincial": 3}
    assert facets["year"] == {str(y): 1 for y in (2019, 2020, 2021, 2022, 2023, 2024)}
    filtered = engine.search(store, "duong")["facets"]
    assert filtered["site"] == {"ldld-cantho": 2}
    assert filtered["year"] == {"2021": 1, "2022": 1}


def test_json_contract(setup):
    store, engine, _ = setup
    result = engine.search(store, "đường")
    assert set(result) == {"query", "total", "articles", "page", "hits", "facets", "timeline", "did_you_mean",
                           "filters", "warnings", "took_ms"}
    assert result["query"] == "đường" and result["page"] == 1
    assert isinstance(result["took_ms"], float)
    assert set(result["facets"]) == {"site", "province", "unit", "kind", "author", "year", "person", "org", "place"}
    assert result["facets"]["author"] == {"Phóng viên": 2} and result["warnings"] == []
    hit = result["hits"][0]
    assert set(hit) == HIT_KEYS
    stored = store.get(store.id_for_url(URL.format("duong1")))
    assert hit["id"] == stored["id"]
    assert hit["title"] == "Sửa đường cho công nhân"
    assert hit["published"] == "2021-03-01T09:00:00+07:00"
    assert hit["site"] == "ldld-cantho" and hit["author"] == "Phóng viên"
    assert "<mark>đường</mark>" in hit["snippet"]
    assert isinstance(hit["score"], float)


def test_bad_arguments_raise_search_error(setup):
    store, engine, _ = setup
    for kwargs in ({"sort": "random"}, {"limit": 0}, {"limit": 101}, {"page": 0}, {"page": 501}):
        with pytest.raises(SearchError):
            engine.search(store, "a", **kwargs)


@pytest.mark.parametrize("query", ['"unbalanced', "-", "OR", "\x00", "x" * 10_000, "site:", "from:zz"])
def test_broken_queries_search_without_error(setup, query):
    store, engine, _ = setup
    result = engine.search(store, query)
    assert isinstance(result["total"], int)


def test_update_index_is_incremental(setup):
    store, engine, data_dir = setup
    assert update_index(store, data_dir) == 0
    row = ARTICLES[0]
    status = store.upsert_article(article(*row[:4], row[4] + " Thêm đoạn về cầu Rạch Miễu."))
    assert status == "changed"
    assert store.upsert_article(article(*ARTICLES[1])) == "unchanged"
    assert update_index(store, data_dir) == 1
    assert update_index(store, data_dir) == 0
    result = engine.search(store, "rạch miễu")
    assert keys(result) == {"duong1"}
    # replaced, not duplicated
    assert engine.search(store, "")["total"] == len(ARTICLES)
    store.upsert_article(article("moi", "ldld-hanoi", "2025-01-01T08:00:00+07:00", "Bài mới", "Nội dung mới."))
    assert update_index(store, data_dir) == 1
    assert engine.search(store, "")["total"] == len(ARTICLES) + 1


def test_rebuild_swaps_symlink(setup):
    store, engine, data_dir = setup
    link = index_dir(data_dir)
    assert link.is_symlink()
    before = link.resolve()
    assert keys(engine.search(store, "duong")) == {"duong1", "duong2"}
    assert rebuild_index(store, data_dir) == len(ARTICLES)
    assert link.is_symlink()
    after = link.resolve()
    assert after != before
    assert not before.exists()  # the old index is removed
    assert after.parent == data_dir.resolve() and after.name.startswith("index-")
    assert [p.name for p in data_dir.iterdir() if p.name.startswith(".index-link")] == []
    # the same engine follows the swap
    assert keys(engine.search(store, "duong")) == {"duong1", "duong2"}
    assert store.count_unindexed() == 0
    # and a fresh engine too
    fresh = SearchEngine(data_dir)
    try:
        assert fresh.search(store, "")["total"] == len(ARTICLES)
    finally:
        fresh.close()


def test_rebuild_replaces_plain_directory_index(tmp_path):
    store = Store(tmp_path / "a.sqlite")
    try:
        store.upsert_article(article(*ARTICLES[0]))
        (tmp_path / "index").mkdir()
        (tmp_path / "index" / "junk").write_text("old")
        assert rebuild_index(store, tmp_path) == 1
        assert (tmp_path / "index").is_symlink()
        engine = SearchEngine(tmp_path)
        assert keys(engine.search(store, "đường")) == {"duong1"}
        engine.close()
    finally:
        store.close()


def test_search_without_index_raises(tmp_path):
    store = Store(tmp_path / "a.sqlite")
    try:
        with pytest.raises(FileNotFoundError):
            SearchEngine(tmp_path).search(store, "a")
    finally:
        store.close()
