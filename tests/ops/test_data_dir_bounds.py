"""Nothing outside the data dir is ever deleted, read or served: an `index` link aimed elsewhere, index-*
links, WARC paths poisoned in the database. Real symlinks, a real copy of the sample archive, the real
commands; verify reports each as a problem and repair never touches what lies outside."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from archive.search.engine import SearchEngine
from archive.search.schema import IndexPathError
from archive.storage.store import Store
from search_app import create_app
from tests.support import copy_archive, run_cli


@pytest.fixture()
def archive(sample_archive: Path, tmp_path: Path) -> Path:
    return copy_archive(sample_archive, tmp_path / "data")


@pytest.fixture()
def precious(tmp_path: Path) -> Path:
    """A directory of someone else's, outside the data dir."""
    outside = tmp_path / "precious"
    outside.mkdir()
    (outside / "thesis.txt").write_text("ba năm làm luận án", encoding="utf-8")
    return outside


def run_verify(data: Path, *flags: str) -> tuple[int, dict]:
    run = run_cli("verify", "--json", *flags, data=data, check=False)
    assert "Traceback" not in run.stderr
    return run.returncode, json.loads(run.stdout)


def aim_index_at(data: Path, target: str | Path) -> None:
    link = data / "index"
    link.unlink()
    link.symlink_to(target)


@pytest.mark.parametrize("target", ["absolute", "../precious"])
def test_reindex_never_removes_what_an_outside_index_link_points_at(archive: Path, precious: Path,
                                                                    target: str) -> None:
    aim_index_at(archive, precious if target == "absolute" else target)
    run_cli("reindex", data=archive)
    assert (precious / "thesis.txt").read_text(encoding="utf-8") == "ba năm làm luận án"
    assert os.readlink(archive / "index").startswith("index-")  # the link is ours again, to a fresh index
    assert run_cli("search", "cong doan", "--json", data=archive).returncode == 0


def test_an_index_link_out_of_the_data_dir_is_never_read(archive: Path, tmp_path: Path) -> None:
    live = archive / os.readlink(archive / "index")
    elsewhere = shutil.copytree(live, tmp_path / "elsewhere-index")  # a real index, just not ours
    aim_index_at(archive, elsewhere)
    with pytest.raises(IndexPathError):
        SearchEngine(archive).snapshot()
    run = run_cli("search", "cong doan", data=archive, check=False)
    assert run.returncode == 2 and run.stderr.startswith("error:") and len(run.stderr.strip().splitlines()) == 1
    assert "verify" in run.stderr


def test_verify_reports_outside_index_links_and_repair_keeps_their_targets(archive: Path, precious: Path) -> None:
    aim_index_at(archive, precious)
    (archive / "index-20200101000000000000").symlink_to(precious)  # a leftover name, but a link out
    code, report = run_verify(archive)
    assert code == 1
    assert sorted(report["problems"]["unsafe_index_paths"]) == ["index", "index-20200101000000000000"]
    code, report = run_verify(archive, "--repair")
    assert code == 0 and report["ok"]
    assert (precious / "thesis.txt").exists() and not (archive / "index-20200101000000000000").exists()


def test_poisoned_capture_paths_are_reported_never_served(archive: Path, tmp_path: Path) -> None:
    with Store(archive / "archive.sqlite3") as store:
        ids = [article["id"] for article in store.iter_articles()][:4]
        some_file = store.get(ids[0])["warc_file"]
    outside = shutil.copyfile(archive / "warc" / some_file, tmp_path / "outside.warc.gz")
    poison = {ids[0]: "../../outside.warc.gz", ids[1]: str(outside), ids[2]: "/dev/zero", ids[3]: "../archive.sqlite3"}
    with sqlite3.connect(archive / "archive.sqlite3") as db:
        for article_id, name in poison.items():
            db.execute("UPDATE articles SET warc_file = ? WHERE id = ?", (name, article_id))

    client = create_app({"DATA_DIR": str(archive), "TESTING": True, "RATELIMIT_ENABLED": False}).test_client()
    for article_id in poison:
        assert client.get(f"/articles/{article_id}/archived").status_code == 404
        assert client.get(f"/articles/{article_id}").status_code == 200  # the article itself is fine

    code, report = run_verify(archive)
    assert code == 1 and sorted(report["problems"]["unsafe_capture_paths"]) == sorted(ids)
    code, report = run_verify(archive, "--repair")  # pointed back at the real captures of their URLs
    assert code == 0 and report["ok"]
    with Store(archive / "archive.sqlite3") as store:
        assert all("/" not in store.get(article_id)["warc_file"] for article_id in ids)
    assert client.get(f"/articles/{ids[0]}/archived").status_code == 200
