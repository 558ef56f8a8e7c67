"""Load on the search app over real HTTP: a realistic mix of requests drawn from the archive itself,
N keep-alive clients for a fixed time, latencies and errors (bench/load.py prints them; the
concurrency test asserts on them)."""
from __future__ import annotations

import http.client
import json
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from testkit.served import served

SAMPLE_ROWS = 2000


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

    def add(self, other: Load) -> None:
        """Take in another run with as many clients (the slices of an interleaved measurement)."""
        self.seconds += other.seconds
        self.latencies += other.latencies
        self.errors += other.errors

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
def serve(data_dir: Path, workers: int | None = None) -> Iterator[str]:
    """Serve the archive with the project's own `serve` command (no rate limits); yields its base URL."""
    with served(data_dir, workers) as (base, _):
        yield base


@contextmanager
def given(url: str) -> Iterator[str]:
    """An app already running at `url`, used like `serve`'s."""
    yield url.rstrip("/")


def article_count(data_dir: Path) -> int:
    from archive.storage.store import Store

    with Store(data_dir / "archive.sqlite3") as store:
        return store.count()
