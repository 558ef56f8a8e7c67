"""'Did you mean': the nearest known syllables for words the archive has never seen."""
from __future__ import annotations

import re
import string
from collections.abc import Callable

from whoosh.reading import IndexReader

from archive.search.analysis import EXACT_MARK
from archive.vietnamese.abbreviations import abbreviation_table
from archive.vietnamese.text import fold

LETTERS = string.ascii_lowercase + string.digits
MAX_WORD = 12  # a Vietnamese syllable has at most 7 letters; longer "words" are not typos of one
MAX_SECOND_EDIT = 8  # two edits of a longer word are too many strings to try
MAX_CORRECTIONS = 6  # words corrected in one query; the rest are left as typed
FEW_STORIES = 3  # a query finding this many stories or more gets no suggestion
TYPED_WORDS = re.compile(r"(?<![\w:])\w+(?![\w:])")  # query words, not filter names or values


class Vocabulary:
    """Folded words with their document counts, and the most common spelling of each with diacritics.

    The words of the text and of the bylines: an author's name is a known word.
    """

    def __init__(self, reader: IndexReader):
        self.frequency: dict[str, int] = {}
        spelled: dict[str, tuple[int, str]] = {}
        for field in ("words", "exact", "author"):
            for term, info in reader.iter_field(field):
                word = term.decode("utf-8") if isinstance(term, bytes) else term
                if " " in word:
                    continue  # a byline's pairs and triples
                exact = field == "exact" or word.startswith(EXACT_MARK)
                if not exact:
                    self.frequency[word] = self.frequency.get(word, 0) + info.doc_frequency()
                    continue
                word = word.removeprefix(EXACT_MARK)
                key, count = fold(word), info.doc_frequency()
                if count > spelled.get(key, (0, ""))[0]:
                    spelled[key] = (count, word)
        self.spelling = {key: word for key, (_, word) in spelled.items()}

    def correct(self, word: str, neighbours: tuple[str, ...] = (), pairs: Callable[[str], int] | None = None,
                spelled: bool = True) -> str | None:
        """A better-known word one or two edits away: the one forming known word pairs with its
        neighbours (folded, in order: before, after) first, then the most frequent; written with its
        usual diacritics when `spelled`."""
        folded = fold(word.lower())
        if folded in self.frequency or not folded.isalnum() or len(folded) > MAX_WORD:
            return None
        near = _known(_edits(folded), self.frequency)
        if not near and len(folded) <= MAX_SECOND_EDIT:
            near = _known((e2 for e1 in _edits(folded) for e2 in _edits(e1)), self.frequency)
        if not near:
            return None
        before, after = neighbours if len(neighbours) == 2 else ("", "")

        def fits(candidate: str) -> int:
            if pairs is None:
                return 0
            return sum(pairs(f"{a} {b}") > 0 for a, b in ((before, candidate), (candidate, after)) if a and b)

        best = max(near, key=lambda w: (fits(w), self.frequency[w], w))
        return self.spelling.get(best, best) if spelled else best


def did_you_mean(query: str, vocabulary: Vocabulary, stories: int | None = None, cut: bool = False,
                 pairs: Callable[[str], int] | None = None) -> str | None:
    """The query with its unknown words corrected, or None when there is nothing to correct.

    Only for a query that finds few stories (when `stories` is given); never the last word of a
    query `cut` at the length limit (a fragment) or a single letter; corrections are written with
    diacritics only when the user typed some ("tuyen duogn" -> "tuyen duong", which finds both
    "tuyên dương" and "tuyến đường"); `pairs` (folded pair -> documents) ranks the candidates that
    form known pairs with their neighbours first.
    """
    if stories is not None and stories >= FEW_STORIES:
        return None
    words = list(TYPED_WORDS.finditer(query))  # not filter names or values
    if cut and words:
        words.pop()
    folded = [fold(m[0].lower()) for m in words]
    spelled = fold(query) != query
    abbreviations = abbreviation_table()[0]  # "BHXH" is a known word even where no page writes it short
    corrections: dict[int, str] = {}
    tried = 0
    for number, match in enumerate(words):
        word = folded[number]
        if match[0] == "OR" or len(word) < 2 or word in vocabulary.frequency or word in abbreviations:
            continue
        if tried >= MAX_CORRECTIONS:
            break
        tried += 1
        neighbours = (folded[number - 1] if number else "", folded[number + 1] if number + 1 < len(folded) else "")
        better = vocabulary.correct(match[0], neighbours, pairs, spelled)
        if better:
            corrections[match.start()] = _cased_like(match[0], better)
    if not corrections:
        return None
    return TYPED_WORDS.sub(lambda m: corrections.get(m.start(), m[0]), query)


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
