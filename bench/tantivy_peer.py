"""tantivy as a bench-only peer: the same articles, the same queries translated, no snippets or facets.

To be fair to both, tantivy indexes the text folded the way our index folds it (lowercase, no
diacritics, đ -> d) with its default tokenizer, and the queries keep our semantics: every clause
must match, abbreviations are expanded both ways as alternatives, filters become terms on raw
fields or ranges on the publication time.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

import tantivy

from archive.search.index import epoch_seconds
from archive.search.query import Clause, expand_words, parse, partial_forms
from archive.search.schema import facet_value
from archive.storage.store import Store
from archive.vietnamese.abbreviations import abbreviation_table
from archive.vietnamese.dates import VIETNAM
from archive.vietnamese.text import fold

WRITER_HEAP = 256_000_000
# Searched by default, each its own field so that a phrase never runs from one into the next (as
# ours: title, body, each caption, the publisher's name and the byline are separate segments).
TEXT_FIELDS = ("title", "body", "captions", "source", "author")
TITLE_BOOST = 2.0  # as our ranking's title weight
LATEST = 2**62
PROGRESS_EVERY = 20_000


@dataclass
class Peer:
    index: tantivy.Index
    docs_per_s: float
    cpu_docs_per_s: float  # per second of this process's CPU time, all threads
    size_mb: float

    def run(self, text: str, sort: str, limit: int = 10) -> int:
        """Run a query of our language; returns the number of matching documents."""
        query = self.index.parse_query(translate(text), list(TEXT_FIELDS), field_boosts={"title": TITLE_BOOST},
                                       conjunction_by_default=True)
        searcher = self.index.searcher()
        if sort == "newest":
            result = searcher.search(query, limit, count=True, order_by_field="published", order=tantivy.Order.Desc)
        else:
            result = searcher.search(query, limit, count=True)
        for _, address in result.hits:  # fetch the hits, as a results page would
            searcher.doc(address)
        return result.count


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("aid", stored=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name="default")
    for name in ("site", "province", "kind"):
        builder.add_text_field(name, tokenizer_name="raw")
    builder.add_integer_field("published", indexed=True, fast=True)
    return builder.build()


@contextmanager
def built_peer(store: Store) -> Iterator[Peer]:
    """Index every stored article into a fresh tantivy index in a temporary directory."""
    with TemporaryDirectory(prefix="tantivy-bench-") as folder:
        schema = _schema()
        index = tantivy.Index(schema, path=folder)
        sites = store.sites()
        started, started_cpu = time.perf_counter(), time.process_time()
        writer = index.writer(WRITER_HEAP)
        count = 0
        for article in store.iter_articles():
            site = sites.get(article.get("site") or "", {})
            source = " ".join(filter(None, [site.get("title"), site.get("province")]))
            writer.add_document(tantivy.Document.from_dict({
                "aid": article["id"], "title": fold(article["title"].lower()), "body": fold(article["text"].lower()),
                # captions apart from each other: a phrase must not join two of them
                "captions": [fold(c.lower()) for c in article.get("captions", [])],
                "source": fold(source.lower()), "author": fold((article.get("author") or "").lower()),
                "site": article.get("site") or "", "province": facet_value(site.get("province")),
                "kind": facet_value(site.get("kind")), "published": epoch_seconds(article.get("published")),
            }, schema))
            count += 1
            if count % PROGRESS_EVERY == 0:
                print(f"  tantivy indexed {count}", file=sys.stderr, flush=True)
        writer.commit()
        writer.wait_merging_threads()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        index.reload()
        size = sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file()) / 1e6
        yield Peer(index, count / elapsed, count / cpu, size)


def translate(text: str) -> str:
    """Our query language in tantivy's syntax (over title and body by default)."""
    parsed = parse(text)
    parts = [f"+{_clause(c)}" for c in expand_words([g[0] for g in parsed.groups if len(g) == 1])]
    parts += [f"+({' OR '.join(_clause(c) for c in group)})" for group in parsed.groups if len(group) > 1]
    parts += _filters(parsed.filters)
    if not parts:
        parts = ["*"]
    parts += [f"-{_clause(c)}" for c in parsed.excluded]
    return " ".join(parts)


def _clause(clause: Clause) -> str:
    forward, backward = abbreviation_table()
    folded = tuple(fold(w) for w in clause.words)
    options = [folded]
    if clause.phrase:
        options += [(short,) for short in backward.get(folded, [])]
        options += forward.get("".join(folded), [])
        options += partial_forms(folded)
    else:
        options += forward.get(folded[0], [])
    rendered = [words[0] if len(words) == 1 else f'"{" ".join(words)}"' for words in options]
    return rendered[0] if len(rendered) == 1 else f"({' OR '.join(rendered)})"


def _filters(filters: dict[str, str]) -> list[str]:
    parts = []
    if filters.get("site"):
        parts.append(f'+site:"{filters["site"]}"')
    if filters.get("author"):
        parts.append(f'+author:"{fold(filters["author"].lower())}"')
    for name in ("province", "kind"):
        if filters.get(name):
            parts.append(f'+{name}:"{facet_value(filters[name])}"')
    low, high = 1, LATEST
    if filters.get("year", "").isdigit():
        year = int(filters["year"])
        low, high = max(low, _local_day(date(year, 1, 1))), min(high, _local_day(date(year + 1, 1, 1)) - 1)
    if filters.get("from"):
        low = max(low, _local_day(date.fromisoformat(filters["from"])))
    if filters.get("to"):
        high = min(high, _local_day(date.fromisoformat(filters["to"]) + timedelta(days=1)) - 1)
    if (low, high) != (1, LATEST):
        parts.append(f"+published:[{low} TO {high}]")
    return parts


def _local_day(day: date) -> int:
    """Epoch seconds of the start of a day in Vietnam."""
    return int(datetime(day.year, day.month, day.day, tzinfo=VIETNAM).timestamp())
