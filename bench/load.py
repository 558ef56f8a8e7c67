"""Load on the search app over real HTTP: 1 client, then N concurrent clients, each for a fixed time,
with a realistic mix of requests drawn from the archive itself. Prints requests/s, p50, p95, p99, errors.

    python bench/load.py --data DIR [--clients 20] [--seconds 20] [--url http://HOST:PORT]

Without --url it serves DIR itself (`python -m archive serve`, waitress, rate limits off).
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from testkit.load import query_mix, run_clients, serve

ERRORS_SHOWN = 5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="archive directory (the query mix comes from it)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--url", help="an already running app (default: serve --data here)")
    args = parser.parse_args()
    if not (args.data / "archive.sqlite3").exists():
        print(f"error: no archive in {args.data}", file=sys.stderr)
        return 2
    if args.clients < 1 or args.seconds <= 0:
        print("error: --clients must be at least 1 and --seconds positive", file=sys.stderr)
        return 2
    paths = query_mix(args.data)
    articles = article_count(args.data)
    with _given(args.url) if args.url else serve(args.data) as url:
        print(f"bench/load.py  machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
              f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at start")
        print(f"archive: {args.data} ({articles} articles); app: {url}; mix of {len(paths)} requests "
              f"(searches with filters, sorts, pages, phrases; HTML and JSON; article pages)")
        run_clients(url, paths, 2, 2)  # warm-up: searcher opened, caches filled, not measured
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


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url.rstrip("/")


def article_count(data_dir: Path) -> int:
    from archive.storage.store import Store

    with Store(data_dir / "archive.sqlite3") as store:
        return store.count()


if __name__ == "__main__":
    sys.exit(main())
