"""The cleaner on layouts it was not tuned to (tests/extract/fixtures/, issue 13): the record says
what the page says. Each fixture's .json holds what a researcher citing the page needs: the exact
title, the publication date and time the page prints (never an event date from the lead), the
byline's author(s), the lead as the first paragraph once, every word of the kept paragraphs, and
none of the boxes placed inside the article's container."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from archive.extract.page_kind import Verdict, judge
from archive.sites import SiteProfile
from archive.vietnamese.text import normalize

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED = sorted(FIXTURES.glob("*.json"))
ARTICLES = [p for p in EXPECTED if json.loads(p.read_text(encoding="utf-8"))["kind"] == "article"]
OTHERS = [p for p in EXPECTED if p not in ARTICLES]
NAME_JOINERS = re.compile(r"\s*,\s*|\s+[-–&]\s+|\s+và\s+")


def load(expected_file: Path) -> tuple[dict, Verdict]:
    """The expected record and the page-kind policy's verdict on the page (as crawl, reprocess and
    extract all judge it)."""
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    page_file = FIXTURES / expected.get("file", expected_file.stem + ".html")
    return expected, judge(page_file.read_bytes(), expected["url"])


def names(author: str | None) -> set[str]:
    return {name for name in NAME_JOINERS.split(normalize(author or "")) if name}


@pytest.fixture(params=ARTICLES, ids=lambda p: p.stem)
def article_page(request: pytest.FixtureRequest):
    return load(request.param)


def test_an_article_is_said_to_be_one(article_page) -> None:
    _, verdict = article_page
    assert verdict.kind == "article"


def test_title_is_the_headline(article_page) -> None:
    expected, verdict = article_page
    page = verdict.page
    assert page.article.title == normalize(expected["title"])


def test_published_is_the_printed_date_line_with_its_time(article_page) -> None:
    expected, verdict = article_page
    page = verdict.page
    assert page.article.published == expected["published"]


def test_author_is_the_bylines_person_never_the_publisher(article_page) -> None:
    expected, verdict = article_page
    page = verdict.page
    assert names(page.article.author) == names(expected["author"])
    assert "&#" not in (page.article.author or "")


def test_lead_is_the_first_paragraph_once(article_page) -> None:
    expected, verdict = article_page
    page = verdict.page
    lead = normalize(expected["lead"])
    assert page.article.lead == lead
    assert page.article.paragraphs[0] == lead
    assert page.article.text.count(lead) == 1
    assert lead not in page.article.captions


def test_no_word_of_a_kept_paragraph_is_lost(article_page) -> None:
    expected, verdict = article_page
    page = verdict.page
    for phrase in expected["must_contain"]:
        assert normalize(phrase) in page.article.text, phrase
    assert not re.search(r"\s[,.;:]", page.article.text)  # "Phó , cùng lãnh đạo": a word went missing
    assert page.article.text.endswith(normalize(expected["text_ends_with"]))


def test_boxes_and_chrome_never_reach_the_record(article_page) -> None:
    expected, verdict = article_page
    page = verdict.page
    article = page.article
    for phrase in expected["must_not_contain"]:
        phrase = normalize(phrase)
        assert phrase not in article.text and phrase not in article.title and phrase not in (article.lead or ""), phrase


def test_captions_are_kept_apart(article_page) -> None:
    expected, verdict = article_page
    page = verdict.page
    if "captions" in expected:
        assert page.article.captions == [normalize(c) for c in expected["captions"]]


@pytest.mark.parametrize("expected_file", OTHERS, ids=lambda p: p.stem)
def test_a_page_that_is_no_article_says_what_it_is(expected_file: Path) -> None:
    expected, verdict = load(expected_file)
    assert verdict.kind == expected["kind"] and verdict.article is None
    if "title_is_not" in expected:
        assert verdict.page.article.title != normalize(expected["title_is_not"])


def test_every_failure_class_has_several_layouts() -> None:
    seen: dict[str, int] = {}
    for expected_file in EXPECTED:
        for name in json.loads(expected_file.read_text(encoding="utf-8"))["classes"]:
            seen[name] = seen.get(name, 0) + 1
    assert all(seen.get(name, 0) >= 2 for name in
               ("date", "words", "lead", "title", "author", "boxes", "not_article", "embed")), seen


def test_an_article_that_yields_no_text_is_named_not_dropped_silently() -> None:
    # With no site profile: the URL and the headline say article, the markup hid the text.
    html = ("<html><body><h1>Công đoàn huyện Thới Lai tổ chức Hội thi cắm hoa nghệ thuật</h1>"
            "<div class='news-body'><object><param name='movie' value='/flash/player.swf'></object></div>"
            "</body></html>").encode()
    verdict = judge(html, "http://ldld-thoilai.example.vn/tin-tuc/hoi-thi-cam-hoa-nghe-thuat-a786.html")
    assert verdict.kind == "empty_article" and verdict.article is None


def test_a_short_dated_story_is_an_article() -> None:
    # A video's page: headline, date line, two sentences. Short, but a story a researcher cites.
    html = ("<html><body><h1>Công nhân khu công nghiệp hào hứng với hội thao mùa xuân</h1>"
            "<div class='time'>Thứ ba, 25/11/2014 08:15</div><div class='content'><p>Hơn 500 công nhân tham gia "
            "các môn kéo co, nhảy bao bố trong ngày hội do công đoàn khu công nghiệp tổ chức.</p></div>"
            "</body></html>").encode()
    verdict = judge(html, "https://laodong.example.vn/video-xa-hoi/cong-nhan-hao-hung-voi-hoi-thao-1328243.ldo")
    assert verdict.kind == "article" and verdict.article.published == "2014-11-25T08:15:00+07:00"


def test_a_page_outside_a_profiles_section_is_judged_by_its_shape() -> None:
    # The profile crawls /cong-doan/ (its listings and articles); another section's article saved and
    # given to extract is still an article, and the section's own listing pages are still listings.
    profile = SiteProfile(name="laodong-congdoan", listing_pattern=r"/cong-doan/?(\?page=\d+)?$",
                          article_pattern=r"/cong-doan/[a-z0-9-]+-\d+\.ldo$")
    page = (FIXTURES / "laodong-like.html").read_bytes()
    assert judge(page, "https://laodong.example.vn/xa-hoi/hon-3000-doan-vien-266123.ldo", profile).kind == "article"
    assert judge(page, "https://laodong.example.vn/cong-doan/?page=2", profile).kind == "listing"
