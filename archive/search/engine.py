"""Search over the index: ranked, grouped hits with snippets from the store, facets and a timeline."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.searching import Searcher

from archive.search.analysis import folded_words
from archive.search.compare import split_timeline
from archive.search.entity_facets import ENTITY_FACETS, entity_facets, entity_mask
from archive.search.filters import FilterError, Known, Resolved, resolve
from archive.search.periods import period_buckets
from archive.search.query import MAX_QUERY_CHARS, ParsedQuery, parse
from archive.search.ranking import Matches, Ranker
from archive.search.schema import facet_value, live_index_dir, open_index
from archive.search.snippets import snippet
from archive.search.suggest import Vocabulary, did_you_mean
from archive.search.whoosh.doc_table import DocTable
from archive.search.whoosh.postings import Postings
from archive.search.whoosh.sequences import Sequences
from archive.storage.store import Store
from archive.vietnamese.dates import display_date

FACETS = ("site", "province", "unit", "kind", "author", "year", *ENTITY_FACETS)
AUTHORS_SHOWN = 20  # the author facet lists the most frequent bylines only
SORTS = ("relevance", "newest", "oldest")
MAX_LIMIT = 100
MAX_PAGE = 500


@dataclass(frozen=True)
class Ranking:
    """Stories in rank order, each as its article id and the ids of its copies on other sites."""

    stories: list[tuple[int, list[int]]]

    def __len__(self) -> int:
        return len(self.stories)


class SearchError(ValueError):
    """A search the user asked for that cannot be run (bad sort, page out of range, from after to);
    `vietnamese`, when set, says why for the page."""

    def __init__(self, message: str, vietnamese: str | None = None):
        super().__init__(message)
        self.vietnamese = vietnamese


class Snapshot:
    """One generation of the index with everything derived from it, shared by threads."""

    def __init__(self, searcher: Searcher):
        self.searcher = searcher
        # Whoosh readers share file positions: one thread at a time reads through them.
        self.reader_lock = threading.Lock()
        reader = searcher.reader()
        self.table = DocTable(reader)
        self.ranker = Ranker(self.table, Postings(reader, self.reader_lock), Sequences(reader, self.reader_lock))
        self._vocabulary: Vocabulary | None = None

    @property
    def vocabulary(self) -> Vocabulary:
        with self.reader_lock:
            if self._vocabulary is None:
                self._vocabulary = Vocabulary(self.searcher.reader())
            return self._vocabulary


class SearchEngine:
    """Keeps one snapshot of the index open and replaces it when the index changes or is swapped.

    Threads share the snapshot. A replaced one is never closed (a thread may still be searching
    it): it is freed when the last search holding it ends.
    """

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._target: Path | None = None

    def snapshot(self) -> Snapshot:
        with self._lock:
            target = live_index_dir(self.data_dir)
            current = self._snapshot
            if current is None or target != self._target:
                current = Snapshot(_open_searcher(self.data_dir))
                self._target = target
            elif not current.searcher.up_to_date():
                # Not searcher.refresh(): it reuses the reader of a segment whose deletions changed
                # (Whoosh compares segments by id), so deleted and replaced documents stayed live.
                current = Snapshot(_open_searcher(self.data_dir))
            self._snapshot = current
            return current

    def close(self) -> None:
        if self._snapshot is not None:
            self._snapshot.searcher.close()

    def search(self, store: Store, query: str, page: int = 1, limit: int = 10, sort: str = "relevance",
               filters: dict[str, str] | None = None) -> dict[str, Any]:
        """Run a query; returns the JSON contract of the CLI and /api/search."""
        if not 1 <= limit <= MAX_LIMIT:
            raise SearchError(f"limit must be between 1 and {MAX_LIMIT}")
        if not 1 <= page <= MAX_PAGE:
            raise SearchError(f"page must be between 1 and {MAX_PAGE}")
        started = time.perf_counter()
        snap, parsed, found, docs, sort, resolved = self._match(store, query, sort, filters)
        table = snap.table
        shown = _ranked_stories(table, found, docs, sort, wanted=page * limit)[(page - 1) * limit:]
        hits = self._hits(store, snap, shown, found, parsed.terms)
        total = table.story_count(docs)
        suggestion = None
        if parsed.terms:
            # A query at the length limit was cut there (here or by the web form): its last word may be a fragment.
            suggestion = did_you_mean(query[:MAX_QUERY_CHARS], snap.vocabulary, stories=total,
                                      cut=len(query) >= MAX_QUERY_CHARS,
                                      pairs=lambda pair: snap.ranker.postings.doc_frequency("pairs", pair))
        return {
            "query": query, "total": total, "articles": len(docs), "page": page, "hits": hits,
            "filters": resolved.applied, "warnings": resolved.warnings,
            "facets": {**_facets(table, docs), **entity_facets(store, table, docs)}, "timeline": _timeline(table, docs),
            "did_you_mean": suggestion,
            "took_ms": round((time.perf_counter() - started) * 1000, 1),
        }

    def compare(self, query: str, by: str, filters: dict[str, str] | None = None,
                store: Store | None = None) -> dict[str, Any]:
        """The timeline of a query split by province (as published), unit, kind or site (see compare.py)."""
        snap, _, _, docs, _, _ = self._match(store, query, "newest", filters)
        try:
            split = split_timeline(snap.table, docs, by)
        except ValueError as error:
            raise SearchError(str(error)) from error
        return {"query": query, "articles": len(docs), **split}

    def rank(self, store: Store, query: str, sort: str = "relevance", filters: dict[str, str] | None = None,
             limit: int | None = None) -> Ranking:
        """Every matching story in order (the first `limit`), ranked once: what an export streams from,
        whatever the index does meanwhile, instead of running the search again for every page."""
        snap, _, found, docs, sort, _ = self._match(store, query, sort, filters)
        table = snap.table
        total = table.story_count(docs)
        ordered = _ranked_stories(table, found, docs, sort, wanted=total if limit is None else min(limit, total))
        aid, group = table.numbers["aid"], table.numbers["group"]
        return Ranking([(int(aid[d]), [int(aid[m]) for m in table.members(int(group[d])) if m != d])
                        for d in ordered])

    def _match(self, store: Store | None, query: str, sort: str, filters: dict[str, str] | None) -> tuple[
            Snapshot, ParsedQuery, Matches, np.ndarray, str, Resolved]:
        """The snapshot searched, the parsed query, its matches, the matching documents, the sort to use
        and the filters as applied (with warnings for those not understood). Entity filters (person:,
        org:, place:) need the store's names; without a store they match all."""
        if sort not in SORTS:
            raise SearchError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        parsed = parse(query)
        parsed.filters.update({k: v for k, v in (filters or {}).items() if v})
        snap = self.snapshot()
        try:
            resolved = resolve(parsed.filters, _known(store, snap.table))
        except FilterError as error:
            raise SearchError(str(error), error.vietnamese) from None
        found = snap.ranker.run(parsed, resolved.applied)
        if store is not None:
            found.mask &= entity_mask(store, snap.table, resolved.applied)
        if sort == "relevance" and parsed.empty:
            sort = "newest"  # nothing to rank by
        return snap, parsed, found, np.flatnonzero(found.mask), sort, resolved

    def more_like_this(self, store: Store, article_id: int, limit: int = 5) -> list[dict[str, Any]]:
        """Articles on the same subject (other stories, not copies of this one)."""
        article = store.get(article_id)
        snap = self.snapshot()
        table = snap.table
        if article is None or article_id not in table.docnum_of:
            return []
        found = snap.ranker.similar_to(folded_words(f"{article['title']}\n{article['text']}"))
        group = table.numbers["group"][table.docnum_of[article_id]]
        found.mask &= table.numbers["group"] != group
        stories = _ranked_stories(table, found, np.flatnonzero(found.mask), "relevance", wanted=limit)
        return self._hits(store, snap, stories, found, terms=None)

    def _hits(self, store: Store, snap: Snapshot, docs: np.ndarray, found: Matches,
              terms: list[str] | None) -> list[dict[str, Any]]:
        table = snap.table
        aids = [int(table.numbers["aid"][d]) for d in docs]
        copies = {int(d): [m for m in table.members(int(table.numbers["group"][d])) if m != d] for d in docs}
        articles = store.get_many(aids + [int(table.numbers["aid"][m]) for ms in copies.values() for m in ms])
        hits = []
        for doc, aid in zip(docs, aids):
            article = articles.get(aid)
            if article is None:
                continue  # deleted from the store since the last index update
            hit = {
                "id": aid, "url": article["url"], "title": article["title"],
                "published": display_date(article["published"]),
                "site": article["site"], "author": article["author"],
                "score": round(float(found.score[doc]), 4),
                "also_published_on": [_brief(articles[a]) for a in
                                      (int(table.numbers["aid"][m]) for m in copies[int(doc)]) if a in articles],
            }
            if terms is not None:
                hit["snippet"] = snippet(article["text"], terms)
            hits.append(hit)
        return hits


