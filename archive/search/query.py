"""The query language: words (all must match), "phrases", -exclusion, OR, field filters.

Parsing never fails: whatever the user typed becomes a query or an empty one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.vietnamese.abbreviations import abbreviation_table
from archive.vietnamese.text import WORD, fold, normalize

MAX_QUERY_CHARS = 500
MAX_TERMS = 32
MAX_PARTIAL_FORMS = 8  # each is one more phrase to score: a phrase of 16 "TP." should not cost 16
QUERY_TOKEN = re.compile(r'(\w+):"([^"]*)"|(-?)"([^"]*)"|(\S+)')
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
FILTER_FIELDS = {"site", "province", "unit", "kind", "year", "from", "to", "person", "org", "place"}


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
    for match in QUERY_TOKEN.finditer(text):
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
