"""Snippets: the best window of an article's text, escaped, with matched words in <mark>."""
from __future__ import annotations

import re
from html import escape

from archive.query import abbreviation_table
from archive.text import fold

TOKEN = re.compile(r"\w+|\W+")
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
    tokens = TOKEN.findall(text.replace("\n\n", " · "))
    word_positions = [i for i, t in enumerate(tokens) if t[0].isalnum() or t[0] == "_"]
    hits = [i for i in word_positions if fold(tokens[i].lower()) in keys]
    if not word_positions:
        return ""
    start_word = 0
    if hits:
        # Slide over word positions and keep the window with the most distinct matched words.
        best = (-1, 0)
        index_of = {pos: n for n, pos in enumerate(word_positions)}
        for pos in hits:
            n = index_of[pos]
            window = word_positions[max(0, n - 4):max(0, n - 4) + words]
            distinct = len({fold(tokens[p].lower()) for p in window if fold(tokens[p].lower()) in keys})
            if distinct > best[0]:
                best = (distinct, max(0, n - 4))
        start_word = best[1]
    first = word_positions[start_word]
    last_word = min(start_word + words, len(word_positions)) - 1
    last = word_positions[last_word]
    parts = []
    for token in tokens[first:last + 1]:
        safe = escape(token)
        parts.append(f"<mark>{safe}</mark>" if token[0].isalnum() and fold(token.lower()) in keys else safe)
    prefix = "… " if start_word > 0 else ""
    suffix = " …" if last_word < len(word_positions) - 1 else ""
    return prefix + "".join(parts) + suffix
