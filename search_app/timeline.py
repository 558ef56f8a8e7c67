"""Geometry of the results timeline (a server-rendered SVG bar chart): no JS, no library."""
from __future__ import annotations

from typing import Any

WIDTH, HEIGHT = 720, 150
TOP, BOTTOM = 16, 22  # room for the counts above the bars and the period labels below
MAX_LABELS = 14


def period_label(period: str) -> str:
    """"2016" -> "2016", "2016-03" -> "3/2016"."""
    year, _, month = period.partition("-")
    return f"{int(month)}/{year}" if month else year


def timeline_bars(timeline: dict[str, Any] | None, tallest: int | None = None) -> dict[str, Any] | None:
    """Bars with positions in a WIDTH x HEIGHT viewBox; None when there is nothing to draw.

    `tallest` is the count that fills the height (small multiples share one), by default the biggest.
    """
    buckets = (timeline or {}).get("buckets") or []
    if not buckets:
        return None
    tallest = tallest or max(bucket["count"] for bucket in buckets) or 1
    slot = WIDTH / len(buckets)
    gap = min(4.0, slot * 0.2)
    usable = HEIGHT - TOP - BOTTOM
    label_every = max(1, -(-len(buckets) // MAX_LABELS))  # ceiling division
    unit = "Tháng" if timeline.get("unit") == "month" else "Năm"
    bars = []
    for n, bucket in enumerate(buckets):
        height = max(1.0, usable * bucket["count"] / tallest) if bucket["count"] else 0.0
        x = n * slot + gap / 2
        bars.append({
            **bucket, "x": round(x, 1), "width": round(slot - gap, 1), "height": round(height, 1),
            "y": round(TOP + usable - height, 1), "middle": round(x + (slot - gap) / 2, 1),
            "label": period_label(bucket["period"]), "show_label": n % label_every == 0,
            "name": f"{unit} {period_label(bucket['period'])}: {bucket['count']} bài",
        })
    return {"bars": bars, "width": WIDTH, "height": HEIGHT, "baseline": HEIGHT - BOTTOM,
            "unit": timeline.get("unit"), "total": sum(b["count"] for b in buckets)}
