"""Hostile sites for the crawler: the real spider crawls a real misbehaving server (testkit/hostile_site.py).

Every trap must be stopped by a limit and counted in the crawl summary, the other host must
never be hit, and the good articles on the same hostile site must still be archived.
"""
from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from archive.storage.store import Store
from crawler.settings import CONCURRENT_REQUESTS
from testkit.hostile_site import DOWN_PAGES, PATHOLOGICAL_PATHS, STORM_PAGES, RecordingServer, serve_hostile_sites
from tests.support import ROOT, crawl_with_settings, sample_articles

pytestmark = pytest.mark.e2e

# Shorter waits and small budgets so the crawl takes seconds; production values in crawler/settings.py.
# The hostile site's own storm (10 URLs, 20 responses) stays under the site-down limit: it is not down.
OVERRIDES = {"DOWNLOAD_TIMEOUT": 2, "RETRY_TIMES": 1, "ARCHIVE_SITE_BUDGET": 300,
             "ARCHIVE_MAX_SERVER_ERRORS_IN_A_ROW": 25, "REDIRECT_MAX_TIMES": 5}
CRAWL_SECONDS = 120  # the crawl must end by itself well within this (it takes ~15 s)


@dataclass
class Crawl:
    summary: dict
    hostile: RecordingServer
    trap: RecordingServer
    down: RecordingServer
    other: RecordingServer
    data: Path
    seconds: float

    def site(self, server: RecordingServer) -> dict:
        return self.summary[urlsplit(server.url).netloc]

    def requested(self, pattern: str) -> list[str]:
        return [path for path in self.hostile.requests if re.fullmatch(pattern, path)]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory):
    hostile, trap, down, other = serve_hostile_sites()
    data = tmp_path_factory.mktemp("hostile") / "data"
    started = time.monotonic()
    try:
        summary = crawl_with_settings(data, OVERRIDES, [hostile.url + "/", trap.url + "/", down.url + "/"],
                                      CRAWL_SECONDS)
        yield Crawl(summary, hostile, trap, down, other, data, time.monotonic() - started)
    finally:
        for server in (hostile, trap, down, other):
            server.stop()


def test_nothing_outside_the_sites_is_ever_fetched(crawl: Crawl) -> None:
    # Links, redirects and a meta refresh pointed at it: same address on another port, and by name.
    assert crawl.other.requests == []
    errors = crawl.site(crawl.hostile)["errors"]
    # A redirect by address, one by name, a meta refresh: each refused before download, and counted
    # unless the duplicate filter dropped it first (two of them may lead to the same URL).
    assert errors["offsite"] >= 2
    # Redirects to file:///etc/passwd, data: and ftp: are not followed, nor one to a Location that is no URL.
    assert errors["redirect_not_followed"] == 3 and errors["malformed_redirect"] == 1
    skipped = crawl.site(crawl.hostile)["skipped_links"]
    assert skipped["offsite"] >= 4 and skipped["non_http"] >= 8 and skipped["malformed"] >= 3


def test_good_articles_on_the_hostile_site_are_still_archived(crawl: Crawl) -> None:
    good = [a["path"] for a in sample_articles() if a["site"] == "congdoan-cantho"]
    with Store(crawl.data / "archive.sqlite3") as store:
        missing = [path for path in good if store.id_for_url(crawl.hostile.url + path) is None]
    assert missing == []
    assert crawl.site(crawl.hostile)["new"] == len(good)


def test_redirect_loops_and_endless_chains_stop(crawl: Crawl) -> None:
    errors = crawl.site(crawl.hostile)["errors"]
    assert errors["redirect_loop"] == 1 and errors["redirect_limit"] == 1
    assert crawl.requested(r"/loop/[ab]") == ["/loop/a", "/loop/b"]
    assert len(crawl.requested(r"/chain/\d+")) == OVERRIDES["REDIRECT_MAX_TIMES"] + 1


