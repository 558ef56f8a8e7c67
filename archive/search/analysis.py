"""Vietnamese analysis for the index: words, folded words and folded word pairs, done once per text.

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
