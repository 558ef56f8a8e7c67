"""Shared fixtures: the bundled sample sites and their truth files, the demo archive and its app."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from archive.demo.sample_server import SAMPLE_ROOT, file_for

FIXTURES = Path(__file__).parent / "fixtures"
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


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, dict]:
    gold = json.loads((FIXTURES / "seeds" / "gold.json").read_text(encoding="utf-8"))
    return {page["file"].removesuffix(".txt"): page for page in gold["pages"]}


def run_cli(*args: str, data: Path, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "archive", *args, "--data", str(data)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=check)


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
def served_app(data: Path) -> Iterator[str]:
    """`python -m archive serve` (waitress) on a free port over `data`; yields its base URL."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ARCHIVE_RATE_LIMIT": "off"}  # one test client, many requests
    server = subprocess.Popen([sys.executable, "-m", "archive", "serve", "--port", str(port), "--data", str(data)],
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


@pytest.fixture(scope="session")
def sample_port() -> str:
    # The same ports on every demo run: the sample sites' URLs, the articles' identity, stay the same.
    return str(free_port(3))


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory: pytest.TempPathFactory, sample_port: str) -> Path:
    """The sample archive built by the real demo (crawl, store, index), shared by the end-to-end modules."""
    data = tmp_path_factory.mktemp("demo") / "data"
    run_cli("demo", "--no-serve", "--sample-port", sample_port, data=data)
    return data


@pytest.fixture(scope="session")
def app_url(demo_data: Path) -> Iterator[str]:
    with served_app(demo_data) as url:
        yield url


@pytest.fixture(scope="session")
def sample_archive(demo_data: Path) -> Path:
    """The demo's archive of the sample sites (store, WARC, index); copy it before changing it."""
    return demo_data


def copy_archive(source: Path, destination: Path) -> Path:
    """A private copy of an archive; the index symlink stays relative, so the copy is self-contained."""
    shutil.copytree(source, destination, symlinks=True)
    return destination
