"""Search over the index, with hits, facets and snippets drawn from the store."""
from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from whoosh import scoring, sorting
from whoosh.searching import Searcher

from archive.index import index_dir, open_index
from archive.query import ParsedQuery, parse, to_whoosh
from archive.snippets import snippet
from archive.store import Store

FACETS = ("site", "province", "kind", "year")
SORTS = ("relevance", "newest", "oldest")
MAX_LIMIT = 100
MAX_PAGE = 500


class SearchError(ValueError):
    """A search the user asked for that cannot be run (bad sort, page out of range)."""


class SearchEngine:
    """One Whoosh searcher per thread, reopened when the index changes or is swapped.

    Whoosh searchers are not thread-safe (readers share file positions), and refresh() or close()
    would pull readers from under other threads: each thread gets its own searcher, and a replaced
    one is left to be freed when its last search is done.
    """

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self._local = threading.local()

    def searcher(self) -> Searcher:
        local = self._local
        target = index_dir(self.data_dir).resolve()
        current: Searcher | None = getattr(local, "searcher", None)
        if current is None or local.target != target or not current.up_to_date():
            local.searcher = _open_searcher(self.data_dir)
            local.target = target
        return local.searcher

    def close(self) -> None:
        """Close the calling thread's searcher (the CLI's only one)."""
        current: Searcher | None = getattr(self._local, "searcher", None)
        if current is not None:
            current.close()
            self._local.searcher = None

    def search(self, store: Store, query: str, page: int = 1, limit: int = 10, sort: str = "relevance",
               filters: dict[str, str] | None = None) -> dict[str, Any]:
        """Run a query; returns the JSON contract of the CLI and /api/search."""
        if sort not in SORTS:
            raise SearchError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        if not 1 <= limit <= MAX_LIMIT:
            raise SearchError(f"limit must be between 1 and {MAX_LIMIT}")
        if not 1 <= page <= MAX_PAGE:
            raise SearchError(f"page must be between 1 and {MAX_PAGE}")
        started = time.perf_counter()
        parsed = parse(query)
        parsed.filters.update({k: v for k, v in (filters or {}).items() if v})
        whoosh_query = to_whoosh(parsed)
        groupedby = {name: sorting.FieldFacet(name, maptype=sorting.Count) for name in FACETS}
        kwargs: dict[str, Any] = {"groupedby": groupedby}
        if sort == "newest" or (sort == "relevance" and parsed.empty):  # nothing to rank by: newest first
            kwargs["sortedby"] = sorting.FieldFacet("published", reverse=True)
        elif sort == "oldest":
            kwargs["sortedby"] = sorting.FieldFacet("published")
        searcher = self.searcher()
        results = searcher.search_page(whoosh_query, page, pagelen=limit, terms=False, **kwargs)
        ids = [int(hit["id"]) for hit in results]
        articles = store.get_many(ids)
        hits = [self._hit(articles[i], parsed, hit.score) for i, hit in zip(ids, results) if i in articles]
        facets = {name: _sorted_counts(results.results.groups(name)) for name in FACETS}
        return {
            "query": query, "total": results.total, "page": page, "hits": hits, "facets": facets,
            "took_ms": round((time.perf_counter() - started) * 1000, 1),
        }

    @staticmethod
    def _hit(article: dict[str, Any], parsed: ParsedQuery, score: float | None) -> dict[str, Any]:
        text = article["text"]
        return {
            "id": article["id"], "url": article["url"], "title": article["title"],
            "published": article["published"], "site": article["site"], "author": article["author"],
            "snippet": snippet(text, parsed.terms),
            "score": round(score, 4) if score is not None else None,
        }


def _open_searcher(data_dir: Path, attempts: int = 5) -> Searcher:
    """A commit or a swap between listing the index and reading its TOC removes the file just listed:
    the next attempt finds the newer generation."""
    for _ in range(attempts - 1):
        try:
            return open_index(data_dir).searcher(weighting=scoring.BM25F())
        except FileNotFoundError:
            continue
    return open_index(data_dir).searcher(weighting=scoring.BM25F())


def _sorted_counts(groups: dict[Any, int]) -> dict[str, int]:
    return {str(k): v for k, v in sorted(groups.items(), key=lambda kv: (-kv[1], str(kv[0]))) if k}
