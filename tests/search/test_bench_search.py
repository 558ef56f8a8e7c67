"""bench/search.py runs end to end on a small generated archive: indexing, in-process, HTTP, tantivy."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

pytestmark = pytest.mark.e2e

KINDS = ("terms", "phrases", "accentless", "abbreviations", "filtered", "date-sorted", "author", "all")
COLUMNS = ["whoosh in-process", "whoosh CPU time", "whoosh HTTP", "tantivy in-process", "tantivy CPU time"]
CELL = re.compile(r"([\d,]+\.\d) / ([\d,]+\.\d) / ([\d,]+\.\d) \(([\d,]+)\)")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=False)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    data = tmp_path_factory.mktemp("bench") / "archive"
    built = run("bench/corpus.py", "--docs", "300", "--data", str(data))
    assert built.returncode == 0, built.stderr
    measured = run("bench/search.py", "--data", str(data), "--queries", "35", "--warmup", "2", "--http", "--tantivy")
    assert measured.returncode == 0, measured.stderr
    return measured.stdout


def test_table_names_machine_corpus_and_every_engine(report: str) -> None:
    assert re.search(r"machine: \d+ CPUs.*Python 3\.\d+", report)
    assert "corpus: 300 articles; 35 queries (5 per kind)" in report
    header = next(line for line in report.splitlines() if "whoosh in-process" in line).split("  ")
    assert [h.strip() for h in header if h.strip()] == COLUMNS
    rates = next(line for line in report.splitlines() if line.startswith("indexing docs/s")).split()[2:]
    assert rates[2] == "-"  # the server does not index
    assert all(float(rates[i].replace(",", "")) > 0 for i in (0, 1, 3, 4))


def test_every_kind_has_ordered_percentiles_for_each_engine(report: str) -> None:
    for kind in KINDS:
        line = next(line for line in report.splitlines() if line.startswith(kind + " "))
        cells = CELL.findall(line)
        assert len(cells) == len(COLUMNS), line
        for p50, p95, worst, _ in cells:
            assert float(p50.replace(",", "")) <= float(p95.replace(",", "")) <= float(worst.replace(",", "")), line


def test_engines_agree_on_what_plain_words_and_filters_match(report: str) -> None:
    """The same queries through our engine (in-process, HTTP) and translated for tantivy."""
    for kind in ("terms", "filtered"):
        line = next(line for line in report.splitlines() if line.startswith(kind + " "))
        matches = {cell[3] for cell in CELL.findall(line)}
        assert len(matches) == 1, line


def test_phrases_match_what_tantivy_positional_phrases_match(report: str) -> None:
    """Query by query: a quoted phrase finds exactly the pages holding those words in that order."""
    assert "  phrases: 5/5" in report.splitlines()


def test_missing_archive_is_a_one_line_error(tmp_path: Path) -> None:
    result = run("bench/search.py", "--data", str(tmp_path / "nothing"))
    assert result.returncode == 2
    assert result.stderr.startswith("error: no archive at") and "Traceback" not in result.stderr