def _open_searcher(data_dir: Path, attempts: int = 5) -> Searcher:
    """A commit or a swap between listing the index and reading its TOC removes the file just listed:
    the next attempt finds the newer generation."""
    for _ in range(attempts - 1):
        try:
            return open_index(data_dir).searcher()
        except FileNotFoundError:
            continue
    return open_index(data_dir).searcher()


def _brief(article: dict[str, Any]) -> dict[str, Any]:
    return {**{key: article[key] for key in ("id", "url", "title", "site")}, "published": display_date(article["published"])}


def _ranked_stories(table: DocTable, found: Matches, docs: np.ndarray, sort: str, wanted: int) -> np.ndarray:
    """Matching documents in order, one per near-duplicate group (its best-placed copy).

    Only the first `wanted` stories are ordered: the best few are picked with a partial sort
    (doubling the pick until enough distinct stories are in it) instead of sorting every match.
    """
    published = table.numbers["published"][docs]
    if sort == "relevance":  # recency breaks ties
        keys = (-published, -np.round(found.score[docs], 4))
    elif sort == "newest":
        keys = (-published,)
    else:  # oldest first, undated last
        keys = (np.where(table.dated[docs], published, np.iinfo(np.int64).max),)
    pick = min(len(docs), 4 * wanted + 64)
    while True:
        chosen = np.arange(len(docs)) if pick >= len(docs) else np.argpartition(keys[-1], pick - 1)[:pick]
        if pick < len(docs):  # argpartition cut ties arbitrarily: keep every tie of the last key
            chosen = np.flatnonzero(keys[-1] <= keys[-1][chosen].max())
        order = chosen[np.lexsort(tuple(k[chosen] for k in keys))]
        ordered = docs[order]
        _, first = np.unique(table.numbers["group"][ordered], return_index=True)
        stories = ordered[np.sort(first)]
        if len(stories) >= wanted or len(chosen) >= len(docs):
            return stories[:wanted]
        pick *= 2