def test_endless_pagination_stops_where_a_page_shows_nothing_new(crawl: Crawl) -> None:
    # Each page links only to the next one: the spider follows pagination only from a page that
    # showed something new, so the walk ends at once however many pages the site would invent.
    pages = [int(path.rsplit("=", 1)[1]) for path in crawl.requested(r"/list\?page=\d+")]
    assert pages and max(pages) <= 2


def test_huge_slow_and_bomb_responses_are_cut_off(crawl: Crawl) -> None:
    errors = crawl.site(crawl.hostile)["errors"]
    assert errors["too_large"] >= 2  # declared 100 MB, and 100 MB streamed with no length
    assert errors["decompression_bomb"] == 1  # 1 MB of gzip that inflates to 1 GiB
    # The crawl process never held the inflated bomb (nor a 100 MB body): its peak stayed far below.
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 < 512 * 1024 * 1024
    assert errors["timeout"] == 1  # bytes trickled forever: counted once per URL, after its retries
    assert crawl.requested("/drip") == ["/drip"] * (1 + OVERRIDES["RETRY_TIMES"])


def test_a_500_storm_is_retried_a_bounded_number_of_times(crawl: Crawl) -> None:
    attempts = 1 + OVERRIDES["RETRY_TIMES"]
    assert crawl.site(crawl.hostile)["errors"]["http_500"] == STORM_PAGES  # once per URL, after its retries
    assert len(crawl.requested(r"/storm/\d+")) == STORM_PAGES * attempts


def test_pathological_pages_served_as_html_are_refused_and_counted(crawl: Crawl) -> None:
    errors = crawl.site(crawl.hostile)["errors"]
    assert {k: errors.get(k) for k in ("refused_binary", "refused_too_deep", "refused_too_large")} == {
        "refused_binary": 1, "refused_too_deep": 1, "refused_too_large": 1}
    assert all(crawl.requested(re.escape(path)) for path in PATHOLOGICAL_PATHS)


def test_a_site_in_a_500_storm_is_given_up(crawl: Crawl) -> None:
    limit = OVERRIDES["ARCHIVE_MAX_SERVER_ERRORS_IN_A_ROW"]
    errors = crawl.site(crawl.down)["errors"]
    failing = [path for path in crawl.down.requests if path not in ("/", "/robots.txt")]  # sitemap probes too
    attempts = [path for path in failing if path.startswith("/bai/")]
    # Past the limit only the requests already handed to the downloader (at most CONCURRENT_REQUESTS) go out.
    assert limit <= len(failing) <= limit + CONCURRENT_REQUESTS
    # Each article ends once: a 500 after its retries, or refused because the site is down (most were
    # never requested at all).
    assert errors.get("http_500", 0) + errors["site_down"] == DOWN_PAGES
    assert errors["site_down"] >= DOWN_PAGES - len(set(attempts))


def test_a_site_inventing_links_forever_stops_at_its_request_budget(crawl: Crawl) -> None:
    budget = OVERRIDES["ARCHIVE_SITE_BUDGET"]
    trap = crawl.site(crawl.trap)
    assert trap["errors"]["page_budget"] >= 1
    pages = [path for path in crawl.trap.requests if path != "/robots.txt"]
    assert len(pages) == budget
    # The budget is per site: the hostile site next to it was not stopped by it.
    assert "page_budget" not in crawl.site(crawl.hostile)["errors"]
    assert "site_down" not in crawl.site(crawl.hostile)["errors"]


def test_the_crawl_ends_in_bounded_time(crawl: Crawl) -> None:
    assert crawl.seconds < CRAWL_SECONDS


def test_reprocess_skips_the_captures_the_cleaner_refuses(crawl: Crawl) -> None:
    # The raw captures of the binary, too deep and too large pages are kept; re-reading them must not fail.
    done = subprocess.run([sys.executable, "-m", "archive", "reprocess", "--data", str(crawl.data)], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=CRAWL_SECONDS, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    skipped = int(re.search(r"skipped (\d+)", done.stderr).group(1))
    assert skipped >= len(PATHOLOGICAL_PATHS)
    good = len([a for a in sample_articles() if a["site"] == "congdoan-cantho"])
    assert f"unchanged {good}" in done.stderr
