"""Matching and BM25F ranking of a parsed query, as array operations over every document at once.

Per document: BM25F over the folded words and the title (title boosted), plus an accent bonus
where a word typed with diacritics appears exactly so, plus a proximity bonus where adjacent
query words appear side by side. Phrases are all their word pairs. Abbreviations are matched in
both directions, as alternatives of the clause.
"""
from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass

import numpy as np

from archive.search.query import Clause, ParsedQuery, expand_words, partial_forms
from archive.search.schema import FILTER_FORMS
from archive.search.whoosh.doc_table import DocTable, utc_seconds
from archive.search.whoosh.postings import Postings
from archive.vietnamese.abbreviations import abbreviation_table
from archive.vietnamese.dates import parse_machine_date
from archive.vietnamese.text import fold

K1, B = 1.2, 0.75
TITLE_WEIGHT = 2.0  # a title word counts as two body words before saturation
EXACT_BOOST = 1.0  # a word typed with diacritics: exact matches score about double
PROXIMITY_BOOST = 0.5  # adjacent query words found side by side
SOURCE_WEIGHT = 0.3  # a match in the publisher's name, against one in the text


@dataclass
class Matches:
    mask: np.ndarray  # bool per document
    score: np.ndarray  # float per document (meaningful where mask)


class Ranker:
    def __init__(self, table: DocTable, postings: Postings):
        self.table, self.postings = table, postings
        self.size = table.size
        live = max(1, int(table.live.sum()))
        self._live_count = live
        self._norm_words = 1 - B + B * table.numbers["nwords"] / table.mean_words
        self._norm_title = 1 - B + B * table.numbers["ntitle"] / table.mean_title

    # --- building blocks -----------------------------------------------------------------------
    def _idf(self, df: int) -> float:
        return float(np.log(1 + (self._live_count - df + 0.5) / (df + 0.5)))

    def _saturated(self, ids: np.ndarray, tf: np.ndarray, df: int) -> Matches:
        mask = np.zeros(self.size, dtype=bool)
        mask[ids] = True
        score = np.zeros(self.size, dtype=np.float32)
        score[ids] = self._idf(df) * tf * (K1 + 1) / (tf + K1)
        return Matches(mask, score)

    def word(self, typed: str) -> Matches:
        folded = fold(typed)
        ids, counts = self.postings.get("words", folded)
        tf = counts / self._norm_words[ids]
        title_ids, title_counts = self.postings.get("title", folded)
        if len(title_ids):  # BM25F: title occurrences join the word's frequency before saturation
            combined = np.zeros(self.size, dtype=np.float32)
            combined[ids] = tf
            combined[title_ids] += TITLE_WEIGHT * title_counts / self._norm_title[title_ids]
            tf = combined[ids]
        found = self._saturated(ids, tf, len(ids))
        if folded != typed:  # typed with diacritics
            exact_ids, exact_counts = self.postings.get("exact", typed)
            if len(exact_ids):
                bonus = self._saturated(exact_ids, exact_counts / self._norm_words[exact_ids], len(exact_ids))
                found.score += EXACT_BOOST * bonus.score
        return self._or_source(found, folded)

    def pair(self, first: str, second: str) -> Matches:
        term = f"{fold(first)} {fold(second)}"
        ids, counts = self.postings.get("pairs", term)
        return self._or_source(self._saturated(ids, counts / self._norm_words[ids], len(ids)), term)

    def _or_source(self, found: Matches, term: str) -> Matches:
        """A text match, or (weighing less) a match in the publisher's name."""
        ids, counts = self.postings.get("source", term)
        if len(ids):
            by_source = self._saturated(ids, counts, len(ids))
            found.mask |= by_source.mask
            found.score += SOURCE_WEIGHT * by_source.score
        return found

    def phrase(self, words: list[str]) -> Matches:
        if len(words) == 1:
            return self.word(words[0])
        found = Matches(np.ones(self.size, dtype=bool), np.zeros(self.size, dtype=np.float32))
        for first, second in itertools.pairwise(words):
            both = self.pair(first, second)
            found.mask &= both.mask
            found.score += both.score
        for word in words:
            found.score += self.word(word).score
        return found

    def clause(self, clause: Clause) -> Matches:
        """A clause or any of its abbreviation forms (the best-scoring form counts)."""
        forward, backward = abbreviation_table()
        folded = tuple(fold(w) for w in clause.words)
        options = [self.phrase(clause.words)]
        if clause.phrase:
            options.extend(self.word(short) for short in backward.get(folded, []))
            options.extend(self.phrase(list(words)) for words in forward.get("".join(folded), []))
            options.extend(self.phrase(list(words)) for words in partial_forms(folded))
        else:
            options.extend(self.phrase(list(words)) for words in forward.get(folded[0], []))
        return _best(options)

    # --- a whole query -------------------------------------------------------------------------
    def run(self, parsed: ParsedQuery) -> Matches:
        found = Matches(self.table.live.copy(), np.zeros(self.size, dtype=np.float32))
        singles = expand_words([g[0] for g in parsed.groups if len(g) == 1])
        for clause in singles:
            _require(found, self.clause(clause))
        for group in (g for g in parsed.groups if len(g) > 1):
            alternatives = [self.clause(c) for c in group]
            _require(found, Matches(np.logical_or.reduce([a.mask for a in alternatives]),
                                    np.sum([a.score for a in alternatives], axis=0)))
        for first, second in itertools.pairwise(singles):
            if not first.phrase and not second.phrase:
                found.score += PROXIMITY_BOOST * self.pair(first.words[0], second.words[0]).score
        for clause in parsed.excluded:
            found.mask &= ~self.clause(clause).mask
        found.mask &= self.filters(parsed.filters)
        return found

    def filters(self, filters: dict[str, str]) -> np.ndarray:
        table = self.table
        mask = np.ones(self.size, dtype=bool)
        for name, facet_form in FILTER_FORMS.items():
            if filters.get(name):
                mask &= table.mask_for(name, facet_form(filters[name]))
        if filters.get("year"):
            year = filters["year"].strip()
            mask &= (table.year == int(year)) if year.isdigit() else False
        start = parse_machine_date(filters["from"]) if filters.get("from") else None
        end = parse_machine_date(filters["to"]) if filters.get("to") else None
        published = table.numbers["published"]
        if start:  # whole local (Vietnam) days
            mask &= table.dated & (published >= utc_seconds(start.value.replace(hour=0, minute=0, second=0)))
        if end:
            mask &= table.dated & (published <= utc_seconds(end.value.replace(hour=23, minute=59, second=59)))
        return mask

    def similar_to(self, words: list[str], limit_terms: int = 25) -> Matches:
        """More like this: the article's most distinctive words, any of them matching."""
        counts = Counter(words)
        weighted = sorted(counts, key=lambda w: -counts[w] * self._idf(self.postings.doc_frequency("words", w)))
        found = Matches(np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float32))
        for word in weighted[:limit_terms]:
            match = self.word(word)
            found.mask |= match.mask
            found.score += match.score
        found.mask &= self.table.live
        return found


def _require(found: Matches, clause: Matches) -> None:
    found.mask &= clause.mask
    found.score += clause.score


def _best(options: list[Matches]) -> Matches:
    if len(options) == 1:
        return options[0]
    return Matches(np.logical_or.reduce([o.mask for o in options]), np.max([o.score for o in options], axis=0))

