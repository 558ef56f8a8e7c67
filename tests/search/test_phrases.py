"""Quoted phrases are exact: those words, side by side, in that order, however long, on a real index.

Each page holds every pair (or triple) of a phrase, and only some hold the phrase itself: the ones
that do not are the false matches that pairs alone would let through.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from archive.article import Article
from archive.search.engine import SearchEngine
from archive.search.index import update_index
from archive.search.whoosh.sequences import Sequences
from archive.storage.store import Store
from archive.vietnamese.text import normalize

PAGES = {
    # "lao động với": its pairs apart ("lao động" ... "động với") on the "pairs-apart" page
    "three": ("Tin một", "Người lao động với công đoàn cơ sở."),
    "pairs-apart": ("Tin hai", "Người lao động nhận quà. Vận động với doanh nghiệp."),
    # four words: every triple of "đại hội công đoàn cơ" present on "triples-apart", never all four in a row
    "four": ("Tin ba", "Tỉnh tổ chức đại hội công đoàn cơ sở điểm."),
    "triples-apart": ("Tin bốn", "Chuẩn bị đại hội công đoàn huyện. Các tổ công đoàn cơ quan họp."),
    "folded": ("Tin năm", "Cong nhan lao dong voi cong doan."),  # typed without diacritics on the site
    "title-body": ("Lao động", "với công đoàn"),  # a phrase never runs from the title into the body
}


def build(data: Path, keys: list[str]) -> Store:
    store = Store(data / "archive.sqlite3")
    store.upsert_site("a", "Liên đoàn Lao động A", "Cần Thơ", "union", "https://a.vn")
    for key in keys:
        title, text = PAGES[key]
        store.upsert_article(Article(url=f"https://a.vn/{key}.html", site="a", title=normalize(title),
                                     text=normalize(text), published="2024-01-01", author="Văn Thừa"))
        update_index(store, data)  # one segment per page: the check reads across segments
    return store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("phrases")
    store = build(data, list(PAGES))
    engine = SearchEngine(data)
    yield store, engine
    engine.close()
    store.close()


def found(corpus, query: str) -> list[str]:
    store, engine = corpus
    return [Path(hit["url"]).stem for hit in engine.search(store, query, limit=50)["hits"]]


def test_three_word_phrase_needs_its_words_in_a_row(corpus) -> None:
    assert set(found(corpus, '"lao động với"')) == {"three", "folded"}
    assert "pairs-apart" in found(corpus, "lao động với")  # unquoted, the words may be anywhere


def test_long_phrase_is_checked_against_the_words_themselves(corpus) -> None:
    assert found(corpus, '"đại hội công đoàn cơ"') == ["four"]
    assert found(corpus, '"tổ chức đại hội công đoàn cơ sở điểm"') == ["four"]
    assert found(corpus, '"đại hội công đoàn cơ quan"') == []


def test_accentless_phrase_matches_every_spelling_and_accents_rank_exact_first(corpus) -> None:
    assert set(found(corpus, '"lao dong voi cong doan"')) == {"three", "folded"}
    assert found(corpus, '"lao động với công đoàn"') == ["three", "folded"]


def test_phrase_stays_inside_one_part_of_the_page(corpus) -> None:
    assert "title-body" not in found(corpus, '"lao động với"')
    assert "title-body" not in found(corpus, '"tin sáu lao động với công"')


def test_phrase_in_the_byline_or_publisher_name(corpus) -> None:
    assert len(found(corpus, '"liên đoàn lao động a"')) == len(PAGES)  # the publisher's name, four words
    assert len(found(corpus, '"Văn Thừa"')) == len(PAGES)


def test_sequences_answer_per_candidate_across_segments(corpus) -> None:
    _, engine = corpus
    snap = engine.snapshot()
    reader = snap.searcher.reader()
    assert len(list(reader.leaf_readers())) > 1
    docs = np.array(sorted(snap.table.docnum_of.values()))
    order = [int(snap.table.numbers["aid"][d]) for d in docs]
    holding = Sequences(reader).holding(docs, ["dai", "hoi", "cong", "doan", "co"])
    assert [aid for aid, held in zip(order, holding) if held] == [order[list(PAGES).index("four")]]


def test_few_candidates_are_read_alone_and_many_by_scanning_the_segment(tmp_path: Path) -> None:
    store = Store(tmp_path / "archive.sqlite3")
    store.upsert_site("a", "Báo A", "Cần Thơ", "newspaper", "https://a.vn")
    texts = ["Đại hội công đoàn cơ sở điểm."] + [f"Tin số {n}: đại hội công nhân, công đoàn cơ quan." for n in range(11)]
    for n, text in enumerate(texts):
        store.upsert_article(Article(url=f"https://a.vn/{n}.html", site="a", title="Tin", text=normalize(text)))
    update_index(store, tmp_path)  # one segment
    engine = SearchEngine(tmp_path)
    reader = engine.snapshot().searcher.reader()
    phrase = ["dai", "hoi", "cong", "doan", "co"]
    docs = np.arange(reader.doc_count_all())
    held = Sequences(reader).holding(docs, phrase)  # every document a candidate: the segment is scanned
    assert held.tolist() == [True] + [False] * 11
    assert Sequences(reader).holding(docs[:1], phrase).tolist() == [True]  # one candidate: read alone
    assert Sequences(reader).holding(docs[5:6], phrase).tolist() == [False]
    engine.close()
    store.close()
