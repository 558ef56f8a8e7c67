"""Shared fixtures: the seeds' gold, the demo archive and its app; the test markers.

Markers: `e2e` (crosses a real socket or runs the CLI as a process), `browser` (real headless
Chromium), `redis` (a real redis-server). `pytest -m "not e2e"` runs the fast unit tests."""
from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import FIXTURES, free_port, run_cli, served_app


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, dict]:
    gold = json.loads((FIXTURES / "seeds" / "gold.json").read_text(encoding="utf-8"))
    return {page["file"].removesuffix(".txt"): page for page in gold["pages"]}


@pytest.fixture(scope="session")
def sample_port() -> str:
    """The port of the demo's sample-site proxy (the articles' URLs do not depend on it)."""
    return str(free_port())


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


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A real redis-server of the test's own, on a free port (tests marked `redis`)."""
    from crawler.redis_run import wait_for_redis

    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        wait_for_redis(url)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def sample_archive(demo_data: Path) -> Path:
    """The demo's archive of the sample sites (store, WARC, index); copy it before changing it."""
    return demo_data


def pytest_configure(config: pytest.Config) -> None:
    for marker, meaning in (("e2e", "crosses a real socket, or runs the CLI or the app as a process"),
                            ("browser", "drives a real headless Chromium"),
                            ("redis", "needs a real redis-server")):
        config.addinivalue_line("markers", f"{marker}: {meaning}")


# The programs some tests drive besides Python (tests/system-packages.sh installs them as root): without
# one, its tests are skipped with one reason saying what to install, never reported as errors.
SYSTEM_PROGRAMS = {"browser": "chromium", "redis": "redis-server"}
MISSING = pytest.StashKey[str]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing = {marker: program for marker, program in SYSTEM_PROGRAMS.items() if shutil.which(program) is None}
    if not missing:
        return
    reason = f"{' and '.join(missing.values())} not installed: apt-get install {' '.join(missing.values())}"
    config.stash[MISSING] = reason
    for item in items:
        if any(item.get_closest_marker(marker) for marker in missing):
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if MISSING in config.stash:
        terminalreporter.write_line(f"browser and Redis tests skipped: {config.stash[MISSING]}")
