"""Crash safety: a real `python -m archive crawl` SIGKILLed at random moments, ten times, then finished.

Every article must end up archived exactly once (one row, one version, unique URLs), and every WARC
capture must still be readable: each process writes its own file, gzip member by member.
"""
from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from archive.demo.generated_site import write_site
from archive.storage.store import Capture
from archive.storage.warc import iter_responses, read_capture
from tests.support import archived, crawl, kill_crawls, serving

pytestmark = pytest.mark.e2e

ARTICLES = 500
KILLS = 10


def test_crawl_killed_ten_times_then_finished_archives_every_article_once(tmp_path: Path) -> None:
    root, data = tmp_path / "site", tmp_path / "data"
    site = write_site(root, ARTICLES, sitemap=True)
    seed = random.randrange(1_000_000)
    with serving(root) as server:
        start = server.url + "/tin-tuc/"
        progress = kill_crawls(data, start, KILLS, random.Random(seed))
        assert progress[-1] < ARTICLES, f"nothing left for the last run: {progress} (seed {seed})"
        crawl(data, start)

    versions = archived(data)
    expected = {server.url + path for path in site.article_paths}
    assert set(versions) == expected, f"seed {seed}, archived after each kill: {progress}"
    assert set(versions.values()) == {1}  # never stored twice, never rewritten
    with sqlite3.connect(data / "archive.sqlite3") as db:
        assert db.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone() == (ARTICLES, ARTICLES)
        captures = db.execute("SELECT url, warc_file, warc_offset FROM articles").fetchall()
    warc_dir = data / "warc"
    assert len(list(warc_dir.glob("*.warc.gz"))) == KILLS + 1  # one file per crawl process
    for url, warc_file, offset in captures:
        captured = read_capture(warc_dir, Capture(warc_file, offset))
        assert captured.url == url and captured.status == 200
    responses = {r.url for r in iter_responses(warc_dir) if r.status == 200}
    assert expected <= responses  # the files of killed runs read up to where they were cut
