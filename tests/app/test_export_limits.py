"""Exports cannot starve search: one download at a time per client, a global cap on concurrent
downloads, and a per-client budget of exported rows; a download cut short frees its slot."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from archive.article import Article
from archive.search.index import update_index
from archive.storage.store import Store
from search_app import create_app

STORIES = 30
LIMITS = {"EXPORT_CONCURRENCY": 2, "EXPORT_PER_CLIENT": 1, "EXPORT_ROW_BUDGET": 45, "EXPORT_BUDGET_SECONDS": 600}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("exports") / "data"
    with Store(data / "archive.sqlite3") as store:
        store.upsert_site("ldld", "Liên đoàn Lao động thành phố Cần Thơ", "Cần Thơ", "union", None)
        with store.transaction():
            for n in range(STORIES):
                store.upsert_article(Article(
                    url=f"https://congdoan.cantho.gov.vn/tin/{n}.html", title=f"Công đoàn {n} {'ab' * n}",
                    text=f"Bài số {n}: " + " ".join(f"từ{n}x{k}" for k in range(40)), site="ldld",
                    published=f"2019-01-{n % 28 + 1:02d}"))
        update_index(store, data)
    return data


@pytest.fixture()
def client(data: Path) -> FlaskClient:
    return create_app({"DATA_DIR": str(data), "TESTING": True, "RATELIMIT_ENABLED": False, **LIMITS}).test_client()


def export(client: FlaskClient, address: str, query: str = "cong doan"):
    """Starts a download without reading it: the server holds its slot until the client closes it."""
    return client.get(f"/search.csv?q={query}", environ_base={"REMOTE_ADDR": address}, buffered=False)


def rows(response) -> int:
    """Reads the whole download, then closes it as a browser would."""
    text = response.get_data(as_text=True)
    response.close()
    return len(list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))))


def test_one_download_at_a_time_per_client(client: FlaskClient) -> None:
    first = export(client, "127.0.0.2")
    assert first.status_code == 200
    second = export(client, "127.0.0.2")
    assert second.status_code == 429 and int(second.headers["Retry-After"]) >= 1
    assert "tải" in second.get_data(as_text=True)  # a message in Vietnamese, not a bare status
    other = export(client, "127.0.0.3")  # someone else is not held up by it
    assert other.status_code == 200 and rows(other) == STORIES
    first.close()  # the client went away mid-download: its slot is free again
    again = export(client, "127.0.0.2", "cong+doan+1")
    assert again.status_code == 200
    again.close()


def test_a_global_cap_on_concurrent_downloads(client: FlaskClient) -> None:
    held = [export(client, f"127.0.1.{n}", "cong+doan+2") for n in (1, 2)]
    assert [response.status_code for response in held] == [200, 200]
    refused = export(client, "127.0.1.3", "cong+doan+2")
    assert refused.status_code == 503 and int(refused.headers["Retry-After"]) >= 1
    held[0].close()
    admitted = export(client, "127.0.1.3", "cong+doan+2")
    assert admitted.status_code == 200
    admitted.close()
    held[1].close()


def test_a_budget_of_exported_rows_per_client(client: FlaskClient) -> None:
    assert rows(export(client, "127.0.2.1")) == STORIES  # 30 of the 45-row budget
    refused = export(client, "127.0.2.1")  # 30 more would pass the budget
    assert refused.status_code == 429 and 1 <= int(refused.headers["Retry-After"]) <= LIMITS["EXPORT_BUDGET_SECONDS"]
    small = export(client, "127.0.2.1", "cong+doan+11")  # a small export still fits
    assert small.status_code == 200 and 1 <= rows(small) <= 15
    assert rows(export(client, "127.0.2.2")) == STORIES  # another client has its own budget


def test_the_api_still_answers_while_downloads_are_held(client: FlaskClient) -> None:
    held = [export(client, f"127.0.3.{n}") for n in (1, 2)]
    response = client.get("/api/search?q=cong+doan", environ_base={"REMOTE_ADDR": "127.0.3.9"})
    assert response.status_code == 200 and response.get_json()["total"] == STORIES
    for download in held:
        download.close()


def test_exports_have_their_own_rate_limit(data: Path) -> None:
    app = create_app({"DATA_DIR": str(data), "TESTING": True, "RATELIMIT_APPLICATION": "100 per minute",
                      "EXPORT_RATE_LIMIT": "2 per minute"})
    client = app.test_client()
    statuses = [client.get("/search.jsonl?q=cong+doan+3", buffered=True).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.get("/api/search?q=cong+doan").status_code == 200  # searching is not counted against exports


def test_settings_come_from_the_environment(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARCHIVE_APP_EXPORT_CAP", "7")
    client = create_app({"DATA_DIR": str(data), "TESTING": True, "RATELIMIT_ENABLED": False}).test_client()
    assert rows(client.get("/search.csv?q=cong+doan", buffered=True)) == 7
