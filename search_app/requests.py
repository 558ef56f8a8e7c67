"""Reading search parameters from a request, bounded, shared by the HTML page and the API."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import current_app, request, url_for

from archive.search.engine import MAX_PAGE

FILTERS = ("site", "province", "unit", "kind", "author", "year", "from", "to", "person", "org", "place")
# Every parameter a search link may carry: only these reach url_for (which reads "_external",
# "_scheme", "_anchor", "_method" and the endpoint's own arguments as instructions).
SEARCH_PARAMETERS = frozenset(("q", "page", "limit", "sort", "now", *FILTERS))


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


def search_link(endpoint: str, drop: Iterable[str] = (), keep: Iterable[str] = (), **values: Any) -> str:
    """A link carrying the current search: only its known parameters (and `keep`) reach url_for,
    never "_external" or an endpoint argument a visitor slipped into the query string."""
    allowed = SEARCH_PARAMETERS.union(keep).difference(drop)
    return url_for(endpoint, **{k: v for k, v in request.args.items() if v and k in allowed}, **values)


def search_parameters() -> dict[str, str]:
    """The current search's known parameters, nothing else of the query string."""
    return {k: v for k, v in request.args.items() if v and k in SEARCH_PARAMETERS}
