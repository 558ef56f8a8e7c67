"""Hostile sites stay cheap: a site whose every article drips a byte at a time is given up once its
slow downloads pass the site's time budget (each drip cut after the grace period, never retried),
and an 18 MB robots.txt of 480,000 rules is read only up to its size and rule caps."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from archive.storage.warc import iter_responses
from crawler.robots import capped_robots
from crawler.settings import ARCHIVE_ROBOTS_MAX_BYTES as ROBOTS_MAX_BYTES
from testkit.hostile_site import (
    DRIP_PAGES,
    ROBOTS_EARLY,
    ROBOTS_LATE,
    DripHandler,
    GreedyRobotsHandler,
    RecordingServer,
    greedy_robots,
)
from tests.support import crawl_with_settings

OVERRIDES = {"DOWNLOAD_TIMEOUT": 20, "RETRY_TIMES": 2, "ARCHIVE_SLOW_GRACE_SECONDS": 1,
             "ARCHIVE_SITE_SLOW_SECONDS": 4, "ARCHIVE_ROBOTS_MAX_RULES": 2000}


@dataclass
class Crawl:
    summary: dict
    drip: RecordingServer
    robots: RecordingServer
    data: Path

    def errors(self, server: RecordingServer) -> dict[str, int]:
        return self.summary[urlsplit(server.url).netloc]["errors"]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    drip, robots = RecordingServer(DripHandler), RecordingServer(GreedyRobotsHandler)
    data = tmp_path_factory.mktemp("slow") / "data"
    try:
        yield Crawl(crawl_with_settings(data, OVERRIDES, [drip.url + "/", robots.url + "/"], 300), drip, robots, data)
    finally:
        drip.stop()
        robots.stop()


@pytest.mark.e2e
def test_a_dripping_site_is_given_up_within_its_time_budget(crawl: Crawl) -> None:
    articles = [path for path in crawl.drip.requests if path.startswith("/bai/")]
    assert len(articles) == len(set(articles))  # a slow drip is cut, never retried
    errors = crawl.errors(crawl.drip)
    # About one grace period per drip until the budget is spent, plus the requests already in flight.
    assert 1 <= errors["slow_drip"] <= OVERRIDES["ARCHIVE_SITE_SLOW_SECONDS"] + 2
    assert errors["slow_drip"] + errors["site_down"] == DRIP_PAGES
    assert "timeout" not in errors


@pytest.mark.e2e
def test_a_huge_robots_txt_is_read_only_up_to_its_caps(crawl: Crawl) -> None:
    assert crawl.robots.requests.count("/robots.txt") == 1
    # The download stopped soon after the size cap: what was kept (the WARC has it) is about the
    # cap, and the server could not send the whole file.
    kept = [r.body for r in iter_responses(crawl.data / "warc") if r.url == crawl.robots.url + "/robots.txt"]
    assert len(kept) == 1 and ROBOTS_MAX_BYTES < len(kept[0]) < 2 * ROBOTS_MAX_BYTES
    assert crawl.robots.robots_bytes < len(greedy_robots())
    assert ROBOTS_EARLY not in crawl.robots.requests  # its first rule is obeyed
    assert ROBOTS_LATE in crawl.robots.requests  # rule 300,000 is past the cap
    assert crawl.errors(crawl.robots)["robots_txt_capped"] == 1


def test_capped_robots_keeps_whole_lines_up_to_the_rule_cap() -> None:
    body = b"User-agent: *\nDisallow: /a/\nAllow: /a/b\nSitemap: /s.xml\ndisallow : /c/\nDisallow: /d/\n"
    assert capped_robots(body, 1000, 2) == b"User-agent: *\nDisallow: /a/\nAllow: /a/b\nSitemap: /s.xml\n"
    assert capped_robots(body, 30, 10) == b"User-agent: *\nDisallow: /a/\n"
    assert capped_robots(body, 1000, 10) == body
