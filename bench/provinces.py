"""Provinces then and now, coverage and compare on an archive: how long each takes, in process.

DIR is any archive with an index (`bench/corpus.py --docs N --data DIR` builds one with every
province in three kinds of site).

    python bench/provinces.py --data DIR [--repeat 5]
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from archive.search.engine import SearchEngine
from archive.storage.coverage_grid import coverage
from archive.storage.store import Store


def timed(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median milliseconds of `repeat` runs (after one warm-up) and the last result."""
    result = run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="an archive with an index")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per row (default 5)")
    args = parser.parse_args()
    with Store(args.data / "archive.sqlite3") as store:
        engine = SearchEngine(args.data)
        rows = [
            ("search cong doan", lambda: engine.search(store, "cong doan")["articles"]),
            ('search cong doan province:"Hậu Giang"', lambda: engine.search(store, 'cong doan province:"Hậu Giang"')["articles"]),
            ('search cong doan unit:"Cần Thơ"', lambda: engine.search(store, 'cong doan unit:"Cần Thơ"')["articles"]),
            *((f"compare cong doan --by {by}", lambda by=by: len(engine.compare("cong doan", by)["groups"]))
              for by in ("province", "unit", "kind", "site")),
            ("coverage (sites x years)", lambda: len(coverage(store)["sites"])),
            ("coverage --year 2020 (months)", lambda: len(coverage(store, 2020)["sites"])),
        ]
        print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, "
              f"Python {platform.python_version()}; archive {args.data}: {store.count()} articles, "
              f"{len(store.sites())} sites")
        print(f"{'what':<44} {'median ms':>10} {'result':>8}")
        for name, run in rows:
            ms, result = timed(run, args.repeat)
            print(f"{name:<44} {ms:>10.1f} {result:>8}")
        engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
