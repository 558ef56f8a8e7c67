"""Helpers shared by the test modules (fixtures stay in conftest.py): sample-site truth, the CLI and
the app run as real processes, local HTTP servers, archive copies and synthetic articles."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from archive.article import Article
from archive.demo.sample_server import SAMPLE_ROOT, SiteHandler, SiteServer, file_for
from archive.extract.cleaner import extract
from archive.search.index import update_index
from archive.storage.store import Store
from archive.storage.warc import WarcWriter
from testkit.deep_site import running

FIXTURES = Path(__file__).parent / "fixtures"
# Queries no parser may choke on: unbalanced quotes, lone operators, control bytes, huge inputs.
BROKEN_INPUTS = [
    '"unbalanced', 'a "b c', '"', '""', '-', '- -', '-""', 'OR', 'OR OR', 'a OR', 'OR a',
    "x" * 10_000, "công đoàn " * 2000, "\x00\x01\x02\x1b[31m\x7f", "a\x00b", "", "   ", None,
    ":", "site:", "site:\"\"", "from:notadate", "to:2021-13-45", "from:2021-01-01", "year:abcd",
    "-site:x", "((a) AND [b])", "\u200b\ufeff", "😀 đường", "\\", "a:b:c", '-"a b" OR "c d"',
    "province:Cần Thơ", "kind:", "-OR", "ldld OR hđnd", "OR -a",
]
# A dead port: crawl_forever's site is never fetched, only named.
COPIES_SITE = "http://127.0.0.1:9"


ROOT = Path(__file__).resolve().parent.parent


def sample_articles() -> list[dict]:
    """Every article of the sample sites with its truth, and its HTML file."""
    found = []
    for truth_file in sorted((FIXTURES / "sample_truth").glob("*.json")):
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        for article in truth["articles"]:
            path = file_for(SAMPLE_ROOT / truth["site"], article["path"])
            found.append({**article, "site": truth["site"], "file": path})
    return found


def run_cli(*args: str, data: Path, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "archive", *args, "--data", str(data)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=check)


ZERO_CONFIG_CRAWL = """
import json, sys
from pathlib import Path
from crawler.run import run_crawl
from archive.sites import zero_config_profile
data, overrides, *urls = sys.argv[1:]
summary = run_crawl(Path(data), [zero_config_profile(url) for url in urls], overrides=json.loads(overrides))
print(json.dumps(summary))
"""


def crawl_with_settings(data: Path, overrides: dict, urls: list[str], timeout: float) -> dict:
    """A zero-config crawl of `urls` in a child process with settings overridden (shorter timeouts,
    smaller budgets); returns its per-site summary."""
    done = subprocess.run([sys.executable, "-c", ZERO_CONFIG_CRAWL, str(data), json.dumps(overrides), *urls], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=timeout,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def free_port(count: int = 1) -> int:
    """A port with `count` free ports from it (the sample sites take one port each)."""
    for _ in range(50):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            first = sock.getsockname()[1]
        if first + count < 65535 and all(_free(first + i) for i in range(count)):
            return first
    raise RuntimeError("no free ports")


def _free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@contextmanager
def served_app(data: Path, env: dict[str, str] | None = None, workers: int = 2) -> Iterator[str]:
    """`python -m archive serve` on a free port over `data`; yields its base URL. Rate limits are off
    (one test client, many requests) unless `env` sets them."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ARCHIVE_RATE_LIMIT": "off", **(env or {})}
    server = subprocess.Popen([sys.executable, "-m", "archive", "serve", "--port", str(port), "--data", str(data),
                               "--workers", str(workers)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


_BIND_READ_ONLY = 'mount --bind -o ro "$0" "$0" && exec "$@"'


@contextmanager
def read_only(directory: Path) -> Iterator[list[str]]:
    """The prefix to put before a command line so it sees `directory` read-only. As root chmod stops
    nothing: the command gets a mount namespace of its own with the directory bind-mounted read-only.
    Anyone else gets the write bits of the directory and what it holds removed meanwhile."""
    if os.geteuid() == 0:
        yield ["unshare", "--mount", "--propagation", "private", "sh", "-c", _BIND_READ_ONLY, str(directory)]
        return
    modes = {path: path.stat().st_mode for path in [directory, *directory.rglob("*")] if not path.is_symlink()}
    for path, mode in modes.items():
        path.chmod(mode & ~0o222)
    try:
        yield []
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


def copy_archive(source: Path, destination: Path) -> Path:
    """A private copy of an archive; the index symlink stays relative, so the copy is self-contained."""
    shutil.copytree(source, destination, symlinks=True)
    return destination


def serving(root: Path, handler: type[SiteHandler] = SiteHandler) -> AbstractContextManager[SiteServer]:
    return running(SiteServer(root, handler=handler))


def crawl(data: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return run_cli("crawl", *args, data=data, check=check)


def archived(data: Path) -> dict[str, int]:
    """Archived URL -> number of stored versions, read straight from the SQLite file."""
    with sqlite3.connect(data / "archive.sqlite3") as db:
        rows = db.execute("SELECT a.url, count(v.version) FROM articles a JOIN versions v ON v.article_id = a.id "
                          "GROUP BY a.id").fetchall()
    return dict(rows)


def article_count(data: Path) -> int:
    """Articles stored so far, read without waiting for (or disturbing) a running crawl."""
    try:
        with sqlite3.connect(f"file:{data / 'archive.sqlite3'}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet, or its schema not yet written
        return 0


def kill_crawls(data: Path, start: str, kills: int, rng: random.Random) -> list[int]:
    """`crawl start` as a real process, `kills` times, each SIGKILLed at a random moment once it has
    stored something new; returns the article count after each kill."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    progress: list[int] = []
    for _ in range(kills):
        before = article_count(data)
        process = subprocess.Popen([sys.executable, "-m", "archive", "crawl", start, "--data", str(data)],
                                   cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while article_count(data) <= before and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.4))  # somewhere in the middle of fetching, cleaning and writing
        assert process.poll() is None, f"crawl ended before kill {len(progress) + 1}: {progress}"
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
        progress.append(article_count(data))
    return progress


def summary_rows(run: subprocess.CompletedProcess) -> dict[str, dict[str, int | str]]:
    """The crawl's printed per-site summary: site -> fetched, new, changed, unchanged, 304, errors."""
    lines = run.stderr.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("site ") and "fetched" in line)
    rows = {}
    for line in lines[header + 1:]:
        parts = line.split(None, 6)
        if len(parts) < 7 or not parts[1].isdigit():
            break
        names = ("fetched", "new", "changed", "unchanged", "not_modified")
        rows[parts[0]] = {**dict(zip(names, map(int, parts[1:6]), strict=True)), "errors": parts[6]}
    return rows


WORDS = ["công", "đoàn", "lao", "động", "hội", "nghị", "tỉnh", "huyện", "viên", "người", "tết", "quà", "chăm",
         "lo", "đời", "sống", "việc", "làm", "an", "toàn", "vệ", "sinh", "thi", "đua", "khen", "thưởng"]


def add_articles(data: Path, start: int, count: int, marker: str) -> list[int]:
    """Articles with a marker word, in one transaction; they are not indexed yet."""
    rng = random.Random(start)
    with Store(data / "archive.sqlite3") as store, store.transaction():
        for n in range(start, start + count):
            text = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(25)) + f" {marker}." for _ in range(2))
            store.upsert_article(Article(url=f"https://ldld.example.vn/tin/{n}", title=f"Tin số {n} {marker}",
                                         text=text, published=f"2024-03-0{1 + n % 9}T08:00:00+07:00",
                                         site="ldld"))
        return [row[0] for row in store.db.execute("SELECT id FROM articles WHERE url LIKE '%/tin/%' "
                                                   "AND title LIKE ?", (f"% {marker}",))]


def spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def sample_article(path_part: str) -> Article:
    """The cleaned sample article whose path holds `path_part`."""
    found = next(a for a in sample_articles() if path_part in a["path"])
    return extract(found["file"].read_bytes(), "http://127.0.0.1:8101" + found["path"])


def syndicated(article: Article, url: str, site: str) -> Article:
    """How copies look on other sites: a reworded dateline and a credit line, the rest as published."""
    first, _, rest = article.text.partition(", ")
    return Article(url=url, site=site, title=article.title, published=article.published,
                   text=f"{first.replace('-', '/')}, {rest}\n\nTheo {article.site or 'báo địa phương'}")


def crawl_forever(data: Path) -> None:
    """Capture a sample page under a new URL, store it, index every few: like a crawl, until killed."""
    pages = [(a["path"], a["file"].read_bytes()) for a in sample_articles()]
    warc = WarcWriter(data / "warc")
    with Store(data / "archive.sqlite3") as store:
        store.upsert_site("copies", "Bản sao", "Cần Thơ", "union", COPIES_SITE + "/")
        for n in range(100_000):
            path, body = pages[n % len(pages)]
            url = f"{COPIES_SITE}/{n}{path}"
            capture = warc.write(url, 200, "OK", [("Content-Type", "text/html; charset=utf-8")], body, [])
            article = extract(body, url)
            article.site = "copies"
            with store.transaction():
                store.upsert_article(article, capture)
            print(n + 1, flush=True)
            if n % 5 == 4:
                update_index(store, data)


# Sites of the Cần Thơ unit of 2025 (Cần Thơ, Hậu Giang, Sóc Trăng), Huế and a national paper, with
# articles before and after the merger (2025-07-01); Báo Sóc Trăng passed to Cần Thơ only on 2025-08-01.
PROVINCE_SITES = [
    ("ldld-cantho", "Liên đoàn Lao động thành phố Cần Thơ", "Cần Thơ", "union", None),
    ("ldld-haugiang", "Liên đoàn Lao động tỉnh Hậu Giang", "Hậu Giang", "union", None),
    ("bao-soctrang", "Báo Sóc Trăng", "Sóc Trăng", "newspaper", "2025-08-01"),
    ("hdnd-hue", "Hội đồng nhân dân thành phố Huế", "Huế", "council", None),
    ("laodong", "Báo Lao Động", "", "newspaper", None),
]
PROVINCE_ARTICLES = [  # site, published
    ("ldld-cantho", "2016-05-01"), ("ldld-cantho", "2018-03-02T08:00:00+07:00"), ("ldld-cantho", "2025-09-01"),
    ("ldld-haugiang", "2016-06-01"), ("ldld-haugiang", "2020-01-05"), ("ldld-haugiang", "2025-07-15"),
    ("bao-soctrang", "2025-07-20"), ("bao-soctrang", "2025-08-02"),
    ("hdnd-hue", "2019-04-04"), ("laodong", "2021-01-01"), ("laodong", None),
]


def province_archive(data: Path) -> None:
    """A store and index of PROVINCE_SITES and PROVINCE_ARTICLES, each article about công nhân."""
    data.mkdir(parents=True, exist_ok=True)
    with Store(data / "archive.sqlite3") as store:
        for name, title, province, kind, changed_hands in PROVINCE_SITES:
            store.upsert_site(name, title, province, kind, f"https://{name}.example.vn/", changed_hands)
        with store.transaction():
            for n, (site, published) in enumerate(PROVINCE_ARTICLES):
                text = f"Công đoàn chăm lo đời sống công nhân, bài số {n}, đăng trên {site}."
                store.upsert_article(Article(url=f"https://{site}.example.vn/tin/{n}", site=site, published=published,
                                             title=f"Chăm lo công nhân {n}", text=text))
        update_index(store, data)
