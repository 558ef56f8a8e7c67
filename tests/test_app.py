"""The Flask app through its test client, on a small real archive (SQLite + Whoosh in tmp_path)."""
from __future__ import annotations

from pathlib import Path

import pytest

from archive.article import Article
from archive.index import update_index
from archive.store import Store
from search_app import create_app

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture()
def client(tmp_path: Path):
    with Store(tmp_path / "archive.sqlite3") as store:
        store.upsert_site("congdoan-cantho", "Liên đoàn Lao động thành phố Cần Thơ", "Cần Thơ", "union", None)
        store.upsert_article(Article(
            url="https://congdoan.cantho.gov.vn/tin-tuc/hoi-nghi", title="Hội nghị tổng kết " + XSS,
            published="2016-12-28", author="Văn Thừa", site="congdoan-cantho",
            text="Liên đoàn Lao động huyện Cờ Đỏ tổ chức hội nghị.\n\nĐoàn viên " + XSS + " tham dự.",
            captions=["Ảnh " + XSS], related=[{"title": "Tin khác", "url": "javascript:alert(1)"}]))
        update_index(store, tmp_path)
    app = create_app({"DATA_DIR": str(tmp_path), "TESTING": True})
    return app.test_client()


def test_search_page_escapes_stored_and_typed_payloads(client) -> None:
    page = client.get("/search", query_string={"q": 'lien doan ' + XSS}).get_data(as_text=True)
    assert "<script>alert" not in page and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;" in page
    assert "<mark>" in page  # highlighting survives the escaping


def test_article_page_escapes_and_neutralises_javascript_links(client) -> None:
    page = client.get("/articles/1").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert 'href="javascript:' not in page
    assert "Văn Thừa" in page and "https://congdoan.cantho.gov.vn/tin-tuc/hoi-nghi" in page


def test_json_twins(client) -> None:
    result = client.get("/api/search", query_string={"q": "hoi nghi"}).get_json()
    assert result["total"] == 1 and result["hits"][0]["author"] == "Văn Thừa"
    assert client.get("/api/articles/1").get_json()["captions"] == ["Ảnh " + XSS]
    assert client.get("/api/search", query_string={"q": "x", "sort": "bogus"}).status_code == 400


def test_security_headers_and_friendly_errors(client) -> None:
    response = client.get("/articles/42")
    assert response.status_code == 404 and "Không tìm thấy" in response.get_data(as_text=True)
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_broken_queries_never_fail(client) -> None:
    for query in ['"unbalanced', "-", "OR", "x" * 10_000, "\x00\x07 công", 'site:"', "year:abc"]:
        assert client.get("/search", query_string={"q": query}).status_code == 200
