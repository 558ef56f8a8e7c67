"""The periods of a timeline: every year (or month) from the first match to the last, zeros included."""
from __future__ import annotations

import calendar
from typing import Any

import numpy as np

MONTHS_UP_TO_YEARS = 3  # a timeline spanning at most this many years is drawn by month


def period_buckets(table: Any, dated: np.ndarray) -> tuple[str, list[dict[str, Any]], np.ndarray]:
    """(unit, buckets, slot of each document) for dated documents: unit "year" or "month", a bucket
    per period ({"period", "count", "from", "to"}), and which bucket each document falls in."""
    if not len(dated):
        return "year", [], np.zeros(0, dtype=np.int64)
    years = table.year[dated]
    first, last = int(years.min()), int(years.max())
    if last - first < MONTHS_UP_TO_YEARS:
        months = (years - first) * 12 + table.month[dated] - 1
        start = int(months.min())
        slots = months - start
        counts = np.bincount(slots, minlength=int(months.max()) - start + 1)
        return "month", [_month_bucket(first + (start + i) // 12, (start + i) % 12 + 1, int(c))
                         for i, c in enumerate(counts)], slots
    slots = years - first
    counts = np.bincount(slots, minlength=last - first + 1)
    return "year", [{"period": str(first + i), "count": int(c), "from": f"{first + i}-01-01",
                     "to": f"{first + i}-12-31"} for i, c in enumerate(counts)], slots


def _month_bucket(year: int, month: int, count: int) -> dict[str, Any]:
    days = calendar.monthrange(year, month)[1]
    return {"period": f"{year}-{month:02d}", "count": count, "from": f"{year}-{month:02d}-01",
            "to": f"{year}-{month:02d}-{days:02d}"}
