"""Near-duplicate stories (one story syndicated on several sites), found by MinHash over shingles.

Each article gets a MinHash signature of its folded 4-word shingles; locality-sensitive hashing
(bands of the signature) finds candidates in constant time, and the share of equal signature
values estimates their Jaccard similarity. A story's group is the id of its first-seen copy.
"""
from __future__ import annotations

import zlib
from collections import defaultdict

import numpy as np

SHINGLE_WORDS = 4
PERMUTATIONS = 64
# 8 bands of 8 rows: a pair at 0.9 similarity shares a band with probability 0.99, at 0.8 with
# 0.77, at 0.2 (articles on the same theme) with 0.00002, so candidates stay few.
BANDS = 8
ROWS = PERMUTATIONS // BANDS
SIMILAR = 0.7  # estimated Jaccard similarity from which two articles are one story
# Fixed seeds: signatures are stored and must stay comparable across runs.
_SEEDS = np.random.default_rng(20261201).integers(0, np.iinfo(np.uint64).max, PERMUTATIONS, dtype=np.uint64)
_EMPTY = np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser (wrap-around arithmetic): one independent-looking hash per seed."""
    x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def signature(words: list[str]) -> np.ndarray:
    """MinHash signature (PERMUTATIONS uint64 values) of an article's folded words."""
    if not words:
        return _EMPTY
    # A stable hash per distinct word, then shingle hashes as array arithmetic over the stream.
    word_hash = {word: zlib.crc32(word.encode("utf-8")) for word in set(words)}
    stream = np.fromiter(map(word_hash.__getitem__, words), dtype=np.uint64, count=len(words))
    width = min(SHINGLE_WORDS, len(words))
    shingles = np.zeros(len(words) - width + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(width):  # wrap-around multiply-add: a hash, not arithmetic
            shingles = shingles * np.uint64(0x100000001B3) + stream[offset:len(stream) - width + 1 + offset]
    with np.errstate(over="ignore"):
        return _mix(np.unique(shingles)[:, None] ^ _SEEDS[None, :]).min(axis=0)


def similarities(sig: np.ndarray, others: list[np.ndarray]) -> np.ndarray:
    """Estimated Jaccard similarity of one signature to each of others."""
    if not others:
        return np.zeros(0)
    return (np.stack(others) == sig).mean(axis=1)


class Groups:
    """Signatures and groups of indexed articles, with the LSH buckets to find a new one's group."""

    def __init__(self) -> None:
        self.signatures: dict[int, np.ndarray] = {}
        self.group: dict[int, int] = {}
        self._buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)

    def add(self, article_id: int, sig: np.ndarray, group: int | None = None) -> int:
        """Record an article; returns its group (found among similar articles unless given)."""
        self.remove(article_id)
        if group is None:
            others = [other for other in self._candidates(sig) if other != article_id]
            close = similarities(sig, [self.signatures[other] for other in others]) >= SIMILAR
            group = min({self.group[other] for other, near in zip(others, close) if near} | {article_id})
        self.signatures[article_id] = sig
        self.group[article_id] = group
        for key in _band_keys(sig):
            self._buckets[key].append(article_id)
        return group

    def remove(self, article_id: int) -> None:
        sig = self.signatures.pop(article_id, None)
        self.group.pop(article_id, None)
        if sig is not None:
            for key in _band_keys(sig):
                self._buckets[key].remove(article_id)

    def _candidates(self, sig: np.ndarray) -> set[int]:
        return {other for key in _band_keys(sig) for other in self._buckets.get(key, ())}


def _band_keys(sig: np.ndarray) -> list[tuple[int, bytes]]:
    return [(band, sig[band * ROWS:(band + 1) * ROWS].tobytes()) for band in range(BANDS)]


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)
