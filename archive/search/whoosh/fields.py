"""A Whoosh field type fed with ready-counted terms (see archive/search/analysis.py for why)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from whoosh import fields, formats
from whoosh.analysis import KeywordAnalyzer
from whoosh.system import pack_uint


class CountedText(fields.FieldType):
    """A frequency-only text field indexed from a ready list of terms (see the module docstring)."""

    def __init__(self) -> None:
        self.format = formats.Frequency()
        self.analyzer = KeywordAnalyzer()
        self.scorable = True
        self.stored = False
        self.unique = False
        self.vector = None
        self.column_type = None

    def index(self, value: list[str] | Counter[str], **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        for term, count in (value if isinstance(value, Counter) else Counter(value)).items():
            yield term.encode("utf-8"), count, float(count), pack_uint(count)
