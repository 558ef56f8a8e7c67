"""The query language: words (all must match), "phrases", -exclusion, OR, field filters.

Parsing never fails: whatever the user typed becomes a query or an empty one.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from whoosh import query as wq

from archive.dates import parse_machine_date
from archive.index import facet_value
from archive.text import fold, normalize

MAX_QUERY_CHARS = 500
MAX_TERMS = 32
ABBREVIATIONS = Path(__file__).parent / "abbreviations.json"
TOKEN = re.compile(r'(\w+):"([^"]*)"|(-?)"([^"]*)"|(\S+)')
WORD = re.compile(r"\w+")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
FILTER_FIELDS = {"site", "province", "kind", "year", "from", "to"}
FOLDED_FIELDS = ("title_f", "body_f", "source_f")
EXACT_BOOST = 2.0  # a word typed with its diacritics ranks exact matches above folded-only ones


@dataclass
class Clause:
    words: list[str]  # normalized, lowercase words
    phrase: bool = False
    negated: bool = False


@dataclass
class ParsedQuery:
    groups: list[list[Clause]] = field(default_factory=list)  # AND of OR-groups
    filters: dict[str, str] = field(default_factory=dict)
    excluded: list[Clause] = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        """Every positive word, for highlighting."""
        return [w for group in self.groups for clause in group for w in clause.words]

    @property
    def empty(self) -> bool:
        return not self.groups


def parse(text: str) -> ParsedQuery:
    text = normalize(CONTROL.sub(" ", text or ""))[:MAX_QUERY_CHARS]
    parsed = ParsedQuery()
    pending_or = False
    for match in TOKEN.finditer(text):
        field_name, field_value = match.group(1), match.group(2)
        negated, quoted, bare = match.group(3) == "-", match.group(4), match.group(5)
        if field_name is not None:
            if field_name.lower() in FILTER_FIELDS:
                parsed.filters[field_name.lower()] = field_value
                continue
            quoted = f"{field_name} {field_value}"
        if bare is not None:
            if bare == "OR":
                pending_or = bool(parsed.groups)
                continue
            negated = bare.startswith("-") and len(bare) > 1
            bare = bare.lstrip("-") if negated else bare
            name, _, value = bare.partition(":")
            if value and name.lower() in FILTER_FIELDS:
                parsed.filters[name.lower()] = value.strip('"')
                continue
            words = _words(bare)
            clause = Clause(words, phrase=len(words) > 1, negated=negated) if words else None
        else:
            words = _words(quoted)
            clause = Clause(words, phrase=len(words) > 1, negated=negated) if words else None
        if clause is None:
            continue
        if clause.negated:
            parsed.excluded.append(clause)
        elif pending_or:
            parsed.groups[-1].append(clause)
        else:
            parsed.groups.append([clause])
        pending_or = False
        if sum(len(c.words) for g in parsed.groups for c in g) >= MAX_TERMS:
            break
    return parsed


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text.strip('"'))]


# --- to Whoosh -----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def abbreviation_table() -> tuple[dict[str, list[tuple[str, ...]]], dict[tuple[str, ...], list[str]]]:
    """(folded abbreviation -> folded expansions, folded expansion words -> folded abbreviations)."""
    data = json.loads(ABBREVIATIONS.read_text(encoding="utf-8"))["abbreviations"]
    forward: dict[str, list[tuple[str, ...]]] = {}
    backward: dict[tuple[str, ...], list[str]] = {}
    for short, expansions in data.items():
        key = "".join(fold(w.lower()) for w in WORD.findall(short))
        for expansion in expansions:
            words = tuple(fold(w.lower()) for w in WORD.findall(expansion))
            forward.setdefault(key, []).append(words)
            backward.setdefault(words, []).append(key)
    return forward, backward


def word_query(word: str) -> wq.Query:
    folded = fold(word)
    matching = wq.Or([wq.Term(f, folded) for f in FOLDED_FIELDS])
    if folded == word:  # typed without diacritics: every variant matches equally
        return matching
    exact = wq.Or([wq.Term("title", word), wq.Term("body", word)], boost=EXACT_BOOST)
    return wq.AndMaybe(matching, exact)


def phrase_query(words: list[str]) -> wq.Query:
    folded = [fold(w) for w in words]
    matching = wq.Or([wq.Phrase(f, folded) for f in FOLDED_FIELDS])
    if folded == words:
        return matching
    exact = wq.And([wq.Or([wq.Term("title", w), wq.Term("body", w)]) for w in words], boost=EXACT_BOOST)
    return wq.AndMaybe(matching, exact)


def clause_query(clause: Clause) -> wq.Query:
    """A clause with its abbreviation expansions, both ways."""
    forward, backward = abbreviation_table()
    folded = tuple(fold(w) for w in clause.words)
    options: list[wq.Query] = []
    if clause.phrase:
        options.append(phrase_query(clause.words))
        options.extend(word_query(short) for short in backward.get(folded, []))
        joined = "".join(folded)
        if joined in forward:  # "TP." typed as "tp" or "CNVC-LĐ" as two words
            options.extend(phrase_query(list(words)) for words in forward[joined])
    else:
        word = clause.words[0]
        options.append(word_query(word))
        options.extend(phrase_query(list(words)) if len(words) > 1 else word_query(words[0])
                       for words in forward.get(folded[0], []))
    return options[0] if len(options) == 1 else wq.Or(options)


def expand_words(clauses: list[Clause]) -> list[Clause]:
    """Join runs of bare words that spell an abbreviation's full form into one phrase clause."""
    _, backward = abbreviation_table()
    longest = max((len(k) for k in backward), default=0)
    out: list[Clause] = []
    i = 0
    while i < len(clauses):
        joined = None
        for size in range(min(longest, len(clauses) - i), 1, -1):
            run = clauses[i:i + size]
            if all(not c.phrase for c in run) and tuple(fold(c.words[0]) for c in run) in backward:
                joined = Clause([c.words[0] for c in run], phrase=True)
                break
        out.append(joined or clauses[i])
        i += len(joined.words) if joined else 1
    return out


def to_whoosh(parsed: ParsedQuery) -> wq.Query:
    singles = [g[0] for g in parsed.groups if len(g) == 1]
    alternatives = [g for g in parsed.groups if len(g) > 1]
    required: list[wq.Query] = [clause_query(c) for c in expand_words(singles)]
    required += [wq.Or([clause_query(c) for c in group]) for group in alternatives]
    required += filter_queries(parsed.filters)
    query: wq.Query = wq.And(required) if required else wq.Every()
    if parsed.excluded:
        query = wq.AndNot(query, wq.Or([clause_query(c) for c in parsed.excluded]))
    return query


def filter_queries(filters: dict[str, str]) -> list[wq.Query]:
    found: list[wq.Query] = []
    for name in ("site", "province", "kind"):
        if filters.get(name):
            value = filters[name] if name == "site" else facet_value(filters[name])
            found.append(wq.Term(name, value))
    if filters.get("year"):
        found.append(wq.Term("year", filters["year"]))
    start = parse_machine_date(filters["from"]) if filters.get("from") else None
    end = parse_machine_date(filters["to"]) if filters.get("to") else None
    if start or end:
        # Whoosh keeps naive UTC; the bounds are whole local (Vietnam) days.
        found.append(wq.DateRange(
            "published",
            _utc(start.value.replace(hour=0, minute=0, second=0)) if start else None,
            _utc(end.value.replace(hour=23, minute=59, second=59)) if end else None,
        ))
    return found


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)
