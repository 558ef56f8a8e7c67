"""The web app under attack, through the test client and over real HTTP (waitress): stored and typed
XSS payloads come out as text, no open redirects, no path traversal, security headers everywhere,
and a query flood from one client gets a clear 429."""
from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from archive.article import Article
from archive.search.index import update_index
from archive.storage.store import Store
from search_app import create_app
from tests.support import ROOT, free_port

pytestmark = pytest.mark.e2e

PAYLOADS = ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>',
            "'><iframe src=javascript:alert(1)></iframe>", "</textarea><script>alert(2)</script>",
            "<a href=\"javascript:alert(3)\">bấm</a>", "<style>*{x:expression(alert(4))}</style>"]
ALL = " ".join(PAYLOADS)
EVIL_URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<script>x</script>",
             "vbscript:msgbox(1)"]
# Every element the app's own templates write (and <mark> from snippets): anything else was injected.
APP_TAGS = {tag.lower() for path in (ROOT / "search_app" / "templates").glob("*.html")
            for tag in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", path.read_text(encoding="utf-8"))} | {"mark"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href"}
Fetch = Callable[[str], tuple[int, dict[str, str], str]]


class PageInspector(HTMLParser):
    """Collects what a browser would treat as active content."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.active: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            scheme = (value or "").strip().lower().split(":", 1)[0]
            if name.startswith("on") or (name in URL_ATTRIBUTES and scheme in {"javascript", "data", "vbscript"}):
                self.active.append(f"<{tag} {name}={value!r}>")


def assert_inert(page: str) -> None:
    inspector = PageInspector()
    inspector.feed(page)
    assert inspector.tags <= APP_TAGS, f"injected elements: {inspector.tags - APP_TAGS}"
    assert inspector.active == []


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive whose articles carry payloads in every field a scraped page can fill."""
    data = tmp_path_factory.mktemp("hostile") / "data"
    with Store(data / "archive.sqlite3") as store:
        store.upsert_site("congdoan-cantho", "Liên đoàn Lao động " + PAYLOADS[0], "Cần Thơ", "union", None)
        for n, url in enumerate(["https://congdoan.cantho.gov.vn/tin-tuc/doc-hai", *EVIL_URLS]):
            store.upsert_article(Article(
                url=url, title=f"Hội nghị công đoàn {n} {ALL}", published="2016-12-28",
                author="Văn Thừa " + PAYLOADS[1], credit=PAYLOADS[2], lead="Tóm tắt " + PAYLOADS[3],
                site="congdoan-cantho", text=f"Đoàn viên công đoàn {ALL} tham dự.\n\nĐoạn hai {ALL}.",
                captions=["Ảnh " + PAYLOADS[4], PAYLOADS[6]],
                related=[{"title": "Tin " + PAYLOADS[5], "url": evil} for evil in EVIL_URLS]))
        update_index(store, data)
    return data


