"""A Whoosh segment writer that writes the counted text fields' posting lists in bulk.

Whoosh's SegmentWriter sends every posting through a temporary pool that pickles, sorts and
merges it one at a time, then writes it one call at a time: about 30 µs a posting, and an
article has about a thousand. Here the CountedText fields' postings are gathered in memory as
arrays per term and written block by block through Whoosh's own codec (same files, same format,
readable by any Whoosh reader); every other field still takes Whoosh's normal path.
"""
from __future__ import annotations

import itertools
from array import array
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import SegmentWriter

from archive.search.whoosh.fields import CountedText

# Whoosh's default of 128 postings per block costs one unpickle per 128 documents of a common
# term; whole posting lists are read at once here, so fewer, bigger blocks read faster.
CODEC_BLOCK = 4096
ARRAY_BLOCK = 64  # postings from which a block's ids and weights are pickled as arrays


def bulk_writer(ix: Any) -> BulkWriter:
    """The index's one writer, with the codec settings the postings reader is tuned for."""
    return BulkWriter(ix, limitmb=64, codec=W3Codec(blocklimit=CODEC_BLOCK))


class BulkWriter(SegmentWriter):
    """Drop-in SegmentWriter; `ix.writer()` is replaced by `BulkWriter(ix, ...)`."""

    def __init__(self, ix: Any, **kwargs: Any):
        super().__init__(ix, **kwargs)
        self._bulk = {name: _FieldPostings() for name, field in self.schema.items() if isinstance(field, CountedText)}
        self.perdocwriter = _LengthsFrom(self.perdocwriter)

    def add_document(self, **fields: Any) -> None:
        lengths = {}
        for name, postings in self._bulk.items():
            lengths[name] = postings.add(self.docnum, fields.pop(name, None) or [])
            fields[name] = ()  # present but empty: no pool postings, and Whoosh records a length
        self.perdocwriter.lengths = lengths
        super().add_document(**fields)

    def _flush_segment(self) -> None:
        # Whoosh's own fields first (their ids come first in the terms table), then ours, each in
        # byte order of its terms, as the ordered terms table requires.
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        block = getattr(self.codec, "_blocklimit", 128)
        for name in sorted(self._bulk):
            self._bulk[name].write(self.fieldwriter, name, self.schema[name], block)
        self.fieldwriter.close()
        if lengths:
            lengths.close()


class _LengthsFrom:
    """The per-document writer, told the counted fields' real lengths (Whoosh sees empty values)."""

    def __init__(self, writer: Any):
        self._writer = writer
        self.lengths: dict[str, int] = {}

    def add_field(self, fieldname: str, fieldobj: Any, value: Any, length: int) -> None:
        self._writer.add_field(fieldname, fieldobj, value, self.lengths.get(fieldname, length))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._writer, name)


class _FieldPostings:
    """One field's postings for a segment: per document, term numbers and counts as arrays."""

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self._serial = itertools.count()  # term numbers: unique, not dense (setdefault burns some)
        self.terms: list[np.ndarray] = []
        self.counts: list[np.ndarray] = []
        self.docnums: list[int] = []
        self.lengths: dict[int, int] = {}

    def add(self, docnum: int, words: list[str] | Counter[str]) -> int:
        """Record a document's terms; returns its length in terms."""
        counted = words if isinstance(words, Counter) else Counter(words)
        vocabulary = self.vocabulary
        self.terms.append(np.fromiter(map(vocabulary.setdefault, counted, self._serial),
                                      dtype=np.int64, count=len(counted)))
        self.counts.append(np.fromiter(counted.values(), dtype=np.float32, count=len(counted)))
        self.docnums.append(docnum)
        self.lengths[docnum] = counted.total()
        return self.lengths[docnum]

    def write(self, writer: Any, name: str, field: Any, block: int) -> None:
        if not self.vocabulary:
            return
        by_rank = sorted(self.vocabulary)  # str order is UTF-8 byte order
        rank = np.zeros(max(self.vocabulary.values()) + 1, dtype=np.int64)
        rank[[self.vocabulary[term] for term in by_rank]] = np.arange(len(by_rank))
        sizes = [len(t) for t in self.terms]
        keys = rank[np.concatenate(self.terms)]
        order = np.argsort(keys, kind="stable")  # stable: documents stay in ascending order
        keys = keys[order]
        docs = np.repeat(np.array(self.docnums, dtype=np.uint32), sizes)[order]
        counts = np.concatenate(self.counts)[order]
        doc_lengths = np.zeros(max(self.docnums) + 1, dtype=np.int64)
        doc_lengths[list(self.lengths)] = list(self.lengths.values())
        bounds = np.flatnonzero(np.diff(keys)) + 1
        starts, ends = np.concatenate([[0], bounds]), np.concatenate([bounds, [len(keys)]])
        # Whoosh minifies each block in Python, posting by posting (delta-coded ids, "all weights
        # 1.0?"): done here once for the whole field with NumPy, and handed over per block.
        deltas = np.diff(docs.astype(np.int64), prepend=0)
        deltas[starts] = docs[starts]  # each term's list starts from zero
        writer.start_field(name, field)
        for term_rank, (first, last) in enumerate(zip(starts.tolist(), ends.tolist())):
            writer.start_term(by_rank[term_rank].encode("utf-8"))
            blocks = writer._postwriter
            for start in range(first, last, block):
                end = min(start + block, last)
                chunk_counts = counts[start:end]
                chunk_lengths = doc_lengths[docs[start:end]]
                ids = deltas[start:end].astype(np.uint32)
                ids[0] = docs[start]  # each block restarts from zero too
                ones = bool((chunk_counts == 1).all())
                _fill(blocks, array("I", docs[start:end].tobytes()), array("f", chunk_counts.tobytes()),
                      chunk_counts.astype(">u4").tobytes(), float(chunk_counts.max()),
                      int(chunk_lengths.min()), int(chunk_lengths.max()), _minified(ids),
                      None if ones else _minified(chunk_counts))
                blocks._write_block(last=end == last)
            writer.finish_term()
        writer.finish_field()


def _minified(values: np.ndarray) -> np.ndarray | tuple[Any, ...]:
    """A block's ids or weights as Whoosh pickles them: a big block as a NumPy array (unpickled as
    one buffer, which the postings reader takes as is; any reader can iterate it), a small one as
    the tuple Whoosh itself writes (an array's pickle costs more bytes than a few numbers)."""
    return values if len(values) >= ARRAY_BLOCK else tuple(values.tolist())


def _fill(blocks: Any, ids: array, weights: array, values: bytes, max_weight: float, min_length: int,
          max_length: int, mini_ids: Sequence[int], mini_weights: Sequence[float] | None) -> None:
    """Hand one block to Whoosh's postings writer as its add_posting() calls would have built it,
    with the minified forms its _write_block() stores (so it does not compute them per posting)."""
    blocks._ids, blocks._weights, blocks._values = ids, weights, [values]
    blocks._maxweight, blocks._minlength, blocks._maxlength = max_weight, min_length, max_length
    blocks._mini_ids = lambda: mini_ids
    blocks._mini_weights = lambda: mini_weights
