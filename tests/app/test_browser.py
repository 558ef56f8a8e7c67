"""The app in a real headless Chromium (Debian's, driven by Playwright) over the served sample archive.

Screenshots of the search and article pages, desktop and 375 px wide, go to artifacts/.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from archive.article import Article
from archive.search.index import update_index
from archive.storage.store import Store
from archive.storage.warc import WarcWriter
from tests.support import ROOT, served_app

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "artifacts"
QUERY = "lien doan lao dong can tho"
CAN_THO = "Liên đoàn Lao động thành phố Cần Thơ"
PHONE = {"width": 375, "height": 812}

# Each payload either calls alert() (a dialog) or, if its markup were parsed, leaves #xss-injected.
PAYLOADS = [
    '<script>alert("script")</script>',
    '<img src=x onerror=alert("img")>',
    '<svg onload=alert("svg")><b id="xss-injected">svg</b></svg>',
    '"><b id="xss-injected">attr</b><input autofocus onfocus=alert("focus")>',
    "</title><script>alert('title')</script>",
]
HOSTILE_CAPTURE = """<html><head><meta http-equiv="refresh" content="0;url=javascript:alert('refresh')"></head>
<body onload="alert('onload')"><h1>Bản lưu độc hại</h1><script>alert('capture')</script>
<img src="x" onerror="alert('capture img')"><a id="js-link" href="javascript:alert('link')">bấm</a>
<iframe srcdoc="<script>alert('srcdoc')</script>"></iframe></body></html>""".encode()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def context(browser: Browser, app_url: str) -> Iterator[BrowserContext]:
    opened = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN",
                                 permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)
    yield opened
    opened.close()


def search_from_home(page: Page, app_url: str, query: str) -> None:
    page.goto(app_url + "/")
    page.get_by_label("Tìm kiếm").fill(query)
    page.get_by_label("Tìm kiếm").press("Enter")
    page.wait_for_url("**/search?**")


def hit_sites(page: Page) -> list[str]:
    return page.locator(".hit .meta").all_inner_texts()


def test_accentless_query_facet_article_citation_and_csv(context: BrowserContext, app_url: str) -> None:
    page = context.new_page()
    search_from_home(page, app_url, QUERY)
    titles = page.locator(".hit h3").all_inner_texts()
    assert "HỘI NGHỊ TỔNG KẾT CỤM THI ĐUA LIÊN ĐOÀN LAO ĐỘNG CÁC HUYỆN NĂM 2016" in titles
    assert page.locator(".hit .snippet mark").count() > 0
    page.screenshot(path=ARTIFACTS / "search-desktop.png", full_page=True)

    sites = page.locator(".facets section").filter(has=page.get_by_role("heading", name="Nguồn", exact=True))
    sites.get_by_role("link", name=CAN_THO, exact=True).click()  # the site (an organisation facet has the name too)
    page.wait_for_url("**site=congdoan-cantho**")
    assert all(CAN_THO in meta for meta in hit_sites(page)) and hit_sites(page)
    total = int(page.locator(".summary strong").first.inner_text().replace(".", ""))

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    rows = list(csv.DictReader(io.StringIO(Path(download_info.value.path()).read_text(encoding="utf-8-sig"))))
    assert len(rows) == total and {row["site"] for row in rows} == {"congdoan-cantho"}
    assert all(row["url"].startswith("http://") and ".sample.test/" in row["url"] and row["title"] for row in rows)

    first_title = page.locator(".hit h3 a").first.inner_text()
    page.locator(".hit h3 a").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("h1").inner_text() == first_title
    page.screenshot(path=ARTIFACTS / "article-desktop.png", full_page=True)

    page.get_by_role("button", name="Sao chép trích dẫn").click()
    page.get_by_text("Đã sao chép.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#citation-vi").inner_text()
    assert f'"{first_title}", {CAN_THO}, ' in copied and "ngày truy cập: " in copied


def test_timeline_bar_filters_to_its_period(context: BrowserContext, app_url: str) -> None:
    page = context.new_page()
    page.goto(f"{app_url}/search?q={quote(QUERY)}")
    assert page.locator(".timeline svg > title").text_content().startswith("Số bài khớp theo")
    bar = page.locator(".timeline a.bar").last
    label = bar.get_attribute("aria-label")  # "Năm 2025: 1 bài"
    bar.click()
    page.wait_for_url("**from=**")
    params = parse_qs(urlsplit(page.url).query)
    assert params["q"] == [QUERY] and params["from"][0] <= params["to"][0]
    assert params["from"][0][:4] in label
    api = page.request.get(f"{app_url}/api/search", params={k: v[0] for k, v in params.items()}).json()
    assert api["articles"] == int(label.rsplit(": ", 1)[1].split()[0])  # the bar counted what the filter finds
    assert all(params["from"][0] <= hit["published"][:10] <= params["to"][0] for hit in api["hits"])


def test_phone_width_pages_fit_and_are_saved(browser: Browser, app_url: str) -> None:
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(f"{app_url}/search?q={quote(QUERY)}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator(".hit").first.bounding_box()["width"] <= PHONE["width"]
    page.screenshot(path=ARTIFACTS / "search-375.png", full_page=True)
    page.locator(".hit h3 a").first.click()
    page.wait_for_url("**/articles/*")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=ARTIFACTS / "article-375.png", full_page=True)
    phone.close()


def test_keyboard_alone_skip_link_search_box_and_results(context: BrowserContext, app_url: str) -> None:
    page = context.new_page()
    page.goto(f"{app_url}/search?q={quote(QUERY)}")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent, getComputedStyle(document.activeElement).outlineStyle]")
    assert focused == ["Bỏ qua, đến kết quả", "solid"]  # first stop, with a visible focus ring
    page.keyboard.press("Enter")
    assert urlsplit(page.url).fragment == "results"
    page.keyboard.press("Tab")  # the next stop after the skip target is the first result
    assert page.evaluate("document.activeElement.closest('.hit') !== null")

    page.goto(app_url + "/")
    for _ in range(3):  # skip link, site name, then the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("ky hop hdnd")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?**")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link again, then the first result, opened by keyboard
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/articles/*")
    assert "kỳ họp" in page.locator("h1").inner_text().lower()


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An archive whose articles carry XSS payloads in every stored field, and a hostile raw capture."""
    data = tmp_path_factory.mktemp("hostile")
    warc = WarcWriter(data / "warc")
    capture = warc.write("https://ex.vn/bai-0.html", 200, "OK", [("Content-Type", "text/html; charset=utf-8")],
                         HOSTILE_CAPTURE, [])
    warc.close()
    with Store(data / "archive.sqlite3") as store:
        store.upsert_site("ldld", "LĐLĐ " + PAYLOADS[0], "Cần Thơ", "union", None)
        for n, payload in enumerate(PAYLOADS):
            store.upsert_article(Article(
                url=f"https://ex.vn/bai-{n}.html" if n else "javascript:alert('url')",
                title=f"Công đoàn {payload}", author=payload, site="ldld", published=f"2019-0{n + 1}-15",
                text=f"Đoàn viên công đoàn {payload} tham dự.\n\n{payload}", captions=[payload],
                related=[{"title": payload, "url": "javascript:alert('related')"}]),
                capture if n == 1 else None)
        update_index(store, data)
    with served_app(data) as url:
        yield url