def serve(data: Path, rate_limit: str) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ARCHIVE_RATE_LIMIT": rate_limit}
    server = subprocess.Popen([sys.executable, "-m", "archive", "serve", "--port", str(port), "--data", str(data)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def server(hostile: Path) -> Iterator[str]:
    yield from serve(hostile, "off")


def http_get(address: str, path: str, host: str | None = None) -> tuple[int, dict[str, str], str]:
    """A raw GET: the path goes on the wire exactly as given (no client-side normalisation)."""
    connection = http.client.HTTPConnection(address, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host or address)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode()
    finally:
        connection.close()


@pytest.fixture(params=["test_client", "http"])
def fetch(request: pytest.FixtureRequest, hostile: Path) -> Fetch:
    if request.param == "http":
        address = request.getfixturevalue("server")
        return lambda path: http_get(address, path)
    client = create_app({"DATA_DIR": str(hostile), "TESTING": True, "RATELIMIT_ENABLED": False}).test_client()

    def get(path: str) -> tuple[int, dict[str, str], str]:
        response = client.get(path)
        return response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.get_data(True)
    return get


def test_stored_payloads_are_shown_as_text_in_search_results(fetch: Fetch) -> None:
    status, _, page = fetch("/search?q=" + quote("hoi nghi cong doan"))
    # The same story at every evil URL: one hit, its copies grouped under it.
    assert status == 200 and page.count('class="hit"') == 1
    assert_inert(page)
    assert "&lt;script&gt;alert(" in page and "<mark>" in page  # the text is there, escaped; marks survive


def test_stored_payloads_are_shown_as_text_on_article_pages(fetch: Fetch) -> None:
    for article_id in range(1, 2 + len(EVIL_URLS)):
        status, _, page = fetch(f"/articles/{article_id}")
        assert status == 200
        assert_inert(page)
        assert "Văn Thừa &lt;img src=x onerror=alert(1)&gt;" in page
        assert "&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page  # a caption
    status, _, page = fetch("/articles/1")
    assert 'href="https://congdoan.cantho.gov.vn/tin-tuc/doc-hai"' in page  # real links stay links


@pytest.mark.parametrize("where", ["q", "site", "sort", "page", "year"])
def test_typed_payloads_are_reflected_as_text(fetch: Fetch, where: str) -> None:
    for payload in PAYLOADS:
        status, _, page = fetch(f"/search?q=cong+doan&{where}=" + quote(payload))
        assert status == (400 if where == "sort" else 200)  # an unknown sort is a user error
        assert_inert(page)


def test_payloads_in_the_path_and_json_stay_inert(fetch: Fetch) -> None:
    status, headers, page = fetch("/" + quote(PAYLOADS[0]))
    assert status == 404 and "<script>" not in page
    assert_inert(page)
    status, headers, body = fetch("/api/search?q=" + quote(ALL))
    assert status == 200 and headers["content-type"] == "application/json"
    assert headers["x-content-type-options"] == "nosniff"  # never sniffed into HTML
    assert json.loads(body)["query"] == ALL


@pytest.mark.parametrize("path", ["/", "/search?q=x", "/api/search?q=x", "/articles/1", "/api/articles/1",
                                  "/articles/999", "/no/such/page", "/static/style.css"])
def test_security_headers_on_every_kind_of_response(fetch: Fetch, path: str) -> None:
    _, headers, _ = fetch(path)
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy and "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"


TRAVERSALS = ["/static/../archive/cli.py", "/static/%2e%2e/archive/cli.py", "/static/..%2farchive%2fcli.py",
              "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/static/..%5c..%5carchive%5ccli.py",
              "/static/....//....//etc/passwd", "/static//etc/passwd", "/static/%252e%252e/archive/cli.py",
              "/articles/..%2f..%2fetc%2fpasswd", "/../../../etc/passwd", "/static/%00../archive/cli.py"]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_is_rejected(server: str, path: str) -> None:
    status, _, body = http_get(server, path)
    assert status in (400, 404)
    assert "root:" not in body and "def main" not in body and "import" not in body


REDIRECT_BAIT = ["//evil.example/", "//evil.example/search", "///evil.example/%2e%2e", "/%2f%2fevil.example/",
                 "/\\evil.example/", "/static//evil.example/x", "//search?q=x", "/search/", "/articles/1/",
                 "/search?next=https://evil.example/", "/?url=//evil.example"]


@pytest.mark.parametrize("path", REDIRECT_BAIT)
def test_no_open_redirects(server: str, path: str) -> None:
    for host in (server, "evil.example"):  # a forged Host header must not become a redirect target
        status, headers, _ = http_get(server, path, host=host)
        assert status in (200, 400, 404) and "location" not in headers


def test_a_query_flood_from_one_client_gets_429(hostile: Path) -> None:
    address = next(server_with_limits := serve(hostile, "5 per 10 seconds"))
    try:
        connection = http.client.HTTPConnection(address, timeout=10)  # one client, one keep-alive connection
        statuses, refusals = [], []
        for n in range(30):
            connection.request("GET", f"/api/search?q=cong+doan+{n}")
            response = connection.getresponse()
            body = response.read().decode()
            statuses.append(response.status)
            if response.status == 429:
                refusals.append((response.getheader("Retry-After"), json.loads(body)))
        assert statuses == [200] * 5 + [429] * 25
        retry_after, error = refusals[0]
        assert 1 <= int(retry_after) <= 10 and "quá nhiều yêu cầu" in error["error"]["message"]
    finally:
        server_with_limits.close()


def test_limits_come_from_the_config_and_can_be_switched_off(hostile: Path) -> None:
    limited = create_app({"DATA_DIR": str(hostile), "RATELIMIT_APPLICATION": "2 per minute"}).test_client()
    spread = ["/search?q=x", "/api/articles/1", "/articles/1"]  # one budget, whatever the page
    assert [limited.get(path).status_code for path in spread] == [200, 200, 429]
    assert limited.get("/static/style.css").status_code == 200  # static files are not counted
    page = limited.get("/search?q=x").get_data(as_text=True)
    assert "quá nhiều yêu cầu" in page and "<html" in page
    free = create_app({"DATA_DIR": str(hostile), "RATELIMIT_ENABLED": False}).test_client()
    assert {free.get("/search?q=x").status_code for _ in range(30)} == {200}
