"""Load on the search app over real HTTP: 1 client, then N concurrent clients, each for a fixed time,
with a realistic mix of requests drawn from the archive itself. Prints requests/s, p50, p95, p99, errors.

    python bench/load.py --data DIR [--clients 20] [--seconds 20] [--url http://HOST:PORT]
    python bench/load.py --data DIR --exports [--seconds 20]

Without --url it serves DIR itself (`python -m archive serve`, waitress, rate limits off).
`--exports` instead measures one search client alone, then the same client while another client
downloads exports (CSV, JSON Lines) back to back: exports must not starve searching (p95 within 2x).
The export gate stays on; its row budget is raised so that every export of the run is admitted.
"""
from __future__ import annotations

import argparse
import http.client
import os
import platform
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from testkit.load import Load, article_count, given, query_mix, run_clients, serve  # noqa: E402 - after the path insert

ERRORS_SHOWN = 5
# Exports back to back: a common query (the app's cap of rows), the whole archive, and an OR of 16
# abbreviations (each expanded to its long forms: the costliest ranking the review found).
EXPORT_QUERIES = ["cong doan", "", " OR ".join(["LĐLĐ", "CĐCS", "CNVCLĐ", "NLĐ", "HĐND", "UBND", "BHXH", "ATVSLĐ",
                                               "CĐ", "KCN", "BCH", "MTTQ", "TLĐLĐVN", "CNLĐ", "ĐVCĐ", "LĐ"])]
READ_BYTES = 1 << 16


@dataclass
class Exports:
    done: int = 0
    refused: int = 0
    megabytes: float = 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="archive directory (the query mix comes from it)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--url", help="an already running app (default: serve --data here)")
    parser.add_argument("--exports", action="store_true",
                        help="one search client alone, then beside a client exporting back to back")
    parser.add_argument("--export-streams", type=int, default=4,
                        help="with --exports: downloads the exporting client tries to run at once (default 4)")
    args = parser.parse_args()
    if not (args.data / "archive.sqlite3").exists():
        print(f"error: no archive in {args.data}", file=sys.stderr)
        return 2
    if args.clients < 1 or args.seconds <= 0:
        print("error: --clients must be at least 1 and --seconds positive", file=sys.stderr)
        return 2
    paths = query_mix(args.data)
    articles = article_count(args.data)
    if args.exports:
        os.environ.setdefault("ARCHIVE_APP_EXPORT_ROW_BUDGET", str(10**9))  # admit every export of the run
    with given(args.url) if args.url else serve(args.data) as url:
        print(f"bench/load.py  machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
              f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at start")
        print(f"archive: {args.data} ({articles} articles); app: {url}; mix of {len(paths)} requests "
              f"(searches with filters, sorts, pages, phrases; HTML and JSON; article pages)")
        run_clients(url, paths, 2, 2)  # warm-up: searcher opened, caches filled, not measured
        if args.exports:
            return exports_beside_search(url, paths, args.seconds, args.export_streams)
        print("clients  seconds  requests    req/s   p50 ms   p95 ms   p99 ms  errors")
        results = []
        for clients in dict.fromkeys((1, args.clients)):
            results.append(run_clients(url, paths, clients, args.seconds))
            print(results[-1].row(), flush=True)
    for problem in [e for r in results for e in r.errors][:ERRORS_SHOWN]:
        print(f"  error: {problem}")
    single, many = results[0], results[-1]
    if many is not single:
        ratio = many.percentile(0.95) / single.percentile(0.95)
        print(f"p95 at {many.clients} clients is {ratio:.1f}x the single-client p95 (target: <= 2x)")
    return 1 if any(r.errors for r in results) else 0


def exports_beside_search(url: str, paths: list[str], seconds: float, streams: int) -> int:
    """One search client alone, then the same while another client exports back to back, trying
    `streams` downloads at once (the review's client ran eight)."""
    print("search client                 requests   p50 ms   p95 ms   p99 ms  errors")
    alone = run_clients(url, paths, 1, seconds)
    _row("alone", alone)
    exports, stop = Exports(), threading.Event()
    exporters = [threading.Thread(target=export_back_to_back, args=(url, exports, stop, n)) for n in range(streams)]
    for exporter in exporters:
        exporter.start()
    try:
        beside = run_clients(url, paths, 1, seconds)
    finally:
        stop.set()
        for exporter in exporters:
            exporter.join()
    _row("beside exports", beside)
    print(f"exports meanwhile ({streams} at once tried): {exports.done} finished ({exports.megabytes:.0f} MB), "
          f"{exports.refused} refused; queries: {', '.join(repr(q[:30]) for q in EXPORT_QUERIES)}")
    ratio = beside.percentile(0.95) / alone.percentile(0.95)
    print(f"search p95 beside exports is {ratio:.2f}x its p95 alone (target: <= 2x)")
    for problem in (alone.errors + beside.errors)[:ERRORS_SHOWN]:
        print(f"  error: {problem}")
    return 1 if alone.errors or beside.errors or ratio > 2 else 0


def export_back_to_back(url: str, exports: Exports, stop: threading.Event, first: int) -> None:
    """Download exports one after another until told to stop; refused ones are retried after a pause."""
    address = urlsplit(url).netloc
    number = first
    while not stop.is_set():
        query = EXPORT_QUERIES[number % len(EXPORT_QUERIES)]
        path = f"/search.{('csv', 'jsonl')[number % 2]}?q={quote(query)}"
        number += 1
        connection = http.client.HTTPConnection(address, timeout=120)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            if response.status != 200:
                response.read()
                exports.refused += 1
                stop.wait(min(1.0, float(response.getheader("Retry-After") or 1)))
                continue
            while chunk := response.read(READ_BYTES):
                exports.megabytes += len(chunk) / 1e6
                if stop.is_set():
                    break
            exports.done += 1
        finally:
            connection.close()


def _row(name: str, load: Load) -> None:
    print(f"{name:<28}{load.requests:>9}  {load.percentile(0.50):>7.1f}  {load.percentile(0.95):>7.1f}  "
          f"{load.percentile(0.99):>7.1f}  {len(load.errors):>6}", flush=True)



if __name__ == "__main__":
    sys.exit(main())
