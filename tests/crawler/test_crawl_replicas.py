"""Zero-config crawls of the platform replicas (testkit/replicas: DotNetNuke, NukeViet, Liferay,
SharePoint, WebSphere Portal, 3CMS, WordPress and the custom shapes of real provincial sites): every
article archived exactly once, no listing, print view, alias or calendar page stored, on a first
crawl and after a crawl SIGKILLed at random moments. Old articles are linked only from listing
page 10 and deeper; the home page repeats listing page 1; links carry per-response tokens."""
from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from testkit.replicas import FAMILIES, serve
from testkit.replicas.verdict import Verdict, judge
from tests.support import crawl, kill_crawls

pytestmark = pytest.mark.e2e

ARTICLES = 130
KILLS = 2


def stored(site: object, data: Path) -> Verdict:
    with sqlite3.connect(data / "archive.sqlite3") as db:
        urls = [url for (url,) in db.execute("SELECT url FROM articles")]
        versions = db.execute("SELECT count(*) FROM versions").fetchone()[0]
    assert versions == len(urls)  # one version each: never stored twice, never rewritten
    return judge(site, urls)


@pytest.mark.parametrize("family", FAMILIES)
def test_a_first_crawl_archives_every_article_once_and_nothing_else(family: str, tmp_path: Path) -> None:
    with serve(family, articles=ARTICLES, seed=0) as replica:
        crawl(tmp_path / "data", replica.url + "/")
        requests = len(replica.requests)
    verdict = stored(replica.site, tmp_path / "data")
    assert verdict.exact, str(verdict)
    assert requests <= 2.6 * ARTICLES  # listings, aliases and refused pages included


@pytest.mark.parametrize("family", FAMILIES)
def test_crawls_killed_at_random_moments_then_finished_archive_every_article_once(family: str,
                                                                                 tmp_path: Path) -> None:
    seed = random.randrange(1_000_000)
    with serve(family, articles=ARTICLES, seed=0) as replica:
        progress = kill_crawls(tmp_path / "data", replica.url + "/", KILLS, random.Random(seed))
        crawl(tmp_path / "data", replica.url + "/")
    verdict = stored(replica.site, tmp_path / "data")
    assert verdict.exact, f"{verdict} (seed {seed}, articles after each kill: {progress})"
