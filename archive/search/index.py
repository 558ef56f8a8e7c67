"""The Whoosh index: derived from the store, updated incrementally, rebuilt and swapped atomically.

Lean by design (see bench/search.py for what each choice bought): no stored text (snippets come
from the store), no positions (phrases are matched as folded word pairs), frequency-only fields
fed with ready-counted terms, and per-document facts in columns the searcher loads as arrays.
"""
from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import shutil
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as whoosh_index

from archive.search import near_duplicates
from archive.search.analysis import byline_terms, exact_words, folded_words, pairs_of, shingles, triples_of
from archive.search.schema import (
    COUNTED,
    INDEX_PREFIX,
    NO_DATE,
    SCHEMA,
    facet_value,
    index_dir,
    is_index_name,
    live_index_dir,
)
from archive.search.whoosh import sequences
from archive.search.whoosh.bulk_writer import bulk_writer
from archive.storage.store import Store, published_utc
from archive.vietnamese.dates import VIETNAM
from archive.vietnamese.provinces import article_provinces

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 5000  # documents between the progress lines of a long write
PREPARE_CHUNK = 250  # articles sent to the helper process at a time
PREPARE_AHEAD = 32  # chunks in flight: the helper keeps preparing while this process flushes a segment
LOCAL_EVERY = 5  # of the chunks, this process prepares one in five itself
PARALLEL_FROM = 2000  # articles; for fewer, starting a helper process costs more than it saves
# A rebuild writes a segment per this many articles: the bulk writer holds a segment's postings in
# memory (about 1 GB per 30,000 articles).
SEGMENT_DOCS = 25_000
# Incremental updates add a small segment each and never merge (merging re-sends every posting
# through Whoosh's slow path); past this many small segments the next update rebuilds, which is fast.
MAX_SMALL_SEGMENTS = 12
SMALL_SEGMENT_DOCS = SEGMENT_DOCS // 10


def to_document(article: dict[str, Any], site: dict[str, Any] | None, group: int) -> dict[str, Any]:
    site = site or {}
    source = folded_words(" ".join(filter(None, [site.get("title"), site.get("province")])))
    segments = [article["title"], article["text"], *article.get("captions", [])]
    folded = [folded_words(segment) for segment in segments]
    words = [w for segment in folded for w in segment]
    author = article.get("author") or ""
    return {
        "id": str(article["id"]), "aid": article["id"],
        "words": words, "title": folded[0], "pairs": pairs_of(folded), "triples": triples_of(folded),
        "exact": [w for segment in segments for w in exact_words(segment)],
        "source": shingles(source), "author": byline_terms(author),
        "byline": author.encode("utf-8"), "sequence": sequences.encode([*folded, source, folded_words(author)]),
        "site": (article.get("site") or "").encode("utf-8"),
        **province_columns(site, article.get("published")),
        "kind": facet_value(site.get("kind")).encode("utf-8"),
        "published": epoch_seconds(article.get("published")),
        "group": group, "nwords": len(words), "ntitle": len(folded[0]),
        "entities": np.asarray(article.get("entity_codes") or [], dtype="<u4").tobytes(),
    }


def province_columns(site: dict[str, Any], published: str | None) -> dict[str, bytes]:
    """The province as published (the site's province on the article's day) and the 2025 unit."""
    named = article_provinces(site.get("province"), published, site.get("changed_hands"))
    return {column: facet_value(name).encode("utf-8") for column, name in named.items()}


def epoch_seconds(published: str | None) -> int:
    """UTC epoch seconds of a published date; a plain day is taken as its start in Vietnam."""
    utc = published_utc(published)
    if not utc:
        return NO_DATE
    moment = datetime.fromisoformat(utc)
    return int((moment if moment.tzinfo else moment.replace(tzinfo=VIETNAM)).timestamp())


def update_index(store: Store, data_dir: Path, progress: bool = False) -> int:
    """Index new and changed articles and drop deleted ones; returns how many were written."""
    path = live_index_dir(data_dir)
    if not whoosh_index.exists_in(path):
        return rebuild_index(store, data_dir, progress)
    ix = whoosh_index.open_dir(path)
    small = [segment for segment in ix._segments() if segment.doc_count_all() < SMALL_SEGMENT_DOCS]
    if ix.schema.names() != SCHEMA.names() or len(small) >= MAX_SMALL_SEGMENTS:
        return rebuild_index(store, data_dir, progress)  # an older layout, or time to compact
    return _write(ix, store, only_unindexed=True, progress=progress)


