"""Search speed on an archive: indexing docs/s, index size, and query latency per query kind.

Times `rebuild_index` over the whole store, then runs seeded queries drawn from the archive's own
text (terms, phrases, accentless, abbreviations, filtered, date-sorted; every result with its
snippets and facets, as the engine returns them) in-process and, with --http, through
`python -m archive serve`; with --tantivy, tantivy indexes the same articles and runs the same
queries as a peer (no snippets, no facets). Prints one table.

    python bench/corpus.py --docs 100000 --data /tmp/bench100k
    python bench/search.py --data /tmp/bench100k --http --tantivy
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from archive.search.engine import SearchEngine
from archive.search.index import rebuild_index
from archive.search.schema import index_dir
from archive.storage.store import Store
from bench.queries import KINDS, BenchQuery, generate, sample_vocabulary

TARGET_P95_MS = 100
TARGET_DOCS_PER_S = 1000  # issue 14, with peak memory under 3 GB
LIMIT = 10
PROGRESS_EVERY = 100
NOTES = (
    "latency cells: p50 / p95 / max ms (median number of matching documents)",
    "whoosh: snippets, facets, timeline, near-duplicate groups and did-you-mean in every result;",
    "tantivy: the top hits and the count only (no snippets, no facets).",
    "HTTP 'first query': from starting the server to its first answer.",
    "CPU time: this process's, all threads; unlike wall time it leaves out waiting for a core (the machine is shared).",
)


@dataclass
class Column:
    """One engine in one mode: its indexing figures and, per query kind, times (ms) and match counts."""

    name: str
    docs_per_s: float | None = None
    index_mb: float | None = None
    first_ms: float | None = None  # the first query, opening the index
    peak_gb: float | None = None  # peak resident memory of the largest indexing process
    times: dict[str, list[float]] = field(default_factory=dict)
    matches: dict[str, list[int]] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)  # the queries, in the order of `matches`


def measure(column: Column, queries: list[BenchQuery], run: Callable[[BenchQuery], int],
            cpu: Column | None = None) -> None:
    """Time each query (and the CPU time this process spent on it, into `cpu`); `run` returns the matches.

    The machine is shared: wall time includes waiting for a core, CPU time does not.
    """
    for number, query in enumerate(queries, 1):
        started, started_cpu = time.perf_counter(), time.process_time()
        found = run(query)
        column.times.setdefault(query.kind, []).append((time.perf_counter() - started) * 1000)
        column.matches.setdefault(query.kind, []).append(found)
        column.texts.setdefault(query.kind, []).append(query.text)
        if cpu is not None:
            cpu.times.setdefault(query.kind, []).append((time.process_time() - started_cpu) * 1000)
            cpu.matches.setdefault(query.kind, []).append(found)
        if number % PROGRESS_EVERY == 0:
            print(f"  {column.name}: {number}/{len(queries)} queries", file=sys.stderr, flush=True)


def warm_then_measure(column: Column, warmup: list[BenchQuery], queries: list[BenchQuery],
                      run: Callable[[BenchQuery], int], cpu: Column | None = None) -> None:
    """Run the warm-up queries, timing the first (it opens the index) unless already timed, then measure."""
    started = time.perf_counter()
    run(warmup[0])
    if column.first_ms is None:
        column.first_ms = (time.perf_counter() - started) * 1000
    for query in warmup[1:]:
        run(query)
    measure(column, queries, run, cpu)


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def index_whoosh(store: Store, data: Path, column: Column, cpu: Column) -> None:
    print("indexing with rebuild_index ...", file=sys.stderr, flush=True)
    started, started_cpu = time.perf_counter(), time.process_time()
    count = rebuild_index(store, data, progress=True)
    column.docs_per_s = count / (time.perf_counter() - started)
    cpu.docs_per_s = count / (time.process_time() - started_cpu)
    # The peak of this process (rebuilding, before any query) and of its helper: on Linux, kilobytes.
    column.peak_gb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1e6


def in_process(store: Store, data: Path, warmup: list[BenchQuery], queries: list[BenchQuery],
               column: Column, cpu: Column) -> None:
    engine = SearchEngine(data)

    def run(query: BenchQuery) -> int:
        return engine.search(store, query.text, limit=LIMIT, sort=query.sort)["articles"]

    try:
        warm_then_measure(column, warmup, queries, run, cpu)
    finally:
        engine.close()


def over_http(data: Path, warmup: list[BenchQuery], queries: list[BenchQuery], column: Column) -> None:
    from testkit.served import search, served

    print("starting python -m archive serve ...", file=sys.stderr, flush=True)
    with served(data) as (base, ready_s):
        column.first_ms = ready_s * 1000

        def run(query: BenchQuery) -> int:
            return search(base, query.text, query.sort, LIMIT)["articles"]

        warm_then_measure(column, warmup, queries, run)


def with_tantivy(store: Store, warmup: list[BenchQuery], queries: list[BenchQuery], column: Column,
                 cpu: Column) -> None:
    from bench.tantivy_peer import built_peer

    print("indexing with tantivy ...", file=sys.stderr, flush=True)
    with built_peer(store) as peer:
        column.docs_per_s, cpu.docs_per_s, column.index_mb = peer.docs_per_s, peer.cpu_docs_per_s, peer.size_mb

        def run(query: BenchQuery) -> int:
            return peer.run(query.text, query.sort, LIMIT)

        warm_then_measure(column, warmup, queries, run, cpu)


# --- the table -----------------------------------------------------------------------------------

def _number(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def _latency(times: list[float], matches: list[int]) -> str:
    if not times:
        return "-"
    p50, p95 = np.percentile(times, [50, 95])
    return f"{p50:,.1f} / {p95:,.1f} / {max(times):,.1f} ({int(np.median(matches)):,})"


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                      if line.startswith("model name")), "")
    load = f", load {load_average()} at the start" if load_average() else ""
    return (f"{os.cpu_count()} CPUs{' (' + model + ')' if model else ''}{load}, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def load_average() -> str:
    """The 1-minute load average (others share this machine), or "" where the system has none."""
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""


def table(columns: list[Column], docs: int, queries: int, host: str) -> str:
    head = ["", *(c.name for c in columns)]
    rows = [
        ["indexing docs/s", *(_number(c.docs_per_s) for c in columns)],
        ["index size MB", *(_number(c.index_mb, 1) for c in columns)],
        ["indexing peak RSS GB", *(_number(c.peak_gb, 2) for c in columns)],
        ["first query ms", *(_number(c.first_ms) for c in columns)],
    ]
    for kind in (*KINDS, "all"):
        rows.append([kind, *(_latency(*_kind_figures(c, kind)) for c in columns)])
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    lines = [
        f"machine: {host}",
        (f"corpus: {docs:,} articles; {queries} queries ({queries // len(KINDS)} per kind), limit {LIMIT}, "
        "after a warm-up"),
        "  ".join(h.ljust(w) for h, w in zip(head, widths)),
        "  ".join("-" * w for w in widths),
        *("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
          for row in rows),
        *NOTES,
    ]
    return "\n".join(lines)


def _kind_figures(column: Column, kind: str) -> tuple[list[float], list[int]]:
    if kind == "all":
        return ([t for ts in column.times.values() for t in ts], [m for ms in column.matches.values() for m in ms])
    return column.times.get(kind, []), column.matches.get(kind, [])


def agreement(ours: Column, peer: Column) -> list[str]:
    """Per kind, the queries on which both engines count the same matching documents; a phrase is a
    promise (those words, in that order), so on phrases the counts must be equal."""
    lines = ["same number of matching documents as tantivy (positional phrases):"]
    for kind in KINDS:
        counts = list(zip(ours.matches.get(kind, []), peer.matches.get(kind, []), ours.texts.get(kind, [])))
        differing = [(text, a, b) for a, b, text in counts if a != b]
        lines.append(f"  {kind}: {len(counts) - len(differing)}/{len(counts)}"
                     + "".join(f"; {text!r} {a} vs {b}" for text, a, b in differing[:3]))
    return lines


def verdict(column: Column) -> str:
    """Where one whoosh column stands against the issue's targets."""
    slow = [f"{kind} {np.percentile(column.times[kind], 95):.0f} ms" for kind in KINDS
            if kind in column.times and np.percentile(column.times[kind], 95) > TARGET_P95_MS]
    parts = [f"p95 <= {TARGET_P95_MS} ms " + ("met by every kind" if not slow else "missed by " + ", ".join(slow))]
    if column.docs_per_s is not None:
        met = "met" if column.docs_per_s >= TARGET_DOCS_PER_S else "missed"
        parts.append(f"indexing >= {TARGET_DOCS_PER_S} docs/s {met} ({column.docs_per_s:,.0f})")
    return f"  {column.name}: " + "; ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="archive directory (from bench/corpus.py)")
    parser.add_argument("--queries", type=int, default=600, help="measured queries, split evenly by kind")
    parser.add_argument("--warmup", type=int, default=30, help="queries run first, not measured")
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--skip-index", action="store_true", help="use the existing index, do not time indexing")
    parser.add_argument("--http", action="store_true", help="also measure /api/search through `archive serve`")
    parser.add_argument("--tantivy", action="store_true", help="also index and query with tantivy as a peer")
    args = parser.parse_args()
    if not (args.data / "archive.sqlite3").exists():
        print(f"error: no archive at {args.data}: build one with bench/corpus.py", file=sys.stderr)
        return 2
    if args.queries < len(KINDS) or args.warmup < 1:
        print(f"error: --queries must be at least {len(KINDS)} and --warmup at least 1", file=sys.stderr)
        return 2
    if args.skip_index and not index_dir(args.data).exists():
        print(f"error: no index in {args.data}: run without --skip-index", file=sys.stderr)
        return 2
    host = machine()
    whoosh = Column("whoosh in-process")
    columns = [whoosh, Column("whoosh CPU time")]
    with Store(args.data / "archive.sqlite3") as store:
        docs = store.count()
        if not args.skip_index:
            index_whoosh(store, args.data, whoosh, columns[1])
        whoosh.index_mb = folder_mb(index_dir(args.data).resolve())
        vocabulary = sample_vocabulary(store, args.seed)
        queries = generate(vocabulary, args.queries, args.seed)
        warmup = generate(vocabulary, args.warmup, args.seed + 1)
        print(f"running {len(queries)} queries in-process ...", file=sys.stderr, flush=True)
        in_process(store, args.data, warmup, queries, whoosh, columns[1])
        if args.http:
            columns.append(Column("whoosh HTTP"))
            over_http(args.data, warmup, queries, columns[-1])
        if args.tantivy:
            columns += [Column("tantivy in-process"), Column("tantivy CPU time")]
            with_tantivy(store, warmup, queries, columns[-2], columns[-1])
    print(table(columns, docs, len(queries), host))
    if args.tantivy:
        print("\n".join(agreement(whoosh, columns[-2])))
    print(f"targets (set for 100,000 articles; this run has {docs:,}):")
    print("\n".join(verdict(column) for column in columns[:2]))
    if load_average():
        print(f"load average at the end: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