def assert_nothing_ran(page: Page, dialogs: list[str]) -> None:
    assert dialogs == []
    assert page.locator("#xss-injected").count() == 0
    assert page.locator('a[href^="javascript:"], [onerror], [onload], [onfocus]').count() == 0
    assert page.evaluate("window.__xss === undefined")


def test_xss_payloads_never_run_in_the_browser(browser: Browser, hostile_url: str) -> None:
    hostile = browser.new_context()
    page = hostile.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for payload in PAYLOADS:
        page.goto(f"{hostile_url}/search?q={quote('cong doan ' + payload)}")
        assert_nothing_ran(page, dialogs)
        assert page.locator(".hit").count() >= 1  # the article holding the payload is found, shown as text
    page.goto(f"{hostile_url}/search?q=&sort=newest")
    assert_nothing_ran(page, dialogs)
    for article_id in range(1, len(PAYLOADS) + 1):
        page.goto(f"{hostile_url}/articles/{article_id}")
        page.wait_for_load_state("load")
        assert_nothing_ran(page, dialogs)
        assert PAYLOADS[article_id - 1] in page.locator("h1").inner_text()

    page.goto(f"{hostile_url}/articles/2")
    frame_element = page.locator(".archived iframe")
    frame_element.scroll_into_view_if_needed()
    frame = frame_element.element_handle().content_frame()
    frame.wait_for_load_state("load")
    assert frame.locator("h1").inner_text() == "Bản lưu độc hại"
    assert frame.locator("script, iframe, [onerror], [onload], a[href^='javascript:']").count() == 0
    # The copy runs in an opaque origin: nothing in it can read the app's pages.
    assert frame.evaluate("self.origin") == "null"
    assert frame.evaluate("(() => { try { return parent.document.title; } catch (e) { return 'blocked'; } })()") \
        == "blocked"
    page.goto(f"{hostile_url}/articles/2/archived")  # opened on its own, still sandboxed by its CSP
    page.wait_for_load_state("load")
    assert page.evaluate("self.origin") == "null"
    assert dialogs == []
    hostile.close()


def test_person_facet_entity_page_and_feed(context: BrowserContext, app_url: str) -> None:
    """A researcher narrows a search to a person, reads about him, and follows the feed."""
    page = context.new_page()
    search_from_home(page, app_url, "lo van muon hoi nghi")
    facets = page.get_by_role("complementary", name="Lọc theo nhóm")
    facets.get_by_role("heading", name="Người").wait_for()
    facets.get_by_role("link", name="Lò Văn Muôn").click()
    page.wait_for_url("**person=**")
    assert parse_qs(urlsplit(page.url).query)["person"] == ["Lò Văn Muôn"]
    page.locator("ol.hits > li h3 a").first.click()
    page.wait_for_url("**/articles/**")
    named = page.get_by_role("region", name="Người, tổ chức, địa danh trong bài")
    named.get_by_role("link", name="Lò Văn Muôn").click()
    page.wait_for_url("**/entities/person/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Lò Văn Muôn"
    assert page.get_by_text("Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh").is_visible()
    assert page.locator("figure.timeline svg").is_visible()
    page.screenshot(path=ARTIFACTS / "entity-desktop.png", full_page=True)
    feed = page.request.get(app_url + page.get_by_role("link", name="Theo dõi tin mới (Atom)").get_attribute("href"))
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    assert "<title>Chủ tịch HĐND tỉnh Lò Văn Muôn" in feed.text()
    page.get_by_role("link", name="Tìm trong các bài này").click()
    page.wait_for_url("**/search?**")
    assert page.locator("ul.active-filters").inner_text().count("Lò Văn Muôn") == 1
