"""Provinces then and now, coverage and compare in a real headless Chromium over a served archive."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.app.test_browser import ARTIFACTS, PHONE, browser  # noqa: F401 (the shared Chromium fixture)
from tests.support import province_archive, served_app

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("provinces-browser")
    province_archive(data)
    with served_app(data) as served:
        yield served


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", accept_downloads=True)
    yield context.new_page()
    context.close()


def result_count(page: Page) -> int:
    return int(page.locator(".summary strong").first.inner_text().replace(".", ""))


def test_the_switch_turns_a_province_into_its_2025_unit(page: Page, url: str) -> None:
    page.goto(f"{url}/search?q=cong+nhan")
    page.get_by_label("Tỉnh/thành", exact=True).select_option("Hậu Giang")
    page.locator(".search-form").get_by_role("button", name="Tìm").click()
    page.wait_for_url("**province=**")
    assert result_count(page) == 2
    page.get_by_label("theo địa giới hiện nay").check()
    page.locator(".search-form").get_by_role("button", name="Tìm").click()
    page.wait_for_url("**now=1**")
    assert result_count(page) == 8
    assert page.get_by_label("theo địa giới hiện nay").is_checked()
    facets = page.locator(".facets").inner_text()
    assert "Tỉnh/thành (khi đăng)" in facets and "Tỉnh/thành (địa giới hiện nay)" in facets


def test_coverage_shows_gaps_and_a_year_opens_its_months(page: Page, url: str) -> None:
    page.goto(url + "/")
    page.get_by_role("link", name="Độ phủ của kho lưu trữ").click()
    page.wait_for_url("**/coverage")
    row = page.locator("tr", has_text="Liên đoàn Lao động tỉnh Hậu Giang")
    assert "Hậu Giang → Cần Thơ" in row.inner_text() and row.locator("td.gap").count() == 7
    page.screenshot(path=ARTIFACTS / "coverage-desktop.png", full_page=True)
    page.get_by_role("link", name="Xem các tháng năm 2025").click()
    page.wait_for_url("**/coverage?year=2025")
    assert page.locator("h1").inner_text() == "Độ phủ của kho lưu trữ năm 2025"
    page.locator("tr", has_text="Báo Sóc Trăng").get_by_role("link", name="1").first.click()
    page.wait_for_url("**/search?**")
    assert "from=2025-07-01" in page.url and "to=2025-07-31" in page.url and result_count(page) == 1


def test_compare_small_multiples_and_their_csv(page: Page, url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{url}/search?q=cong+nhan")
    page.get_by_role("link", name="So sánh theo tỉnh/thành").click()
    page.wait_for_url("**/compare?**")
    assert page.locator(".multiple svg").count() == 5
    page.get_by_label("chia theo").select_option("unit")
    page.get_by_role("button", name="So sánh").click()
    page.wait_for_url("**by=unit**")
    headings = page.locator(".multiple h2").all_inner_texts()
    assert [h.split(" ")[0:2] for h in headings][0] == ["Cần", "Thơ"] and len(headings) == 3
    page.screenshot(path=ARTIFACTS / "compare-phone.png", full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    rows = list(csv.reader(io.StringIO(Path(download_info.value.path()).read_text(encoding="utf-8-sig"))))
    assert rows[0][3:] == ["Cần Thơ", "Không thuộc tỉnh nào", "Huế"]
    assert sum(int(cell) for row in rows[1:] for cell in row[3:]) == 10  # every dated article once
