"""Incremental recrawls, judged by the site server's own request log; conditional GET; new versions."""
from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from archive.cli import main
from archive.demo.generated_site import write_site
from tests.support import archived, crawl, serving, summary_rows

pytestmark = pytest.mark.e2e


def test_recrawl_of_1000_articles_with_10_new_makes_at_most_30_requests(tmp_path: Path) -> None:
    root, data = tmp_path / "site", tmp_path / "data"
    site = write_site(root, 1000)
    with serving(root) as server:
        start = server.url + "/tin-tuc/"
        crawl(data, start)
        first = archived(data)
        assert len(first) == 1000 and set(first.values()) == {1}
        assert {urlsplit(u).path for u in first} == set(site.article_paths)

        site = write_site(root, 1010)
        server.requests.clear()
        run = crawl(data, start)
        requests, conditional = list(server.requests), list(server.conditional)

    assert len(requests) <= 30, requests
    new_paths = set(site.article_paths[1000:])
    assert sorted(p for p in requests if p in new_paths) == sorted(new_paths)  # each new one, once
    assert not [p for p in requests if p in set(site.article_paths[:1000])]  # no known article again
    assert len(requests) == len(set(requests))
    after = archived(data)
    assert len(after) == 1010 and set(after.values()) == {1}
    (row,) = summary_rows(run).values()
    assert row["new"] == 10 and row["errors"] == "0"
    # Known pages re-checked (start page, sections) carried their validators; unchanged ones got a 304.
    assert {"/tin-tuc/", "/gioi-thieu.html", "/lien-he.html"} <= set(conditional)
    assert row["not_modified"] >= 2


def test_changed_articles_get_new_versions_by_sitemap_lastmod_and_by_recheck(tmp_path: Path) -> None:
    root, data = tmp_path / "site", tmp_path / "data"
    site = write_site(root, 30, sitemap=True)
    article_paths = set(site.article_paths)
    with serving(root) as server:
        start = server.url + "/tin-tuc/"
        crawl(data, start)
        changed = server.url + site.article_path(1)
        time.sleep(1.1)  # a new Last-Modified second for the changed file
        write_site(root, 30, sitemap=True, edition=1)  # article 1 gains a paragraph; its sitemap lastmod is now
        server.requests.clear()
        server.conditional.clear()
        run = crawl(data, start)  # an ordinary recrawl: the sitemap says article 1 changed
        assert [p for p in server.requests if p in article_paths] == [site.article_path(1)]
        assert site.article_path(1) in server.conditional
        assert archived(data)[changed] == 2
        (row,) = summary_rows(run).values()
        assert (row["new"], row["changed"]) == (0, 1)

        time.sleep(1.1)
        write_site(root, 30, sitemap=True, edition=2)
        server.requests.clear()
        server.conditional.clear()
        run = crawl(data, start, "--recheck")
        requests, conditional = list(server.requests), list(server.conditional)

    assert article_paths <= set(conditional)  # every archived article re-checked with its validators
    assert sorted(p for p in requests if p in article_paths) == sorted(article_paths)
    versions = archived(data)
    assert versions[changed] == 3
    assert all(count == 1 for url, count in versions.items() if url != changed)  # unchanged: not rewritten
    (row,) = summary_rows(run).values()
    assert (row["new"], row["changed"], row["not_modified"]) == (0, 1, 29)


def test_a_crawl_cut_by_its_page_budget_is_walked_in_full_next_time(tmp_path: Path) -> None:
    root, data = tmp_path / "site", tmp_path / "data"
    site = write_site(root, 40)
    with serving(root) as server:
        start = server.url + "/tin-tuc/"
        crawl(data, start, "--max-pages", "12")
        assert len([p for p in server.requests if p != "/robots.txt"]) <= 12
        cut_short = archived(data)
        assert 0 < len(cut_short) < 40
        server.requests.clear()
        crawl(data, start)  # not incremental: the budget cut it, so every listing page is walked again
        assert not [p for p in server.requests if server.url + p in cut_short]
    assert set(archived(data)) == {server.url + p for p in site.article_paths}
    assert set(archived(data).values()) == {1}


def test_bad_crawl_options_are_one_line_errors(tmp_path: Path, capsys) -> None:
    for args in (["http://127.0.0.1:9/", "--redis", "http://not-redis"], ["--join", "archive:x"],
                 ["http://127.0.0.1:9/", "--max-pages", "0"], ["ftp://example.vn/"],
                 ["http://127.0.0.1:9/", "--redis", "redis://127.0.0.1:9/0"]):
        assert main(["crawl", *args, "--data", str(tmp_path / "data")]) == 2, args
        err = capsys.readouterr().err
        assert err.startswith("error: ") and err.count("\n") == 1, err
