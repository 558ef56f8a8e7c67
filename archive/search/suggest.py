"""'Did you mean': the nearest known syllables for words the archive has never seen."""
from __future__ import annotations

import re
import string

from whoosh.reading import IndexReader

from archive.vietnamese.abbreviations import abbreviation_table
from archive.vietnamese.text import fold

LETTERS = string.ascii_lowercase + string.digits
MAX_WORD = 12  # a Vietnamese syllable has at most 7 letters; longer "words" are not typos of one
MAX_SECOND_EDIT = 8  # two edits of a longer word are too many strings to try
MAX_CORRECTIONS = 6  # words corrected in one query; the rest are left as typed


class Vocabulary:
    """Folded words with their document counts, and the most common spelling of each with diacritics."""

    def __init__(self, reader: IndexReader):
        self.frequency = {term.decode("utf-8") if isinstance(term, bytes) else term: info.doc_frequency()
                          for term, info in reader.iter_field("words")}
        spelled: dict[str, tuple[int, str]] = {}
        for term, info in reader.iter_field("exact"):
            word = term.decode("utf-8") if isinstance(term, bytes) else term
            key, count = fold(word), info.doc_frequency()
            if count > spelled.get(key, (0, ""))[0]:
                spelled[key] = (count, word)
        self.spelling = {key: word for key, (_, word) in spelled.items()}

    def correct(self, word: str) -> str | None:
        """A better-known word one or two edits away, written with its usual diacritics."""
        folded = fold(word.lower())
        if folded in self.frequency or not folded.isalnum() or len(folded) > MAX_WORD:
            return None
        near = _known(_edits(folded), self.frequency)
        if not near and len(folded) <= MAX_SECOND_EDIT:
            near = _known((e2 for e1 in _edits(folded) for e2 in _edits(e1)), self.frequency)
        if not near:
            return None
        best = max(near, key=lambda w: (self.frequency[w], w))
        return self.spelling.get(best, best)


def did_you_mean(query: str, vocabulary: Vocabulary) -> str | None:
    """The query with its unknown words corrected, or None when there is nothing to correct."""
    tried = changed = 0
    abbreviations = abbreviation_table()[0]  # "BHXH" is a known word even where no page writes it short

    def replace(match: re.Match[str]) -> str:
        nonlocal tried, changed
        folded = fold(match[0].lower())
        if match[0] == "OR" or folded in vocabulary.frequency or folded in abbreviations or tried >= MAX_CORRECTIONS:
            return match[0]
        tried += 1
        better = vocabulary.correct(match[0])
        changed += better is not None
        return _cased_like(match[0], better) if better else match[0]

    corrected = re.sub(r"(?<![\w:])\w+(?![\w:])", replace, query)  # not filter names or values
    return corrected if changed else None


def _cased_like(typed: str, word: str) -> str:
    """The correction in the case the user typed: "Nhée" -> "Nhé", "HĐNDD" -> "HĐND"."""
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if typed[:1].isupper() else word


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in LETTERS]
    inserts = [a + c + b for a, b in splits for c in LETTERS]
    return set(deletes + swaps + replaces + inserts)


def _known(words: object, frequency: dict[str, int]) -> set[str]:
    return {w for w in words if w in frequency}  # type: ignore[attr-defined]
