"""'Did you mean' over the vocabulary of a real index."""
from __future__ import annotations

import pytest

from archive.article import Article
from archive.search.engine import SearchEngine
from archive.search.index import update_index
from archive.search.suggest import MAX_CORRECTIONS, Vocabulary, did_you_mean
from archive.storage.store import Store
from archive.vietnamese.text import normalize

TEXTS = [
    ("Tiền lương tháng mười ba", "Công nhân khu công nghiệp nhận tiền lương và thưởng Tết tại Mường Nhé."),
    ("Thương lượng tập thể", "Công đoàn cơ sở thương lượng về tiền lương, chất lượng bữa ăn ca."),
    ("Lương tối thiểu vùng", "Mức lương tối thiểu vùng tăng; người lao động ở Mường Nhé phấn khởi."),
    ("Nghiệp đoàn nghề cá", "Nghiệp đoàn nghề cá tỉnh tổ chức đại hội, bàn về nghề nghiệp của ngư dân."),
    ("Công nhân KCN", "Công nhân KCN Trà Nóc tan ca."),
]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("suggest")
    store = Store(data / "archive.sqlite3")
    for n, (title, text) in enumerate(TEXTS):
        store.upsert_article(Article(url=f"https://ex.vn/{n}.html", site="ex", title=normalize(title),
                                     text=normalize(text), published=f"202{n}-01-01"))
    update_index(store, data)
    engine = SearchEngine(data)
    yield store, engine, Vocabulary(engine.snapshot().searcher.reader())
    engine.close()
    store.close()


def test_misspelt_syllable_gets_its_usual_diacritic_spelling(indexed) -> None:
    _, _, vocabulary = indexed
    # "luong" is written "lương" in three articles and "lượng" in one: the usual spelling wins.
    assert vocabulary.correct("luongg") == "lương"
    assert did_you_mean("tien luongg", vocabulary) == "tien lương"
    assert did_you_mean("nghiepj đoàn", vocabulary) == "nghiệp đoàn"
    assert did_you_mean("Mường Nhée", vocabulary) == "Mường Nhé"
    assert did_you_mean("MƯỜNG NHÉE", vocabulary) == "MƯỜNG NHÉ"


def test_known_words_filters_and_or_are_left_alone(indexed) -> None:
    _, _, vocabulary = indexed
    assert did_you_mean("tiền lương", vocabulary) is None
    assert did_you_mean("tien luong OR nghiep", vocabulary) is None  # known folded words, OR kept
    assert did_you_mean("luongg OR nghiepj", vocabulary) == "lương OR nghiệp"
    assert did_you_mean("luongg site:exx kind:unionn", vocabulary) == "lương site:exx kind:unionn"
    assert did_you_mean("zzqxw", vocabulary) is None  # nothing near: no suggestion
    # Abbreviations of the data file are words, written short on no page here or not: KCX is not KCN.
    assert did_you_mean("KCX", vocabulary) is None and did_you_mean("BHXH TLĐLĐVN", vocabulary) is None


def test_long_input_is_bounded(indexed) -> None:
    _, _, vocabulary = indexed
    assert vocabulary.correct("x" * 10_000) is None
    assert did_you_mean("x" * 10_000, vocabulary) is None
    query = " ".join(["luongg"] * 2_000)  # over 10,000 characters, every word unknown
    corrected = did_you_mean(query, vocabulary).split()
    assert corrected[:MAX_CORRECTIONS] == ["lương"] * MAX_CORRECTIONS
    assert set(corrected[MAX_CORRECTIONS:]) == {"luongg"}  # only the first few are looked up


def test_search_reports_did_you_mean(indexed) -> None:
    store, engine, _ = indexed
    assert engine.search(store, "Mường Nhée")["did_you_mean"] == "Mường Nhé"
    assert engine.search(store, "Mường Nhé")["did_you_mean"] is None
    assert engine.search(store, "site:ex")["did_you_mean"] is None  # no words, nothing to correct


def test_vocabulary_reads_folded_counts_and_spellings(indexed) -> None:
    _, _, vocabulary = indexed
    assert vocabulary.frequency["luong"] == 3 and vocabulary.frequency["nhe"] == 2
    assert vocabulary.spelling["luong"] == "lương" and vocabulary.spelling["nghiep"] == "nghiệp"
