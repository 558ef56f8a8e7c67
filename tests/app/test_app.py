"""The Flask app through its test client, on a small real archive (SQLite + Whoosh in tmp_path)."""
from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlencode

import pytest

from archive.article import Article
from archive.search.index import update_index
from archive.storage.store import Store
from archive.storage.warc import WarcWriter
from search_app import create_app

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
SYNDICATED = ("Sáng nay, Liên đoàn Lao động huyện Phong Điền tổ chức bàn giao Mái ấm Công đoàn cho đoàn viên "
              "nghèo tại xã Nhơn Nghĩa. Mái ấm trị giá 50 triệu đồng, trong đó Quỹ Tấm lòng vàng hỗ trợ 30 triệu "
              "đồng, đoàn viên góp công xây dựng trong hai tháng. Phát biểu tại buổi lễ, đồng chí Chủ tịch Liên "
              "đoàn Lao động huyện mong muốn gia đình đoàn viên sớm ổn định cuộc sống, yên tâm lao động sản xuất. "
              "Dịp này, Công đoàn cơ sở còn trao tặng gia đình nhiều phần quà gồm gạo, dầu ăn, tiền mặt, cùng bộ "
              "bàn ghế mới. Từ đầu năm đến nay, Liên đoàn Lao động huyện đã vận động xây dựng và bàn giao năm căn "
              "Mái ấm Công đoàn, tổng trị giá hơn 250 triệu đồng, giúp các đoàn viên có hoàn cảnh khó khăn.")
HOSTILE_PAGE = b"""<html><body onload="alert(1)"><form><h1>B\xc3\xa0i g\xe1\xbb\x91c</h1><script>alert(2)</script>
<a href="javascript:alert(3)">link</a><iframe src="/"></iframe></form></body></html>"""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    tmp_path = tmp_path_factory.mktemp("app")  # the tests only read: one archive for the module
    warc = WarcWriter(tmp_path / "warc")
    capture = warc.write("https://congdoan.cantho.gov.vn/tin-tuc/hoi-nghi", 200, "OK",
                         [("Content-Type", "text/html; charset=utf-8")], HOSTILE_PAGE, [])
    warc.close()
    with Store(tmp_path / "archive.sqlite3") as store:
        store.upsert_site("congdoan-cantho", "Liên đoàn Lao động thành phố Cần Thơ", "Cần Thơ", "union", None)
        store.upsert_site("baoangiang", "Báo An Giang", "An Giang", "newspaper", None)
        store.upsert_article(Article(
            url="https://congdoan.cantho.gov.vn/tin-tuc/hoi-nghi", title="Hội nghị tổng kết " + XSS,
            published="2016-12-28", author="Văn Thừa", site="congdoan-cantho",
            text="Liên đoàn Lao động huyện Cờ Đỏ tổ chức hội nghị.\n\nĐoàn viên " + XSS + " tham dự.",
            captions=["Ảnh " + XSS], related=[{"title": "Tin khác", "url": "javascript:alert(1)"}]), capture)
        store.upsert_article(Article(
            url="javascript:alert(document.domain)", title="Đại hội công đoàn", published="2018-05-02T08:00:00+07:00",
            author=XSS, site="baoangiang", text="Đại hội Công đoàn huyện Chợ Mới.", captions=[XSS]))
        changed = Article(url="https://baoangiang.com.vn/bai-3.html", title="Công đoàn tin 3 (cập nhật)",
                      published="2020-03-03", site="baoangiang", text="Công đoàn.\n\nĐoạn mới <b>thêm</b>.")
        for n in range(3, 26):
            store.upsert_article(Article(url=f"https://baoangiang.com.vn/bai-{n}.html", title=f"Công đoàn tin {n}",
                                         published=f"2020-03-{n:02d}", site="baoangiang", text="Công đoàn."))
        store.upsert_article(changed)
        for site, url in (("baoangiang", "https://baoangiang.com.vn/mai-am.html"),
                          ("congdoan-cantho", "https://congdoan.cantho.gov.vn/tin-tuc/mai-am")):
            store.upsert_article(Article(url=url, title="Bàn giao Mái ấm Công đoàn cho đoàn viên nghèo", site=site,
                                         published="2021-06-01", text=SYNDICATED))
        update_index(store, tmp_path)
    app = create_app({"DATA_DIR": str(tmp_path), "TESTING": True, "RATELIMIT_ENABLED": False})
    return app.test_client()


def test_search_page_escapes_stored_and_typed_payloads(client) -> None:
    page = client.get("/search", query_string={"q": 'lien doan ' + XSS}).get_data(as_text=True)
    assert "<script>alert" not in page and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;" in page
    assert "<mark>" in page  # highlighting survives the escaping


