"""Per-document facts of an open index as NumPy arrays, indexed by Whoosh document number.

Filters, facets, the timeline, date sorting and near-duplicate grouping are then array operations
over all matching documents at once instead of a Python call per document.
"""
from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
from whoosh.columns import NumericColumn, RefBytesColumn
from whoosh.reading import IndexReader

from archive.search.schema import NO_DATE
from archive.vietnamese.dates import VIETNAM

LOCAL_OFFSET = int(VIETNAM.utcoffset(None).total_seconds())

CODED = ("site", "province", "unit", "kind", "byline")
NUMBERS = ("aid", "published", "group", "nwords", "ntitle")
REF_TYPES = {1: np.dtype("u1"), 2: np.dtype(">u2"), 4: np.dtype(">u4")}  # a RefBytes column's reference widths


class DocTable:
    """Columns of one reader; built once per searcher generation."""

    def __init__(self, reader: IndexReader):
        self.size = reader.doc_count_all()
        self.live = np.zeros(self.size, dtype=bool)
        self.live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
        self.numbers = {name: _numeric_column(reader, name, self.size) for name in NUMBERS}
        self.codes: dict[str, np.ndarray] = {}
        self.labels: dict[str, list[str]] = {}
        for name in CODED:
            self.labels[name], self.codes[name] = _label_codes(reader, name, self.size)
        published = self.numbers["published"]
        self.dated = published != NO_DATE
        moments = (published + LOCAL_OFFSET).astype("datetime64[s]")  # years and months of Vietnam
        self.year = np.where(self.dated, moments.astype("datetime64[Y]").astype(np.int64) + 1970, 0)
        self.month = np.where(self.dated, moments.astype("datetime64[M]").astype(np.int64) % 12 + 1, 0)
        self.docnum_of = {int(aid): n for n, aid in enumerate(self.numbers["aid"]) if self.live[n]}
        self.mean_words = max(1.0, float(self.numbers["nwords"][self.live].mean())) if self.live.any() else 1.0
        self.mean_title = max(1.0, float(self.numbers["ntitle"][self.live].mean())) if self.live.any() else 1.0
        self._members = _group_members(self.numbers["group"], self.live)
        _, self._story = np.unique(self.numbers["group"], return_inverse=True)  # dense group numbers
        self.first_year = int(self.year[self.dated].min()) if self.dated.any() else 0
        self.last_year = int(self.year[self.dated].max()) if self.dated.any() else 0
        # Every document's entity codes in one array: document `entity_doc[i]` names `entity_codes[i]`.
        self.entity_doc, self.entity_codes = _entity_lists(reader, self.size)
        # The distinct codes, and each code's position among them: counting is then one bincount.
        # (A presence table rather than np.unique: linear, not a sort of every code.)
        present = np.zeros(int(self.entity_codes.max(initial=0)) + 1, dtype=bool)
        present[self.entity_codes] = True
        self.entity_values = np.flatnonzero(present)
        self._entity_dense = (np.cumsum(present) - 1)[self.entity_codes]

    def entity_mask(self, codes: list[int]) -> np.ndarray:
        """Documents naming any of the entities (by their codes)."""
        wanted = np.zeros(len(self.entity_values), dtype=bool)
        positions = np.searchsorted(self.entity_values, codes)
        known = positions < len(self.entity_values)
        wanted[positions[known][self.entity_values[positions[known]] == np.asarray(codes)[known]]] = True
        mask = np.zeros(self.size, dtype=bool)
        mask[self.entity_doc[wanted[self._entity_dense]]] = True
        return mask

    def entity_counts(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The entity codes the documents name, and in how many of them each."""
        chosen = np.zeros(self.size, dtype=bool)
        chosen[docs] = True
        counts = np.bincount(self._entity_dense[chosen[self.entity_doc]], minlength=len(self.entity_values))
        named = np.flatnonzero(counts)
        return self.entity_values[named], counts[named]

    def mask_for(self, name: str, value: str) -> np.ndarray:
        """Documents whose site/province/kind/byline equals the value (already in facet form)."""
        labels = self.labels[name]
        if value not in labels:
            return np.zeros(self.size, dtype=bool)
        return self.codes[name] == labels.index(value)

    def story_count(self, docs: np.ndarray) -> int:
        """How many distinct stories (near-duplicate groups) the documents hold."""
        return int(np.count_nonzero(np.bincount(self._story[docs]))) if len(docs) else 0

    def members(self, group: int) -> list[int]:
        """Live document numbers of a near-duplicate group with more than one member."""
        return self._members.get(group, [])


def utc_seconds(moment: datetime) -> int:
    return int(moment.replace(tzinfo=moment.tzinfo or UTC).timestamp())


def _leaves(reader: IndexReader) -> list[tuple[IndexReader, int]]:
    return list(reader.leaf_readers())


def _numeric_column(reader: IndexReader, name: str, size: int) -> np.ndarray:
    out = np.zeros(size, dtype=np.int64)
    for leaf, offset in _leaves(reader):
        count = leaf.doc_count_all()
        out[offset:offset + count] = _leaf_numbers(leaf, name, count)
    return out


def _leaf_numbers(leaf: IndexReader, name: str, count: int) -> np.ndarray:
    column = leaf.column_reader(name, translate=False)
    if not isinstance(column, NumericColumn.Reader):
        return np.fromiter(leaf.column_reader(name), dtype=np.int64, count=count)
    # The column is a run of big-endian fixed-width values, short of trailing defaults: read it
    # in one slice instead of one struct call per document.
    raw = column._dbfile.get(column._basepos, column._count * column._fixedlen)
    values = np.frombuffer(raw, dtype=f">u{column._fixedlen}").astype(np.uint64)
    if len(values) < count:
        values = np.concatenate([values, np.full(count - len(values), column._default, dtype=np.uint64)])
    return values[:count].astype(np.int64)


def _label_codes(reader: IndexReader, name: str, size: int) -> tuple[list[str], np.ndarray]:
    """A label column as (its labels, sorted; each document's label number)."""
    parts: list[tuple[list[str], np.ndarray]] = []
    for leaf, _ in _leaves(reader):
        column = leaf.column_reader(name, translate=False)
        if isinstance(column, RefBytesColumn.Reader):
            # One reference per document in a run of fixed-width numbers, then the distinct values:
            # read in one slice instead of one struct call per document.
            width = column._itemsize
            raw = column._dbfile.get(column._basepos, column._doccount * width)
            refs = np.frombuffer(raw, dtype=REF_TYPES[width]).astype(np.int64)
            parts.append(([v.decode("utf-8") for v in column._uniques] or [""], refs))
        else:
            values = [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in leaf.column_reader(name)]
            labels = sorted(set(values))
            index = {label: n for n, label in enumerate(labels)}
            parts.append((labels, np.array([index[v] for v in values], dtype=np.int64)))
    labels = sorted({label for uniques, _ in parts for label in uniques})
    number = {label: n for n, label in enumerate(labels)}
    codes = [np.array([number[u] for u in uniques], dtype=np.int32)[refs] for uniques, refs in parts]
    return labels, (np.concatenate(codes) if codes else np.zeros(0, dtype=np.int32))[:size]


def _column_bytes(reader: IndexReader, name: str, size: int) -> list[bytes]:
    values: list[bytes] = []
    for leaf, _ in _leaves(reader):
        values.extend(leaf.column_reader(name))
    return values[:size]


def _entity_lists(reader: IndexReader, size: int) -> tuple[np.ndarray, np.ndarray]:
    if not reader.has_column("entities"):  # an index of an older layout: the next update rebuilds it
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    values = _column_bytes(reader, "entities", size)
    lengths = np.fromiter((len(v) // 4 for v in values), dtype=np.int64, count=len(values))
    codes = np.frombuffer(b"".join(values), dtype="<u4").astype(np.int64)
    return np.repeat(np.arange(len(values)), lengths), codes


def _group_members(groups: np.ndarray, live: np.ndarray) -> dict[int, list[int]]:
    docs = np.flatnonzero(live)
    if not len(docs):
        return {}
    keys, inverse, counts = np.unique(groups[docs], return_inverse=True, return_counts=True)
    shared = np.flatnonzero(counts > 1)
    members: dict[int, list[int]] = {int(keys[k]): [] for k in shared}
    for doc, k in zip(docs[np.isin(inverse, shared)], inverse[np.isin(inverse, shared)]):
        members[int(keys[k])].append(int(doc))
    return members
