"""Snippets: the best window of an article's text, escaped, with matched words in <mark>."""
from __future__ import annotations

import re
from html import escape

from archive.vietnamese.abbreviations import abbreviation_table
from archive.vietnamese.text import fold

WORD_OR_GAP = re.compile(r"\w+|\W+")
WINDOW_WORDS = 36


def match_keys(terms: list[str]) -> set[str]:
    """Folded forms of the query words and of their abbreviation expansions (both ways)."""
    forward, backward = abbreviation_table()
    keys = {fold(t) for t in terms}
    for key in list(keys):
        for words in forward.get(key, []):
            keys.update(words)
    joined = tuple(fold(t) for t in terms)
    for size in range(2, len(joined) + 1):
        for start in range(len(joined) - size + 1):
            keys.update(backward.get(joined[start:start + size], []))
    return keys


def snippet(text: str, terms: list[str], words: int = WINDOW_WORDS) -> str:
    """HTML built from escaped text; only <mark> is added."""
    keys = match_keys(terms)
    shown = text.replace("\n\n", " · ")
    tokens = WORD_OR_GAP.findall(shown)
    word_positions = [i for i, t in enumerate(tokens) if t[0].isalnum() or t[0] == "_"]
    if not word_positions:
        return ""
    # The whole text folded at once; folding keeps letters letters, so its tokens line up with
    # the shown ones whenever the length is kept (always, for NFC text). Windows compare keys only.
    folded = fold(shown.lower())
    folded_tokens = WORD_OR_GAP.findall(folded) if len(folded) == len(shown) else [fold(t.lower()) for t in tokens]
    matched = [key if (key := folded_tokens[p]) in keys else None for p in word_positions]
    start_word = 0
    hits = [n for n, key in enumerate(matched) if key is not None]
    if hits:
        # The window (starting a few words before a hit) with the most distinct matched words.
        starts = dict.fromkeys(max(0, n - 4) for n in hits)
        start_word = max(starts, key=lambda start: (len(set(matched[start:start + words]) - {None}), -start))
    first = word_positions[start_word]
    last_word = min(start_word + words, len(word_positions)) - 1
    last = word_positions[last_word]
    marked = {word_positions[n] for n in range(start_word, last_word + 1) if matched[n] is not None}
    parts = [f"<mark>{escape(token)}</mark>" if i in marked else escape(token)
             for i, token in enumerate(tokens[first:last + 1], start=first)]
    prefix = "… " if start_word > 0 else ""
    suffix = " …" if last_word < len(word_positions) - 1 else ""
    return prefix + "".join(parts) + suffix
