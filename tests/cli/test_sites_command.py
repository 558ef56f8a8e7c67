"""`sites add|list|show|remove` and `crawl --site` of a site the user added, against a real local site."""
from __future__ import annotations

import json

import pytest

from archive.demo.sample_server import SAMPLE_ROOT
from tests.support import crawl, run_cli, serving

pytestmark = pytest.mark.e2e


def test_a_site_the_user_adds_is_crawled_by_name_and_filed_under_its_province_then_and_now(tmp_path):
    data = tmp_path / "data"
    with serving(SAMPLE_ROOT / "hdnd-dienbien") as site:
        url = f"http://127.0.0.1:{site.server_port}/tin-tuc/"
        run_cli("sites", "add", url, "--name", "hdnd-haugiang", "--title", "HĐND tỉnh Hậu Giang",
                "--province", "tinh Hau Giang", "--kind", "council", data=data)
        crawl(data, "--site", "hdnd-haugiang")
    shown = json.loads(run_cli("sites", "show", "hdnd-haugiang", "--json", data=data).stdout)
    assert (shown["province"], shown["unit"], shown["kind"]) == ("Hậu Giang", "Cần Thơ", "council")
    assert shown["articles"] >= 10 and shown["last_crawl"]
    listed = json.loads(run_cli("sites", "list", "--json", data=data).stdout)["sites"]
    assert [s["articles"] for s in listed if s["name"] == "hdnd-haugiang"] == [shown["articles"]]
    assert len(listed) > 63  # the bundled real sites too
    before = json.loads(run_cli("search", 'province:"Hậu Giang"', "--json", "--limit", "100", data=data).stdout)
    now = json.loads(run_cli("search", 'unit:"Cần Thơ"', "--json", "--limit", "100", data=data).stdout)
    assert before["articles"] == now["articles"] == shown["articles"]  # every sample article predates the merger
    run_cli("sites", "remove", "hdnd-haugiang", data=data)
    gone = crawl(data, "--site", "hdnd-haugiang", check=False)
    assert gone.returncode == 2 and "unknown site" in gone.stderr


@pytest.mark.parametrize("args, message", [
    (["add", "ftp://x.vn/"], "not an http(s) URL"),
    (["add", "https://x.vn/", "--province", "Atlantis"], "unknown province"),
    (["add", "https://x.vn/", "--name", "Bad Name"], "bad site name"),
    (["add", "https://x.vn/", "--changed-hands", "mai"], "bad date"),
    (["show", "nowhere"], "unknown site"),
    (["remove", "nowhere"], "unknown site"),
])
def test_mistakes_are_one_line_and_exit_2(tmp_path, args, message):
    run = run_cli("sites", *args, data=tmp_path, check=False)
    assert run.returncode == 2 and message in run.stderr and "Traceback" not in run.stderr
