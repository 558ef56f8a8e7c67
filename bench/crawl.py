"""Crawl benchmark: pages per second through the whole pipeline and requests per new article on a recrawl.

Generates a local site (real HTTP on 127.0.0.1), then times `python -m archive crawl` (fetch, WARC
capture, clean, store, index) for a first crawl, a recrawl after `--new` articles appear, and, when
redis-server is installed, a first crawl by two crawler processes sharing a Redis frontier.
Then the same for each replica platform family (testkit/replicas: DotNetNuke, NukeViet, Liferay,
SharePoint, WebSphere, 3CMS, WordPress, custom routes; aliases, tokens, calendars, old articles
only on deep listing pages): requests per article on a first crawl (listings included, goal at most
1.3), whether every article was archived exactly once, requests per new article on a recrawl,
pages per second and the crawl process's peak RSS.

    .venv/bin/python bench/crawl.py --articles 2000 --new 20 --replica-articles 130
    .venv/bin/python bench/crawl.py --only replicas --families dnn liferay
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.demo.generated_site import write_site  # noqa: E402 - after the sys.path line
from archive.demo.sample_server import SiteServer  # noqa: E402
from crawler.redis_run import wait_for_redis  # noqa: E402
from testkit.replicas import FAMILIES, ReplicaServer, ReplicaSite, Verdict, judge  # noqa: E402

# Runs one command and prints its peak RSS: the crawl's own, whatever ran in this process before.
PEAK_RSS = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, "
            "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)")


def crawl(data: Path, start: str, *extra: str) -> tuple[float, int]:
    """Seconds and peak RSS (bytes) of one `archive crawl` process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK_RSS, sys.executable, "-m", "archive", "crawl", start,
                           "--data", str(data), *extra], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - began, int(done.stdout.split()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure(work: Path, articles: int, new: int, redis_server: str | None) -> list[tuple[str, int, int, float]]:
    """Rows of (run, requests, new articles, seconds)."""
    root = work / "site"
    write_site(root, articles, sitemap=True)
    server = SiteServer(root)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    start = server.url + "/tin-tuc/"
    rows = []
    try:
        seconds, _ = crawl(work / "data", start)
        rows.append(("first crawl", len(server.requests), articles, seconds))
        write_site(root, articles + new, sitemap=True)
        server.requests.clear()
        seconds, _ = crawl(work / "data", start)
        rows.append(("recrawl", len(server.requests), new, seconds))
        if redis_server:
            port = free_port()
            redis = subprocess.Popen([redis_server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no", "--dir", str(work)], stdout=subprocess.DEVNULL)
            try:
                url = f"redis://127.0.0.1:{port}/0"
                wait_for_redis(url)
                server.requests.clear()
                seconds, _ = crawl(work / "data-redis", start, "--redis", url, "--workers", "2")
                rows.append(("first crawl, 2 workers on Redis", len(server.requests), articles + new, seconds))
            finally:
                redis.terminate()
                redis.wait(timeout=10)
    finally:
        server.shutdown()
        server.server_close()
    return rows


@dataclass
class ReplicaRun:
    family: str
    articles: int
    requests: int
    seconds: float
    peak_rss: int
    verdict: Verdict
    recrawl_requests: int
    new: int
    recrawl_verdict: Verdict


def stored_urls(data: Path) -> list[str]:
    """One URL per stored article record."""
    with sqlite3.connect(data / "archive.sqlite3") as db:
        return [url for (url,) in db.execute("SELECT url FROM articles")]


def measure_replica(work: Path, family: str, articles: int, new: int, max_pages: int) -> ReplicaRun:
    """A first crawl of a replica, then a recrawl after `new` articles appear."""
    server = ReplicaServer(ReplicaSite(family, articles)).start()
    data, budget = work / f"data-{family}", ("--max-pages", str(max_pages))
    try:
        seconds, peak_rss = crawl(data, server.url + "/", *budget)
        requests, verdict = len(server.requests), judge(server.site, stored_urls(data))
        server.site = ReplicaSite(family, articles + new)
        server.requests.clear()
        crawl(data, server.url + "/", *budget)
        return ReplicaRun(family, articles, requests, seconds, peak_rss, verdict, len(server.requests), new,
                          judge(server.site, stored_urls(data)))
    finally:
        server.stop()


def print_replicas(runs: list[ReplicaRun], max_pages: int) -> None:
    print(f"replicas: one site per platform family on 127.0.0.x, a budget of {max_pages} requests per crawl; "
          "exact = every article once, nothing else")
    print(f"{'family':<14}{'articles':>9}{'requests':>9}{'req/art':>8}{'first crawl':>31}{'seconds':>8}{'pages/s':>8}"
          f"{'RSS MB':>7}{'recrawl':>8}{'req/new':>8}{'after recrawl':>31}")
    for run in runs:
        print(f"{run.family:<14}{run.articles:>9}{run.requests:>9}{run.requests / run.articles:>8.2f}"
              f"{short(run.verdict):>31}{run.seconds:>8.1f}{run.requests / run.seconds:>8.1f}"
              f"{run.peak_rss / 2**20:>7.0f}{run.recrawl_requests:>8}{run.recrawl_requests / max(run.new, 1):>8.2f}"
              f"{short(run.recrawl_verdict):>31}")


def short(verdict: Verdict) -> str:
    if verdict.exact:
        return "exact"
    return (f"{len(verdict.missing)} missing {len(verdict.duplicated)} dup "
            f"{len(verdict.not_articles)} non-art")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles on the generated site")
    parser.add_argument("--new", type=int, default=20, help="articles added before the recrawl")
    parser.add_argument("--work", type=Path, default=None, help="working directory (default: a temporary one)")
    parser.add_argument("--only", choices=("generated", "replicas"), help="run one of the two benches")
    parser.add_argument("--families", nargs="+", choices=sorted(FAMILIES), default=sorted(FAMILIES),
                        help="replica families to crawl (default: all)")
    parser.add_argument("--replica-articles", type=int, default=130, help="articles on each replica site")
    parser.add_argument("--replica-budget", type=int, default=1000, help="--max-pages of each replica crawl")
    parser.add_argument("--json", type=Path, help="also write the replica rows here")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-crawl-"))
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    if args.only != "replicas":
        rows = measure(work, args.articles, args.new, shutil.which("redis-server"))
        print(f"site: {args.articles} articles (+{args.new} for the recrawl), 20 per listing page, over 127.0.0.1")
        print(f"{'run':<34}{'requests':>9}{'new':>7}{'seconds':>9}{'pages/s':>9}{'req/new':>9}")
        for name, requests, new_articles, seconds in rows:
            print(f"{name:<34}{requests:>9}{new_articles:>7}{seconds:>9.1f}{requests / seconds:>9.1f}"
                  f"{requests / max(new_articles, 1):>9.2f}")
    if args.only != "generated":
        runs = [measure_replica(work, family, args.replica_articles, args.new, args.replica_budget)
                for family in args.families]
        print_replicas(runs, args.replica_budget)
        if args.json:
            args.json.write_text(json.dumps([{**vars(run), "verdict": str(run.verdict),
                                              "recrawl_verdict": str(run.recrawl_verdict)} for run in runs], indent=1))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
