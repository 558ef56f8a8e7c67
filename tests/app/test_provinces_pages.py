"""The pages of provinces then and now, coverage and compare, through the app's test client."""
from __future__ import annotations

import csv
import io
import re

import pytest

from search_app import create_app
from tests.support import province_archive


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    data = tmp_path_factory.mktemp("provinces-app")
    province_archive(data)
    return create_app({"DATA_DIR": str(data), "TESTING": True, "RATELIMIT_ENABLED": False}).test_client()


def test_search_shows_both_province_facets_and_the_switch_filters_by_the_2025_unit(client):
    page = client.get("/search?q=cong+nhan").get_data(as_text=True)
    assert "Tỉnh/thành (khi đăng)" in page and "Tỉnh/thành (địa giới hiện nay)" in page
    assert 'name="now"' in page and "theo địa giới hiện nay" in page
    then = client.get("/api/search?q=cong+nhan&province=Hậu Giang").get_json()
    now = client.get("/api/search?q=cong+nhan&province=Hậu Giang&now=1").get_json()
    assert (then["articles"], now["articles"]) == (2, 8)
    shown = client.get("/search?q=cong+nhan&province=Hậu Giang&now=1").get_data(as_text=True)
    assert re.search(r'name="now" value="1"\s+checked', shown)
    assert "Tỉnh/thành (địa giới hiện nay)</" in shown or "Tỉnh/thành (địa giới hiện nay):" in shown


def test_coverage_page_and_its_json_twin(client):
    page = client.get("/coverage").get_data(as_text=True)
    assert "Hậu Giang → Cần Thơ" in page and page.count('class="gap"') == 14
    assert 'href="/coverage?year=2025"' in page
    report = client.get("/api/coverage").get_json()
    assert {s["name"] for s in report["sites"]} == {"ldld-cantho", "ldld-haugiang", "bao-soctrang", "hdnd-hue", "laodong"}
    months = client.get("/coverage?year=2025").get_data(as_text=True)
    assert "9/2025" in months and 'href="/search?site=bao-soctrang&amp;from=2025-08-01&amp;to=2025-08-31"' in months
    assert client.get("/api/coverage?year=2025").get_json()["unit"] == "month"
    assert client.get("/coverage?year=soon").status_code == 400
    assert client.get("/api/coverage?year=1").get_json()["error"]


def test_compare_draws_one_chart_per_group_on_one_scale(client):
    page = client.get("/compare?q=cong+nhan&by=province").get_data(as_text=True)
    assert page.count("<svg") == 5  # Cần Thơ, Hậu Giang, no province, Huế, Sóc Trăng
    assert 'id="chart-1-title"' in page and "Hậu Giang" in page
    assert 'href="/search?q=cong+nhan&amp;province=haugiang&amp;from=2016-01-01&amp;to=2016-12-31"' in page
    heights = [float(h) for h in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"/>', page)]
    assert max(heights) == 112.0 and min(heights) == round(112.0 / 3, 1)  # the tallest bar (3) sets the scale


def test_compare_csv_and_json(client):
    response = client.get("/compare.csv?q=cong+nhan&by=unit")
    assert response.mimetype == "text/csv" and "so-sanh-theo-unit.csv" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["period", "from", "to", "Cần Thơ", "Không thuộc tỉnh nào", "Huế"]
    twin = client.get("/api/compare?q=cong+nhan&by=unit").get_json()
    assert [g["label"] for g in twin["groups"]] == rows[0][3:]
    assert [[int(c) for c in row[3:]] for row in rows[1:]] == [list(col) for col in zip(*(g["counts"] for g in twin["groups"]))]
    assert client.get("/api/compare?by=colour").status_code == 400
    assert client.get("/compare?by=colour").status_code == 400


def test_an_article_shows_its_province_then_and_now(client):
    hit = client.get("/api/search?q=cong+nhan&site=ldld-haugiang&sort=oldest").get_json()["hits"][0]
    article = client.get(f"/api/articles/{hit['id']}").get_json()
    assert (article["province"], article["unit"]) == ("Hậu Giang", "Cần Thơ")
    assert "Hậu Giang (nay thuộc Cần Thơ)" in client.get(f"/articles/{hit['id']}").get_data(as_text=True)
