"""Each document's folded words in order, kept in a column: the check that makes long phrases exact.

The posting lists hold words, word pairs and word triples, not positions, so a phrase of up to
three words is one term. A longer phrase is all of its triples, which a page may hold apart; its
candidates are checked here against the words themselves. A document's words (title, body,
captions, publisher, byline; each segment ended by a 0) are stored as 32-bit hashes in a
VarBytes column, and the check reads the candidates of one segment at once, as NumPy arrays over
the memory-mapped file.
"""
from __future__ import annotations

import threading
import zlib
from collections.abc import Iterable

import numpy as np
from whoosh.columns import VarBytesColumn
from whoosh.reading import IndexReader

FIELD = "sequence"
END = 0  # ends every segment; no word hashes to it
DTYPE = np.dtype("<u4")
GATHER_FROM = 4  # see _holding


def column() -> VarBytesColumn:
    return VarBytesColumn()


def word_hash(word: str) -> int:
    # 32 bits: a false "exact" match needs a document that already holds every triple of the
    # phrase and a different word with the same hash in the one place that completes it.
    return zlib.crc32(word.encode("utf-8")) or 1


def encode(segments: Iterable[list[str]]) -> bytes:
    """The column value of a document: its segments' words, each segment ended by END."""
    cache: dict[str, int] = {}
    values: list[int] = []
    for words in segments:
        for word in words:
            value = cache.get(word)
            if value is None:
                value = cache[word] = word_hash(word)
            values.append(value)
        values.append(END)
    return np.array(values, dtype=DTYPE).tobytes()


class Sequences:
    """Reads the column of one reader's segments; checks candidates for a phrase."""

    def __init__(self, reader: IndexReader, reader_lock: threading.Lock | None = None):
        self._leaves = list(reader.leaf_readers())
        self._lock = reader_lock or threading.Lock()
        self._columns: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray] | None] = {}

    def holding(self, docs: np.ndarray, words: list[str]) -> np.ndarray:
        """Which of the documents (sorted numbers) hold the folded words side by side, in order."""
        phrase = np.array([word_hash(w) for w in words], dtype=np.uint32)
        found = np.zeros(len(docs), dtype=bool)
        for number, (leaf, offset) in enumerate(self._leaves):
            low, high = np.searchsorted(docs, [offset, offset + leaf.doc_count_all()])
            if low == high:
                continue
            data = self._column(number, leaf)
            if data is not None:
                found[low:high] = _holding(*data, docs[low:high] - offset, phrase)
        return found

    def _column(self, number: int, leaf: IndexReader) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """(every word of the segment, each document's start, its length), in words."""
        if number not in self._columns:
            with self._lock:
                self._columns[number] = _read_column(leaf)
        return self._columns[number]


def _read_column(leaf: IndexReader) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    if not leaf.has_column(FIELD):
        return None
    reader = leaf.column_reader(FIELD, translate=False)
    lengths = np.asarray(reader._lengths, dtype=np.int64)
    offsets = np.asarray(reader._offsets, dtype=np.int64)
    size = int(lengths.sum())
    source = getattr(reader._dbfile, "_buf", None)  # a compound segment: a view of the mapped file
    if source is not None:
        raw = np.frombuffer(source, dtype=np.uint8, count=size, offset=reader._basepos)
    else:
        raw = np.frombuffer(reader._dbfile.get(reader._basepos, size), dtype=np.uint8)
    return raw.view(DTYPE), offsets // DTYPE.itemsize, lengths // DTYPE.itemsize


def _holding(words: np.ndarray, starts: np.ndarray, lengths: np.ndarray, docs: np.ndarray,
             phrase: np.ndarray) -> np.ndarray:
    """Per document: does the phrase occur in it.

    Few candidates: only their words are read. Many (their words more than 1/GATHER_FROM of the
    segment's): one comparison over the whole segment is cheaper than gathering them.
    """
    sizes = lengths[docs]
    total = int(sizes.sum())
    if not total:
        return np.zeros(len(docs), dtype=bool)
    if total * GATHER_FROM < len(words):
        # Positions of every candidate word, document after document, without a Python loop.
        before = np.cumsum(sizes) - sizes
        positions = np.arange(total, dtype=np.int64) + np.repeat(starts[docs] - before, sizes)
        positions = positions[words[positions] == phrase[0]]
    else:
        positions = np.flatnonzero(words == phrase[0])
    last = len(words) - 1
    for k, value in enumerate(phrase[1:], 1):  # segments end with END: a match never runs past one
        positions = positions[words[np.minimum(positions + k, last)] == value]
    # The document of each match: the last one starting at or before it (an empty one starts where
    # the next does, and holds nothing).
    owners = np.searchsorted(starts, positions, side="right") - 1
    return np.isin(docs, owners)