def rebuild_index(store: Store, data_dir: Path, progress: bool = False) -> int:
    """Build a fresh index beside the live one, then swap a symlink: readers never see a half index."""
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
    fresh = data_dir / f"{INDEX_PREFIX}{stamp}"
    fresh.mkdir(parents=True)
    link = index_dir(data_dir)

    def swap() -> None:
        # Only what is ours is removed after the swap: the index-* directory directly in the data dir
        # that the link named. A link aimed anywhere else (another index, someone's files) is replaced,
        # its target left alone.
        old = os.readlink(link) if link.is_symlink() else None
        if link.is_dir() and not link.is_symlink():
            shutil.rmtree(link)  # an index from before symlinked layouts; the store has everything
        temporary = data_dir / f".index-link-{stamp}"
        os.symlink(fresh.name, temporary)
        os.replace(temporary, link)
        if old is not None and is_index_name(old) and old != fresh.name and not (data_dir / old).is_symlink():
            shutil.rmtree(data_dir / old, ignore_errors=True)

    return _write(whoosh_index.create_in(fresh, SCHEMA), store, only_unindexed=False, progress=progress,
                  publish=swap)


def _load_groups(store: Store) -> near_duplicates.Groups:
    groups = near_duplicates.Groups()
    for article_id, blob, group in store.near_duplicates():
        groups.add(article_id, near_duplicates.from_blob(blob), group)
    return groups


def _write(ix: whoosh_index.Index, store: Store, only_unindexed: bool, progress: bool,
           publish: Callable[[], None] | None = None) -> int:
    """Write the articles; `publish` (the swap of a rebuilt index) runs after the commit and before
    the store records what is indexed, so a kill in between never claims more than is live."""
    sites = store.sites()
    total = store.count_unindexed() if only_unindexed else store.count()
    groups = _load_groups(store) if only_unindexed else near_duplicates.Groups()
    writer = bulk_writer(ix)
    done: dict[int, int] = {}
    found: list[tuple[int, bytes, int]] = []
    try:
        if only_unindexed:
            for gone in _deleted(ix, store):
                writer.delete_by_term("id", str(gone))
                groups.remove(gone)
        for article, (document, sig) in _prepared(store.iter_articles(only_unindexed), sites, total):
            document["group"] = groups.add(article["id"], sig)
            found.append((article["id"], near_duplicates.to_blob(sig), document["group"]))
            if only_unindexed:
                writer.update_document(**document)
            else:
                writer.add_document(**document)
                if writer.doc_count() >= SEGMENT_DOCS:  # a fresh index: bound the writer's memory
                    writer.commit(merge=False)
                    writer = bulk_writer(ix)
            done[article["id"]] = article["version"]
            if progress and len(done) % PROGRESS_EVERY == 0:
                logger.info("  indexed %d/%d", len(done), total)
    except BaseException:
        writer.cancel()
        raise
    writer.commit(merge=False)
    if publish is not None:
        publish()
    with store.transaction():
        if not only_unindexed:
            store.mark_all_unindexed()
            store.clear_near_duplicates()
        store.save_near_duplicates(found)
        store.mark_indexed(done)
    return len(done)


def prepare(articles: list[dict[str, Any]], sites: dict[str, dict[str, Any]]) -> list[tuple[dict, np.ndarray]]:
    """Index documents and MinHash signatures of articles: the CPU half of indexing."""
    prepared = []
    for article in articles:
        document = to_document(article, sites.get(article.get("site") or ""), 0)
        sig = near_duplicates.signature(document["words"])
        for name in COUNTED:  # counted here: fewer strings to send back from a helper process
            document[name] = Counter(document[name])
        prepared.append((document, sig))
    return prepared


def _prepared(articles: Iterator[dict[str, Any]], sites: dict[str, dict[str, Any]],
              total: int) -> Iterator[tuple[dict[str, Any], tuple[dict, np.ndarray]]]:
    """Articles with their prepared documents, in order; a big write prepares in a helper process
    while this one writes, which uses both cores. Writing is the lighter half, so this process
    also prepares one chunk in LOCAL_EVERY itself (measured: the helper was the bottleneck)."""
    chunks = iter(lambda: list(itertools.islice(articles, PREPARE_CHUNK)), [])
    if total < PARALLEL_FROM:
        for chunk in chunks:
            yield from zip(chunk, prepare(chunk, sites))
        return
    # spawn, not fork: the caller may be a threaded server holding locks
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as helper:
        pending: deque[tuple[list[dict[str, Any]], Future | None]] = deque()
        for number, chunk in enumerate(chunks):
            pending.append((chunk, None if number % LOCAL_EVERY == 0 else helper.submit(prepare, chunk, sites)))
            if len(pending) > PREPARE_AHEAD:  # keep the helper busy while this process writes
                yield from _ready(*pending.popleft(), sites)
        for chunk, future in pending:
            yield from _ready(chunk, future, sites)


def _ready(chunk: list[dict[str, Any]], future: Future | None,
           sites: dict[str, dict[str, Any]]) -> Iterator[tuple[dict[str, Any], tuple[dict, np.ndarray]]]:
    return zip(chunk, future.result() if future is not None else prepare(chunk, sites))


def _deleted(ix: whoosh_index.Index, store: Store) -> set[int]:
    """Article ids in the index that the store no longer has."""
    with ix.searcher() as searcher:
        indexed = {int(value) for value in searcher.lexicon("id")}
    return indexed - set(store.ids())
