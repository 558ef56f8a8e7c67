"""Shared fixtures: the bundled sample sites and their truth files."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from archive.sample_server import SAMPLE_ROOT, file_for

FIXTURES = Path(__file__).parent / "fixtures"


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


@pytest.fixture(scope="session")
def sample_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's archive of the sample sites (store, WARC, index), built once; copy it before changing it."""
    from tests.test_end_to_end import free_port, run_cli

    data = tmp_path_factory.mktemp("sample-archive") / "data"
    run_cli("demo", "--no-serve", "--sample-port", str(free_port(3)), data=data)
    return data


def copy_archive(source: Path, destination: Path) -> Path:
    """A private copy of an archive; the index symlink stays relative, so the copy is self-contained."""
    shutil.copytree(source, destination, symlinks=True)
    return destination
