"""The command line as a newcomer and a cron job meet it: read-only archives, pipes, errors before
output, help for every option, exit codes and verdicts, any working directory."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from archive.cli import build_parser
from archive.demo.sample_server import SAMPLE_ROOT
from archive.storage.lock import Busy, exclusive
from tests.support import ROOT, copy_archive, free_port, read_only, run_cli, serving

pytestmark = pytest.mark.e2e


def archive_command(*args: str, prefix: tuple[str, ...] = (), cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, sys.executable, "-m", "archive", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_reading_commands_work_on_a_read_only_archive(sample_archive: Path, tmp_path: Path) -> None:
    data = copy_archive(sample_archive, tmp_path / "data")
    with read_only(data) as prefix:
        assert (data / "archive.sqlite3").exists()
        writing = archive_command("crawl", "http://127.0.0.1:9/", "--data", str(data), prefix=tuple(prefix))
        assert writing.returncode != 0  # the mount really is read-only
        search = archive_command("search", "công đoàn", "--json", "--data", str(data), prefix=tuple(prefix))
        assert search.returncode == 0, search.stderr
        assert json.loads(search.stdout)["total"] > 0
        stats = archive_command("stats", "--json", "--data", str(data), prefix=tuple(prefix))
        assert stats.returncode == 0 and json.loads(stats.stdout)["articles"] == 33
        export = archive_command("export", "công đoàn", "--data", str(data), prefix=tuple(prefix))
        assert export.returncode == 0 and len(export.stdout.splitlines()) > 1
        port = free_port()
        serve = subprocess.Popen([*prefix, sys.executable, "-m", "archive", "serve", "--port", str(port), "--workers",
                                  "1", "--data", str(data)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        try:
            assert "Search the archive at" in serve.stdout.readline()
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q=cong+doan", timeout=30) as answer:
                assert json.loads(answer.read())["total"] > 0
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as answer:
                assert "Các nguồn trong kho lưu trữ" in answer.read().decode()
        finally:
            serve.terminate()
            serve.wait(timeout=20)


def test_a_closed_pipe_ends_quietly(sample_archive: Path) -> None:
    search = subprocess.Popen([sys.executable, "-m", "archive", "search", "công đoàn", "--json", "--data",
                               str(sample_archive)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    search.stdout.close()  # like `| head` that has read all it wants, before anything was written
    errors = search.stderr.read()
    assert search.wait(timeout=60) == 0 and "Traceback" not in errors and "BrokenPipe" not in errors


def test_export_without_an_archive_prints_nothing_but_the_error(tmp_path: Path) -> None:
    run = run_cli("export", "x", data=tmp_path / "nonexistent", check=False)
    assert run.returncode == 2 and run.stdout == "" and run.stderr.startswith("error: no archive")


def test_every_option_says_what_it_does() -> None:
    undocumented = []

    def walk(parser: argparse.ArgumentParser, path: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, f"{path} {name}")
            elif not action.help:
                undocumented.append(f"{path} {'/'.join(action.option_strings) or action.dest}")

    walk(build_parser(), "archive")
    assert undocumented == []


def test_commands_work_from_any_directory(sample_archive: Path, tmp_path: Path) -> None:
    run = archive_command("search", "công đoàn", "--json", "--data", str(sample_archive), cwd=tmp_path)
    assert run.returncode == 0 and json.loads(run.stdout)["total"] > 0
    dead = archive_command("crawl", "http://127.0.0.1:9/", "--data", str(tmp_path / "data"), cwd=tmp_path)
    assert dead.returncode == 1 and "Traceback" not in dead.stderr


def test_a_dead_site_is_one_error_line_exit_1_and_not_a_site(sample_archive: Path, tmp_path: Path) -> None:
    data = copy_archive(sample_archive, tmp_path / "data")
    run = run_cli("crawl", "http://127.0.0.1:9/", data=data, check=False)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "127.0.0.1:9" in errors[0] and "connection_refused" in errors[0]
    log = Path(errors[0].rsplit("log: ", 1)[1])
    assert log.parent == data / "logs" and "http://127.0.0.1:9/" in log.read_text()
    sites = json.loads(run_cli("stats", "--json", data=data).stdout)["sites"]
    assert "127.0.0.1:9" not in {site["name"] for site in sites} and len(sites) == 3


def test_a_crawl_never_overlaps_another_on_the_same_archive(tmp_path: Path) -> None:
    with exclusive(tmp_path / "crawl.lock"):
        run = run_cli("crawl", "http://127.0.0.1:9/", data=tmp_path, check=False)
        with pytest.raises(Busy):
            with exclusive(tmp_path / "crawl.lock"):
                pass
    assert run.returncode == 1 and "another crawl" in run.stderr and "nothing crawled" in run.stderr
    assert not (tmp_path / "archive.sqlite3").exists()


def test_pip_install_gives_an_archive_command_that_works_anywhere(sample_archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "installed"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(ROOT)], check=True, capture_output=True, timeout=300,
                   cwd=tmp_path)
    env = {**os.environ, "PYTHONPATH": str(target)}  # the installed copy only, not the repository
    run = subprocess.run([str(target / "bin" / "archive"), "search", "công đoàn", "--json", "--data",
                          str(sample_archive)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["total"] > 0
    sample = run_cli("--help", data=tmp_path)  # and `python -m archive` still works
    assert "demo" in sample.stdout
    assert (target / "archive" / "demo" / "sample_site" / "sites.json").exists()
    assert (target / "search_app" / "templates").is_dir()


def test_a_bare_url_crawl_can_name_its_site_and_logs_every_page(tmp_path: Path) -> None:
    with serving(SAMPLE_ROOT / "hdnd-dienbien") as site:
        run = run_cli("crawl", site.url + "/", "--title", "HĐND tỉnh Điện Biên", "--province", "Điện Biên",
                      "--kind", "council", data=tmp_path)
    assert run.stderr.splitlines()[-1].startswith("crawl ok: 1 site(s)")
    stats = json.loads(run_cli("stats", "--json", data=tmp_path).stdout)["sites"]
    assert [(s["title"], s["province"], s["kind"], s["articles"]) for s in stats] == [
        ("HĐND tỉnh Điện Biên", "Điện Biên", "council", 10)]
    log = Path(run.stderr.rsplit("log: ", 1)[1].strip()).read_text()
    assert f"Crawled (200) <GET {site.url}/>" in log and "Crawled (404)" in log  # fetched and failed pages
    mistake = run_cli("crawl", "--all", "--kind", "council", data=tmp_path, check=False)
    assert mistake.returncode == 2 and "bare URLs" in mistake.stderr
