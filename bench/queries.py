"""Benchmark queries drawn from an archive's own text: what users of union news would type.

Words and phrases come from a seeded sample of the stored articles, so frequent syllables
("công", "đoàn", "lao", "động") are frequent in the queries too and mid-frequency ones give the
selective queries; abbreviations come from archive/vietnamese/abbreviations.json; filters from the sites
and dates actually stored. Every kind gets the same number of queries.
"""
from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from archive.search.analysis import exact_words
from archive.storage.store import Store
from archive.vietnamese.abbreviations import ABBREVIATIONS
from archive.vietnamese.text import fold

KINDS = ("terms", "phrases", "accentless", "abbreviations", "filtered", "date-sorted", "author")
SAMPLE_ARTICLES = 2000
FREQUENT = (0, 40)  # vocabulary ranks of the frequent syllables
MID = (150, 1500)  # and of the mid-frequency ones
COMMON_PHRASES = 400
# A run of words with nothing but spaces between them: phrases never cross punctuation.
RUN = re.compile(r"\w+(?: \w+)+")


@dataclass(frozen=True)
class BenchQuery:
    kind: str
    text: str  # in the archive's query language, filters included
    sort: str = "relevance"


@dataclass
class Vocabulary:
    frequent: list[str]
    mid: list[str]
    phrases: list[str]
    sites: list[dict[str, Any]]
    years: list[int]
    authors: list[str]


def sample_vocabulary(store: Store, seed: int) -> Vocabulary:
    """Word and phrase frequencies of a seeded sample of the stored articles."""
    rng = random.Random(seed)
    ids = store.ids()
    chosen = rng.sample(ids, min(SAMPLE_ARTICLES, len(ids)))
    words: Counter[str] = Counter()
    grams: Counter[str] = Counter()
    years: set[int] = set()
    authors: Counter[str] = Counter()
    for article in store.get_many(chosen).values():
        for run in RUN.findall(f"{article['title']}\n{article['text']}".lower()):
            tokens = exact_words(run)
            words.update(tokens)
            for size in (2, 3):
                grams.update(" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1))
        if article["published"]:
            years.add(int(article["published"][:4]))
        if article["author"]:
            authors[article["author"]] += 1
    ranked = [w for w, _ in words.most_common() if not w.isdigit()]
    phrases = [g for g, _ in grams.most_common(COMMON_PHRASES * 2) if not any(c.isdigit() for c in g)]
    return Vocabulary(frequent=ranked[slice(*FREQUENT)], mid=ranked[slice(*MID)] or ranked,
                      phrases=phrases[:COMMON_PHRASES], sites=list(store.sites().values()), years=sorted(years),
                      authors=sorted(authors))


def generate(vocabulary: Vocabulary, total: int, seed: int) -> list[BenchQuery]:
    """`total` queries, the same number of each kind, in a seeded shuffled order."""
    rng = random.Random(seed)
    per_kind = max(1, total // len(KINDS))
    makers = {"terms": _terms, "phrases": _phrase, "accentless": _accentless,
              "abbreviations": _abbreviation, "filtered": _filtered, "date-sorted": _date_sorted,
              "author": _author}
    queries = [makers[kind](vocabulary, rng) for kind in KINDS for _ in range(per_kind)]
    rng.shuffle(queries)
    return queries


def _words(vocabulary: Vocabulary, rng: random.Random) -> str:
    """One to three words: frequent and mid-frequency syllables mixed, as typed queries are."""
    shape = rng.choice([("mid",), ("frequent", "mid"), ("mid", "mid"), ("frequent", "frequent", "mid"),
                        ("frequent", "frequent")])
    return " ".join(rng.choice(vocabulary.frequent if part == "frequent" else vocabulary.mid) for part in shape)


def _terms(vocabulary: Vocabulary, rng: random.Random) -> BenchQuery:
    return BenchQuery("terms", _words(vocabulary, rng))


def _quoted(vocabulary: Vocabulary, rng: random.Random) -> str:
    return f'"{rng.choice(vocabulary.phrases)}"'


def _phrase(vocabulary: Vocabulary, rng: random.Random) -> BenchQuery:
    text = _quoted(vocabulary, rng)
    if rng.random() < 0.3:  # a phrase narrowed by a word, as people refine
        text += f" {rng.choice(vocabulary.mid)}"
    return BenchQuery("phrases", text)


def _accentless(vocabulary: Vocabulary, rng: random.Random) -> BenchQuery:
    text = _words(vocabulary, rng) if rng.random() < 0.6 else _quoted(vocabulary, rng)
    return BenchQuery("accentless", fold(text))


def _abbreviation(vocabulary: Vocabulary, rng: random.Random) -> BenchQuery:
    """An abbreviation or its full form, with or without a province, with or without diacritics."""
    table = _abbreviations()
    short = rng.choice(sorted(table))
    text = short if rng.random() < 0.5 else rng.choice(table[short])
    if rng.random() < 0.5:
        text += f" {rng.choice(vocabulary.sites)['province']}"
    return BenchQuery("abbreviations", fold(text).lower() if rng.random() < 0.3 else text)


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, list[str]]:
    """Short forms as written (with diacritics) -> full forms."""
    return json.loads(ABBREVIATIONS.read_text(encoding="utf-8"))["abbreviations"]


def _filter(vocabulary: Vocabulary, rng: random.Random) -> str:
    site = rng.choice(vocabulary.sites)
    year = rng.choice(vocabulary.years)
    month = rng.randint(1, 12)
    options = [
        f"site:{site['name']}", f'province:"{site["province"]}"', f"kind:{site['kind']}", f"year:{year}",
        f"from:{year}-{month:02d}-01 to:{year + rng.randint(0, 2)}-{month:02d}-28",
    ]
    return " ".join(rng.sample(options, rng.choice([1, 1, 2])))


def _filtered(vocabulary: Vocabulary, rng: random.Random) -> BenchQuery:
    return BenchQuery("filtered", f"{_words(vocabulary, rng)} {_filter(vocabulary, rng)}")


def _date_sorted(vocabulary: Vocabulary, rng: random.Random) -> BenchQuery:
    """Newest first: mostly words or a phrase, sometimes a filter alone (browsing a site or a year)."""
    roll = rng.random()
    if roll < 0.15:
        text = _filter(vocabulary, rng)
    elif roll < 0.4:
        text = _quoted(vocabulary, rng)
    else:
        text = _words(vocabulary, rng)
    return BenchQuery("date-sorted", text, sort="newest")


def _author(vocabulary: Vocabulary, rng: random.Random) -> BenchQuery:
    """A byline: as a filter (alone, newest first, or narrowing words) or typed as plain words."""
    name = rng.choice(vocabulary.authors or ["Nguyễn Văn An"])
    roll = rng.random()
    if roll < 0.3:
        return BenchQuery("author", f'author:"{name}"', sort="newest")
    if roll < 0.6:
        return BenchQuery("author", f'author:"{fold(name) if rng.random() < 0.3 else name}" {_words(vocabulary, rng)}')
    return BenchQuery("author", name)
