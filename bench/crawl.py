"""Crawl benchmark: pages per second through the whole pipeline and requests per new article on a recrawl.

Generates a local site (real HTTP on 127.0.0.1), then times `python -m archive crawl` (fetch, WARC
capture, clean, store, index) for a first crawl, a recrawl after `--new` articles appear, and, when
redis-server is installed, a first crawl by two crawler processes sharing a Redis frontier.

    .venv/bin/python bench/crawl.py --articles 2000 --new 20
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.demo.generated_site import write_site
from archive.demo.sample_server import SiteServer
from crawler.redis_run import wait_for_redis


def crawl(data: Path, start: str, *extra: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "archive", "crawl", start, "--data", str(data), *extra], cwd=ROOT,
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - began


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
        seconds = crawl(work / "data", start)
        rows.append(("first crawl", len(server.requests), articles, seconds))
        write_site(root, articles + new, sitemap=True)
        server.requests.clear()
        seconds = crawl(work / "data", start)
        rows.append(("recrawl", len(server.requests), new, seconds))
        if redis_server:
            port = free_port()
            redis = subprocess.Popen([redis_server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no", "--dir", str(work)], stdout=subprocess.DEVNULL)
            try:
                url = f"redis://127.0.0.1:{port}/0"
                wait_for_redis(url)
                server.requests.clear()
                seconds = crawl(work / "data-redis", start, "--redis", url, "--workers", "2")
                rows.append(("first crawl, 2 workers on Redis", len(server.requests), articles + new, seconds))
            finally:
                redis.terminate()
                redis.wait(timeout=10)
    finally:
        server.shutdown()
        server.server_close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles on the generated site")
    parser.add_argument("--new", type=int, default=20, help="articles added before the recrawl")
    parser.add_argument("--work", type=Path, default=None, help="working directory (default: a temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-crawl-"))
    rows = measure(work, args.articles, args.new, shutil.which("redis-server"))
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"site: {args.articles} articles (+{args.new} for the recrawl), 20 per listing page, over 127.0.0.1")
    print(f"{'run':<34}{'requests':>9}{'new':>7}{'seconds':>9}{'pages/s':>9}{'req/new':>9}")
    for name, requests, new_articles, seconds in rows:
        print(f"{name:<34}{requests:>9}{new_articles:>7}{seconds:>9.1f}{requests / seconds:>9.1f}"
              f"{requests / max(new_articles, 1):>9.2f}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
