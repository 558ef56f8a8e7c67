"""Matching and BM25F ranking of a parsed query, as array operations over every document at once.

Per document: BM25F over the folded words and the title (title boosted), plus an accent bonus
where a word typed with diacritics appears exactly so, plus a proximity bonus where adjacent
query words appear side by side. A phrase is exactly its words in order: up to three words it is
one indexed term (a pair or a triple), a longer one is all its triples, checked against each
candidate's word sequence. Abbreviations are matched in both directions, as alternatives of the
clause; the form the user typed ranks at least as high as the others. A run of query words
naming a province ranks the articles about that province first.
"""
from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time

import numpy as np

from archive.search.analysis import EXACT_MARK, exact_words, folded_words
from archive.search.filters import FILTERS
from archive.search.query import Clause, ParsedQuery, expand_words, partial_forms
from archive.search.schema import facet_value
from archive.search.whoosh.doc_table import DocTable, utc_seconds
from archive.search.whoosh.postings import Postings
from archive.search.whoosh.sequences import Sequences
from archive.vietnamese import provinces
from archive.vietnamese.abbreviations import abbreviation_table
from archive.vietnamese.dates import VIETNAM
from archive.vietnamese.text import fold

K1, B = 1.2, 0.75
TITLE_WEIGHT = 2.0  # a title word counts as two body words before saturation
EXACT_BOOST = 1.0  # a word typed with diacritics: exact matches score about double
PROXIMITY_BOOST = 0.5  # adjacent query words found side by side
SOURCE_WEIGHT = 0.3  # a match in the publisher's name, against one in the text
AUTHOR_WEIGHT = 0.3  # a match in the byline, against one in the text
TYPED_FORM_LEAD = 0.9  # another form of an abbreviation scores at most this share of the typed form's best
PLACE_WEIGHT = 1.0  # an article from the province a query names, against the place's words in its text
MAX_PLACE_WORDS = 4  # "Bà Rịa Vũng Tàu"


@dataclass
class Matches:
    mask: np.ndarray  # bool per document
    score: np.ndarray  # float per document (meaningful where mask)


