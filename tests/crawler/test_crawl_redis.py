"""Scale-out on a real redis-server: two crawler processes share one frontier, one writer archives."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import redis

from archive.demo.generated_site import write_site
from tests.support import archived, crawl, serving, summary_rows

pytestmark = [pytest.mark.e2e, pytest.mark.redis]  # skipped without redis-server (tests/conftest.py)


def test_two_crawler_processes_fetch_each_article_once_and_one_writer_archives_it_once(
        tmp_path: Path, redis_url: str) -> None:
    root, data = tmp_path / "site", tmp_path / "data"
    site = write_site(root, 80, sitemap=True)
    with serving(root) as server:
        start = server.url + "/tin-tuc/"
        run = crawl(data, start, "--redis", redis_url, "--workers", "2")
        first = Counter(server.requests)
        site = write_site(root, 85, sitemap=True)
        server.requests.clear()
        again = crawl(data, start, "--redis", redis_url, "--workers", "2")
        second = Counter(server.requests)

    assert len(re.findall(r"worker \w+: \d+ pages fetched", run.stderr)) == 2
    assert all(first[path] == 1 for path in site.article_paths[:80]), first  # fetched once, by one of the two
    assert sum(first.values()) - first["/robots.txt"] == len(first) - 1  # nothing fetched twice at all
    versions = archived(data)
    assert set(versions) == {server.url + p for p in site.article_paths} and set(versions.values()) == {1}
    (row,) = summary_rows(run).values()
    assert row["new"] == 80 and row["fetched"] == sum(first.values()) - first["/robots.txt"]
    # The recrawl through Redis is incremental too: the five new articles only, once each.
    assert {p: n for p, n in second.items() if p in set(site.article_paths)} == dict.fromkeys(site.article_paths[80:], 1)
    (row,) = summary_rows(again).values()
    assert row["new"] == 5
    assert list(redis.Redis.from_url(redis_url).scan_iter("archive:*")) == []  # frontier and seen-set cleared
