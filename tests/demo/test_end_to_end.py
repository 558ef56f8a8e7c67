"""End to end, over real sockets: the demo crawls the sample sites, then the CLI and the app search them."""
from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.search.export import COLUMNS
from tests.support import run_cli, sample_articles

pytestmark = pytest.mark.e2e

GUIDE_HIT_KEYS = {"id", "url", "title", "published", "site", "author", "snippet", "score", "also_published_on"}
CAN_THO_SEEDS = {a["path"] for a in sample_articles() if a["seed"] in
                 {"000_e8346b3d07facafc", "001_514ca5630b5072bb", "002_dc964ae58935eb7c"}}


def get(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8"), dict(error.headers)


def test_demo_archives_every_sample_article_once(demo_data: Path) -> None:
    stats = json.loads(run_cli("stats", "--json", data=demo_data).stdout)
    assert stats["articles"] == len(sample_articles())
    by_site = {s["name"]: s["articles"] for s in stats["sites"]}
    assert by_site == {"congdoan-cantho": 12, "baoangiang": 11, "hdnd-dienbien": 10}
    assert stats["last_crawl"]["finished"]
    assert (demo_data / "index").is_symlink()


def test_every_response_is_captured_in_warc_with_warcinfo(demo_data: Path) -> None:
    files = sorted((demo_data / "warc").glob("*.warc.gz"))
    assert files
    kinds, statuses = [], set()
    with open(files[0], "rb") as stream:
        for record in ArchiveIterator(stream):
            kinds.append(record.rec_type)
            if record.rec_type == "warcinfo":
                info = record.content_stream().read().decode()
                assert "software: vn-union-archive" in info and "robots: obey" in info
            if record.rec_type == "response":
                statuses.add(record.http_headers.get_statuscode())
    assert kinds[0] == "warcinfo"
    assert kinds.count("response") == kinds.count("request") >= len(sample_articles())
    assert {"200", "404"} <= statuses  # menus link to pages that do not exist: captured too


def test_accentless_search_finds_the_can_tho_seeds(demo_data: Path) -> None:
    # Every article of the Cần Thơ federation's site matches (its publisher's name does): 12 of them.
    result = json.loads(run_cli("search", "lien doan lao dong can tho", "--json", "--limit", "20",
                                data=demo_data).stdout)
    assert set(result) >= {"query", "total", "page", "hits", "facets"}
    assert all(set(hit) == GUIDE_HIT_KEYS for hit in result["hits"])
    paths = {urlsplit(hit["url"]).path for hit in result["hits"]}
    assert CAN_THO_SEEDS <= paths
    assert urlsplit(result["hits"][0]["url"]).path in CAN_THO_SEEDS
    assert result["facets"]["site"]["congdoan-cantho"] >= 3


def test_second_demo_run_duplicates_nothing(demo_data: Path, sample_port: str) -> None:
    before = json.loads(run_cli("stats", "--json", data=demo_data).stdout)["articles"]
    run = run_cli("demo", "--no-serve", "--sample-port", sample_port, data=demo_data)
    assert "crawl ok:" in run.stderr and " 0 new and 0 changed articles" in run.stderr
    assert json.loads(run_cli("stats", "--json", data=demo_data).stdout)["articles"] == before


def test_reprocess_reextracts_from_captures_without_network(demo_data: Path) -> None:
    run = run_cli("reprocess", data=demo_data)
    assert "new 0" in run.stderr and f"unchanged {len(sample_articles())}" in run.stderr


def test_search_page_lists_hits_with_highlighted_snippets(app_url: str) -> None:
    status, page, headers = get(app_url + "/search?q=" + quote("lien doan lao dong can tho"))
    assert status == 200
    assert "<mark>" in page and "kết quả" in page
    assert "HỘI NGHỊ TỔNG KẾT CỤM THI ĐUA LIÊN ĐOÀN LAO ĐỘNG CÁC HUYỆN NĂM 2016" in page
    assert "Content-Security-Policy" in headers


def test_article_page_and_json_twins(app_url: str) -> None:
    status, body, _ = get(app_url + "/api/search?q=" + quote("Lò Văn Muôn"))
    assert status == 200
    hit = json.loads(body)["hits"][0]
    assert hit["title"].startswith("Chủ tịch HĐND tỉnh Lò Văn Muôn")
    status, page, _ = get(app_url + f"/articles/{hit['id']}")
    assert status == 200
    assert "Bảo An" in page and hit["url"] in page and "Lượt xem" not in page
    status, body, _ = get(app_url + f"/api/articles/{hit['id']}")
    article = json.loads(body)
    assert article["published"] == "2020-07-09T04:05:37+07:00" and len(article["related"]) == 10


def test_missing_article_is_a_friendly_404(app_url: str) -> None:
    status, page, _ = get(app_url + "/articles/999999")
    assert status == 404 and "Không tìm thấy" in page and "Traceback" not in page
    status, body, _ = get(app_url + "/api/articles/999999")
    assert status == 404 and "error" in json.loads(body)


def test_extract_command_prints_the_guide_keys(tmp_path: Path) -> None:
    seed = next(a for a in sample_articles() if a["seed"] == "003_b50c455dfcdcf9fc")
    one = json.loads(run_cli("extract", str(seed["file"]), "--url", "https://baoangiang.com.vn" + seed["path"],
                             "--json", data=tmp_path).stdout)
    assert list(one) == ["url", "title", "published", "updated", "author", "credit", "lead", "text",
                         "captions", "related", "site", "language", "kind"]
    assert one["author"] == "Mỹ Hạnh" and one["published"] == "2021-01-18T14:18:00+07:00"
    files = [str(a["file"]) for a in sample_articles()[:3]]
    lines = run_cli("extract", *files, "--json", data=tmp_path).stdout.splitlines()
    assert [json.loads(line)["file"] for line in lines] == files


def test_user_mistakes_get_a_message_not_a_traceback(tmp_path: Path) -> None:
    run = run_cli("search", "công đoàn", data=tmp_path / "nothing", check=False)
    assert run.returncode == 2 and "error:" in run.stderr and "Traceback" not in run.stderr
    run = run_cli("extract", str(tmp_path / "missing.html"), data=tmp_path, check=False)
    assert run.returncode == 2 and "cannot read" in run.stderr


def test_serve_listens_on_loopback_only(app_url: str) -> None:
    # /proc/net/tcp lists listening sockets (state 0A) as hex "address:port"; 0100007F is 127.0.0.1.
    port = f"{int(app_url.rsplit(':', 1)[1]):04X}"
    listening = [line.split()[1] for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
                 if line.split()[3] == "0A" and line.split()[1].endswith(":" + port)]
    assert listening == [f"0100007F:{port}"]


def test_export_command_and_app_download_give_the_same_rows(demo_data: Path, app_url: str) -> None:
    query = "lien doan lao dong can tho"
    total = json.loads(run_cli("search", query, "--json", data=demo_data).stdout)["total"]
    cli_csv = run_cli("export", query, "--format", "csv", data=demo_data).stdout
    rows = list(csv.reader(io.StringIO(cli_csv, newline="")))  # text cells hold newlines: read as CSV
    assert tuple(rows[0]) == COLUMNS and len(rows) == total + 1
    status, downloaded, headers = get(app_url + "/search.csv?q=" + quote(query))
    assert status == 200 and "attachment" in headers["Content-Disposition"]
    assert list(csv.reader(io.StringIO(downloaded.lstrip("\ufeff"), newline=""))) == rows  # one implementation
    lines = run_cli("export", query, "--format", "jsonl", data=demo_data).stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [int(row[0]) for row in rows[1:]]
