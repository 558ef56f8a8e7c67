"""The query language: words (all must match), "phrases", -exclusion, OR, field filters.

Parsing never fails: whatever the user typed becomes a query or an empty one.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from archive.search.filters import FILTERS
from archive.vietnamese.abbreviations import abbreviation_table
from archive.vietnamese.provinces import name_key
from archive.vietnamese.text import WORD, fold, normalize

MAX_QUERY_CHARS = 500
MAX_TERMS = 32
MAX_PARTIAL_FORMS = 8  # each is one more phrase to score: a phrase of 16 "TP." should not cost 16
QUERY_TOKEN = re.compile(r'(\w+):"([^"]*)"|(-?)"([^"]*)"|(\S+)')
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_NAME_WORDS = 5  # words an unquoted multi-word filter value may take ("Bà Rịa Vũng Tàu")


@dataclass
class Clause:
    words: list[str]  # normalized, lowercase words
    phrase: bool = False
    negated: bool = False
    quoted: bool = False  # typed in quotes: a promise of exactly this sequence (long phrases are checked)


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
    matches = list(QUERY_TOKEN.finditer(text))
    position = 0
    while position < len(matches):
        match = matches[position]
        position += 1
        field_name, field_value = match.group(1), match.group(2)
        negated, quoted, bare = match.group(3) == "-", match.group(4), match.group(5)
        if field_name is not None:
            if field_name.lower() in FILTERS:
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
            if value and name.lower() in FILTERS:
                following = [m.group(5) for m in matches[position:position + MAX_NAME_WORDS]]
                value, taken = _joined_name(value.strip('"'), following, FILTERS[name.lower()].names)
                parsed.filters[name.lower()] = value
                position += taken
                continue
            words = _words(bare)
            clause = Clause(words, phrase=len(words) > 1, negated=negated) if words else None
        else:
            words = _words(quoted)
            clause = Clause(words, phrase=len(words) > 1, negated=negated, quoted=True) if words else None
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


def _joined_name(value: str, following: list[str | None], names: Callable[[], list[str]] | None) -> tuple[str, int]:
    """An unquoted filter value with the bare words after it that complete a known multi-word name
    (`province:an giang` -> "an giang"); returns the value and how many words it took."""
    if names is None:
        return value, 0
    known = names()
    best, taken = value, 0
    words = [value]
    for count, word in enumerate(following, 1):
        if word is None or ":" in word or word == "OR":
            break
        words.append(word)
        key = name_key(" ".join(words))
        if not any(name.startswith(key) for name in known):
            break
        if key in known:
            best, taken = " ".join(words), count
    return best, taken


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text.strip('"'))]


# --- abbreviation expansion -----------------------------------------------------------------------

def partial_forms(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A folded phrase with one inner part in its other form: ("tong", "lien", "doan", "lao", "dong",
    "viet", "nam") -> ("tong", "ldldvn"), so "Tổng LĐLĐVN" matches; ("hoi", "thao", "cnvcld") -> the
    expanded words. The phrase as a whole is not included (its own forms are looked up directly)."""
    forward, backward = abbreviation_table()
    forms: list[tuple[str, ...]] = []
    for start in range(len(words)):
        for end in range(start + 1, len(words) + (start > 0)):  # never the whole phrase
            run, before, after = words[start:end], words[:start], words[end:]
            if len(run) > 1:
                forms.extend((*before, short, *after) for short in backward.get(run, []))
            else:
                forms.extend((*before, *full, *after) for full in forward.get(run[0], []))
    return list(dict.fromkeys(forms))[:MAX_PARTIAL_FORMS]  # expansions differing in punctuation fold alike


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
