"""Shared fixtures: the seeds' gold, the demo archive and its app; the test markers.

Markers: `e2e` (crosses a real socket or runs the CLI as a process), `browser` (real headless
Chromium), `redis` (a real redis-server). `pytest -m "not e2e"` runs the fast unit tests."""
from __future__ import annotations

import json
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


def pytest_configure(config: pytest.Config) -> None:
    for marker, meaning in (("e2e", "crosses a real socket, or runs the CLI or the app as a process"),
                            ("browser", "drives a real headless Chromium"),
                            ("redis", "needs a real redis-server")):
        config.addinivalue_line("markers", f"{marker}: {meaning}")
