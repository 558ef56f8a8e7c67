"""The app's `int` URL converter: one spelling per number, within SQLite's integer range."""
from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter, Map

SQLITE_MAX_INTEGER = 2**63 - 1


class DatabaseInteger(IntegerConverter):
    """ASCII digits without leading zeros, up to SQLite's largest integer; anything else is a 404.

    Werkzeug's `\\d+` also takes full-width and other scripts' digits ("/articles/１" was a second URL
    of article 1, like "/articles/01"), and a number past 2^63 - 1 made SQLite raise (a 500).
    """

    regex = r"[1-9][0-9]{0,18}"

    def __init__(self, map: Map, *args: Any, **kwargs: Any):
        kwargs.setdefault("max", SQLITE_MAX_INTEGER)
        super().__init__(map, *args, **kwargs)
