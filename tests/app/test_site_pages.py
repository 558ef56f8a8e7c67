"""A site's coverage page and its JSON twin: complete and partial archives, told apart at a glance."""
from __future__ import annotations

from pathlib import Path

import pytest

from archive.article import Article
from archive.storage.coverage import site_coverage
from archive.storage.frontier import Pending, remember, save_walks
from archive.storage.store import Store
from search_app import create_app

WALKED = [{"site": "congdoan-cantho", "listing": "https://congdoan.cantho.gov.vn/tin-tuc", "pages": 17,
           "deepest": 17, "ended": "end"}]


def crawled(store: Store, site: str, finished: bool, stats: dict) -> None:
    """A crawl run of one site as the crawler records it: killed when not `finished`."""
    run = store.start_run()
    store.begin_site_crawl(site, run)
    if finished:
        save_walks(store, run, WALKED if site == "congdoan-cantho" else [])
        store.end_site_crawl(site, run, complete=not stats["errors"])
        store.finish_run(run, {site: stats})


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("sites")
    with Store(data / "archive.sqlite3") as store:
        store.upsert_site("congdoan-cantho", "Liên đoàn Lao động thành phố Cần Thơ", "Cần Thơ", "union",
                          "https://congdoan.cantho.gov.vn/tin-tuc")
        store.upsert_site("127.0.0.1:8001", "127.0.0.1:8001", "", "", "http://127.0.0.1:8001/")
        for n, year in enumerate((2016, 2016, 2019, 2024)):
            store.upsert_article(Article(url=f"https://congdoan.cantho.gov.vn/tin-tuc/bai-{n}", title=f"Bài {n}",
                                         text="Công đoàn.", published=f"{year}-05-0{n + 1}", site="congdoan-cantho"),
                                 aliases=(f"https://congdoan.cantho.gov.vn/tin-tuc/{n}",))
        crawled(store, "congdoan-cantho", True, {"errors": {}, "refused": {"print": 4, "tag": 2}})
        crawled(store, "127.0.0.1:8001", True, {"errors": {"page_budget": 30}, "refused": {}})
        remember(store, Pending("http://127.0.0.1:8001/tin?page=4", "127.0.0.1:8001", "pagination", 0,
                                "http://127.0.0.1:8001/tin", 4))
        crawled(store, "127.0.0.1:8001", False, {})  # then killed
    return create_app({"DATA_DIR": str(data), "TESTING": True, "RATELIMIT_ENABLED": False})


def test_a_complete_site_says_so_with_its_facts(app) -> None:
    client = app.test_client()
    page = client.get("/sites/congdoan-cantho").get_data(as_text=True)
    assert "Đầy đủ" in page and "Chưa đầy đủ" not in page
    assert "2016</td><td>2" in page and "https://congdoan.cantho.gov.vn/tin-tuc</td><td>17" in page
    assert "print: 4" in page and 'href="/api/sites/congdoan-cantho"' in page
    facts = client.get("/api/sites/congdoan-cantho").get_json()
    assert facts["complete"] and facts["cut_short"] is None
    assert facts["per_year"] == {"2016": 2, "2019": 1, "2024": 1} and facts["aliases_folded"] == 4
    assert (facts["deepest_page"], facts["listing_pages_walked"]) == (17, 17)
    assert facts["oldest"] == "2016-05-01" and facts["newest"] == "2024-05-04"


def test_a_cut_short_site_says_why_and_how_to_continue(app) -> None:
    client = app.test_client()
    facts = client.get("/api/sites/127.0.0.1:8001").get_json()
    assert not facts["complete"] and facts["cut_short"]["code"] == "killed"
    assert facts["cut_short"]["command"] == "python -m archive crawl http://127.0.0.1:8001/"
    assert facts["pending"] == {"total": 1, "by_kind": {"pagination": 1}}
    page = client.get("/sites/127.0.0.1:8001").get_data(as_text=True)
    assert "Chưa đầy đủ" in page and "bị dừng giữa chừng" in page
    assert "<code>python -m archive crawl http://127.0.0.1:8001/</code>" in page


def test_a_registry_site_is_continued_by_its_name_and_unknown_sites_are_404(app, tmp_path: Path) -> None:
    with Store(tmp_path / "archive.sqlite3") as store:
        store.upsert_site("baoangiang", "Báo An Giang", "An Giang", "newspaper", "https://baoangiang.com.vn/")
        crawled(store, "baoangiang", True, {"errors": {"page_budget": 3}, "refused": {}})
        facts = site_coverage(store, "baoangiang")
    assert facts["cut_short"]["code"] == "budget" and facts["cut_short"]["command"].endswith("--site baoangiang")
    assert app.test_client().get("/sites/khong-co").status_code == 404
    assert app.test_client().get("/api/sites/khong-co").status_code == 404
