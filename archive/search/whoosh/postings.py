"""Whole posting lists of an open index as NumPy arrays, cached per searcher generation.

Whoosh's matchers walk postings one document at a time in Python; a union-news term like "công"
is in nearly every article, so queries spent their time there. A posting list is read here block
by block (each block one unpickle) into arrays of document numbers and counts.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
from whoosh.reading import IndexReader

CACHE_POSTINGS = 30_000_000  # about 360 MB of cached arrays at most


class Postings:
    """Reads and caches (document numbers, counts) of terms in one reader."""

    def __init__(self, reader: IndexReader, reader_lock: threading.Lock | None = None):
        self.leaves = list(reader.leaf_readers())
        self._cache: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._cached = 0
        self._lock = threading.Lock()  # the cache
        self._reader_lock = reader_lock or threading.Lock()  # the reader's files (shared positions)

    def get(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        key = (field, term)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        with self._reader_lock:
            found = self._read(field, term.encode("utf-8"))
        with self._lock:
            self._cache[key] = found
            self._cached += len(found[0])
            while self._cached > CACHE_POSTINGS and len(self._cache) > 1:
                _, (old, _) = self._cache.popitem(last=False)
                self._cached -= len(old)
        return found

    def doc_frequency(self, field: str, term: str) -> int:
        """Documents holding the term (from the term table: no posting list is read)."""
        with self._reader_lock:
            return sum(leaf.doc_frequency(field, term) for leaf, _ in self.leaves)

    def _read(self, field: str, term: bytes) -> tuple[np.ndarray, np.ndarray]:
        ids: list[np.ndarray] = []
        counts: list[np.ndarray] = []
        for leaf, offset in self.leaves:
            if (field, term) not in leaf:
                continue
            leaf_ids, leaf_counts = _read_matcher(leaf.postings(field, term))
            ids.append(leaf_ids + offset)
            counts.append(leaf_counts)
        if not ids:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        return np.concatenate(ids), np.concatenate(counts)


def _read_matcher(matcher: object) -> tuple[np.ndarray, np.ndarray]:
    if not hasattr(matcher, "_read_data"):  # an inlined or list matcher: short, read it plainly
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float32)
    ids, counts = [], []
    while True:
        matcher._read_data()
        block_ids, block_weights = matcher._data[0], matcher._data[1]
        block = np.cumsum(np.asarray(block_ids, dtype=np.int64))  # ids are delta-coded per block
        ids.append(block)
        if block_weights is None or isinstance(block_weights, float):
            counts.append(np.full(len(block), block_weights or 1.0, dtype=np.float32))
        else:
            counts.append(np.asarray(block_weights, dtype=np.float32))
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    return np.concatenate(ids), np.concatenate(counts)
