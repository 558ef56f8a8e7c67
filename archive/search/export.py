"""Every result of a query as CSV or JSON Lines, in chunks: one implementation for the CLI and the app."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Any

EXPORT_CAP = 10_000
EXPORT_PAGE = 100
CSV_FIELDS = ("id", "title", "published", "site", "author", "url")
FORMATS = ("csv", "jsonl")
# A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def iter_hits(search: Callable[..., dict[str, Any]], query: str, cap: int = EXPORT_CAP,
              page_size: int = EXPORT_PAGE, **options: Any) -> Iterator[dict[str, Any]]:
    """Hits of every page of `search(query, page=, limit=, **options)`, up to `cap`, without snippets."""
    page, seen = 1, 0
    while seen < cap:
        result = search(query, page=page, limit=page_size, **options)
        for hit in result["hits"][: cap - seen]:
            hit.pop("snippet", None)
            yield hit
        seen += len(result["hits"])
        if seen >= result["total"] or not result["hits"]:
            return
        page += 1


def export_chunks(format_name: str, hits: Iterable[dict[str, Any]], excel: bool = False) -> Iterator[str]:
    """Text chunks (a header, then one line per hit) in `format_name` ("csv" or "jsonl").

    `excel` starts a CSV with a byte-order mark: without it Excel reads UTF-8 Vietnamese as mojibake.
    """
    if format_name == "jsonl":
        return (json.dumps(hit, ensure_ascii=False) + "\n" for hit in hits)
    if format_name == "csv":
        return chain(["\ufeff"] if excel else [], _csv_chunks(hits))
    raise ValueError(f"unknown export format {format_name!r}: use one of {', '.join(FORMATS)}")


def _csv_chunks(hits: Iterable[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values: Iterable[Any]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()

    yield line(CSV_FIELDS)
    for hit in hits:
        yield line(spreadsheet_cell(hit.get(name)) for name in CSV_FIELDS)


def spreadsheet_cell(value: Any) -> Any:
    """A value as a CSV cell a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
