"""The abbreviation table (LĐLĐ, HĐND, CNVCLĐ ...) in folded form, both ways, read once."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from archive.vietnamese.text import WORD, fold

ABBREVIATIONS = Path(__file__).parent / "abbreviations.json"


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
