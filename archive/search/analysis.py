"""Vietnamese analysis for the index: words, folded words, word pairs and triples, done once per text.

Whoosh's analyzer chains build a Python Token object per word and per filter; on 100,000 articles
that dominated indexing. Here a whole text is lowercased and folded with C-speed string methods,
split with one regex, and counted with Counter; `archive.search.whoosh.fields.CountedText` hands
Whoosh the counts.
Index and query share these functions, so both sides always agree.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable

from archive.vietnamese.text import WORD, fold


def exact_words(text: str) -> list[str]:
    """Lowercase words with their diacritics (stored text is already in canonical tone placement)."""
    return WORD.findall(text.lower())


def folded_words(text: str) -> list[str]:
    """Lowercase words without diacritics (đ -> d): "Liên đoàn" -> ["lien", "doan"]."""
    return WORD.findall(fold(text.lower()))


def pairs(words: list[str]) -> list[str]:
    """Adjacent word pairs: a phrase of n words is n - 1 pairs, so phrases need no positions."""
    return [f"{a} {b}" for a, b in itertools.pairwise(words)]


def pairs_of(segments: Iterable[list[str]]) -> list[str]:
    """Pairs within each segment (title, body, caption), never across their edges."""
    return [pair for words in segments for pair in pairs(words)]


def triples(words: list[str]) -> list[str]:
    """Runs of three words: a quoted phrase of three words is one term, exactly."""
    return [f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:])]


def triples_of(segments: Iterable[list[str]]) -> list[str]:
    return [triple for words in segments for triple in triples(words)]


def shingles(words: list[str]) -> list[str]:
    """Words, pairs and triples of a short text (a publisher's name, a byline): every phrase of it
    up to three words is one term."""
    return words + pairs(words) + triples(words)


EXACT_MARK = "="  # exact (accented) words of a byline share its field with the folded terms


def byline_terms(author: str) -> list[str]:
    """A byline's terms: folded words, pairs and triples, and each word with its diacritics."""
    return shingles(folded_words(author)) + [EXACT_MARK + w for w in exact_words(author)]
