"""Every result of a query, for analysis, as CSV or JSON Lines: one implementation for the CLI and the app.

The query is ranked once (`SearchEngine.rank`); the rows are then read from the store a chunk at a
time as they are written, so an export costs one search plus the reading, and a download stays the
ranking it started with while the index changes under it.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any

from archive.search.engine import Ranking, SearchEngine
from archive.search.spreadsheet import EXCEL_CELL_LIMIT, spreadsheet_cell
from archive.storage.store import Store
from archive.vietnamese.dates import parse_machine_date
from archive.vietnamese.provinces import province_as_published, unit_of

EXPORT_CAP = 10_000  # rows of one download from the app; the command line exports everything
CHUNK = 200  # stories read from the store at a time
COLUMNS = ("id", "url", "title", "published", "site", "site_title", "province", "unit", "kind", "author", "lead",
           "text", "captions", "word_count", "also_published_on")
COPY_FIELDS = ("id", "url", "title", "site", "published")
FORMATS = ("csv", "jsonl")


class Export:
    """The rows of one ranking, read from the store as they are iterated; `total` is known up front."""

    def __init__(self, ranking: Ranking, store: Store):
        self.ranking, self.store = ranking, store
        self.total = len(ranking)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        sites = self.store.sites()
        stories = self.ranking.stories
        for start in range(0, len(stories), CHUNK):
            chunk = stories[start:start + CHUNK]
            articles = self.store.get_many([aid for aid, _ in chunk] + [c for _, copies in chunk for c in copies])
            for aid, copies in chunk:
                if aid in articles:  # else deleted from the store since the ranking
                    yield row(articles[aid], [articles[c] for c in copies if c in articles], sites)


def export_rows(engine: SearchEngine, store: Store, query: str, sort: str = "relevance",
                filters: dict[str, str] | None = None, cap: int | None = None) -> Export:
    """Rank the query now (a bad query raises SearchError here, before anything is written)."""
    return Export(engine.rank(store, query, sort=sort, filters=filters, limit=cap), store)


def row(article: dict[str, Any], copies: list[dict[str, Any]], sites: dict[str, dict[str, Any]]) -> dict[str, Any]:
    site = sites.get(article["site"] or "") or {}
    province, unit = provinces_of(site, article["published"])
    return {
        "id": article["id"], "url": article["url"], "title": article["title"],
        "published": vietnam_time(article["published"]), "site": article["site"], "site_title": site.get("title"),
        "province": province, "unit": unit, "kind": site.get("kind"), "author": article["author"],
        "lead": article["lead"], "text": article["text"], "captions": article["captions"],
        "word_count": len(article["text"].split()),
        "also_published_on": [{**{k: copy[k] for k in COPY_FIELDS}, "published": vietnam_time(copy["published"])}
                              for copy in copies],
    }


def provinces_of(site: dict[str, Any], published: str | None) -> tuple[str | None, str | None]:
    """The site's province as published (on the article's day) and the province-level unit of 2025."""
    province = site.get("province")
    return province_as_published(province, published, site.get("changed_hands")), unit_of(province)


def vietnam_time(published: str | None) -> str | None:
    """The one convention of every output: ISO 8601 in +07:00, or the bare day when no time is known."""
    found = parse_machine_date(published) if published else None
    return found.iso() if found else published


def export_chunks(format_name: str, rows: Iterable[dict[str, Any]], excel: bool = False) -> Iterator[str]:
    """Text chunks (a header, then one line per row) in `format_name` ("csv" or "jsonl").

    `excel` makes the CSV what Excel opens cleanly: a byte-order mark (else UTF-8 Vietnamese reads as
    mojibake) and no cell longer than Excel keeps (the JSON Lines twin keeps every character).
    """
    if format_name == "jsonl":
        return (json.dumps(item, ensure_ascii=False) + "\n" for item in rows)
    if format_name == "csv":
        return chain(["\ufeff"] if excel else [], _csv_chunks(rows, EXCEL_CELL_LIMIT if excel else None))
    raise ValueError(f"unknown export format {format_name!r}: use one of {', '.join(FORMATS)}")


def _csv_chunks(rows: Iterable[dict[str, Any]], cell_limit: int | None) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values: Iterable[Any]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()

    yield line(COLUMNS)
    for item in rows:
        yield line(spreadsheet_cell(_flat(name, item.get(name)), cell_limit) for name in COLUMNS)


def _flat(name: str, value: Any) -> Any:
    """Lists as lines of one cell: captions as they read, copies by their URLs."""
    if name == "also_published_on":
        return "\n".join(copy["url"] for copy in value or [])
    return "\n".join(value) if isinstance(value, list) else value
