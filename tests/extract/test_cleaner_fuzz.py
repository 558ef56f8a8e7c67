"""Hostile pages for the cleaner: 1,000 random, truncated and mutated pages never raise, and
pathological pages (50 MB, 100,000 nested divs, entity bombs, binary) are refused or cleaned."""
from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.article import Article
from archive.extract.cleaner import extract
from archive.extract.page_kind import judge
from archive.extract.page_limits import MAX_DEPTH, MAX_PAGE_BYTES, PageRefused
from testkit.hostile_html import mutate, pathological_pages, random_page, real_pages, truncate
from tests.support import ROOT

URL = "http://127.0.0.1:8101/tin-tuc/bai-viet-a123.html"
REAL_PAGES = real_pages()
# A hang guard, not a speed figure (bench/fuzz.py measures): real pages take ~10 ms here, the worst fuzz input ~0.7 s.
FUZZ = settings(deadline=timedelta(seconds=10), suppress_health_check=[HealthCheck.too_slow], database=None)


# Generators take a seeded Random: fast draws, and a failing example prints the seed that replays it.
SEEDS = st.integers(0, 2**32).map(random.Random)


def fuzz(examples: int) -> settings:
    return settings(FUZZ, max_examples=examples)
# Pathological pages must be refused or cleaned well within this (the slowest measures ~0.5 s).
PATHOLOGICAL_SECONDS = 20


def clean_or_refuse(page: bytes | str) -> Article | None:
    """The cleaner's contract on any input: an Article, or a PageRefused with a known reason."""
    try:
        article = extract(page, URL)
    except PageRefused as refused:
        assert refused.reason in {"too_large", "binary", "too_deep"}
        return None
    assert isinstance(article.title, str) and isinstance(article.text, str)
    assert article.url == URL and isinstance(article.captions, list) and isinstance(article.related, list)
    return article


@fuzz(350)
@given(SEEDS)
def test_random_tag_soup_is_cleaned(rng: random.Random) -> None:
    page = random_page(rng)
    clean_or_refuse(page)
    clean_or_refuse(page.encode("utf-8", "surrogatepass"))


@fuzz(350)
@given(st.sampled_from(REAL_PAGES), SEEDS)
def test_mutated_real_pages_are_cleaned(page: bytes, rng: random.Random) -> None:
    clean_or_refuse(mutate(page, rng))


@fuzz(100)
@given(st.sampled_from(REAL_PAGES), SEEDS)
def test_truncated_real_pages_are_cleaned(page: bytes, rng: random.Random) -> None:
    clean_or_refuse(truncate(page, rng))


@fuzz(100)
@given(st.one_of(st.text(max_size=3000), st.binary(max_size=3000)))
def test_arbitrary_text_and_bytes_never_raise(page: str | bytes) -> None:
    clean_or_refuse(page)


@fuzz(100)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=2000))
def test_printable_text_is_cleaned_not_refused(text: str) -> None:
    """Text with no control characters is never taken for binary."""
    text = "".join(c for c in text if c >= " " or c in "\t\n\r")
    assert clean_or_refuse(f"<html><body><p>{text}</p></body></html>") is not None


PATHOLOGICAL = pathological_pages()


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_pages_are_refused_or_cleaned(name: str) -> None:
    page, reason = PATHOLOGICAL[name]
    started = time.monotonic()
    if reason is None:
        article = extract(page, URL)
        assert len(article.title) + len(article.text) < 2 * len(page)  # no entity expansion
    else:
        with pytest.raises(PageRefused) as refused:
            extract(page, URL)
        assert refused.value.reason == reason
    assert time.monotonic() - started < PATHOLOGICAL_SECONDS


def test_billion_laughs_entities_are_not_expanded() -> None:
    page, _ = PATHOLOGICAL["billion laughs"]
    article = extract(page, URL)
    assert "lol" * 10 not in article.title + article.text


def article_page() -> bytes:
    for page in REAL_PAGES:
        if judge(page, URL).kind == "article":
            return page
    raise AssertionError("no article among the sample pages")


def test_a_real_article_just_under_the_limits_is_still_cleaned() -> None:
    page = article_page()
    title = extract(page, URL).title
    head, tail = page.split(b"<body", 1)
    tail = tail.split(b">", 1)[1]
    wrapped = head + b"<body>" + b"<div>" * (MAX_DEPTH - 20) + tail
    assert extract(wrapped, URL).title == title
    padding = b"<!--" + b"x" * (MAX_PAGE_BYTES - len(page) - 7) + b"-->"
    assert extract(page + padding, URL).title == title
    with pytest.raises(PageRefused, match="too_large"):
        extract(page + padding + b" ", URL)


def test_a_real_article_with_stray_nul_bytes_is_cleaned_not_refused() -> None:
    page = article_page()
    title = extract(page, URL).title
    stray = b"".join(page[i:i + 1000] + b"\x00" for i in range(0, len(page), 1000))
    assert extract(stray, URL).title == title


def test_a_real_article_nested_past_the_limit_is_refused() -> None:
    page = article_page()
    head, tail = page.split(b"<body", 1)
    with pytest.raises(PageRefused) as refused:
        extract(head + b"<body>" + b"<div>" * MAX_DEPTH + tail.split(b">", 1)[1], URL)
    assert refused.value.reason == "too_deep"


@pytest.mark.e2e
def test_extract_command_reports_a_refused_page_in_one_line(tmp_path) -> None:
    page = tmp_path / "anh.html"
    page.write_bytes(PATHOLOGICAL["PNG served as HTML"][0])
    root = ROOT
    done = subprocess.run([sys.executable, "-m", "archive", "extract", str(page), "--url", URL], check=False,
                          cwd=root,
                          env={**os.environ, "PYTHONPATH": str(root)}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and "binary" in done.stderr and "Traceback" not in done.stderr


def test_broken_link_urls_in_related_boxes_do_not_raise() -> None:
    """Found by bench/fuzz.py: urljoin raises on "http://[::1"; the link is dropped, the page kept."""
    page = ("<html><body><h1>Tiêu đề bài viết dài ở đây</h1><div><p>Đoạn một có nội dung.</p>"
            '<p>&gt;&gt; <a href="http://[::1">Bài khác rất hay đây</a></p><div><b>Tin liên quan</b><ul>'
            '<li><a href="http://[::1">Một bài liên quan khác</a></li>'
            '<li><a href="/bai-khac-a9.html">Một bài liên quan thật</a></li></ul></div></div></body></html>')
    related = extract(page, URL).related
    assert [r["url"] for r in related] == ["http://127.0.0.1:8101/bai-khac-a9.html"]
