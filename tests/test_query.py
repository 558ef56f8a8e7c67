"""The query language parser and its Whoosh form."""
from __future__ import annotations

import pytest
from whoosh import query as wq

from archive.query import MAX_QUERY_CHARS, abbreviation_table, parse, to_whoosh


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
    q = to_whoosh(parsed)
    assert list(q.leaves()) == [wq.Term("site", "x")]


def test_empty_query_is_every():
    assert isinstance(to_whoosh(parse("")), wq.Every)
    assert parse("").empty


@pytest.mark.parametrize("text", [
    '"unbalanced', 'a "b c', '"', '""', '-', '- -', '-""', 'OR', 'OR OR', 'a OR', 'OR a',
    "x" * 10_000, "công đoàn " * 2000, "\x00\x01\x02\x1b[31m\x7f", "a\x00b", "", "   ", None,
    ":", "site:", "site:\"\"", "from:notadate", "to:2021-13-45", "from:2021-01-01", "year:abcd",
    "-site:x", "((a) AND [b])", "\u200b\ufeff", "😀 đường", "\\", "a:b:c", '-"a b" OR "c d"',
    "province:Cần Thơ", "kind:", "-OR", "ldld OR hđnd", "OR -a",
])
def test_broken_input_never_raises(text):
    parsed = parse(text)
    query = to_whoosh(parsed)
    assert isinstance(query, wq.Query)


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
        assert isinstance(to_whoosh(parsed), wq.Every)


def test_exclusion_only_is_andnot_every():
    q = to_whoosh(parse("-bóng"))
    assert isinstance(q, wq.AndNot)


def test_abbreviation_table_both_ways():
    forward, backward = abbreviation_table()
    assert ("lien", "doan", "lao", "dong") in forward["ldld"]
    assert "ldld" in backward[("lien", "doan", "lao", "dong")]
    assert ("hoi", "dong", "nhan", "dan") in forward["hdnd"]
    assert "hdnd" in backward[("hoi", "dong", "nhan", "dan")]
    assert "cnvcld" in forward and "tp" in forward


def _terms(q: wq.Query) -> set[tuple[str, str]]:
    found = set()
    for leaf in q.leaves():
        if isinstance(leaf, wq.Term):
            found.add((leaf.fieldname, leaf.text))
        elif isinstance(leaf, wq.Phrase):
            found.add((leaf.fieldname, " ".join(leaf.words)))
    return found


def test_abbreviation_expands_in_whoosh_query():
    terms = _terms(to_whoosh(parse("LĐLĐ")))
    assert ("body_f", "ldld") in terms
    assert ("body_f", "lien doan lao dong") in terms


def test_full_form_words_expand_to_abbreviation():
    terms = _terms(to_whoosh(parse("Hội đồng nhân dân")))
    assert ("body_f", "hdnd") in terms
    assert ("body_f", "hoi dong nhan dan") in terms


def test_accented_word_adds_exact_terms():
    terms = _terms(to_whoosh(parse("đường")))
    assert ("body_f", "duong") in terms
    assert ("body", "đường") in terms
    assert ("body", "duong") not in terms
    plain = _terms(to_whoosh(parse("duong")))
    assert ("body_f", "duong") in plain and ("body", "duong") not in plain
