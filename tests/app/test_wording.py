"""The interface in one consistent Vietnamese (README glossary): "nguồn" for a site, "trang" only for a
page; no English in labels; years in year order; the home page lists every source."""
from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from archive.article import Article
from archive.search.index import update_index
from archive.storage.store import Store
from search_app import create_app

# More articles in 2020 than in 2016 and 2018: an order by count would put 2020 first.
YEARS = {"2016": 1, "2018": 2, "2020": 5}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    data = tmp_path_factory.mktemp("wording")
    with Store(data / "archive.sqlite3") as store:
        store.upsert_site("ldld", "Liên đoàn Lao động tỉnh Hậu Giang", "Hậu Giang", "union", "https://ldld.example.vn/")
        store.upsert_site("bao", "Báo Hậu Giang", "Hậu Giang", "newspaper", "https://bao.example.vn/")
        with store.transaction():
            for year, count in YEARS.items():
                for n in range(count):
                    store.upsert_article(Article(url=f"https://ldld.example.vn/{year}/{n}", site="ldld",
                                                 title=f"Công đoàn chăm lo Tết {year} số {n}",
                                                 published=f"{year}-02-0{n + 1}",
                                                 text="Công đoàn tỉnh trao quà Tết cho đoàn viên."))
        update_index(store, data)
    return create_app({"DATA_DIR": str(data), "RATELIMIT_ENABLED": False}).test_client()


def test_year_facets_are_in_year_order(client: FlaskClient) -> None:
    page = client.get("/search?q=cong+doan").get_data(as_text=True)
    section = page[page.index("<h2>Năm</h2>"):]
    section = section[:section.index("</section>")]
    assert re.findall(r">(\d{4})</", section) == sorted(YEARS)


def test_labels_are_vietnamese_and_a_site_is_a_source(client: FlaskClient) -> None:
    page = client.get("/search?q=cong+doan&from=2016-01-01&to=2020-12-31&site=ldld").get_data(as_text=True)
    labels = re.findall(r'aria-label="([^"]*)"', page)
    assert "Bỏ lọc từ ngày" in labels and "Bỏ lọc đến ngày" in labels and "Bỏ lọc nguồn" in labels
    assert not [label for label in labels if re.search(r"\b(from|to|site|year|kind|page)\b", label)]
    assert "<h2>Nguồn</h2>" in page and '<label for="site">Nguồn</label>' in page
    assert "Tất cả các trang" not in page and ">Trang<" not in page


def test_home_page_lists_each_source_with_counts_dates_and_last_crawl(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    table = page[page.index('<section class="sites"'):]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, re.S)
    assert len(rows) == 2
    ldld = next(row for row in rows if "Liên đoàn Lao động tỉnh Hậu Giang" in row)
    assert ">8<" in ldld and "01/02/2016" in ldld and "05/02/2020" in ldld
    bao = next(row for row in rows if "Báo Hậu Giang" in row)
    assert ">0<" in bao and "chưa thu thập" in bao
