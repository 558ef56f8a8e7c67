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
    # Typed without diacritics, the correction is too: "luong" finds every spelling.
    assert did_you_mean("tien luongg", vocabulary) == "tien luong"
    assert did_you_mean("tiền luongg", vocabulary) == "tiền lương"
    assert did_you_mean("nghiepj đoàn", vocabulary) == "nghiệp đoàn"
    assert did_you_mean("Mường Nhée", vocabulary) == "Mường Nhé"
    assert did_you_mean("MƯỜNG NHÉE", vocabulary) == "MƯỜNG NHÉ"


def test_known_words_filters_and_or_are_left_alone(indexed) -> None:
    _, _, vocabulary = indexed
    assert did_you_mean("tiền lương", vocabulary) is None
    assert did_you_mean("tien luong OR nghiep", vocabulary) is None  # known folded words, OR kept
    assert did_you_mean("luongg OR nghiepj", vocabulary) == "luong OR nghiep"
    assert did_you_mean("lươngg site:exx kind:unionn", vocabulary) == "lương site:exx kind:unionn"
    assert did_you_mean("zzqxw", vocabulary) is None  # nothing near: no suggestion
    # Abbreviations of the data file are words, written short on no page here or not: KCX is not KCN.
    assert did_you_mean("KCX", vocabulary) is None and did_you_mean("BHXH TLĐLĐVN", vocabulary) is None


def test_long_input_is_bounded(indexed) -> None:
    _, _, vocabulary = indexed
    assert vocabulary.correct("x" * 10_000) is None
    assert did_you_mean("x" * 10_000, vocabulary) is None
    query = " ".join(["luongg"] * 2_000)  # over 10,000 characters, every word unknown
    corrected = did_you_mean(query, vocabulary).split()
    assert corrected[:MAX_CORRECTIONS] == ["luong"] * MAX_CORRECTIONS
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


def test_no_suggestion_once_the_query_finds_a_few_stories(indexed) -> None:
    _, _, vocabulary = indexed
    assert did_you_mean("tiền lươngg", vocabulary, stories=3) is None
    assert did_you_mean("tiền lươngg", vocabulary, stories=2) == "tiền lương"


def test_a_fragment_cut_by_the_length_limit_or_a_single_letter_is_left_alone(indexed) -> None:
    store, engine, vocabulary = indexed
    assert did_you_mean("tiền lươngg nghiệ", vocabulary, cut=True) == "tiền lương nghiệ"
    assert did_you_mean("tiền lươngg đ", vocabulary) == "tiền lương đ"
    query = "tiền lươngg " + "tiền " * 120  # cut at 500 characters in the middle of a "tiền"
    suggestion = engine.search(store, query)["did_you_mean"]
    assert suggestion.startswith("tiền lương tiền") and suggestion.endswith(" tiề")


def test_the_correction_forming_a_known_pair_with_its_neighbour_wins(indexed) -> None:
    store, engine, vocabulary = indexed
    snap = engine.snapshot()

    def pairs(pair: str) -> int:
        return snap.ranker.postings.doc_frequency("pairs", pair)

    # "tanh" is one letter from "tăng" and from "tỉnh" (one page each): its neighbours decide.
    assert did_you_mean("vùng tanh", vocabulary, pairs=pairs) == "vùng tăng"
    assert did_you_mean("cá tanh", vocabulary, pairs=pairs) == "cá tỉnh"
