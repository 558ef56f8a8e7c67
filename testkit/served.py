"""The search app as users reach it: `python -m archive serve` (waitress) in a subprocess, queried over HTTP."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryFile
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
READY_TIMEOUT_S = 600  # the first search of a big index opens it and builds its tables
STOP_TIMEOUT_S = 10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def search(base: str, query: str, sort: str, limit: int = 10) -> dict[str, Any]:
    """GET /api/search; the time of this call is what a client waits for."""
    url = f"{base}/api/search?{urlencode({'q': query, 'sort': sort, 'limit': limit})}"
    with urllib.request.urlopen(url, timeout=120) as response:
        return json.loads(response.read())


@contextmanager
def served(data_dir: Path, workers: int | None = None) -> Iterator[tuple[str, float]]:
    """(base URL, seconds until the first search answered) of a server on a free port, stopped after;
    `workers` processes (default: `serve`'s own, one per core)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    processes = ["--workers", str(workers)] if workers else []
    with TemporaryFile() as log:
        started = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "archive", "serve", "--data", str(data_dir),
                                   "--port", str(port), *processes], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                  env={**os.environ, "ARCHIVE_RATE_LIMIT": "off"})  # a benchmark, not a flood
        try:
            _wait_ready(base, server, log)
            yield base, time.perf_counter() - started
        finally:
            server.terminate()
            try:
                server.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_ready(base: str, server: subprocess.Popen, log: Any) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the server exited ({server.returncode}): {log.read().decode(errors='replace')}")
        try:
            search(base, "", "newest")
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise RuntimeError(f"the server at {base} did not answer within {READY_TIMEOUT_S} s")
