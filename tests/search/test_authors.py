"""Authors: bylines indexed folded and exact, the author: filter, a small weight in plain queries,
the author facet, and names as words did-you-mean knows."""
from __future__ import annotations

from pathlib import Path

import pytest

from archive.article import Article
from archive.search.engine import SearchEngine
from archive.search.index import update_index
from archive.storage.store import Store
from archive.vietnamese.text import normalize

PAGES = [  # key, author, text
    ("thua-1", "Văn Thừa", "Công nhân nhận quà Tết."),
    ("thua-2", "Văn Thừa", "Hội nghị tổng kết công tác."),
    ("thua-other-tone", "Văn Thưa", "Công nhân tan ca."),
    ("thua-in-text", "Ngọc Trâm", "Phóng viên Văn Thừa ghi nhận công nhân tan ca."),
    ("nobody", None, "Công nhân nhận quà."),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("authors")
    store = Store(data / "archive.sqlite3")
    store.upsert_site("a", "Báo A", "Cần Thơ", "newspaper", "https://a.vn")
    for n, (key, author, text) in enumerate(PAGES):
        store.upsert_article(Article(url=f"https://a.vn/{key}.html", site="a", title=f"Tin {n}", author=author,
                                     text=normalize(text), published=f"2024-01-0{n + 1}"))
    update_index(store, data)
    engine = SearchEngine(data)
    yield store, engine
    engine.close()
    store.close()


def keys(result: dict) -> list[str]:
    return [Path(hit["url"]).stem for hit in result["hits"]]


def test_author_filter_typed_with_diacritics_is_exact(corpus) -> None:
    store, engine = corpus
    assert set(keys(engine.search(store, 'author:"Văn Thừa"'))) == {"thua-1", "thua-2"}
    assert keys(engine.search(store, "công nhân", filters={"author": "Văn Thừa"})) == ["thua-1"]


def test_author_filter_without_diacritics_finds_every_spelling(corpus) -> None:
    store, engine = corpus
    assert set(keys(engine.search(store, 'author:"van thua"'))) == {"thua-1", "thua-2", "thua-other-tone"}
    assert keys(engine.search(store, "author:thừa")) == keys(engine.search(store, 'author:"Văn Thừa"'))


def test_plain_query_matches_bylines_with_less_weight_than_text(corpus) -> None:
    store, engine = corpus
    found = keys(engine.search(store, "Văn Thừa"))
    assert found[0] == "thua-in-text"  # the name in the text counts more than the byline
    assert set(found) == {"thua-in-text", "thua-1", "thua-2", "thua-other-tone"}


def test_author_facet_counts_bylines_of_the_matches(corpus) -> None:
    store, engine = corpus
    facet = engine.search(store, "công nhân")["facets"]["author"]
    assert facet == {"Ngọc Trâm": 1, "Văn Thưa": 1, "Văn Thừa": 1}


def test_author_names_are_known_words(corpus) -> None:
    store, engine = corpus
    assert engine.search(store, "Văn Thừa")["did_you_mean"] is None
    assert engine.search(store, "Văn Thừaa")["did_you_mean"] == "Văn Thừa"
