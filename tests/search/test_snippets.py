"""Snippets: escaped text, <mark> on folded and abbreviation matches."""
from __future__ import annotations

import re

from archive.search.snippets import match_keys, snippet


def marked(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


def test_html_is_escaped_only_mark_added():
    text = 'Cảnh báo <script>alert(1)</script> & "trích" <b>đậm</b> tại Cần Thơ'
    out = snippet(text, ["alert", "cần"])
    assert "<script" not in out and "</script" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out and "&lt;/script&gt;" in out
    assert "&amp;" in out and "&quot;trích&quot;" in out
    assert set(re.findall(r"<(/?\w+)", out)) == {"mark", "/mark"}
    assert marked(out) == ["alert", "Cần"]


def test_no_terms_no_marks():
    out = snippet("Bài <i>một</i> hai ba", [])
    assert out == "Bài &lt;i&gt;một&lt;/i&gt; hai ba"


def test_folded_match_marks_accented_words():
    out = snippet("Liên đoàn Lao động thành phố Cần Thơ trao quà.", ["can", "tho"])
    assert marked(out) == ["Cần", "Thơ"]


def test_accented_term_marks_other_tones_too():
    out = snippet("Đường Dương đường", ["đường"])
    assert marked(out) == ["Đường", "Dương", "đường"]


def test_abbreviation_marks_expansion_words():
    out = snippet("Ban chấp hành Liên đoàn Lao động tỉnh họp.", ["ldld"])
    assert marked(out) == ["Liên", "đoàn", "Lao", "động"]


def test_expansion_marks_abbreviation():
    out = snippet("Chủ tịch LĐLĐ tỉnh và HĐND huyện.", ["liên", "đoàn", "lao", "động"])
    assert "<mark>LĐLĐ</mark>" in out
    assert "<mark>HĐND</mark>" not in out
    out = snippet("Kỳ họp HĐND tỉnh.", ["hội", "đồng", "nhân", "dân"])
    assert marked(out) == ["HĐND"]


def test_match_keys():
    keys = match_keys(["lđlđ"])
    assert {"ldld", "lien", "doan", "lao", "dong"} <= keys
    assert "hdnd" in match_keys(["hội", "đồng", "nhân", "dân"])


def test_window_moves_to_matches_with_ellipses():
    filler = " ".join(f"từ{n}" for n in range(200))
    text = f"{filler} công nhân Cần Thơ {filler}"
    out = snippet(text, ["cần", "thơ"], words=20)
    assert out.startswith("… ") and out.endswith(" …")
    assert marked(out) == ["Cần", "Thơ"]
    assert len(re.findall(r"\w+", re.sub(r"</?mark>", "", out))) <= 20


def test_short_text_no_ellipsis_and_paragraph_separator():
    # the window runs from the first to the last word; paragraphs are joined by " · "
    out = snippet("Một.\n\nHai ba.", ["hai"])
    assert out == "Một. · <mark>Hai</mark> ba"


def test_empty_text():
    assert snippet("", ["a"]) == ""
    assert snippet("  ... !!", ["a"]) == ""
