"""CSV cells that spreadsheets open safely: never run as a formula (CSV injection), never longer
than Excel keeps. Shared by the exports and the compare table."""
from __future__ import annotations

import unicodedata
from typing import Any

EXCEL_CELL_LIMIT = 32_767  # characters Excel keeps in a cell; a longer one spills into the rows below
# A cell whose first visible character is one of these is run as a formula by spreadsheets (CSV
# injection); they skip leading spaces, NBSP and zero-width characters to find it.
FORMULA_START = frozenset("=+-@")


def spreadsheet_cell(value: Any, limit: int | None = None) -> Any:
    """A value as a CSV cell a spreadsheet shows as text (never runs as a formula), cut at `limit`."""
    if not isinstance(value, str):
        return value
    if _formula_like(value):
        value = "'" + value
    return value[:limit - 1] + "…" if limit is not None and len(value) > limit else value


def _formula_like(value: str) -> bool:
    if value.startswith(("\t", "\r")):
        return True
    visible = next((c for c in value if not (c.isspace() or unicodedata.category(c) == "Cf")), "")
    return visible in FORMULA_START
