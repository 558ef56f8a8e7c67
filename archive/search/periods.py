"""The periods of a timeline: every year (or month) from the first match to the last, zeros included."""
from __future__ import annotations

from typing import Any

import numpy as np

from archive.vietnamese.dates import period_bounds

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
        names = [f"{first + (start + i) // 12}-{(start + i) % 12 + 1:02d}" for i in range(len(counts))]
        return "month", [_bucket(name, int(c)) for name, c in zip(names, counts, strict=True)], slots
    slots = years - first
    counts = np.bincount(slots, minlength=last - first + 1)
    return "year", [_bucket(str(first + i), int(c)) for i, c in enumerate(counts)], slots


def _bucket(period: str, count: int) -> dict[str, Any]:
    start, end = period_bounds(period)
    return {"period": period, "count": count, "from": start, "to": end}
