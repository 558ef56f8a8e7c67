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
from typing import Any

import numpy as np
from whoosh.writing import SegmentWriter

from archive.analysis import CountedText


class BulkWriter(SegmentWriter):
    """Drop-in SegmentWriter; `ix.writer()` is replaced by `BulkWriter(ix, ...)`."""

    def __init__(self, ix: Any, **kwargs: Any):
        super().__init__(ix, **kwargs)
        self._bulk = {name: _FieldPostings() for name, field in self.schema.items() if isinstance(field, CountedText)}

    def add_document(self, **fields: Any) -> None:
        for name, postings in self._bulk.items():
            postings.add(self.docnum, fields.pop(name, None) or [])
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


class _FieldPostings:
    """One field's postings for a segment: per document, term numbers and counts as arrays."""

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self._serial = itertools.count()  # term numbers: unique, not dense (setdefault burns some)
        self.terms: list[np.ndarray] = []
        self.counts: list[np.ndarray] = []
        self.docnums: list[int] = []
        self.lengths: dict[int, int] = {}

    def add(self, docnum: int, words: list[str]) -> None:
        counted = Counter(words)
        vocabulary = self.vocabulary
        self.terms.append(np.fromiter(map(vocabulary.setdefault, counted, self._serial),
                                      dtype=np.int64, count=len(counted)))
        self.counts.append(np.fromiter(counted.values(), dtype=np.float32, count=len(counted)))
        self.docnums.append(docnum)
        self.lengths[docnum] = len(words)

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
        writer.start_field(name, field)
        for term_rank, (first, last) in enumerate(zip(starts.tolist(), ends.tolist())):
            writer.start_term(by_rank[term_rank].encode("utf-8"))
            blocks = writer._postwriter
            for start in range(first, last, block):
                end = min(start + block, last)
                chunk_lengths = doc_lengths[docs[start:end]]
                blocks._ids = array("I", docs[start:end].tobytes())
                blocks._weights = array("f", counts[start:end].tobytes())
                # Frequency values are big-endian uint32 counts, joined by the codec.
                blocks._values = [counts[start:end].astype(">u4").tobytes()]
                blocks._maxweight = float(counts[start:end].max())
                blocks._minlength = int(chunk_lengths.min())
                blocks._maxlength = int(chunk_lengths.max())
                blocks._write_block(last=end == last)
            writer.finish_term()
        writer.finish_field()