def _known(store: Store | None, table: DocTable) -> Known:
    """What filter values can match: the sites, provinces and kinds the index holds."""
    sites = store.sites() if store is not None else {name: {"title": "", "province": None} for name in table.labels["site"]}
    named = {facet_value(s["province"]): s["province"] for s in sites.values() if s["province"]}
    return Known(sites={name: site["title"] or "" for name, site in sites.items()},
                 provinces={key: named.get(key, key) for key in table.labels["province"] if key},
                 kinds=[kind for kind in table.labels["kind"] if kind], years=(table.first_year, table.last_year))


def _facets(table: DocTable, docs: np.ndarray) -> dict[str, dict[str, int]]:
    facets = {}
    # The label columns (a byline is the author facet); years are counted apart.
    for name, column in (("site", "site"), ("province", "province"), ("unit", "unit"), ("kind", "kind"),
                         ("author", "byline")):
        counts = np.bincount(table.codes[column][docs], minlength=len(table.labels[column]))
        facets[name] = _sorted_counts({table.labels[column][i]: int(c) for i, c in enumerate(counts) if c})
    facets["author"] = dict(list(facets["author"].items())[:AUTHORS_SHOWN])
    years = table.year[docs][table.dated[docs]]
    counts = np.bincount(years - table.first_year) if len(years) else []
    facets["year"] = _sorted_counts({str(table.first_year + i): int(c) for i, c in enumerate(counts) if c})
    return facets


def _sorted_counts(groups: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in sorted(groups.items(), key=lambda kv: (-kv[1], kv[0])) if k}


def _timeline(table: DocTable, docs: np.ndarray) -> dict[str, Any]:
    """Matching articles per period, every period from the first to the last (zeros included)."""
    unit, buckets, _ = period_buckets(table, docs[table.dated[docs]])
    return {"unit": unit, "buckets": buckets}
