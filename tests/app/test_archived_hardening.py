"""The archived copy is inert even without CSP: foreign-content tricks (<svg>/<math> with <style>),
SVG animation of href to javascript:, fixed overlays are gone; the notice lives outside the captured
page; copies can be served from an origin of their own."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from lxml import html as lxml_html

from archive.article import Article
from archive.search.index import update_index
from archive.storage.store import Store
from archive.storage.warc import WarcWriter
from search_app import create_app
from search_app.archived import NOTICE, inert_copy
from search_app.config import ConfigError

URL = "https://congdoan.cantho.gov.vn/tin-tuc/bai.html"
KEPT = "<p id='kept'>Đoàn viên công đoàn dự hội nghị.</p>"
MUTATIONS = [
    "<svg><style><img src=x onerror=alert('svg-style')></style></svg>",
    "<svg></p><style><a id=\"</style><img src=1 onerror=alert('svg-p')>\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('math')></style></mglyph></table></mtext></math>",
    "<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title=\"</style><img src onerror=alert('m2')>\">",
    "<svg><animate attributeName=href values=\"javascript:alert('animate')\" /><a id=x><text y=20>bấm</text></a></svg>",
    "<svg><set attributeName=\"href\" to=\"javascript:alert('set')\" /><a><text>x</text></a></svg>",
    "<animate attributeName=href values=\"javascript:alert('bare')\">",
    "<math><maction actiontype=statusline xlink:href=\"javascript:alert('maction')\">x</maction></math>",
]
OVERLAYS = [
    '<div style="position:fixed;inset:0;background:#fff">Đăng nhập để xem tiếp</div>',
    '<div style="POSITION : FIXED ; top:0">Đăng nhập</div>',
    '<div style="position:/* chú thích */fixed">Đăng nhập</div>',
    '<div style="posit\\69 on:fi\\78 ed">Đăng nhập</div>',
    '<div style="position:sticky;top:0">Đăng nhập</div>',
    "<style>.o{position:fixed;top:0;left:0;width:100%;height:100%}</style><div class=o>Đăng nhập</div>",
    "<style>.o{position:\\66ixed}</style><div class=o>Đăng nhập</div>",
]


def page_with(markup: str) -> str:
    return f"<html><head><title>Bài</title></head><body><h1>Tiêu đề</h1>{KEPT}{markup}</body></html>"


@pytest.mark.parametrize("markup", MUTATIONS)
def test_foreign_content_tricks_are_dropped(markup: str) -> None:
    copy = inert_copy(page_with(markup), URL)
    document = lxml_html.document_fromstring(copy)
    assert document.xpath("//svg|//math|//animate|//set|//maction") == []
    assert "onerror" not in copy and "javascript" not in copy.lower() and "alert(" not in copy
    assert document.xpath("string(//p[@id='kept'])") == "Đoàn viên công đoàn dự hội nghị."


@pytest.mark.parametrize("markup", OVERLAYS)
def test_fixed_overlays_are_neutralised(markup: str) -> None:
    copy = inert_copy(page_with(markup), URL)
    lowered = copy.lower()
    assert "fixed" not in lowered and "sticky" not in lowered and "\\" not in copy
    assert "Đăng nhập" in copy  # the text stays, it just cannot cover the page


def test_ordinary_styles_are_kept() -> None:
    copy = inert_copy(page_with('<p style="color:#c00;font-weight:bold">Đỏ</p><style>h1{font-size:2em}</style>'), URL)
    assert 'style="color:#c00;font-weight:bold"' in copy and "h1{font-size:2em}" in copy


def test_the_notice_is_not_inside_the_captured_page() -> None:
    assert NOTICE not in inert_copy(page_with(""), URL)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("archived") / "data"
    writer = WarcWriter(data / "warc")
    capture = writer.write(URL, 200, "OK", [("Content-Type", "text/html; charset=utf-8")],
                           page_with("".join(MUTATIONS + OVERLAYS)).encode(), [])
    writer.close()
    with Store(data / "archive.sqlite3") as store:
        store.upsert_site("ldld", "Liên đoàn Lao động thành phố Cần Thơ", "Cần Thơ", "union", None)
        store.upsert_article(Article(url=URL, title="Hội nghị công đoàn", text="Đoàn viên dự hội nghị.",
                                     published="2019-05-01", site="ldld"), capture)
        update_index(store, data)
    return data


def client_for(data: Path, **config: object) -> FlaskClient:
    return create_app({"DATA_DIR": str(data), "TESTING": True, "RATELIMIT_ENABLED": False, **config}).test_client()


def test_the_standalone_view_keeps_the_notice_outside_the_sandboxed_copy(data: Path) -> None:
    client = client_for(data)
    article = client.get("/articles/1").get_data(as_text=True)
    assert 'href="/articles/1/archived/view"' in article  # "Mở riêng" opens the app's own view
    view = client.get("/articles/1/archived/view")
    page = view.get_data(as_text=True)
    assert view.status_code == 200 and NOTICE in page
    frame = lxml_html.document_fromstring(page).xpath("//iframe")[0]
    assert frame.get("src") == "/articles/1/archived" and frame.get("sandbox") == ""
    copy = client.get("/articles/1/archived")
    assert NOTICE not in copy.get_data(as_text=True)
    assert copy.headers["Content-Security-Policy"].startswith("sandbox")  # still sandboxed when opened directly
    assert client.get("/articles/2/archived/view").status_code == 404


def test_copies_from_a_separate_origin(data: Path) -> None:
    app_host, copy_host = "http://luu-tru.example.vn", "http://ban-luu.example.vn"
    client = client_for(data, ARCHIVED_COPY_ORIGIN=copy_host, PUBLIC_ORIGIN=app_host)
    article = client.get("/articles/1", base_url=app_host)
    frame = lxml_html.document_fromstring(article.get_data(as_text=True)).xpath("//section[@class='archived']//iframe")[0]
    assert frame.get("src") == f"{copy_host}/articles/1/archived"
    assert copy_host in article.headers["Content-Security-Policy"]  # the app frames the copies' origin only
    assert client.get("/articles/1/archived", base_url=app_host).status_code == 404  # not on the app's origin
    copy = client.get("/articles/1/archived", base_url=copy_host)
    assert copy.status_code == 200
    policy = copy.headers["Content-Security-Policy"]
    assert policy.startswith("sandbox") and f"frame-ancestors {app_host}" in policy
    # The copies' origin serves copies and nothing else of the app.
    for path in ("/", "/search?q=cong+doan", "/api/search?q=x", "/articles/1", "/articles/1/archived/view"):
        assert client.get(path, base_url=copy_host).status_code == 404, path


@pytest.mark.parametrize("config", [{"ARCHIVED_COPY_ORIGIN": "http://ban-luu.example.vn"},
                                    {"ARCHIVED_COPY_ORIGIN": "javascript:alert(1)", "PUBLIC_ORIGIN": "http://a.vn"},
                                    {"ARCHIVED_COPY_ORIGIN": "http://a.vn/path", "PUBLIC_ORIGIN": "http://b.vn"},
                                    {"ARCHIVED_COPY_ORIGIN": "http://a.vn", "PUBLIC_ORIGIN": "http://a.vn"}])
def test_a_bad_copy_origin_is_refused_at_start_up(data: Path, config: dict) -> None:
    with pytest.raises(ConfigError):
        create_app({"DATA_DIR": str(data), **config})


@pytest.fixture(scope="module")
def browser_page() -> Iterator:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.route("**/*", lambda route: route.abort())  # every image fails at once, before "load"
        yield page
        browser.close()


@pytest.mark.browser
@pytest.mark.parametrize("markup", MUTATIONS + OVERLAYS)
def test_the_copy_is_inert_in_a_real_browser_without_csp(browser_page, markup: str) -> None:
    """The sanitizer alone, as Chromium parses its output: no handler runs, nothing covers the page."""
    dialogs: list[str] = []
    handler = lambda dialog: (dialogs.append(dialog.message), dialog.dismiss())  # noqa: E731
    browser_page.on("dialog", handler)
    try:
        browser_page.set_content(inert_copy(page_with(markup), URL))  # images fail (no network): onerror fires
        browser_page.click("#kept")  # a click through an overlay would land on the overlay instead
        assert dialogs == []
        assert browser_page.evaluate("document.querySelectorAll('[onerror], svg, math').length") == 0
        assert browser_page.evaluate(
            "[...document.querySelectorAll('body *')].every(e => !['fixed', 'sticky']"
            ".includes(getComputedStyle(e).position))")
    finally:
        browser_page.remove_listener("dialog", handler)