class Ranker:
    def __init__(self, table: DocTable, postings: Postings, sequences: Sequences):
        self.table, self.postings, self.sequences = table, postings, sequences
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
            found.score += self._exact(typed)
        return self._or_elsewhere(found, folded)

    def _exact(self, typed: str) -> np.ndarray:
        """The accent bonus: the word written exactly so."""
        ids, counts = self.postings.get("exact", typed)
        return EXACT_BOOST * self._saturated(ids, counts / self._norm_words[ids], len(ids)).score

    def pair(self, first: str, second: str) -> Matches:
        return self._run("pairs", f"{fold(first)} {fold(second)}")

    def _run(self, field: str, term: str) -> Matches:
        """A run of words (a pair or a triple) in the text, the publisher's name or the byline."""
        ids, counts = self.postings.get(field, term)
        return self._or_elsewhere(self._saturated(ids, counts / self._norm_words[ids], len(ids)), term)

    def _or_elsewhere(self, found: Matches, term: str) -> Matches:
        """A text match, or (weighing less) a match in the publisher's name or the byline."""
        for field, weight in (("source", SOURCE_WEIGHT), ("author", AUTHOR_WEIGHT)):
            ids, counts = self.postings.get(field, term)
            if len(ids):
                elsewhere = self._saturated(ids, counts, len(ids))
                found.mask |= elsewhere.mask
                found.score += weight * elsewhere.score
        return found

    def phrase(self, words: list[str], exact: bool = True) -> Matches:
        """These words in this order (punctuation between them aside). Past three words a page may
        hold every triple apart: `exact` checks each candidate's words (quoted phrases); otherwise
        (words the query joined into an abbreviation's full form) the triples suffice."""
        if len(words) == 1:
            return self.word(words[0])
        folded = [fold(w) for w in words]
        if len(words) == 2:
            found = self.pair(*words)
        else:
            found = Matches(np.ones(self.size, dtype=bool), np.zeros(self.size, dtype=np.float32))
            for run in zip(folded, folded[1:], folded[2:]):
                _require(found, self._run("triples", " ".join(run)))
            if exact and len(words) > 3:
                candidates = np.flatnonzero(found.mask)
                found.mask[candidates[~self.sequences.holding(candidates, folded)]] = False
        for word in words:
            found.score += self.word(word).score
        return found

    def clause(self, clause: Clause) -> Matches:
        """A clause or any of its abbreviation forms (the best-scoring form counts).

        A long form scores more than a short one (more words, more pairs): every other form is
        scaled so its best page scores at most TYPED_FORM_LEAD of the typed form's best page, so
        "LĐLĐ" ranks the pages that write "LĐLĐ" first and "Liên đoàn Lao động" the other way round.
        """
        forward, backward = abbreviation_table()
        folded = tuple(fold(w) for w in clause.words)
        exact = clause.quoted
        typed = self.phrase(clause.words, exact)
        others: list[Matches] = []
        if clause.phrase:
            others.extend(self.word(short) for short in backward.get(folded, []))
            others.extend(self.phrase(list(words), exact) for words in forward.get("".join(folded), []))
            others.extend(self.phrase(list(words), exact) for words in partial_forms(folded))
        else:
            others.extend(self.phrase(list(words), exact) for words in forward.get(folded[0], []))
        if not others:
            return typed
        lead = float(typed.score[typed.mask].max()) if typed.mask.any() else 0.0
        for other in others:
            best = float(other.score[other.mask].max()) if other.mask.any() else 0.0
            if lead and best > TYPED_FORM_LEAD * lead:
                other.score *= TYPED_FORM_LEAD * lead / best
        return _best([typed, *others])

    # --- a whole query -------------------------------------------------------------------------
    def run(self, parsed: ParsedQuery, filters: dict[str, str] | None = None) -> Matches:
        """The query's matches; `filters` are already resolved (archive.search.filters.resolve)."""
        found = Matches(self.table.live.copy(), np.zeros(self.size, dtype=np.float32))
        singles = expand_words([g[0] for g in parsed.groups if len(g) == 1])
        found.score += self._places(singles)
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
        for name, value in (filters or {}).items():
            if FILTERS[name].keep is not None:
                found.mask &= FILTERS[name].keep(self, value)
        return found

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

    # --- filters -------------------------------------------------------------------------------
    def author(self, name: str) -> np.ndarray:
        """Documents whose byline holds the name: folded, or exactly as typed with diacritics."""
        folded = folded_words(name)
        runs = [" ".join(folded[i:i + 3]) for i in range(max(1, len(folded) - 2))]
        terms = runs + [EXACT_MARK + w for w in exact_words(name) if fold(w) != w]
        mask = self.table.live.copy()
        for term in terms:
            ids, _ = self.postings.get("author", term)
            mask &= _members(ids, self.size)
        return mask

    def published_from(self, day: date) -> np.ndarray:
        """Dated documents published on or after the day (Vietnam's)."""
        start = utc_seconds(datetime.combine(day, time(), VIETNAM))
        return self.table.dated & (self.table.numbers["published"] >= start)

    def published_to(self, day: date) -> np.ndarray:
        end = utc_seconds(datetime.combine(day, time(23, 59, 59), VIETNAM))
        return self.table.dated & (self.table.numbers["published"] <= end)

    # --- places --------------------------------------------------------------------------------
    def _places(self, singles: list[Clause]) -> np.ndarray:
        """A bonus for articles from a province that a run of query words names ("ldld dien bien"):
        the run may also be ordinary words ("diễn biến"), which then rank after the place."""
        bonus = np.zeros(self.size, dtype=np.float32)
        words = [c.words[0] if not c.phrase else None for c in singles]
        start = 0
        while start < len(words):
            for size in range(min(MAX_PLACE_WORDS, len(words) - start), 1, -1):
                run = words[start:start + size]
                province = None if None in run else provinces.find_province(" ".join(run))
                if province is not None:
                    bonus += PLACE_WEIGHT * self._from_place(province, run)
                    start += size - 1
                    break
            start += 1
        return bonus

    def _from_place(self, province: provinces.Province, typed: list[str]) -> np.ndarray:
        """Its name written with its diacritics anywhere, and (more) articles published in it."""
        spelled = exact_words(province.name)
        if [fold(w) for w in spelled] != [fold(w) for w in typed]:  # typed as an alias ("tt hue")
            spelled = typed
        bonus = sum((self._exact(w) for w in spelled if fold(w) != w), np.zeros(self.size, dtype=np.float32))
        local = self.table.mask_for("province", facet_value(province.name))
        if local.any():  # at least what one mention of the name in the text would score
            named = self.phrase(spelled, exact=False)
            once = self._idf(int(named.mask.sum())) * len(spelled)
            bonus += np.where(local, np.maximum(named.score, once), 0).astype(np.float32)
        return bonus


def _require(found: Matches, clause: Matches) -> None:
    found.mask &= clause.mask
    found.score += clause.score


def _members(ids: np.ndarray, size: int) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    mask[ids] = True
    return mask


def _best(options: list[Matches]) -> Matches:
    if len(options) == 1:
        return options[0]
    return Matches(np.logical_or.reduce([o.mask for o in options]), np.max([o.score for o in options], axis=0))

