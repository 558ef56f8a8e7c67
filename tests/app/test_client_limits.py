"""Per-client limits as users meet them: a sequential script is never refused, a parallel flood is, and
behind a trusted reverse proxy each client (X-Forwarded-For) has its own budget."""
from __future__ import annotations

import http.client
import json
import threading
from pathlib import Path

import pytest

from archive.article import Article
from archive.search.index import update_index
from archive.storage.store import Store
from search_app import create_app
from tests.support import served_app


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("limits")
    with Store(data / "archive.sqlite3") as store, store.transaction():
        for n in range(40):
            store.upsert_article(Article(url=f"https://ldld.example.vn/tin/{n}", site="ldld",
                                         title=f"Hội nghị công đoàn số {n}", published="2024-03-01",
                                         text=f"Đoàn viên công đoàn tham dự hội nghị {n}.\n\nĐoạn hai."))
    with Store(data / "archive.sqlite3") as store:
        update_index(store, data)
    return data


def test_a_sequential_script_is_never_refused(archive: Path) -> None:
    # Short windows and a share barely above one: a script that waits for each answer still fits.
    app = create_app({"DATA_DIR": str(archive), "BUDGET_WINDOW": 1, "CLIENT_SHARE": 1.2})
    client = app.test_client()
    statuses = {client.get(f"/api/search?q=cong+doan+{n % 7}").status_code for n in range(400)}
    assert statuses == {200}


def test_a_parallel_flood_from_one_client_is_refused_and_told_when_to_come_back(archive: Path) -> None:
    app = create_app({"DATA_DIR": str(archive), "BUDGET_WINDOW": 1, "CLIENT_SHARE": 1.2})
    refused: list[tuple[str | None, dict]] = []
    served = []

    def flood() -> None:
        client = app.test_client()
        for n in range(30):
            response = client.get(f"/api/search?q=hoi+nghi+{n}")
            if response.status_code == 429:
                refused.append((response.headers.get("Retry-After"), response.get_json()))
            else:
                served.append(response.status_code)

    threads = [threading.Thread(target=flood) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert refused and set(served) == {200}
    retry_after, body = refused[0]
    assert retry_after == "1" and body["error"]["code"] == "too_many_requests"
    assert "quá nhiều yêu cầu" in body["error"]["message"]


def _statuses(address: str, forwarded_for: str | None, count: int) -> list[int]:
    connection = http.client.HTTPConnection(address, timeout=30)
    statuses = []
    for n in range(count):
        connection.request("GET", f"/api/search?q=cong+doan+{n}",
                           headers={"X-Forwarded-For": forwarded_for} if forwarded_for else {})
        response = connection.getresponse()
        response.read()
        statuses.append(response.status)
    connection.close()
    return statuses


@pytest.mark.e2e
@pytest.mark.parametrize("trusted", [True, False])
def test_behind_a_trusted_proxy_each_client_has_its_own_budget(archive: Path, trusted: bool) -> None:
    env = {"ARCHIVE_RATE_LIMIT": "3 per minute", "ARCHIVE_TRUSTED_PROXIES": "1" if trusted else "0"}
    with served_app(archive, env=env, workers=1) as url:
        address = url.removeprefix("http://")
        first = _statuses(address, "203.0.113.7", 4)
        assert first[0] == 200 and first[-1] == 429  # (untrusted, the start-up probe counted too)
        # Another user behind the same proxy: served when the proxy is trusted; without the setting,
        # X-Forwarded-For is ignored (anyone could forge it) and the proxy's one budget is spent.
        assert _statuses(address, "198.51.100.9", 1) == ([200] if trusted else [429])


@pytest.mark.e2e
@pytest.mark.redis
def test_worker_processes_share_each_client_budget_through_redis(archive: Path, redis_url: str) -> None:
    env = {"ARCHIVE_RATE_LIMIT": "4 per minute", "ARCHIVE_RATE_LIMIT_STORAGE": redis_url.replace("/0", "/1")}
    with served_app(archive, env=env, workers=2) as url:
        address = url.removeprefix("http://")
        # A new connection per request: the two workers take turns, and still count as one budget.
        statuses = [_statuses(address, None, 1)[0] for _ in range(8)]
    assert statuses.count(200) <= 4 and statuses[-1] == 429


def test_api_errors_are_code_and_vietnamese_message(archive: Path) -> None:
    client = create_app({"DATA_DIR": str(archive), "RATELIMIT_ENABLED": False}).test_client()
    missing = client.get("/api/articles/999999")
    assert missing.status_code == 404
    assert missing.get_json() == {"error": {"code": "not_found", "message": "Không tìm thấy trang bạn yêu cầu."}}
    bad = client.get("/api/search?q=x&sort=sideways")
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "bad_search"
    assert json.dumps(bad.get_json(), ensure_ascii=False).count("sort") == 0  # no English internals
