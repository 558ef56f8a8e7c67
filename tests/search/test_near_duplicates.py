"""MinHash signatures and near-duplicate groups, on real sample articles and their syndicated copies."""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from archive.article import Article
from archive.search import near_duplicates
from archive.search.analysis import folded_words
from archive.search.engine import SearchEngine
from archive.search.index import update_index
from archive.storage.store import Store
from tests.support import sample_article, syndicated


def shingles(words: list[str]) -> set[tuple[str, ...]]:
    width = near_duplicates.SHINGLE_WORDS
    return {tuple(words[i:i + width]) for i in range(len(words) - width + 1)}


def jaccard(a: list[str], b: list[str]) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


KIEN_GIANG = sample_article("kien-giang-cham-lo-tet")
CAI_RANG = sample_article("cai-rang-chuong-trinh-tet-sum-vay")  # the same theme (Tết for workers), another story
DIEN_BIEN_DONG = sample_article("huyen-dien-bien-dong")


@pytest.mark.parametrize("replaced", [0.02, 0.1, 0.3, 0.6])
def test_signature_similarity_tracks_true_jaccard(replaced: float) -> None:
    words = folded_words(KIEN_GIANG.text + " " + CAI_RANG.text)
    rng = random.Random(int(replaced * 100))
    vocabulary = sorted(set(words))
    edited = [rng.choice(vocabulary) if rng.random() < replaced else w for w in words]
    estimate = near_duplicates.similarities(near_duplicates.signature(words), [near_duplicates.signature(edited)])[0]
    # 64 permutations: the estimate's standard deviation is at most 0.0625, so 0.2 is over three of them.
    assert abs(estimate - jaccard(words, edited)) < 0.2


def test_identical_words_have_identical_signatures_and_blobs_round_trip() -> None:
    words = folded_words(KIEN_GIANG.text)
    sig = near_duplicates.signature(words)
    assert np.array_equal(sig, near_duplicates.signature(list(words)))
    assert np.array_equal(near_duplicates.from_blob(near_duplicates.to_blob(sig)), sig)
    assert near_duplicates.similarities(sig, [sig])[0] == 1.0


def test_short_and_empty_texts_have_signatures() -> None:
    assert near_duplicates.signature([]).shape == (near_duplicates.PERMUTATIONS,)
    assert near_duplicates.signature(["một", "hai"]).shape == (near_duplicates.PERMUTATIONS,)


def test_syndicated_copies_are_grouped_and_unrelated_stories_are_not() -> None:
    groups = near_duplicates.Groups()
    copy = syndicated(KIEN_GIANG, "https://laodong.vn/a.ldo", "laodong-congdoan")
    assert jaccard(folded_words(KIEN_GIANG.text), folded_words(copy.text)) > 0.8
    first = groups.add(1, near_duplicates.signature(folded_words(KIEN_GIANG.text)))
    assert first == 1
    assert groups.add(2, near_duplicates.signature(folded_words(CAI_RANG.text))) == 2
    assert groups.add(3, near_duplicates.signature(folded_words(copy.text))) == 1
    assert groups.add(4, near_duplicates.signature(folded_words(DIEN_BIEN_DONG.text))) == 4


def test_groups_follow_changes_and_removals() -> None:
    groups = near_duplicates.Groups()
    original = near_duplicates.signature(folded_words(KIEN_GIANG.text))
    copy = near_duplicates.signature(folded_words(syndicated(KIEN_GIANG, "u", "s").text))
    groups.add(1, original)
    assert groups.add(2, copy) == 1
    # the copy is rewritten into another story: it leaves the group
    assert groups.add(2, near_duplicates.signature(folded_words(CAI_RANG.text))) == 2
    groups.remove(1)
    assert groups.add(3, copy) == 3  # the original is gone, so the copy starts its own group
    assert 1 not in groups.group and 1 not in groups.signatures


def _store(path: Path) -> Store:
    store = Store(path / "archive.sqlite3")
    store.upsert_site("baoangiang", "Báo An Giang", "An Giang", "newspaper", "https://baoangiang.com.vn")
    store.upsert_site("laodong-congdoan", "Báo Lao Động", "", "newspaper", "https://laodong.vn")
    return store


def test_incremental_indexing_groups_a_copy_that_arrives_later(tmp_path: Path) -> None:
    store = _store(tmp_path)
    engine = SearchEngine(tmp_path)
    try:
        for article in (KIEN_GIANG, CAI_RANG):
            store.upsert_article(Article(**{**article.to_dict(), "site": "baoangiang"}))
        update_index(store, tmp_path)
        assert engine.search(store, "Kiên Giang Tết")["total"] == 1
        copy = syndicated(KIEN_GIANG, "https://laodong.vn/cong-doan/kien-giang-1.ldo", "laodong-congdoan")
        store.upsert_article(copy)
        assert update_index(store, tmp_path) == 1
        result = engine.search(store, "Kiên Giang Tết")
        assert (result["total"], result["articles"]) == (1, 2)
        hit = result["hits"][0]
        assert {hit["url"]} | {other["url"] for other in hit["also_published_on"]} == {KIEN_GIANG.url, copy.url}
        assert set(hit["also_published_on"][0]) == {"id", "url", "title", "site", "published"}
        # unrelated stories on the same theme stay separate hits without copies
        tet = engine.search(store, "Tết Ất Tỵ")
        assert tet["total"] == 2 and sorted(len(h["also_published_on"]) for h in tet["hits"]) == [0, 1]
        store.delete_article(store.id_for_url(KIEN_GIANG.url))
        update_index(store, tmp_path)
        alone = engine.search(store, "Kiên Giang Tết")
        assert [h["url"] for h in alone["hits"]] == [copy.url] and alone["hits"][0]["also_published_on"] == []
    finally:
        engine.close()
        store.close()
