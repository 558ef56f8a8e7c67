"""The query language parser and its Whoosh form."""
from __future__ import annotations

import pytest

from archive.search.query import MAX_PARTIAL_FORMS, MAX_QUERY_CHARS, expand_words, parse, partial_forms
from archive.vietnamese.abbreviations import abbreviation_table
from tests.support import BROKEN_INPUTS


# Broken input of every kind: parsed here, searched end to end in tests/test_ranking.py.
def test_plain_words_are_anded_groups():
    parsed = parse("Công đoàn  Cần Thơ")
    assert [[c.words for c in g] for g in parsed.groups] == [[["công"]], [["đoàn"]], [["cần"]], [["thơ"]]]
    assert parsed.terms == ["công", "đoàn", "cần", "thơ"]
    assert not parsed.empty


def test_words_are_normalized_old_tone():
    assert parse("Hoà bình").terms == ["hòa", "bình"]


def test_quoted_phrase():
    parsed = parse('"Liên đoàn Lao động" tỉnh')
    assert len(parsed.groups) == 2
    phrase = parsed.groups[0][0]
    assert phrase.phrase and phrase.words == ["liên", "đoàn", "lao", "động"]
    assert parsed.groups[1][0].words == ["tỉnh"] and not parsed.groups[1][0].phrase


def test_exclusion_word_and_phrase():
    parsed = parse('công đoàn -bóng -"thể thao"')
    assert parsed.terms == ["công", "đoàn"]
    assert [c.words for c in parsed.excluded] == [["bóng"], ["thể", "thao"]]
    assert all(c.negated for c in parsed.excluded)
    assert parsed.excluded[1].phrase


def test_or_joins_neighbours_into_one_group():
    parsed = parse("lương OR thưởng tết")
    assert [[c.words for c in g] for g in parsed.groups] == [[["lương"], ["thưởng"]], [["tết"]]]
    chained = parse("a OR b OR c")
    assert [[c.words for c in g] for g in chained.groups] == [[["a"], ["b"], ["c"]]]


def test_lowercase_or_is_a_word():
    assert parse("a or b").terms == ["a", "or", "b"]


@pytest.mark.parametrize(("text", "filters"), [
    ("site:ldld-cantho công đoàn", {"site": "ldld-cantho"}),
    ("province:cantho", {"province": "cantho"}),
    ('kind:provincial year:2021', {"kind": "provincial", "year": "2021"}),
    ("from:2021-01-01 to:2021-12-31", {"from": "2021-01-01", "to": "2021-12-31"}),
    ("SITE:abc", {"site": "abc"}),
])
def test_filters(text, filters):
    parsed = parse(text)
    assert parsed.filters == filters
    assert not any(k in " ".join(parsed.terms) for k in ("site", "province", "kind", "year"))


def test_unknown_field_is_words():
    parsed = parse("foo:bar")
    assert parsed.filters == {}
    assert parsed.terms == ["foo", "bar"]


def test_filter_only_query_is_empty_but_filtered():
    parsed = parse("site:x")
    assert parsed.empty
    assert parsed.filters == {"site": "x"}


def test_empty_query_is_empty():
    assert parse("").empty and parse("").filters == {}


@pytest.mark.parametrize("text", BROKEN_INPUTS)
def test_broken_input_never_raises(text):
    parsed = parse(text)
    assert all(clause.words for group in parsed.groups for clause in group)
    assert all(clause.words for clause in parsed.excluded)


def test_long_input_is_capped():
    parsed = parse("từ " * 5000)
    assert len(parsed.terms) == 32  # MAX_TERMS
    assert len(" ".join(parsed.terms)) <= MAX_QUERY_CHARS


def test_control_chars_separate_words():
    assert parse("công\x00đoàn").terms == ["công", "đoàn"]


def test_lone_dash_and_lone_or_give_empty():
    for text in ("-", "OR", '""', '"'):
        parsed = parse(text)
        assert parsed.empty and parsed.excluded == [] , text


def test_exclusion_only_keeps_the_excluded_clause():
    parsed = parse("-bóng")
    assert parsed.empty and [c.words for c in parsed.excluded] == [["bóng"]]


def test_abbreviation_table_both_ways():
    forward, backward = abbreviation_table()
    assert ("lien", "doan", "lao", "dong") in forward["ldld"]
    assert "ldld" in backward[("lien", "doan", "lao", "dong")]
    assert ("hoi", "dong", "nhan", "dan") in forward["hdnd"]
    assert "hdnd" in backward[("hoi", "dong", "nhan", "dan")]
    assert "cnvcld" in forward and "tp" in forward


def test_full_form_words_join_into_one_phrase_clause():
    joined = expand_words([g[0] for g in parse("Hội đồng nhân dân tỉnh").groups])
    assert [(c.words, c.phrase) for c in joined] == [(["hội", "đồng", "nhân", "dân"], True), (["tỉnh"], False)]


def test_partial_forms_swap_one_inner_part_of_a_phrase():
    forms = partial_forms(("tong", "lien", "doan", "lao", "dong", "viet", "nam"))
    assert ("tong", "ldldvn") in forms and ("tong", "ldld", "viet", "nam") in forms
    assert ("tldldvn",) not in forms  # the whole phrase's own form is looked up by the ranker
    assert partial_forms(("hoi", "thao", "cnvcld")) == [("hoi", "thao", "cong", "nhan", "vien", "chuc", "lao", "dong")]
    assert partial_forms(("hoi", "thao")) == []
    assert len(partial_forms(("tp", "can", "tho") * 10)) == MAX_PARTIAL_FORMS
