"""backup DIR while another process keeps capturing, storing and indexing articles, as a crawl does."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.support import copy_archive, run_cli, sample_articles, spawn

pytestmark = pytest.mark.e2e




def test_backup_while_a_crawl_writes_is_consistent(sample_archive: Path, tmp_path: Path) -> None:
    data = copy_archive(sample_archive, tmp_path / "data")
    crawler = spawn("-c", "import sys; from pathlib import Path; from tests.support import crawl_forever; "
                    "crawl_forever(Path(sys.argv[1]))", str(data))
    try:
        for _ in range(10):  # it is writing
            crawler.stdout.readline()
        copied = run_cli("backup", str(tmp_path / "copy"), data=data, check=False)
        crawler.stdout.readline()
    finally:
        crawler.kill()
        crawler.wait()
    print(copied.stderr)
    assert copied.returncode == 0, copied.stderr
    copy = tmp_path / "copy"
    with sqlite3.connect(copy / "archive.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        in_copy = db.execute("SELECT count(*) FROM articles WHERE site = 'copies'").fetchone()[0]
    assert 10 <= in_copy  # what the crawl had stored by then is in the copy

    verified = run_cli("verify", "--json", data=copy, check=False)
    report = json.loads(verified.stdout)
    assert verified.returncode == 0 and report["ok"], report["problems"]
    assert report["articles"] == report["index_documents"] == len(sample_articles()) + in_copy
    result = json.loads(run_cli("search", "cong doan", "--json", data=copy).stdout)
    assert result["total"] > 0
    with sqlite3.connect(data / "archive.sqlite3") as db:  # the crawl went on after the snapshot
        assert db.execute("SELECT count(*) FROM articles WHERE site = 'copies'").fetchone()[0] > in_copy


def test_backup_refuses_a_non_empty_target_and_the_data_dir_itself(sample_archive: Path, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x")
    for target in (tmp_path / "full", sample_archive / "inside"):
        run = run_cli("backup", str(target), data=sample_archive, check=False)
        assert run.returncode == 2 and run.stderr.startswith("error:") and "Traceback" not in run.stderr
    assert (tmp_path / "full" / "keep.txt").read_text() == "x" and not (sample_archive / "inside").exists()
