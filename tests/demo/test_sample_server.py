"""The sample-site server: the URL-to-file rule, conditional GET, 404s, traversal."""
from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from archive.demo.sample_server import SAMPLE_ROOT, file_for, serve_sample_sites, stop

pytestmark = pytest.mark.e2e


def test_url_rule_maps_slugs_queries_and_directories() -> None:
    cantho = SAMPLE_ROOT / "congdoan-cantho"
    assert file_for(cantho, "/tin-tuc").name == "tin-tuc.html"
    assert file_for(cantho, "/tin-tuc?page=2").name == "tin-tuc__page_2.html"
    assert file_for(SAMPLE_ROOT / "baoangiang", "/cong-doan.html?p=3").name == "cong-doan__p_3.html"
    assert file_for(SAMPLE_ROOT / "hdnd-dienbien", "/tin-tuc/").name == "index.html"
    assert file_for(cantho, "/../../archive/cli.py") is None
    assert file_for(cantho, "/khong-co-trang-nay") is None


def test_served_sites_answer_etags_and_404s() -> None:
    sites = serve_sample_sites()
    try:
        assert [s.kind for s in sites] == ["union", "newspaper", "council"]
        with urllib.request.urlopen(sites[0].url, timeout=5) as response:
            etag = response.headers["ETag"]
            assert "LIÊN ĐOÀN LAO ĐỘNG" in response.read().decode()
        request = urllib.request.Request(sites[0].url, headers={"If-None-Match": etag})
        try:
            urllib.request.urlopen(request, timeout=5)
            raise AssertionError("expected 304")
        except urllib.error.HTTPError as error:
            assert error.code == 304
        try:
            urllib.request.urlopen(sites[0].url + "khong-co", timeout=5)
            raise AssertionError("expected 404")
        except urllib.error.HTTPError as error:
            assert error.code == 404
        assert sites[0].server.requests == ["/", "/", "/khong-co"]
    finally:
        stop(sites)
