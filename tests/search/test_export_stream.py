"""Exports for analysis: ranked once and streamed from that one ranking, with every column a researcher
needs, CSV that reads back cleanly (csv module, Excel's limits, formula cells neutralised)."""
from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.article import Article
from archive.search.engine import SearchEngine
from archive.search.export import COLUMNS, export_chunks, export_rows
from archive.search.index import update_index
from archive.search.ranking import Ranker
from archive.search.spreadsheet import EXCEL_CELL_LIMIT
from archive.storage.store import Store
from tests.support import run_cli

STORIES = 137  # more than one chunk of rows, not a round number
VOCABULARY = ("người lao động công nhân doanh nghiệp tiền lương bảo hiểm xã hội hội nghị ban chấp hành "
              "nhà máy khu công nghiệp thỏa ước tập thể an toàn vệ sinh tháng công nhân mái ấm công đoàn "
              "phúc lợi đào tạo nghề hợp đồng thương lượng đối thoại định kỳ chăm lo đời sống tết sum vầy").split()
SYNDICATED_TEXT = ("Liên đoàn Lao động thành phố tổ chức chương trình Tết sum vầy cho hơn một nghìn đoàn viên "
                   "công đoàn có hoàn cảnh khó khăn tại các khu công nghiệp.\n\nMỗi suất quà trị giá một triệu đồng.")


def paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(25, 45))).capitalize() + "."


@pytest.fixture()
def archive(tmp_path: Path) -> Iterator[tuple[Path, Store, SearchEngine]]:
    data = tmp_path / "data"
    store = Store(data / "archive.sqlite3")
    store.upsert_site("ldld-cantho", "Liên đoàn Lao động thành phố Cần Thơ", "Cần Thơ", "union", None)
    store.upsert_site("bao-cantho", "Báo Cần Thơ", "Cần Thơ", "newspaper", None)
    rng = random.Random(15)
    with store.transaction():
        for n in range(STORIES - 1):
            store.upsert_article(Article(
                url=f"https://congdoan.cantho.gov.vn/tin/{n}.html", title=f"Công đoàn cơ sở số {n} {rng.choice(VOCABULARY)}",
                text=f"{paragraph(rng)}\n\n{paragraph(rng)}", lead=f"Tóm tắt bài {n}.", author="Văn Thừa",
                published=f"2016-{n % 12 + 1:02d}-{n % 28 + 1:02d}T{n % 24:02d}:30:00+07:00", site="ldld-cantho",
                captions=[f"Ảnh {n}: đoàn viên dự hội nghị", "Ảnh: Văn Thừa"] if n % 3 == 0 else []))
        # One story on two sites: one row, its copy in also_published_on.
        for site, url in (("ldld-cantho", "https://congdoan.cantho.gov.vn/tin/tet.html"),
                          ("bao-cantho", "https://baocantho.com.vn/tet-sum-vay.html")):
            store.upsert_article(Article(url=url, title="Công đoàn chăm lo Tết sum vầy", text=SYNDICATED_TEXT,
                                         published="2017-01-05T01:00:00Z", site=site))
    update_index(store, data)
    engine = SearchEngine(data)
    yield data, store, engine
    engine.close()
    store.close()


def test_an_export_ranks_once_however_many_rows(archive, monkeypatch: pytest.MonkeyPatch) -> None:
    _, store, engine = archive
    rankings = []
    run = Ranker.run
    monkeypatch.setattr(Ranker, "run", lambda self, parsed, *rest: rankings.append(parsed) or run(self, parsed, *rest))
    rows = list(export_rows(engine, store, "cong doan"))
    assert len(rows) == STORIES and len({row["id"] for row in rows}) == STORIES
    assert len(rankings) == 1  # the old export re-ran the whole search for every 100-row page


def test_the_export_streams_the_ranking_it_started_with(archive) -> None:
    data, store, engine = archive
    export = export_rows(engine, store, "cong doan", sort="newest")
    assert export.total == STORIES
    rows = iter(export)
    first = [next(rows) for _ in range(30)]
    with store.transaction():  # newer matching articles arrive while the download is running
        for n in range(5):
            store.upsert_article(Article(url=f"https://congdoan.cantho.gov.vn/moi/{n}.html",
                                         title=f"Công đoàn mới {n}", text=f"Bài mới số {n} về công đoàn.",
                                         published="2024-01-01", site="ldld-cantho"))
    update_index(store, data)
    ids = [row["id"] for row in first + list(rows)]
    assert len(ids) == len(set(ids)) == STORIES  # no row twice, none skipped, none of the newcomers
    assert [row["published"] for row in first] == sorted((row["published"] for row in first), reverse=True)


