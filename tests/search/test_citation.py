"""Citations: Vietnamese style, BibTeX and RIS from one set of fields."""
from __future__ import annotations

from datetime import date

from archive.search.citation import bibtex, citation_fields, ris, vietnamese, vietnamese_date

ARTICLE = {"id": 12, "site": "congdoan-cantho", "author": "Văn Thừa",
           "title": "Hội nghị tổng kết cụm thi đua\nnăm 2016", "published": "2016-12-28T20:30:00+07:00",
           "url": "https://congdoan.cantho.gov.vn/tin-tuc/hoi-nghi-2016"}
SITE = "Liên đoàn Lao động thành phố Cần Thơ"
ACCESSED = date(2026, 12, 2)


def fields(**changes):
    return citation_fields({**ARTICLE, **changes}, SITE, ACCESSED)


def test_vietnamese_style_orders_author_title_site_dates_and_url() -> None:
    assert vietnamese(fields()) == (
        'Văn Thừa, "Hội nghị tổng kết cụm thi đua năm 2016", Liên đoàn Lao động thành phố Cần Thơ, 28/12/2016, '
        "https://congdoan.cantho.gov.vn/tin-tuc/hoi-nghi-2016, ngày truy cập: 02/12/2026.")


def test_vietnamese_style_without_author_or_date() -> None:
    cited = vietnamese(fields(author=None, published=None))
    assert cited.startswith('"Hội nghị') and "không rõ ngày đăng" in cited


def test_published_day_is_vietnam_day_of_a_utc_stamp() -> None:
    # 18:00 UTC is already the next day in Vietnam.
    assert fields(published="2016-12-28T18:00:00+00:00")["published"] == date(2016, 12, 29)
    assert vietnamese_date("2020-07-09T04:05:37+07:00", with_time=True) == "09/07/2020 04:05"
    assert vietnamese_date("2020-07-09") == "09/07/2020" and vietnamese_date(None) is None


def test_bibtex_escapes_specials_and_keeps_the_name_whole() -> None:
    entry = bibtex(fields(title="50% đoàn viên & {người} lao động_#1"))
    assert entry.startswith("@online{congdoancantho2016-12,\n")
    assert r"title = {50\% đoàn viên \& \{người\} lao động\_\#1}" in entry
    assert "author = {{Văn Thừa}}" in entry and "date = {2016-12-28}" in entry
    assert "urldate = {2026-12-02}" in entry and entry.count("{") == entry.count("}") + entry.count(r"\{") \
        - entry.count(r"\}")


def test_bibtex_url_cannot_close_its_field() -> None:
    entry = bibtex(fields(url="https://ex.vn/a}b c"))
    assert "url = {https://ex.vn/a%7Db%20c}" in entry


def test_ris_record_lines_and_crlf() -> None:
    record = ris(fields())
    lines = record.split("\r\n")
    assert lines[0] == "TY  - ELEC" and lines[-2] == "ER  - " and lines[-1] == ""
    assert "AU  - Văn Thừa" in lines and "DA  - 2016/12/28/" in lines and "Y2  - 2026/12/02/" in lines
    assert "TI  - Hội nghị tổng kết cụm thi đua năm 2016" in lines  # a newline in a title never splits a record
    assert "\n" not in record.replace("\r\n", "")
