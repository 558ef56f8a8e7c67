"""`demo` and `serve` as a user runs them: a busy port is named before any work, the demo's archive
does not depend on the sample port, and Ctrl+C (SIGINT) or SIGTERM stops the running server."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import ROOT, copy_archive, free_port, run_cli

pytestmark = pytest.mark.e2e


@pytest.fixture()
def busy_port() -> Iterator[int]:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


@pytest.mark.parametrize("option", ["--port", "--sample-port"])
def test_demo_names_a_busy_port_before_crawling(tmp_path: Path, busy_port: int, option: str) -> None:
    other = "--sample-port" if option == "--port" else "--port"
    run = run_cli("demo", option, str(busy_port), other, str(free_port()), data=tmp_path / "data", check=False)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [run.stderr.strip()] and option in run.stderr and str(busy_port) in run.stderr
    assert not (tmp_path / "data" / "archive.sqlite3").exists()  # nothing was crawled


def test_serve_names_a_busy_port_and_does_not_claim_to_listen(sample_archive: Path, busy_port: int) -> None:
    run = run_cli("serve", "--port", str(busy_port), data=sample_archive, check=False)
    assert run.returncode == 2 and "--port" in run.stderr and "Traceback" not in run.stderr
    assert "Search the archive at" not in run.stdout


def start_demo(data: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "archive", "demo", "--data", str(data), *args], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_demo_on_another_sample_port_duplicates_nothing_and_stops_on_a_signal(
        demo_data: Path, tmp_path: Path, stop: signal.Signals) -> None:
    data = copy_archive(demo_data, tmp_path / "data")
    before = json.loads(run_cli("stats", "--json", data=data).stdout)["articles"]
    demo = start_demo(data, "--sample-port", str(free_port()), "--port", str(free_port()), "--workers", "1")
    try:
        line = demo.stdout.readline()  # the crawl runs first; this line comes once the app listens
        assert "Search the archive at" in line
        assert json.loads(run_cli("stats", "--json", data=data).stdout)["articles"] == before
        demo.send_signal(stop)
        demo.wait(timeout=20)  # ignored signals would leave it running: TimeoutExpired
    finally:
        demo.kill()
        _, errors = demo.communicate()
    assert demo.returncode == 0 and "Traceback" not in errors


def test_ctrl_c_during_the_demo_crawl_ends_the_demo(tmp_path: Path) -> None:
    demo = start_demo(tmp_path / "data", "--sample-port", str(free_port()), "--port", str(free_port()))
    try:
        while "crawl:" not in demo.stderr.readline():  # the crawl is under way
            assert demo.poll() is None
        demo.send_signal(signal.SIGINT)
        demo.wait(timeout=60)
    finally:
        demo.kill()
        output, errors = demo.communicate()
    assert demo.returncode == 130 and "Search the archive at" not in output
    assert "interrupted" in errors and "Traceback" not in errors
