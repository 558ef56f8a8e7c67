"""Reading search parameters from a request, bounded, shared by the HTML page and the API."""
from __future__ import annotations

from typing import Any

from flask import current_app, request

from archive.search.engine import MAX_PAGE

FILTERS = ("site", "province", "unit", "kind", "year", "from", "to", "person", "org", "place")


def search_args() -> dict[str, Any]:
    config = current_app.config
    query = request.args.get("q", "")[: config["MAX_QUERY_CHARS"]]
    filters = {name: request.args.get(name, "")[:100] for name in FILTERS if request.args.get(name)}
    if request.args.get("now") and "province" in filters:  # "theo địa giới hiện nay": the 2025 unit
        filters.setdefault("unit", filters.pop("province"))
    return {
        "query": query,
        "page": _int("page", 1, 1, MAX_PAGE),
        "limit": _int("limit", config["PAGE_SIZE"], 1, config["MAX_PAGE_SIZE"]),
        "sort": request.args.get("sort", "relevance"),
        "filters": filters,
        "now": bool(request.args.get("now")),
    }


def _int(name: str, default: int, low: int, high: int) -> int:
    try:
        value = int(request.args.get(name, default))
    except ValueError:
        return default
    return min(max(value, low), high)