def test_article_page_escapes_and_neutralises_javascript_links(client) -> None:
    page = client.get("/articles/1").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert 'href="javascript:' not in page
    assert "Văn Thừa" in page and "https://congdoan.cantho.gov.vn/tin-tuc/hoi-nghi" in page


def test_json_twins(client) -> None:
    result = client.get("/api/search", query_string={"q": "hoi nghi"}).get_json()
    assert result["total"] == 1 and result["hits"][0]["author"] == "Văn Thừa"
    assert client.get("/api/articles/1").get_json()["captions"] == ["Ảnh " + XSS]
    assert client.get("/api/search", query_string={"q": "x", "sort": "bogus"}).status_code == 400
    cited = client.get("/api/articles/1/citation").get_json()
    assert cited["article"] == 1 and cited["vietnamese"].startswith('Văn Thừa, "Hội nghị tổng kết')
    assert cited["bibtex"].startswith("@online{") and cited["ris"].startswith("TY  - ELEC")
    assert client.get("/api/articles/1/versions").get_json()["versions"][0]["version"] == 1
    assert isinstance(client.get("/api/articles/1/more-like-this").get_json()["hits"], list)
    totals = client.get("/api/sites").get_json()
    assert totals["articles"] == 27 and {s["name"]: s["articles"] for s in totals["sites"]} == {"baoangiang": 25, "congdoan-cantho": 2}
    for path in ("citation", "versions", "more-like-this"):
        assert client.get(f"/api/articles/999/{path}").status_code == 404


def test_security_headers_and_friendly_errors(client) -> None:
    response = client.get("/articles/42")
    assert response.status_code == 404 and "Không tìm thấy" in response.get_data(as_text=True)
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_broken_queries_never_fail(client) -> None:
    for query in ['"unbalanced', "-", "OR", "x" * 10_000, "\x00\x07 công", 'site:"', "year:abc"]:
        assert client.get("/search", query_string={"q": query}).status_code == 200


def test_search_page_filters_facets_and_pagination(client) -> None:
    page = client.get("/search", query_string={"q": "cong doan"}).get_data(as_text=True)
    assert 'href="#results"' in page and "Bỏ qua, đến kết quả" in page
    assert '<label for="from">' in page and '<label for="site">' in page and '<label for="kind">' in page
    assert ">Báo An Giang</a>" in page and ">An Giang</a>" in page and ">Báo</a>" in page  # facet values by name
    assert 'href="/search?q=cong+doan&amp;page=2"' in page and 'aria-current="page">1<' in page
    filtered = client.get("/search", query_string={"q": "cong doan", "site": "baoangiang", "from": "2020-03-10",
                                                   "to": "2020-03-12"}).get_data(as_text=True)
    assert "<strong>3</strong> kết quả" in filtered and "Công đoàn tin 11" in filtered
    assert '<option value="baoangiang" selected>' in filtered and 'value="2020-03-10"' in filtered
    by_year = client.get("/search", query_string={"q": "cong doan", "province": "angiang"}).get_data(as_text=True)
    assert 'href="/search?q=cong+doan&amp;province=angiang&amp;from=2020-01-01&amp;to=2020-12-31"' in by_year


