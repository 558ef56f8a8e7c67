"""Small holes an adversarial review found: unknown parameters reaching url_for, ids past SQLite's
range, full-width digits as a second URL of an article, a bad rate limit accepted, no Cache-Control."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from archive.article import Article
from archive.search.index import update_index
from archive.storage.store import Store
from search_app import create_app
from search_app.config import ConfigError
from tests.support import free_port, run_cli


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("small") / "data"
    with Store(data / "archive.sqlite3") as store:
        store.upsert_site("ldld", "Liên đoàn Lao động thành phố Cần Thơ", "Cần Thơ", "union", None)
        for n in range(3):
            store.upsert_article(Article(url=f"https://congdoan.cantho.gov.vn/tin/{n}.html",
                                         title=f"Hội nghị công đoàn số {n}", text=f"Đoàn viên dự hội nghị {n}.",
                                         published="2019-05-01", site="ldld"))
        update_index(store, data)
    return data


@pytest.fixture()
def client(data: Path) -> FlaskClient:
    return create_app({"DATA_DIR": str(data), "TESTING": True, "RATELIMIT_ENABLED": False}).test_client()


@pytest.mark.parametrize("extra", ["_external=1", "_scheme=javascript", "_anchor=x%22onmouseover", "_method=POST",
                                   "endpoint=api.search", "format_name=csv", "values=1", "article_id=1",
                                   "_external=1&_scheme=https"])
def test_only_known_parameters_reach_the_links(client: FlaskClient, extra: str) -> None:
    response = client.get(f"/search?q=cong+doan&site=ldld&{extra}", headers={"Host": "evil.example"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "evil.example" not in page and "javascript" not in page and "onmouseover" not in page
    assert 'href="/search.csv?q=cong+doan&amp;site=ldld"' in page  # links keep what the search needs
    assert "_external" not in page and "endpoint=" not in page


@pytest.mark.parametrize("path", ["/articles/9223372036854775808", "/api/articles/99999999999999999999",
                                  "/articles/18446744073709551616/archived", "/api/articles/1/versions/9223372036854775808",
                                  "/articles/1/versions/99999999999999999999999", "/articles/9223372036854775808/cite.bib",
                                  "/api/articles/9223372036854775808/more-like-this"])
def test_ids_past_the_database_range_are_404(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("digits", ["\uff11", "\u0661", "\u0967", "1\uff10"])
def test_only_ascii_digits_name_an_article(client: FlaskClient, digits: str) -> None:
    assert client.get("/articles/1").status_code == 200
    for prefix in ("/articles/", "/api/articles/"):
        assert client.get(prefix + digits).status_code == 404  # not a second URL of article 1 (or 10)


@pytest.mark.parametrize("value", ["lots", "10 per fortnight", "-5 per second", "10 per second;;x", "per minute"])
def test_a_bad_rate_limit_is_refused_at_start_up(data: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("ARCHIVE_RATE_LIMIT", value)
    with pytest.raises(ConfigError) as raised:
        create_app({"DATA_DIR": str(data)})
    assert "ARCHIVE_RATE_LIMIT" in str(raised.value)


@pytest.mark.e2e
def test_serve_with_a_bad_rate_limit_says_so_in_one_line(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(os.environ, "ARCHIVE_RATE_LIMIT", "lots")
    run = run_cli("serve", "--port", str(free_port()), data=data, check=False)
    assert run.returncode == 2 and run.stderr.startswith("error:") and "ARCHIVE_RATE_LIMIT" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("path", "expected"), [
    ("/", "no-cache"), ("/search?q=cong+doan", "no-cache"), ("/articles/1", "no-cache"),
    ("/api/search?q=cong+doan", "no-cache"), ("/api/articles/1", "no-cache"), ("/no/such/page", "no-cache"),
    ("/search.csv?q=cong+doan", "no-store"), ("/search.jsonl?q=cong+doan", "no-store"),
    ("/articles/1/cite.bib", "no-store"), ("/articles/1/cite.ris", "no-store")])
def test_cache_control_on_pages_api_and_downloads(client: FlaskClient, path: str, expected: str) -> None:
    response = client.get(path)
    assert expected in response.headers.get("Cache-Control", ""), path
    if expected == "no-cache":
        assert "private" in response.headers["Cache-Control"]  # a query is the reader's own business
