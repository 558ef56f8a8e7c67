"""Fuzz the cleaner with 10,000 hostile inputs, then time each pathological page in its own process.

    python bench/fuzz.py [--inputs 10000] [--seed 0]

Prints throughput, the worst time per page, refusals by reason, exceptions (there must be none),
and per pathological page its time and peak memory (max RSS growth of a fresh process).
"""
from __future__ import annotations

import argparse
import collections
import logging
import multiprocessing
import os
import platform
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.extract.cleaner import extract
from archive.extract.page_limits import MAX_DEPTH, MAX_PAGE_BYTES, PageRefused
from testkit.hostile_html import (
    ARTICLE_PARAGRAPH,
    PATHOLOGICAL_BUILDERS,
    mutate,
    random_page,
    real_pages,
    truncate,
)

URL = "http://127.0.0.1:8101/tin-tuc/bai-viet-a123.html"
WORST = "largest accepted page (worst case)"
KINDS = ("random tag soup", "mutated real page", "truncated real page", "random bytes")


def make_input(kind: str, rng: random.Random, pages: list[bytes]) -> bytes | str:
    if kind == "random tag soup":
        return random_page(rng)
    if kind == "mutated real page":
        return mutate(rng.choice(pages), rng)
    if kind == "truncated real page":
        return truncate(rng.choice(pages), rng)
    return rng.randbytes(rng.randint(0, 5000))


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def worst_accepted_page() -> bytes:
    """The slowest page the limits still accept: the size cap, nested just under the depth cap."""
    depth = MAX_DEPTH - 4  # html, body and the <p> count too
    filler = ARTICLE_PARAGRAPH * ((MAX_PAGE_BYTES - 12 * depth - 100) // len(ARTICLE_PARAGRAPH))
    return b"<html><body>" + b"<div>" * depth + filler + b"</div>" * depth + b"</body></html>"


def measure_one(name: str, queue: multiprocessing.Queue) -> None:
    logging.disable(logging.WARNING)
    builders = {**PATHOLOGICAL_BUILDERS, WORST: (worst_accepted_page, None)}
    page = builders[name][0]()  # built alone: the child's max RSS then starts from this page
    before = max_rss_mb()
    started = time.perf_counter()
    try:
        extract(page, URL)
        outcome = "cleaned"
    except PageRefused as refused:
        outcome = f"refused: {refused.reason}"
    queue.put((len(page), time.perf_counter() - started, max_rss_mb() - before, outcome))


def pathological_table() -> None:
    names = [*PATHOLOGICAL_BUILDERS, WORST]
    print(f"\n{'pathological page':<38}{'bytes':>12}{'seconds':>9}{'peak MB':>9}  outcome")
    for name in names:
        queue: multiprocessing.Queue = multiprocessing.Queue()
        child = multiprocessing.Process(target=measure_one, args=(name, queue))
        child.start()
        size, seconds, peak, outcome = queue.get(timeout=300)
        child.join()
        print(f"{name:<38}{size:>12,}{seconds:>9.2f}{peak:>9.1f}  {outcome}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # bs4 warns on every undecodable byte
    pages = real_pages()
    rng = random.Random(args.seed)
    times: dict[str, list[float]] = collections.defaultdict(list)
    outcomes: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    worst = (0.0, "", 0)
    total_bytes = 0
    baseline = max_rss_mb()
    started = time.perf_counter()
    for number in range(args.inputs):
        kind = KINDS[number % len(KINDS)]
        page = make_input(kind, rng, pages)
        total_bytes += len(page)
        began = time.perf_counter()
        try:
            extract(page, URL)
            outcomes["cleaned"] += 1
        except PageRefused as refused:
            outcomes[f"refused: {refused.reason}"] += 1
        except Exception as error:  # noqa: BLE001 - every exception is a bug to report, not to stop on
            failures.append(f"{kind} #{number}: {type(error).__name__}: {error}")
        took = time.perf_counter() - began
        times[kind].append(took)
        if took > worst[0]:
            worst = (took, kind, len(page))
    elapsed = time.perf_counter() - started
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f} (other work on the machine slows every figure)")
    print(f"inputs: {args.inputs} (seed {args.seed}), {total_bytes / 1e6:.1f} MB in total, "
          f"from {len(pages)} real sample pages and random tag soup")
    print(f"\n{'kind':<22}{'inputs':>8}{'mean ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for kind in KINDS:
        values = sorted(times[kind])
        print(f"{kind:<22}{len(values):>8}{1000 * sum(values) / len(values):>9.1f}"
              f"{1000 * values[int(0.99 * (len(values) - 1))]:>9.1f}{1000 * values[-1]:>9.1f}")
    print(f"\nthroughput: {args.inputs / elapsed:.0f} pages/s ({elapsed:.1f} s)")
    print(f"worst time per page: {1000 * worst[0]:.0f} ms ({worst[1]}, {worst[2]:,} bytes)")
    print(f"peak memory: max RSS {max_rss_mb():.0f} MB (started at {baseline:.0f} MB)")
    print("outcomes: " + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())))
    print(f"exceptions: {len(failures)}")
    for line in failures[:10]:
        print("  " + line)
    pathological_table()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
