"""Load on the search app over real HTTP: 1 client, then N concurrent clients, each for a fixed time,
with a realistic mix of requests drawn from the archive itself. Prints requests/s, p50, p95, p99, errors.

    python bench/load.py --data DIR [--clients 20] [--seconds 20] [--url http://HOST:PORT]

Without --url it serves DIR itself (`python -m archive serve`, waitress, rate limits off).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from bench.served import served

SAMPLE_ROWS = 2000
ERRORS_SHOWN = 5


@dataclass
class Load:
    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)  # seconds, one per successful request
    errors: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies) + len(self.errors)

    def percentile(self, share: float) -> float:
        """Latency in ms at this share of requests (nearest rank)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def row(self) -> str:
        return (f"{self.clients:>7}  {self.seconds:>7.0f}  {self.requests:>8}  {self.requests / self.seconds:>7.1f}  "
                f"{self.percentile(0.50):>7.1f}  {self.percentile(0.95):>7.1f}  {self.percentile(0.99):>7.1f}  "
                f"{len(self.errors):>6}")


def query_mix(data_dir: Path, seed: int = 7) -> list[str]:
    """Request paths a reader would send: title words with and without accents, filters, sorts, pages,
    phrases, article pages and their JSON twins; drawn from a sample of the archive's own articles."""
    from archive.storage.store import Store
    from archive.vietnamese.text import fold

    with Store(data_dir / "archive.sqlite3") as store:
        rows = store.db.execute("SELECT id, title, site, substr(published, 1, 4) AS year FROM articles "
                                "ORDER BY random() LIMIT ?", (SAMPLE_ROWS,)).fetchall()
    if not rows:
        raise SystemExit(f"error: no articles in {data_dir}")
    rng = random.Random(seed)
    paths = []
    for row in rows:
        words = [w for w in row["title"].split() if any(c.isalnum() for c in w)] or ["công", "đoàn"]
        start = rng.randrange(len(words))
        typed = " ".join(words[start:start + rng.choice((1, 2, 2, 3))]).lower()
        if rng.random() < 0.5:
            typed = fold(typed)  # many readers type without diacritics
        q = quote(typed)
        year = row["year"] if (row["year"] or "").isdigit() else "2020"
        paths += [f"/api/search?q={q}", f"/api/search?q={q}", f"/search?q={q}", f"/search?q={q}",
                  f"/api/search?q={q}&sort=newest", f"/api/search?q={q}+site:{quote(row['site'] or '')}",
                  f"/api/search?q={q}+year:{year}", f"/api/search?q=%22{q}%22&page=2",
                  f"/articles/{row['id']}", f"/api/articles/{row['id']}"]
    rng.shuffle(paths)
    return paths


def run_clients(base_url: str, paths: list[str], clients: int, seconds: float) -> Load:
    """`clients` threads, each with one keep-alive connection, sending requests for `seconds`."""
    load = Load(clients, seconds)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    address = urlsplit(base_url).netloc

    def client(number: int) -> None:
        rng = random.Random(number)
        connection = http.client.HTTPConnection(address, timeout=30)
        while time.monotonic() < deadline:
            path = rng.choice(paths)
            started = time.perf_counter()
            problem = None
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                problem = _invalid(path, response.status, body)
            except (OSError, http.client.HTTPException) as error:
                problem = f"{type(error).__name__}: {error}"
                connection.close()
                connection = http.client.HTTPConnection(address, timeout=30)
            elapsed = time.perf_counter() - started
            with lock:
                if problem:
                    load.errors.append(f"{path}: {problem}")
                else:
                    load.latencies.append(elapsed)
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return load


def _invalid(path: str, status: int, body: bytes) -> str | None:
    if status != 200:
        return f"HTTP {status}"
    if path.startswith("/api/"):
        try:
            json.loads(body)
        except ValueError:
            return "invalid JSON"
    elif not body.rstrip().endswith(b"</html>"):
        return "incomplete HTML"
    return None


@contextmanager
def serve(data_dir: Path) -> Iterator[str]:
    """Serve the archive with the project's own `serve` command (no rate limits); yields its base URL."""
    with served(data_dir) as (base, _):
        yield base


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
