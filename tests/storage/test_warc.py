"""Raw WARC capture: write, read back by offset, iterate, survive truncation."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.storage.store import Capture
from archive.storage.warc import READ_LIMIT, WarcWriter, iter_responses, read_capture

HTML = "<html><head><meta charset='utf-8'></head><body>Liên đoàn Lao động {n}</body></html>"


def page(n: int) -> bytes:
    return HTML.format(n=n).encode("utf-8") + b"x" * (n * 500)


def write_some(warc_dir: Path, count: int, robots: str = "obey") -> tuple[WarcWriter, list[Capture]]:
    writer = WarcWriter(warc_dir, robots_policy=robots)
    captures = []
    for n in range(count):
        captures.append(writer.write(
            f"https://ex.vn/bai/{n}.html", 200, "OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"),
             ("Content-Length", "1"), ("X-N", str(n))],
            gzip.compress(page(n)),
            [("User-Agent", "test-agent"), ("Accept", "*/*")],
        ))
    return writer, captures


def test_warcinfo_first_then_response_request(tmp_path):
    writer, captures = write_some(tmp_path, 2, robots="ignore")
    writer.close()
    with open(writer.path, "rb") as stream:
        records = [(r.rec_type, r.rec_headers, r.content_stream().read()) for r in ArchiveIterator(stream)]
    assert [r[0] for r in records] == ["warcinfo", "response", "request", "response", "request"]
    info = records[0][2].decode("utf-8")
    assert "software: vn-union-archive/" in info
    assert "robots: ignore" in info
    assert records[0][1].get_header("WARC-Filename") == writer.name
    # the request is tied to its response
    assert records[2][1].get_header("WARC-Concurrent-To") == records[1][1].get_header("WARC-Record-ID")
    assert records[2][1].get_header("WARC-Target-URI") == "https://ex.vn/bai/0.html"
    assert captures[0].warc_file == writer.name
    assert captures[0].offset > 0 and captures[1].offset > captures[0].offset


def test_request_record_carries_method_path_and_headers(tmp_path):
    writer, _ = write_some(tmp_path, 1)
    writer.close()
    with open(writer.path, "rb") as stream:
        requests = [r for r in ArchiveIterator(stream) if r.rec_type == "request"]
        assert len(requests) == 1
        headers = requests[0].http_headers
        assert headers.protocol == "GET"
        assert headers.statusline.startswith("/bai/0.html")
        assert headers.get_header("User-Agent") == "test-agent"


def test_read_capture_returns_status_headers_body(tmp_path):
    writer, captures = write_some(tmp_path, 3)
    writer.close()
    got = read_capture(tmp_path, captures[1])
    assert got.url == "https://ex.vn/bai/1.html"
    assert got.status == 200
    assert got.body == page(1)
    names = {k.lower(): v for k, v in got.headers}
    assert names["x-n"] == "1"
    assert names["content-encoding"] == "gzip"  # kept as transferred: the body is stored compressed
    assert names["content-length"] == str(len(gzip.compress(page(1))))  # the length of the bytes stored
    assert got.capture == captures[1]


def test_read_capture_at_non_response_offset_raises(tmp_path):
    writer, _ = write_some(tmp_path, 1)
    writer.close()
    with pytest.raises(LookupError):
        read_capture(tmp_path, Capture(writer.name, 0))  # the warcinfo record


def test_non_200_status_roundtrip(tmp_path):
    writer = WarcWriter(tmp_path)
    capture = writer.write("https://ex.vn/missing", 404, "Not Found", [("Content-Type", "text/plain")],
                           b"nope", [])
    writer.close()
    got = read_capture(tmp_path, capture)
    assert got.status == 404
    assert got.body == b"nope"


def two_files(tmp_path):
    first, caps1 = write_some(tmp_path, 2)
    first.close()
    second_path = tmp_path / "zzz-later.warc.gz"
    other = WarcWriter(tmp_path / "other")
    cap = other.write("https://ex.vn/later", 200, "OK", [], b"later body", [])
    other.close()
    other.path.rename(second_path)
    return caps1, Capture(second_path.name, cap.offset)


def test_iter_responses_over_files_urls_and_offsets(tmp_path):
    caps1, later = two_files(tmp_path)
    responses = list(iter_responses(tmp_path))
    assert [r.url for r in responses] == ["https://ex.vn/bai/0.html", "https://ex.vn/bai/1.html",
                                          "https://ex.vn/later"]
    assert [r.capture for r in responses] == [*caps1, later]
    assert all(r.status == 200 for r in responses)
    # offsets from iteration read back the same record
    assert read_capture(tmp_path, responses[2].capture).body == b"later body"


def test_iter_responses_returns_bodies(tmp_path):
    # regression: get_record_offset() before reading the body used to give b'' bodies
    two_files(tmp_path)
    responses = list(iter_responses(tmp_path))
    assert responses[0].body == HTML.format(n=0).encode()
    assert responses[2].body == b"later body"


def truncated(tmp_path):
    writer, captures = write_some(tmp_path, 4)
    writer.close()
    data = writer.path.read_bytes()
    # cut in the middle of the last response record, as a killed crawl would
    cut = captures[3].offset + (len(data) - captures[3].offset) // 3
    writer.path.write_bytes(data[:cut])
    return captures


def test_truncated_file_keeps_complete_records(tmp_path):
    captures = truncated(tmp_path)
    responses = list(iter_responses(tmp_path))
    complete = [r for r in responses if r.url != "https://ex.vn/bai/3.html"]
    assert [r.url for r in complete] == [f"https://ex.vn/bai/{n}.html" for n in range(3)]
    assert [r.capture for r in complete] == captures[:3]
    # the records before the cut are whole when read by offset
    for n in range(3):
        assert read_capture(tmp_path, captures[n]).body == page(n)


def test_truncated_file_yields_complete_bodies(tmp_path):
    truncated(tmp_path)
    complete = [r for r in iter_responses(tmp_path) if r.url != "https://ex.vn/bai/3.html"]
    assert len(complete) == 3
    for n, r in enumerate(complete):
        assert r.body == page(n)


def test_truncated_file_does_not_stop_other_files(tmp_path):
    writer, captures = write_some(tmp_path, 2)
    writer.close()
    data = writer.path.read_bytes()
    writer.path.write_bytes(data[:captures[1].offset + 20])
    later = tmp_path / "zzzz.warc.gz"
    other = WarcWriter(tmp_path / "o")
    other.write("https://ex.vn/ok", 200, "OK", [], b"ok", [])
    other.close()
    other.path.rename(later)
    urls = [r.url for r in iter_responses(tmp_path)]
    assert urls[0] == "https://ex.vn/bai/0.html"
    assert urls[-1] == "https://ex.vn/ok"


def test_a_compressed_body_inflates_no_further_than_the_read_limit(tmp_path):
    writer = WarcWriter(tmp_path)
    bomb = gzip.compress(bytes(READ_LIMIT * 2), compresslevel=9)
    capture = writer.write("https://ex.vn/bom", 200, "OK", [("Content-Encoding", "gzip")], bomb, [])
    writer.close()
    assert len(read_capture(tmp_path, capture).body) == READ_LIMIT
    assert [len(r.body) for r in iter_responses(tmp_path)] == [READ_LIMIT]
