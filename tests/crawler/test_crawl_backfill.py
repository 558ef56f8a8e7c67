"""Backfill, resume and identity on a portal whose old articles only deep listing pages link.

The site (testkit/deep_site.py, real HTTP on 127.0.0.1) lists on its home page the same articles as
its sections' first pages, links old articles under id-only aliases, prints a session token on
every link, and has print views, tag pages, an endless search and an endless calendar.
"""
from __future__ import annotations

import json
import random
import sqlite3
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from testkit.deep_site import SECTIONS, DeepSite, serving_deep_site
from tests.support import archived, crawl, kill_crawls, run_cli

pytestmark = pytest.mark.e2e

ARTICLES = 320  # two sections of 16 listing pages
KILLS = 6


def paths(requests: list[str]) -> Counter[str]:
    """Requested paths without session ids and query tokens."""
    return Counter(urlsplit(r).path.split(";", 1)[0] for r in requests)


def aliases(data: Path) -> dict[str, str]:
    with sqlite3.connect(data / "archive.sqlite3") as db:
        return dict(db.execute("SELECT s.url, a.url FROM aliases s JOIN articles a ON a.id = s.article_id"))


def coverage(data: Path, name: str) -> dict:
    return json.loads(run_cli("stats", "--site", name, "--json", data=data).stdout)


def test_first_crawl_pages_every_listing_to_its_end_and_stores_each_article_once(tmp_path: Path) -> None:
    site, data = DeepSite(ARTICLES), tmp_path / "data"
    assert site.pages(SECTIONS[0]) >= 15 and len(site.deep_only()) >= 100
    with serving_deep_site(site) as server:
        crawl(data, server.url + "/")
        requested = paths(site.requests)

    expected = {server.url + p for p in site.article_paths}
    versions = archived(data)
    assert set(versions) == expected and set(versions.values()) == {1}  # no listing, tag, print, home page
    # Each article fetched once, under one of its URLs: session tokens never multiply a page, and
    # an alias is not fetched once its article was (nor the article once its alias was).
    assert all(requested[site.article_path(n)] + requested[f"/tin-tuc/{n}"] == 1 for n in range(1, ARTICLES + 1))
    assert not [p for p in requested if p.startswith(("/in-bai/", "/lich/"))]  # print views, calendars
    assert requested["/tim-kiem"] <= 2
    assert sum(requested.values()) <= 1.3 * ARTICLES  # listings included
    # The "most read" id-only aliases are folded into their article.
    assert {server.url + f"/tin-tuc/{n}": server.url + site.article_path(n) for n in site.most_read()}.items() \
        <= aliases(data).items()

    facts = coverage(data, urlsplit(server.url).netloc)
    assert facts["complete"] and facts["cut_short"] is None and facts["reached_end_of_every_listing"]
    assert facts["deepest_page"] == site.pages(SECTIONS[0])
    assert facts["articles"] == ARTICLES and sum(facts["per_year"].values()) == ARTICLES
    assert facts["per_year"]["2015"] and facts["oldest"].startswith("2015")
    assert facts["aliases_folded"] >= len(site.most_read())
    assert facts["pending"]["total"] == 0
    assert {"print", "calendar", "tag", "category", "home"} <= set(facts["refused"])

    # The captures alone give the same archive: aliases fold into their articles, nothing is unstored.
    assert "new 0, changed 0" in run_cli("reprocess", data=data).stderr
    assert archived(data) == versions
    report = json.loads(run_cli("verify", "--json", data=data, check=False).stdout)
    assert report["ok"], {k: v[:3] for k, v in report["problems"].items() if v}


def test_a_recrawl_fetches_only_what_is_new(tmp_path: Path) -> None:
    site, data = DeepSite(ARTICLES), tmp_path / "data"
    with serving_deep_site(site) as server:
        crawl(data, server.url + "/")
        site.articles += 10
        site.requests.clear()
        crawl(data, server.url + "/")
        requested = paths(site.requests)
    new = site.article_paths[ARTICLES:]
    assert all(requested[p] == 1 for p in new)
    assert not [p for p in site.article_paths[:ARTICLES] if requested[p]]  # nor any alias of them
    assert not [f"/tin-tuc/{n}" for n in site.most_read() if requested[f"/tin-tuc/{n}"]]
    assert sum(requested.values()) <= 30
    assert set(archived(data).values()) == {1} and len(archived(data)) == ARTICLES + 10


def test_a_backfill_cut_by_its_budget_says_so_and_the_next_crawl_finishes_it(tmp_path: Path) -> None:
    site, data = DeepSite(ARTICLES), tmp_path / "data"
    name = None
    with serving_deep_site(site) as server:
        name = urlsplit(server.url).netloc
        crawl(data, server.url + "/", "--max-pages", "60", check=False)
        facts = coverage(data, name)
        assert not facts["complete"] and "budget" in facts["cut_short"]["reason"]
        assert facts["pending"]["total"] > 0 and f"crawl {server.url}/" in facts["cut_short"]["continue"]
        site.requests.clear()
        crawl(data, server.url + "/")
        again = paths(site.requests)
    assert set(archived(data)) == {server.url + p for p in site.article_paths}
    assert set(archived(data).values()) == {1}
    assert max(again[p] for p in site.article_paths) == 1
    assert coverage(data, name)["complete"]


def test_killed_at_random_moments_then_finished_every_article_once(tmp_path: Path) -> None:
    site, data = DeepSite(ARTICLES), tmp_path / "data"
    seed = random.randrange(1_000_000)
    with serving_deep_site(site) as server:
        start = server.url + "/"
        progress = kill_crawls(data, start, KILLS, random.Random(seed))
        assert progress[-1] < ARTICLES, f"nothing left for the last run: {progress} (seed {seed})"
        crawl(data, start)
        name = urlsplit(server.url).netloc

    versions = archived(data)
    assert set(versions) == {server.url + p for p in site.article_paths}, f"seed {seed}, after each kill: {progress}"
    assert set(versions.values()) == {1}
    with sqlite3.connect(data / "archive.sqlite3") as db:
        assert db.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone() == (ARTICLES, ARTICLES)
    assert coverage(data, name)["complete"]
