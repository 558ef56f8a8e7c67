"""Reading search parameters from a request, bounded, shared by the HTML page and the API."""
from __future__ import annotations

from typing import Any

from flask import current_app, request

from archive.search.engine import MAX_PAGE

FILTERS = ("site", "province", "kind", "author", "year", "from", "to")


def search_args() -> dict[str, Any]:
    config = current_app.config
    query = request.args.get("q", "")[: config["MAX_QUERY_CHARS"]]
    return {
        "query": query,
        "page": _int("page", 1, 1, MAX_PAGE),
        "limit": _int("limit", config["PAGE_SIZE"], 1, config["MAX_PAGE_SIZE"]),
        "sort": request.args.get("sort", "relevance"),
        "filters": {name: request.args.get(name, "")[:100] for name in FILTERS if request.args.get(name)},
    }


def _int(name: str, default: int, low: int, high: int) -> int:
    try:
        value = int(request.args.get(name, default))
    except ValueError:
        return default
    return min(max(value, low), high)