def test_csv_has_the_analysis_columns_and_reads_back_with_the_json_counts(archive) -> None:
    _, store, engine = archive
    text = "".join(export_chunks("csv", export_rows(engine, store, "")))  # the whole archive
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == engine.search(store, "", limit=1)["total"] == STORIES  # the JSON twin's count
    lines = "".join(export_chunks("jsonl", export_rows(engine, store, ""))).splitlines()
    objects = [json.loads(line) for line in lines]
    assert len(objects) == len(rows) and [o["id"] for o in objects] == [int(r["id"]) for r in rows]

    tet = next(row for row in rows if row["title"] == "Công đoàn chăm lo Tết sum vầy")
    assert tet["published"] == "2017-01-05T08:00:00+07:00"  # stored in UTC, exported in Vietnam's time
    assert tet["text"] == SYNDICATED_TEXT and int(tet["word_count"]) == len(SYNDICATED_TEXT.split())
    assert tet["province"] == "Cần Thơ" and tet["kind"] in ("union", "newspaper")
    assert "unit" in tet  # the 2025 unit: filled once provinces_of is wired to the provinces module
    copies = {"https://congdoan.cantho.gov.vn/tin/tet.html", "https://baocantho.com.vn/tet-sum-vay.html"}
    assert {tet["url"], tet["also_published_on"]} == copies

    first = next(row for row in rows if row["url"].endswith("/tin/0.html"))
    assert first["site"] == "ldld-cantho" and first["site_title"] == "Liên đoàn Lao động thành phố Cần Thơ"
    assert first["lead"] == "Tóm tắt bài 0." and first["author"] == "Văn Thừa"
    assert first["captions"] == "Ảnh 0: đoàn viên dự hội nghị\nẢnh: Văn Thừa"
    assert first["published"] == "2016-01-01T00:30:00+07:00" and "\n\n" in first["text"]

    by_id = {o["id"]: o for o in objects}
    as_json = by_id[int(first["id"])]
    assert as_json["captions"] == ["Ảnh 0: đoàn viên dự hội nghị", "Ảnh: Văn Thừa"]
    assert as_json["word_count"] == int(first["word_count"]) and as_json["also_published_on"] == []
    syndicated = by_id[int(tet["id"])]["also_published_on"]
    assert [copy["url"] for copy in syndicated] == [tet["also_published_on"]]


@pytest.mark.parametrize("value", ["=1+1", " =1+1", "\u00a0=HYPERLINK(\"http://evil\")", "\u200b@SUM(A1)",
                                   "\t-2+3", "\ufeff+1", "\u3000=1", "\u2060\u00a0 -cmd|' /C calc'!A0",
                                   "\r\n=1"])
def test_formula_like_cells_are_neutralised(value: str) -> None:
    text = "".join(export_chunks("csv", [{"id": 1, "title": value, "author": value}]))
    row = list(csv.DictReader(io.StringIO(text, newline="")))[0]
    assert row["title"] == row["author"] == "'" + value


@pytest.mark.parametrize("value", ["Công đoàn", "Hội nghị - tổng kết", "2+2 đoàn viên", "a@b.vn", ""])
def test_ordinary_cells_are_kept_as_they_are(value: str) -> None:
    text = "".join(export_chunks("csv", [{"id": 1, "title": value}]))
    assert list(csv.DictReader(io.StringIO(text, newline="")))[0]["title"] == value


def test_an_excel_csv_keeps_every_cell_within_excels_limit() -> None:
    long_text = "Đoàn viên công đoàn. " * 3000  # 63,000 characters: Excel would spill it into the next rows
    rows = [{"id": 1, "title": "Dài", "text": long_text}, {"id": 2, "title": "Ngắn", "text": "Ngắn."}]
    for excel in (True, False):
        text = "".join(export_chunks("csv", rows, excel=excel)).removeprefix("\ufeff")
        read = list(csv.DictReader(io.StringIO(text, newline="")))
        assert [row["id"] for row in read] == ["1", "2"]
        if excel:
            assert len(read[0]["text"]) <= EXCEL_CELL_LIMIT and read[0]["text"].endswith("…")
        else:
            assert read[0]["text"] == long_text  # the analysis file keeps every character


@pytest.mark.e2e
def test_cli_exports_the_whole_archive_with_progress(archive) -> None:
    data, store, engine = archive
    total = engine.search(store, "", limit=1)["total"]
    run = run_cli("export", "", "--format", "csv", data=data)
    assert len(list(csv.DictReader(io.StringIO(run.stdout, newline="")))) == total
    assert f"{total} rows" in run.stderr.splitlines()[-1]  # progress on stderr, never mixed into the data
    run = run_cli("export", "", "--format", "jsonl", data=data)
    assert len(run.stdout.splitlines()) == total


def test_csv_for_excel_starts_with_one_byte_order_mark(archive) -> None:
    _, store, engine = archive
    data = "".join(export_chunks("csv", export_rows(engine, store, "cong doan"), excel=True)).encode()
    assert data.startswith(b"\xef\xbb\xbfid,url,title,") and data.count(b"\xef\xbb\xbf") == 1


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError):
        export_chunks("xlsx", [])
