"""People, organisations and places in search: the `person:`, `org:` and `place:` filters and
their facets, read from the entity codes the index keeps per article (archive/storage/entities.py)."""
from __future__ import annotations

import numpy as np

from archive.search.whoosh.doc_table import DocTable
from archive.storage import entities
from archive.storage.store import Store

ENTITY_FACETS = entities.KINDS  # "person", "org", "place": filter names and facet names alike
FACET_SIZE = 10


def entity_mask(store: Store, table: DocTable, filters: dict[str, str]) -> np.ndarray:
    """Documents naming the entity of each entity filter (all of them); every document when there
    is none. A name no article gives matches nothing."""
    mask = np.ones(table.size, dtype=bool)
    for kind in ENTITY_FACETS:
        if filters.get(kind):
            codes = [entities.code(e["id"], kind) for e in entities.find(store.db, kind, filters[kind])]
            mask &= table.entity_mask(codes)
    return mask


def entity_facets(store: Store, table: DocTable, docs: np.ndarray) -> dict[str, dict[str, int]]:
    """Per kind, the entities the most matching articles name, with how many name each."""
    codes, counts = table.entity_counts(docs)
    candidates = {}
    for kind in ENTITY_FACETS:
        of_kind = np.flatnonzero(codes % 4 == entities.KIND_CODES[kind])
        if len(of_kind) > FACET_SIZE:  # the best FACET_SIZE, and every entity tied with the last of them
            least = np.partition(counts[of_kind], len(of_kind) - FACET_SIZE)[len(of_kind) - FACET_SIZE]
            of_kind = of_kind[counts[of_kind] >= least]
        candidates[kind] = [(int(codes[i]), int(counts[i])) for i in of_kind]
    named = entities.by_codes(store.db, [c for pairs in candidates.values() for c, _ in pairs])
    facets = {}
    for kind, pairs in candidates.items():
        ranked = sorted((-n, named[c]["name"]) for c, n in pairs if c in named)[:FACET_SIZE]  # ties by name
        facets[kind] = {name: -n for n, name in ranked}
    return facets
