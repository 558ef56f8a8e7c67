"""Blocks repeated across pages of one site, learned from the bundled sample sites' real pages."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archive.extract.cleaner import extract_page, page_blocks
from archive.extract.site_blocks import learn_site_blocks
from archive.vietnamese.text import normalize
from tests.support import ROOT, sample_articles

ARTICLES = sample_articles()
SITES = sorted({a["site"] for a in ARTICLES})
# A notice a portal prints at the top of every article, inside the article container and with no
# name that marks it: only its repetition across the site's pages tells it from the story.
NOTICE = ("Cổng thông tin điện tử HĐND tỉnh tiếp nhận ý kiến, kiến nghị của cử tri qua đường dây nóng "
          "0215.3825.178 và hộp thư điện tử của Văn phòng.")
BODY_OPENING = '<div id="news-bodyhtml" class="bodytext margin-bottom-lg">'


def site_articles(site: str) -> list[dict]:
    return [a for a in ARTICLES if a["site"] == site]


def with_notice(article: dict) -> bytes:
    html = article["file"].read_text(encoding="utf-8")
    assert BODY_OPENING in html
    return html.replace(BODY_OPENING, f"{BODY_OPENING}<p>{NOTICE}</p>").encode("utf-8")


def matches_truth(got, article: dict) -> bool:
    return (got.title == normalize(article["title"]) and got.published == article["published"]
            and got.author == (normalize(article["author"]) if article["author"] else None)
            and got.text.startswith(normalize(article["body_starts_with"]))
            and got.text.endswith(normalize(article["body_ends_with"]))
            and len(got.paragraphs) == article["body_paragraphs"])


@pytest.mark.parametrize("site", SITES)
def test_learned_blocks_never_take_article_text(site: str) -> None:
    articles = site_articles(site)
    learned = learn_site_blocks(page_blocks(a["file"].read_bytes())[1] for a in articles)
    assert learned  # every site template has its menus and footers
    for article in articles:
        page = extract_page(article["file"].read_bytes(), "http://127.0.0.1:8101" + article["path"],
                            site_blocks=learned)
        assert matches_truth(page.article, article), article["path"]


def test_a_notice_repeated_on_every_page_is_learned_and_removed() -> None:
    articles = site_articles("hdnd-dienbien")
    pages = [with_notice(a) for a in articles]
    learned = learn_site_blocks(page_blocks(p)[1] for p in pages)
    assert NOTICE.lower() in learned
    # Bylines repeat too (one reporter signs many stories) but are never learned.
    assert not any(normalize(a["author"]).lower() in learned for a in articles if a["author"])
    for article, raw in zip(articles, pages, strict=True):
        got = extract_page(raw, "http://127.0.0.1:8101" + article["path"], site_blocks=learned).article
        assert NOTICE not in got.text
        assert matches_truth(got, article), article["path"]


def test_too_few_pages_teach_nothing() -> None:
    two = [page_blocks(a["file"].read_bytes())[1] for a in site_articles("baoangiang")[:2]]
    assert learn_site_blocks(two) == frozenset()
    assert learn_site_blocks([{"a"}, {"a"}, {"a"}, {"b"}]) == {"a"}
    assert learn_site_blocks([{"a"}, {"b"}, {"c"}, {"a"}]) == frozenset()  # on 2 of 4: not enough
    assert learn_site_blocks([{"a"}] * 3 + [set()] * 3) == {"a"}  # half the pages is enough


def test_page_blocks_gives_the_page_own_url() -> None:
    article = site_articles("baoangiang")[0]
    own_url, keys = page_blocks(article["file"].read_bytes())
    assert own_url is not None and own_url.startswith("https://baoangiang.com.vn/")
    assert keys


@pytest.mark.e2e
def test_extract_cli_learns_the_blocks_of_several_files_of_one_host(tmp_path: Path) -> None:
    articles = site_articles("hdnd-dienbien")
    files = []
    for number, article in enumerate(articles):
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(with_notice(article))
        files.append(str(path))
    done = subprocess.run([sys.executable, "-m", "archive", "extract", *files, "--url",
                           "https://hdnd.dienbien.gov.vn/tin-tuc/bai-viet.html", "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [row["file"] for row in rows] == files
    assert all(NOTICE not in row["text"] for row in rows)
    assert all(row["site"] == "hdnd-dienbien" for row in rows)  # the registry's profile for the host
    assert f"extracted {len(files)} files" in done.stderr
