"""The WARC holds every response as transferred: a redirect chain hop by hop, a gzip body still
compressed with its Content-Encoding (so replay tools serve it), and reading it back decodes it."""
from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.checker import Checker

from archive.demo.sample_server import SAMPLE_ROOT
from archive.storage.store import Capture, Store
from archive.storage.warc import iter_responses, read_capture
from crawler.run import crawler_settings
from testkit.hostile_site import QuietHandler, RecordingServer, page
from tests.support import archived, crawl, run_cli

ARTICLE_FILE = next((SAMPLE_ROOT / "congdoan-cantho" / "tin-tuc").glob("quan-ninh-kieu-*.html"))
ARTICLE = "/tin-tuc/" + ARTICLE_FILE.name
CHAIN = {"/bai-cu/1": (301, "/chuyen/1"), "/chuyen/1": (302, ARTICLE)}


class ChainHandler(QuietHandler):
    """A front page linking an old URL that moved twice, to an article served gzip-compressed."""

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        if self.path == "/":
            self.send(200, page("Trang chủ", ["/bai-cu/1"]))
        elif self.path in CHAIN:
            status, location = CHAIN[self.path]
            self.send(status, b"", headers={"Location": location})
        elif self.path == ARTICLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            self.send(200, gzip.compress(ARTICLE_FILE.read_bytes()), headers={"Content-Encoding": "gzip"})
        else:
            self.send(404, b"<html><body>404</body></html>")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RecordingServer, Path]]:
    server = RecordingServer(ChainHandler)
    data = tmp_path_factory.mktemp("warc") / "data"
    try:
        crawl(data, server.url + "/")
        yield server, data
    finally:
        server.stop()


def records(data: Path) -> dict[str, tuple[int, dict[str, str], bytes]]:
    """Target URL -> (status, headers, payload as stored) of every response record."""
    found = {}
    for path in sorted((data / "warc").glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    headers = dict(record.http_headers.headers)
                    found[record.rec_headers.get_header("WARC-Target-URI")] = (
                        int(record.http_headers.get_statuscode()), headers, record.raw_stream.read())
    return found


def test_capture_sits_before_redirects_and_decompression(tmp_path: Path) -> None:
    middlewares = crawler_settings(tmp_path, [], None).getwithbase("DOWNLOADER_MIDDLEWARES")
    capture = middlewares["crawler.middlewares.WarcCaptureMiddleware"]
    assert capture > middlewares["crawler.limits.CountedRedirectMiddleware"]
    assert capture > middlewares["crawler.limits.CountedHttpCompressionMiddleware"]
    assert capture > middlewares["crawler.middlewares.BackoffRetryMiddleware"]


@pytest.mark.e2e
def test_the_redirect_chain_is_in_the_warc_hop_by_hop(crawled: tuple[RecordingServer, Path]) -> None:
    server, data = crawled
    found = records(data)
    hops, url = [], server.url + "/bai-cu/1"
    while found[url][0] in (301, 302):
        hops.append(found[url][0])
        url = server.url + found[url][1]["Location"]
    assert hops == [301, 302] and url == server.url + ARTICLE
    assert found[url][0] == 200


@pytest.mark.e2e
def test_a_compressed_body_is_kept_as_transferred_and_read_back_decoded(crawled: tuple[RecordingServer, Path]) -> None:
    server, data = crawled
    status, headers, payload = records(data)[server.url + ARTICLE]
    assert headers["Content-Encoding"] == "gzip" and payload[:2] == b"\x1f\x8b"
    assert headers["Content-Length"] == str(len(payload))
    assert gzip.decompress(payload) == ARTICLE_FILE.read_bytes()
    read = {r.url: r for r in iter_responses(data / "warc")}
    assert read[server.url + ARTICLE].body == ARTICLE_FILE.read_bytes()
    assert read[server.url + "/bai-cu/1"].status == 301
    # Digests are of the payload as stored: a replay tool's check passes.
    checker = Checker(SimpleNamespace(inputs=[str(p) for p in (data / "warc").glob("*.warc.gz")], verbose=False))
    assert checker.process_all() == 0


@pytest.mark.e2e
def test_the_article_points_at_its_200_capture_and_reprocess_reads_it(crawled: tuple[RecordingServer, Path]) -> None:
    server, data = crawled
    assert archived(data) == {server.url + ARTICLE: 1}
    with Store(data / "archive.sqlite3") as store:
        article = store.get(store.id_for_url(server.url + ARTICLE))
    captured = read_capture(data / "warc", Capture(article["warc_file"], article["warc_offset"]))
    assert captured.status == 200 and captured.body == ARTICLE_FILE.read_bytes()
    done = run_cli("reprocess", data=data)
    assert "unchanged 1" in done.stderr and "skipped" in done.stderr
    assert archived(data) == {server.url + ARTICLE: 1}

