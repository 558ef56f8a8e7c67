"""`extract` says what a page is (issue 13): JSON `kind`; a non-article exits 3 with a one-line
reason on stderr (the JSON still printed with --json); a batch reports them in its summary."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "extract" / "fixtures"
pytestmark = pytest.mark.e2e


def extract(*args: str, data: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "archive", "extract", *args, "--data", str(data)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)


def test_an_article_exits_0_with_kind_article(tmp_path: Path) -> None:
    run = extract(str(FIXTURES / "h2-lead.html"), "--url", "http://ldld.nghean.example.vn/tin-tuc/hoi-nghi-1235",
                  "--json", data=tmp_path)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["kind"] == "article"
    assert data["published"] == "2014-11-25T08:15:00+07:00"


@pytest.mark.parametrize(("name", "url", "kind"), [
    ("README.md", "https://github.example.com/archive/README.md", "not_html"),
    ("home.html", "http://ldld.nghean.example.vn/", "home"),
    ("listing.html", "http://ldld.nghean.example.vn/tin-tuc/hoat-dong-cong-doan.html", "listing"),
])
def test_a_page_that_is_no_article_exits_3_with_its_reason(tmp_path: Path, name: str, url: str, kind: str) -> None:
    run = extract(str(FIXTURES / name), "--url", url, "--json", data=tmp_path)
    assert run.returncode == 3
    assert json.loads(run.stdout)["kind"] == kind
    reason = run.stderr.strip()
    assert len(reason.splitlines()) == 1 and kind in reason and "Traceback" not in reason
    plain = extract(str(FIXTURES / name), "--url", url, data=tmp_path)
    assert plain.returncode == 3 and plain.stderr.strip() == reason


def test_a_batch_reports_the_pages_that_are_no_articles(tmp_path: Path) -> None:
    files = [str(FIXTURES / n) for n in ("h2-lead.html", "dnn-portal.html", "home.html", "README.md")]
    run = extract(*files, "--json", data=tmp_path)
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert {Path(row["file"]).name: row["kind"] for row in rows} == {
        "h2-lead.html": "article", "dnn-portal.html": "article", "home.html": "home", "README.md": "not_html"}
    summary = run.stderr.strip().splitlines()[-1]
    assert "2 articles" in summary and "home 1" in summary and "not_html 1" in summary
