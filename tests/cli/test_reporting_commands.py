"""`coverage` and `compare` as a user runs them, on a real archive."""
from __future__ import annotations

import csv
import io
import json

import pytest

from tests.support import province_archive, run_cli

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    path = tmp_path_factory.mktemp("reporting")
    province_archive(path)
    return path


def test_coverage_prints_sites_by_year_with_gaps_and_its_json(data):
    run = run_cli("coverage", data=data)
    haugiang = next(line for line in run.stdout.splitlines() if line.startswith("ldld-haugiang"))
    assert haugiang.split()[1:4] == ["1", "0!", "0!"] and "never" in haugiang
    report = json.loads(run_cli("coverage", "--year", "2025", "--json", data=data).stdout)
    assert report["unit"] == "month" and len(report["periods"]) == 12


def test_compare_prints_csv_or_json(data):
    rows = list(csv.reader(io.StringIO(run_cli("compare", "cong nhan", "--by", "unit", data=data).stdout)))
    assert rows[0] == ["period", "from", "to", "Cần Thơ", "Không rõ", "Huế"] and rows[-1][:4] == ["2025", "2025-01-01",
                                                                                               "2025-12-31", "4"]
    result = json.loads(run_cli("compare", "", "--by", "kind", "--json", data=data).stdout)
    assert {g["value"]: g["total"] for g in result["groups"]} == {"union": 6, "newspaper": 3, "council": 1}
    bad = run_cli("compare", "x", "--by", "colour", data=data, check=False)
    assert bad.returncode == 2 and "cannot split by" in bad.stderr and "Traceback" not in bad.stderr
