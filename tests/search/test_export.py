"""Export: every hit of every page, capped, as CSV or JSON Lines (shared by the CLI and the app)."""
from __future__ import annotations

import csv
import io
import json
from functools import partial

import pytest

from archive.article import Article
from archive.search.engine import SearchEngine
from archive.search.export import CSV_FIELDS, export_chunks, iter_hits
from archive.search.index import update_index
from archive.storage.store import Store

TITLES = [f"Công đoàn cơ sở số {n}" for n in range(23)] + ["=HYPERLINK(\"http://evil\") công đoàn"]


@pytest.fixture(scope="module")
def search(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("export")
    store = Store(data / "archive.sqlite3")
    store.upsert_site("ldld", "LĐLĐ tỉnh", "Cần Thơ", "union", None)
    with store.transaction():
        for n, title in enumerate(TITLES):
            store.upsert_article(Article(url=f"https://ex.vn/{n}", title=title, text=f"Đoàn viên, bài {n}.",
                                         published=f"2016-01-{n + 1:02d}", author="Văn, Thừa", site="ldld"))
    update_index(store, data)
    engine = SearchEngine(data)
    yield partial(engine.search, store)
    engine.close()
    store.close()


def test_iter_hits_reads_every_page_until_the_total(search) -> None:
    hits = list(iter_hits(search, "cong doan", page_size=5, sort="oldest"))
    assert len(hits) == len(TITLES) and len({hit["id"] for hit in hits}) == len(TITLES)
    assert [hit["published"] for hit in hits] == sorted(hit["published"] for hit in hits)
    assert all("snippet" not in hit for hit in hits)


def test_iter_hits_stops_at_the_cap(search) -> None:
    assert len(list(iter_hits(search, "cong doan", cap=7, page_size=5))) == 7


def test_csv_rows_and_formula_cells_neutralised(search) -> None:
    text = "".join(export_chunks("csv", iter_hits(search, "hyperlink evil")))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(CSV_FIELDS) and len(rows) == 2
    assert rows[1][1] == "'" + TITLES[-1] and rows[1][4] == "Văn, Thừa" and rows[1][5] == "https://ex.vn/23"


def test_csv_for_excel_starts_with_a_byte_order_mark(search) -> None:
    data = "".join(export_chunks("csv", iter_hits(search, "hyperlink evil"), excel=True)).encode()
    assert data.startswith(b"\xef\xbb\xbfid,title,") and data.count(b"\xef\xbb\xbf") == 1


def test_jsonl_one_object_per_line(search) -> None:
    lines = "".join(export_chunks("jsonl", iter_hits(search, "cong doan", sort="newest"))).splitlines()
    objects = [json.loads(line) for line in lines]
    assert len(objects) == len(TITLES) and objects[0]["published"] == "2016-01-24"
    assert "Công đoàn" in lines[1]  # UTF-8, not \\u escapes


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError):
        export_chunks("xlsx", [])
