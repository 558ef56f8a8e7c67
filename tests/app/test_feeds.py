"""Every search is an Atom feed: valid, newest first, the same filters, read back by feedparser."""
from __future__ import annotations

import feedparser
import pytest

from archive.article import Article
from archive.search.index import update_index
from archive.storage.store import Store
from search_app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("feeds")
    with Store(data / "archive.sqlite3") as store:
        store.upsert_site("congdoan-cantho", "Liên đoàn Lao động thành phố Cần Thơ", "Cần Thơ", "union", None)
        store.upsert_site("baoangiang", "Báo An Giang", "An Giang", "newspaper", None)
        for n, (site, day) in enumerate([("congdoan-cantho", "2019-01-15"), ("baoangiang", "2023-05-16T09:30:00+07:00"),
                                         ("congdoan-cantho", "2021-09-27"), ("baoangiang", None)]):
            store.upsert_article(Article(
                url=f"https://{site}.example/tin-{n}.html", title=f"Bàn giao Mái ấm công đoàn số {n}", site=site,
                published=day, author="Văn Thừa" if n == 0 else None,
                text=f"Liên đoàn Lao động huyện Cờ Đỏ bàn giao Mái ấm công đoàn số {n} cho đoàn viên \x0bnghèo."))
        store.upsert_article(Article(url="https://baoangiang.example/khac.html", title="Hội thao công nhân",
                                     site="baoangiang", published="2024-01-01", text="Hội thao."))
        update_index(store, data)
    app = create_app({"DATA_DIR": str(data), "TESTING": True, "RATELIMIT_ENABLED": False})
    return app.test_client()


def _feed(client, **params):
    response = client.get("/search.atom", query_string=params)
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.get("bozo_exception")  # well-formed, valid enough for a reader
    assert parsed.version == "atom10"
    return parsed


def test_a_search_feed_lists_its_articles_newest_first(client) -> None:
    feed = _feed(client, q="mái ấm")
    assert feed.feed.title == "mái ấm — Lưu trữ tin công đoàn"
    assert feed.feed.id == feed.feed.links[0].href and "q=m%C3%A1i" in feed.feed.id
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Bàn giao Mái ấm công đoàn số 1", "Bàn giao Mái ấm công đoàn số 2",
                      "Bàn giao Mái ấm công đoàn số 0", "Bàn giao Mái ấm công đoàn số 3"]  # undated last
    first = feed.entries[0]
    assert first.id == "https://baoangiang.example/tin-1.html"
    assert first.updated == "2023-05-16T09:30:00+07:00"
    assert first.link.startswith("http://localhost/articles/")
    assert feed.entries[2].published == "2019-01-15T00:00:00+07:00" and feed.entries[2].author == "Văn Thừa"
    assert "nghèo" in feed.entries[2].summary and "\x0b" not in feed.entries[2].summary


def test_a_feed_keeps_the_searchs_filters(client) -> None:
    feed = _feed(client, q="mái ấm", site="congdoan-cantho")
    assert {entry.id for entry in feed.entries} == {"https://congdoan-cantho.example/tin-0.html",
                                                    "https://congdoan-cantho.example/tin-2.html"}
    assert len(_feed(client, q='mái ấm year:2021').entries) == 1
    assert len(_feed(client, q='org:"LĐLĐ huyện Cờ Đỏ"').entries) == 4
    assert _feed(client, q="không có bài nào như thế").entries == []


def test_the_search_page_offers_its_feed(client) -> None:
    page = client.get("/search", query_string={"q": "mái ấm"}).get_data(as_text=True)
    assert 'type="application/atom+xml"' in page and "/search.atom?q=m%C3%A1i" in page
