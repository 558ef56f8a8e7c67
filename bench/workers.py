"""Serving scales with cores: the search app with one worker process and with N (`serve --workers`),
1 client then N concurrent clients each, a realistic mix of requests drawn from the archive itself.
Prints requests/s, p50, p95, p99, errors, and the N-worker throughput over the one-worker one.

    python bench/workers.py --data DIR [--clients 20] [--seconds 20] [--workers N] [--url http://HOST:PORT]

Without --url it serves DIR itself (`python -m archive serve`, rate limits off) with one worker process
and with --workers (default: one per core), measures both in interleaved slices (other load on the
machine then weighs on both alike) and compares their throughput under N clients.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from search_app.server import default_workers  # noqa: E402 - after the sys.path line
from testkit.load import Load, article_count, given, query_mix, run_clients, serve  # noqa: E402

ERRORS_SHOWN = 5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="archive directory (the query mix comes from it)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients of the second run (default 20)")
    parser.add_argument("--seconds", type=float, default=20, help="length of each run (default 20)")
    parser.add_argument("--workers", type=int, default=default_workers(),
                        help="worker processes of the app to compare with one (default: one per core)")
    parser.add_argument("--rounds", type=int, default=4, help="slices each run is cut into, interleaved (default 4)")
    parser.add_argument("--url", help="an already running app (default: serve --data here, 1 and N workers)")
    args = parser.parse_args()
    if not (args.data / "archive.sqlite3").exists():
        print(f"error: no archive in {args.data}", file=sys.stderr)
        return 2
    if args.clients < 1 or args.seconds <= 0 or args.workers < 1 or args.rounds < 1:
        print("error: --clients, --workers and --rounds must be at least 1, --seconds positive", file=sys.stderr)
        return 2
    paths = query_mix(args.data)
    print(f"bench/load.py  machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at start")
    print(f"archive: {args.data} ({article_count(args.data)} articles); mix of {len(paths)} requests "
          f"(searches with filters, sorts, pages, phrases; HTML and JSON; article pages)")
    print("workers  clients  seconds  requests    req/s   p50 ms   p95 ms   p99 ms  errors")
    settings = [0] if args.url else list(dict.fromkeys((1, args.workers)))
    results: dict[tuple[int, int], Load] = {}
    with ExitStack() as stack:
        # Every app is up at once (an idle one costs nothing) and the runs are interleaved in slices,
        # so a machine whose other load drifts weighs on each setting alike.
        urls = {workers: stack.enter_context(given(args.url) if args.url else serve(args.data, workers))
                for workers in settings}
        for url in urls.values():
            run_clients(url, paths, 2, 2)  # warm-up: searchers opened, caches filled, not measured
        for clients in dict.fromkeys((1, args.clients)):
            for _ in range(args.rounds):
                for workers, url in urls.items():
                    run = run_clients(url, paths, clients, args.seconds / args.rounds)
                    results.setdefault((workers, clients), Load(clients, 0)).add(run)
            for workers in urls:
                print(f"{workers or '?':>7}  " + results[workers, clients].row(), flush=True)
    for problem in [e for r in results.values() for e in r.errors][:ERRORS_SHOWN]:
        print(f"  error: {problem}")
    one, many = results.get((1, args.clients)), results.get((args.workers, args.clients))
    if one and many and many is not one:
        ratio = (many.requests / many.seconds) / (one.requests / one.seconds)
        print(f"{args.clients} clients: {args.workers} workers serve {ratio:.2f}x the requests/s of one worker "
              f"(target on 2 cores: >= 1.8x); p99 {many.percentile(0.99):.0f} ms")
    return 1 if any(r.errors for r in results.values()) else 0



if __name__ == "__main__":
    sys.exit(main())
