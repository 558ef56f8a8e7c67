"""The search page says what it did: filters it could not use, dates in the wrong order, the /help
page of the query language, and author names that lead to their articles."""
from __future__ import annotations

from urllib.parse import quote_plus

import pytest

from archive.article import Article
from archive.search.index import update_index
from archive.storage.store import Store
from search_app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("speaks")
    with Store(data / "archive.sqlite3") as store:
        store.upsert_site("congdoan-cantho", "Liên đoàn Lao động thành phố Cần Thơ", "Cần Thơ", "union", None)
        store.upsert_site("baoangiang", "Báo An Giang", "An Giang", "newspaper", None)
        store.upsert_article(Article(url="https://congdoan.cantho.gov.vn/hoi-nghi", title="Hội nghị tổng kết",
                                     published="2016-12-28", author="Văn Thừa", site="congdoan-cantho",
                                     text="Liên đoàn Lao động huyện Cờ Đỏ tổ chức hội nghị công đoàn."))
        for n in range(3):
            store.upsert_article(Article(url=f"https://baoangiang.com.vn/bai-{n}.html", title=f"Công đoàn tin {n}",
                                         published=f"2020-03-0{n + 1}", site="baoangiang", text="Công đoàn."))
        update_index(store, data)
    return create_app({"DATA_DIR": str(data), "TESTING": True, "RATELIMIT_ENABLED": False}).test_client()


def test_a_filter_not_understood_is_a_warning_on_the_page_and_in_the_json(client) -> None:
    query = {"q": "cong doan site:baoangiag", "from": "2020-13-45"}
    result = client.get("/api/search", query_string=query).get_json()
    assert result["filters"] == {} and len(result["warnings"]) == 2
    assert any("site:baoangiang" in warning for warning in result["warnings"])
    page = client.get("/search", query_string=query).get_data(as_text=True)
    assert 'class="warnings"' in page and "Có phải ý bạn là site:baoangiang?" in page
    assert "2020-13-45</strong>" not in page  # never shown as an active filter
    understood = client.get("/search", query_string={"q": "cong doan kind:báo"}).get_data(as_text=True)
    assert "Loại nguồn:\n    <strong>Báo</strong>" in understood and 'class="warnings"' not in understood


def test_start_after_end_is_an_error_message(client) -> None:
    response = client.get("/search", query_string={"q": "cong doan", "from": "2021-01-01", "to": "2020-01-01"})
    assert response.status_code == 400
    assert "Ngày bắt đầu (2021-01-01) sau ngày kết thúc (2020-01-01)" in response.get_data(as_text=True)
    api = client.get("/api/search", query_string={"q": "cong doan from:2021-01-01 to:2020-01-01"})
    assert api.status_code == 400 and "sau ngày kết thúc" in api.get_json()["error"]["message"]


def test_help_page_explains_the_query_language_in_vietnamese(client) -> None:
    home = client.get("/").get_data(as_text=True)
    assert 'href="/help"' in home and 'href="/help"' in client.get("/articles/1").get_data(as_text=True)
    page = client.get("/help").get_data(as_text=True)
    assert "Cách tìm kiếm" in page and '<html lang="vi">' in page
    for syntax in ("site:", "province:", "kind:", "author:", "year:", "from:", "to:", "OR", '"lao động với"'):
        assert syntax in page, syntax


def test_author_names_link_to_their_articles(client) -> None:
    link = f'href="/search?author={quote_plus("Văn Thừa")}"'
    assert link in client.get("/search", query_string={"q": "hội nghị"}).get_data(as_text=True)
    assert link in client.get("/articles/1").get_data(as_text=True)
    result = client.get("/api/search", query_string={"author": "Văn Thừa"}).get_json()
    assert [hit["author"] for hit in result["hits"]] == ["Văn Thừa"]
    assert result["facets"]["author"] == {"Văn Thừa": 1}
