"""A damaged or foreign archive.sqlite3 (truncated, garbage, a directory, another program's database)
gives one `error:` line and exit 2 on every command, never a traceback; `verify` diagnoses it."""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from archive.storage.store import Store, StoreError
from tests.support import copy_archive, free_port, run_cli


def truncated(path: Path) -> None:
    with sqlite3.connect(path) as db:  # everything in the main file first, then cut it in half
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = path.stat().st_size
    with open(path, "r+b") as stream:
        stream.truncate(size // 2)


def garbage(path: Path) -> None:
    path.write_bytes(os.urandom(3000) + b"SQLite format 3\x00" + os.urandom(5000))


def directory(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "note.txt").write_text("not a database")


def foreign(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as db:  # a valid SQLite file of another program: never migrated into
        db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        db.execute("INSERT INTO invoices(total) VALUES (12.5)")


def newer(path: Path) -> None:
    with sqlite3.connect(path) as db:  # made by a later version of this program
        db.execute("PRAGMA user_version = 999")


DAMAGES: dict[str, Callable[[Path], None]] = {"truncated": truncated, "garbage": garbage,
                                              "directory": directory, "foreign": foreign, "newer": newer}


def commands(tmp_path: Path) -> list[list[str]]:
    return [["search", "cong doan"], ["search", "cong doan", "--json"], ["stats"], ["stats", "--json"],
            ["export", "cong doan"], ["export", "", "--format", "jsonl"], ["reindex"], ["reprocess"],
            ["backup", str(tmp_path / "backup")], ["crawl", "http://127.0.0.1:9/"],
            ["serve", "--port", str(free_port())]]


@pytest.fixture(params=sorted(DAMAGES))
def damaged(request: pytest.FixtureRequest, sample_archive: Path, tmp_path: Path) -> tuple[str, Path]:
    data = copy_archive(sample_archive, tmp_path / "data")
    for leftover in ("archive.sqlite3-wal", "archive.sqlite3-shm"):
        if request.param != "truncated":
            (data / leftover).unlink(missing_ok=True)
    DAMAGES[request.param](data / "archive.sqlite3")
    return request.param, data


@pytest.mark.e2e
def test_every_command_gives_one_error_line(damaged: tuple[str, Path], tmp_path: Path) -> None:
    kind, data = damaged
    for command in commands(tmp_path):
        run = run_cli(*command, data=data, check=False)
        lines = run.stderr.strip().splitlines()
        assert run.returncode == 2, (kind, command, run.stderr)
        assert len(lines) == 1 and lines[0].startswith("error:") and "archive.sqlite3" in lines[0], (kind, command)
        assert run.stdout == "", (kind, command)  # no CSV header, no half JSON before the error


@pytest.mark.e2e
def test_verify_diagnoses_the_store(damaged: tuple[str, Path]) -> None:
    kind, data = damaged
    run = run_cli("verify", "--json", data=data, check=False)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    report = json.loads(run.stdout)
    assert not report["ok"] and report["problems"]["store_unreadable"], kind
    text = run_cli("verify", data=data, check=False)
    assert text.returncode == 1 and "store_unreadable" in text.stdout and "backup" in text.stdout
    repair = run_cli("verify", "--repair", data=data, check=False)
    assert repair.returncode in (1, 2) and "Traceback" not in repair.stderr
    assert (data / "archive.sqlite3").exists()  # the evidence is never deleted by a repair


@pytest.mark.parametrize("kind", sorted(DAMAGES))
def test_the_store_refuses_to_open_a_damaged_file(kind: str, sample_archive: Path, tmp_path: Path) -> None:
    data = copy_archive(sample_archive, tmp_path / "data")
    DAMAGES[kind](data / "archive.sqlite3")
    with pytest.raises(StoreError) as raised:
        Store(data / "archive.sqlite3").close()
    assert "archive.sqlite3" in str(raised.value) and "\n" not in str(raised.value)
    if kind == "foreign":
        with sqlite3.connect(data / "archive.sqlite3") as db:  # nothing was added to their database
            assert [row[0] for row in db.execute("SELECT name FROM sqlite_master")] == ["invoices"]


@pytest.mark.e2e
def test_extract_never_opens_the_store(sample_archive: Path, tmp_path: Path) -> None:
    data = copy_archive(sample_archive, tmp_path / "data")
    garbage(data / "archive.sqlite3")
    page = tmp_path / "bai.html"
    page.write_text("<html><body><h1>Hội nghị công đoàn</h1><p>Đoàn viên dự hội nghị.</p></body></html>",
                    encoding="utf-8")
    run = run_cli("extract", str(page), "--url", "https://ex.vn/tin/bai.html", data=data, check=False)
    assert run.returncode != 2 and "archive.sqlite3" not in run.stderr
