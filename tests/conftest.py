"""Shared fixtures: the bundled sample sites and their truth files."""
from __future__ import annotations

import json
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
