"""The cleaner on every sample-site page, against the hand-written truth (seeds: gold.json)."""
from __future__ import annotations

import pytest

from archive.extract.page_kind import judge
from archive.vietnamese.text import normalize
from tests.support import sample_articles

ARTICLES = sample_articles()


def judged(article: dict):
    return judge(article["file"].read_bytes(), "http://127.0.0.1:8101" + article["path"])


def clean(article: dict):
    return judged(article).page.article


@pytest.mark.parametrize("article", ARTICLES, ids=[a["path"][-50:] for a in ARTICLES])
def test_sample_article_matches_truth(article: dict) -> None:
    verdict = judged(article)
    got = verdict.article
    assert verdict.kind == "article"
    assert got.title == normalize(article["title"])
    assert got.published == article["published"]
    assert got.author == (normalize(article["author"]) if article["author"] else None)
    assert got.text.startswith(normalize(article["body_starts_with"]))
    assert got.text.endswith(normalize(article["body_ends_with"]))
    assert len(got.paragraphs) == article["body_paragraphs"]
    assert got.captions == [normalize(c) for c in article.get("captions", [])]
    assert len(got.related) >= article.get("related_links", 0)
    for bad in article["must_not_contain"]:
        assert bad not in got.title and bad not in got.text, bad


def test_there_are_at_least_thirty_sample_articles_on_three_sites() -> None:
    assert len(ARTICLES) >= 30
    assert len({a["site"] for a in ARTICLES}) == 3
    assert len({a["published"][:4] for a in ARTICLES}) >= 10


def test_the_five_seeds_are_in_the_sample_and_match_gold(seed_gold: dict) -> None:
    seeds = {a["seed"]: a for a in ARTICLES if a.get("seed")}
    assert set(seeds) == set(seed_gold)
    for stem, gold in seed_gold.items():
        got = clean(seeds[stem])
        assert got.title == normalize(gold["title"])
        assert (got.published or "").startswith(gold["published"])
        assert got.author == gold["author"]
        assert got.credit == gold["credit"]
        assert got.text.startswith(gold["body_starts_with"])
        assert got.text.endswith(gold["body_ends_with"])
        if "body_paragraphs" in gold:
            assert len(got.paragraphs) == gold["body_paragraphs"]
        if "captions" in gold:
            assert got.captions == gold["captions"]
        if "related_links" in gold:
            assert len(got.related) == gold["related_links"]
        for bad in gold["must_not_contain"]:
            assert bad not in got.title and bad not in got.text and bad not in got.captions