def test_exports_stream_every_result_as_csv_and_jsonl(client) -> None:
    response = client.get("/search.csv", query_string={"q": "cong doan", "site": "baoangiang", "page": "2"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith(b"\xef\xbb\xbfid,")  # Excel needs the mark to read UTF-8
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert len(rows) == 25 and {row["site"] for row in rows} == {"baoangiang"}  # every page, not page 2
    lines = client.get("/search.jsonl", query_string={"q": "hoi nghi"}).get_data(as_text=True).splitlines()
    assert [json.loads(line)["id"] for line in lines] == [1]
    assert client.get("/search.csv", query_string={"q": "x", "sort": "bogus"}).status_code == 400


def test_archived_copy_is_inert_and_sandboxed(client) -> None:
    response = client.get("/articles/1/archived")
    policy = response.headers["Content-Security-Policy"]
    assert response.status_code == 200 and policy.startswith("sandbox;") and "default-src 'none'" in policy
    assert "script-src" not in policy and "frame-ancestors 'self'" in policy
    body = response.get_data(as_text=True)
    assert "Bài gốc" in body and "<script" not in body and "onload" not in body and "javascript:" not in body
    assert "<iframe" not in body and "<form" not in body
    page = client.get("/articles/1").get_data(as_text=True)
    assert '<iframe src="/articles/1/archived" sandbox ' in page
    assert client.get("/articles/2/archived").status_code == 404  # no capture of that one


def test_citation_downloads(client) -> None:
    bib = client.get("/articles/1/cite.bib")
    assert bib.mimetype == "application/x-bibtex" and 'filename="congdoancantho2016-1.bib"' in \
        bib.headers["Content-Disposition"]
    assert "title = {Hội nghị tổng kết <script>alert(\"x\")</script><img src=x onerror=alert(1)>}" in \
        bib.get_data(as_text=True)  # a text file, not HTML: kept as stored
    ris = client.get("/articles/1/cite.ris")
    assert ris.mimetype == "application/x-research-info-systems" and ris.headers["X-Content-Type-Options"] == "nosniff"
    page = client.get("/articles/1").get_data(as_text=True)
    assert 'id="citation-vi">Văn Thừa, &#34;Hội nghị tổng kết &lt;script&gt;' in page
    assert client.get("/articles/999/cite.ris").status_code == 404


def test_stored_payloads_in_author_captions_and_urls_are_escaped(client) -> None:
    page = client.get("/articles/2").get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page and page.count("&lt;script&gt;") >= 3
    assert 'href="javascript:' not in page and "javascript:alert(document.domain)" in page  # shown, not linked
    hits = client.get("/search", query_string={"q": "dai hoi"}).get_data(as_text=True)
    assert "<script>alert" not in hits and "&lt;script&gt;" in hits


def test_changed_article_lists_its_versions_and_what_changed(client) -> None:
    article_id = client.get("/api/search", query_string={"q": "cap nhat"}).get_json()["hits"][0]["id"]
    page = client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert "Các phiên bản (2)" in page and f'href="/articles/{article_id}/versions/1"' in page
    changes = client.get(f"/articles/{article_id}/versions/2").get_data(as_text=True)
    assert "<ins>Đoạn mới &lt;b&gt;thêm&lt;/b&gt;.</ins>" in changes and "tiêu đề cũ: “Công đoàn tin 3”" in changes
    assert "<p>Công đoàn.</p>" in changes and "<p><del>" not in changes  # the first paragraph stayed
    first = client.get(f"/api/articles/{article_id}/versions/1").get_json()
    assert first["version"] == 1 and first["title"] == "Công đoàn tin 3" and first["captured_at"]
    assert client.get(f"/articles/{article_id}/versions/3").status_code == 404


def test_bad_search_parameters_get_a_vietnamese_400(client) -> None:
    response = client.get("/search", query_string={"q": "x", "sort": "bogus"})
    assert response.status_code == 400 and "không hợp lệ" in response.get_data(as_text=True)


def test_timeline_bars_link_to_their_periods(client) -> None:
    query = {"q": "cong doan"}
    result = client.get("/api/search", query_string=query).get_json()
    page = client.get("/search", query_string=query).get_data(as_text=True)
    assert '<title id="timeline-title">' in page and '<desc id="timeline-desc">' in page
    linked = [b for b in result["timeline"]["buckets"] if b["count"]]
    assert sum(b["count"] for b in linked) == result["articles"]
    for bucket in linked:
        assert f'aria-label="Năm {bucket["period"]}: {bucket["count"]} bài"' in page
        assert f'href="/search?q=cong+doan&amp;from={bucket["from"]}&amp;to={bucket["to"]}"' in page
    assert page.count('class="bar"') == len(linked)  # empty periods are drawn, not linked
    assert "<script" not in page.split('<figure class="timeline">')[1].split("</figure>")[0]


def test_did_you_mean_links_to_the_corrected_query(client) -> None:
    suggestion = client.get("/api/search", query_string={"q": "dai hoii"}).get_json()["did_you_mean"]
    assert suggestion and "hoii" not in suggestion
    page = client.get("/search", query_string={"q": "dai hoii", "site": "baoangiang"}).get_data(as_text=True)
    link = "/search?" + urlencode({"q": suggestion, "site": "baoangiang"}).replace("&", "&amp;")
    assert f'Có phải bạn muốn tìm: <a href="{link}">' in page


def test_hits_show_where_else_the_story_was_published(client) -> None:
    result = client.get("/api/search", query_string={"q": "mai am nhon nghia"}).get_json()
    assert result["total"] == 1 and result["articles"] == 2
    other = result["hits"][0]["also_published_on"][0]
    page = client.get("/search", query_string={"q": "mai am nhon nghia"}).get_data(as_text=True)
    assert "Cũng đăng trên:" in page and f'href="/articles/{other["id"]}"' in page
    assert "(2 bài, tính cả các bản đăng lại)" in page
