"""One keep-or-drop policy: the crawl, `reprocess` and `verify` give the same answer for the same
pages; and a crawled site's repeated blocks (its template) are learned from its own pages."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from archive.demo.generated_site import write_site
from archive.demo.sample_server import SAMPLE_ROOT
from archive.extract.cleaner import extract
from archive.storage.store import Store
from tests.support import archived, crawl, run_cli, serving

pytestmark = pytest.mark.e2e

TAG_TEASERS = "".join(f'<li><h3><a href="/tin-tuc/bai-{i}">Tiêu đề bài viết số {i} về hoạt động công đoàn cơ sở</a>'
                      f'</h3><p>Tóm tắt bài viết số {i}: Liên đoàn Lao động tổ chức nhiều hoạt động chăm lo '
                      f'cho đoàn viên, người lao động trong dịp Tết...</p></li>' for i in range(10))
EXTRA_PAGES = {
    # A tag page whose teasers read like text: never an article.
    "tag/cong-doan.html": f"<html><body><h1>Công đoàn</h1><ul>{TAG_TEASERS}</ul></body></html>",
    # Served as HTML, no markup at all.
    "tin-tuc/thong-bao-van-ban-thuan-khong-co-the-html-nao-ca-trong-trang-nay.html":
        "Thông báo: trang này là văn bản thuần, không có thẻ HTML nào. " * 20,
    # Served as HTML, binary.
    "tin-tuc/tep-nhi-phan-duoc-phuc-vu-nhu-mot-trang-html-cua-cong-thong-tin.html":
        "\x00\x01\x02PK\x03\x04" * 400,
}


def policy_site(root: Path) -> Path:
    """The Cần Thơ sample portal plus a tag page, a text page and a binary page, all linked from home."""
    shutil.copytree(SAMPLE_ROOT / "congdoan-cantho", root)
    for name, body in EXTRA_PAGES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(body, encoding="utf-8")
    home = root / "index.html"
    links = "".join(f'<a href="/{name}">trang {i}</a>' for i, name in enumerate(EXTRA_PAGES))
    home.write_text(home.read_text(encoding="utf-8").replace("</body>", links + "</body>"), encoding="utf-8")
    return root


def stored_urls(data: Path) -> set[str]:
    return set(archived(data))


def test_crawl_reprocess_and_verify_agree_on_every_page(tmp_path: Path) -> None:
    root, crawled, replayed = policy_site(tmp_path / "site"), tmp_path / "crawled", tmp_path / "replayed"
    with serving(root) as server:
        crawl(crawled, server.url + "/")
    by_crawl = stored_urls(crawled)
    assert len(by_crawl) == 12  # the portal's 12 articles, nothing else
    assert not [url for url in by_crawl if "/tag/" in url or "thong-bao" in url or "nhi-phan" in url]

    # reprocess, from the same raw captures into an empty store, keeps exactly the same pages
    replayed.mkdir()
    shutil.copytree(crawled / "warc", replayed / "warc")
    Store(replayed / "archive.sqlite3").close()
    run_cli("reprocess", data=replayed)
    assert stored_urls(replayed) == by_crawl

    # verify finds no captured article page that the crawl failed to store
    report = json.loads(run_cli("verify", "--json", data=crawled, check=False).stdout)
    assert report["problems"]["unstored_captures"] == []


SLOGAN = ("Liên đoàn Lao động thành phố trân trọng thông báo đường dây nóng tư vấn pháp luật cho người lao "
          "động hoạt động từ 7 giờ đến 17 giờ tất cả các ngày trong tuần, kể cả thứ bảy và chủ nhật.")


def templated_site(root: Path, articles: int) -> list[str]:
    """A generated site whose every page prints the same notice, inside the article text on articles."""
    site = write_site(root, articles)
    for page in root.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if '<div class="content">' in html:
            html = html.replace('<div class="content">', f'<div class="content"><p>{SLOGAN}</p>', 1)
        else:
            html = html.replace("<body>", f"<body><p>{SLOGAN}</p>", 1)
        page.write_text(html, encoding="utf-8")
    return site.article_paths


def test_a_crawl_learns_the_sites_template_from_its_own_pages(tmp_path: Path) -> None:
    root, data = tmp_path / "site", tmp_path / "data"
    paths = templated_site(root, 40)
    one = (root / paths[0].lstrip("/")).with_suffix(".html")
    page = one if one.exists() else next(root.rglob(Path(paths[0]).name + "*"))
    assert SLOGAN in extract(page.read_bytes(), "http://127.0.0.1/" + paths[0]).text  # alone, it leaks
    with serving(root) as server:
        crawl(data, server.url + "/tin-tuc/")
    with Store(data / "archive.sqlite3") as store:
        texts = [row["text"] for row in store.db.execute("SELECT text FROM articles")]
    assert len(texts) == 40
    leaked = [text for text in texts if SLOGAN in text]
    # Only the pages cleaned before the site had shown enough pages to learn from keep it ...
    assert len(leaked) < 10, len(leaked)
    assert all("Đoạn 1 của tin số" in text for text in texts)  # ... and no article text is lost
    # ... and reprocess, which learns from every capture first, cleans those too.
    run_cli("reprocess", data=data)
    with Store(data / "archive.sqlite3") as store:
        assert not [t for (t,) in store.db.execute("SELECT text FROM articles") if SLOGAN in t]
