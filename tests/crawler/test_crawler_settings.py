"""Polite defaults: what a crawl of a real (non-loopback) site runs with."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archive.sites import load_registry
from crawler.run import crawler_settings
from tests.support import ROOT


def test_real_sites_get_polite_settings(tmp_path: Path) -> None:
    settings = crawler_settings(tmp_path, [load_registry()["baoangiang"]], None)
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED") and settings.getfloat("AUTOTHROTTLE_TARGET_CONCURRENCY") <= 1
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 2
    assert settings.getfloat("DOWNLOAD_DELAY") > 0
    assert {500, 502, 503, 504} <= set(map(int, settings.getlist("RETRY_HTTP_CODES")))
    assert settings.getint("RETRY_TIMES") >= 2 and settings.getfloat("RETRY_BACKOFF_BASE") >= 1
    middlewares = settings.getwithbase("DOWNLOADER_MIDDLEWARES")
    assert middlewares["crawler.middlewares.BackoffRetryMiddleware"] and \
        middlewares["scrapy.downloadermiddlewares.retry.RetryMiddleware"] is None
    assert "DownloadTimeoutError" in " ".join(map(str, settings.getlist("RETRY_EXCEPTIONS")))
    assert 0 < settings.getint("DOWNLOAD_MAXSIZE") <= 50 * 1024 * 1024 and settings.getint("DOWNLOAD_TIMEOUT") <= 60
    assert settings.getint("ARCHIVE_SITE_BUDGET") > 0 and settings.getint("ARCHIVE_MAX_DEPTH") > 0


def test_max_pages_is_the_per_site_budget(tmp_path: Path) -> None:
    assert crawler_settings(tmp_path, [load_registry()["baoangiang"]], 40).getint("ARCHIVE_SITE_BUDGET") == 40


@pytest.mark.e2e
def test_user_agent_names_the_project_and_the_contact_setting() -> None:
    code = "from crawler.run import crawler_settings; from pathlib import Path; import json; " \
           "print(json.dumps(crawler_settings(Path('.'), [], None)['USER_AGENT']))"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ARCHIVE_CONTACT": "mailto:luutru@example.vn"}
    agent = json.loads(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                      check=True).stdout)
    assert agent.startswith("vn-union-archive/") and agent.endswith("(+mailto:luutru@example.vn)")
