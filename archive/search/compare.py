"""Compare: the timeline of a search split by a group (province then or now, kind, site).

Periods are those of the search's own timeline (archive.search.periods: years, or months for a
short span); every group gets a count for every period, zeros included, so the
groups can be drawn as small multiples on one scale and exported as one table.
"""
from __future__ import annotations

import csv
import io
from typing import Any

import numpy as np

from archive.search.periods import period_buckets
from archive.search.schema import province_labels
from archive.search.spreadsheet import spreadsheet_cell

GROUPINGS = ("province", "unit", "kind", "site")
MAX_GROUPS = 12  # more would not read as small multiples: the rest are summed as one "other" group
OTHER = "khac"  # the facet form of "khác": never a site, province or kind


def split_timeline(table: Any, docs: np.ndarray, by: str, max_groups: int = MAX_GROUPS) -> dict[str, Any]:
    """Counts of the dated documents per period and group, biggest groups first.

    Returns {"by", "unit", "periods": [{"period", "from", "to"}], "groups": [{"value", "total", "counts"}]};
    documents without a group value (a site with no province) form the group "".
    """
    if by not in GROUPINGS:
        raise ValueError(f"cannot split by {by!r}: use one of {', '.join(GROUPINGS)}")
    dated = docs[table.dated[docs]]
    unit, buckets, slots = period_buckets(table, dated)
    labels = table.labels[by]
    codes = table.codes[by][dated]
    counts = np.zeros((len(labels), len(buckets)), dtype=np.int64)
    np.add.at(counts, (codes, slots), 1)
    totals = counts.sum(axis=1)
    order = [int(g) for g in np.lexsort((np.array(labels, dtype=object), -totals)) if totals[g]]
    shown, rest = order[:max_groups], order[max_groups:]
    groups = [{"value": labels[g], "total": int(totals[g]), "counts": counts[g].tolist()} for g in shown]
    if rest:
        groups.append({"value": OTHER, "total": int(totals[rest].sum()), "counts": counts[rest].sum(axis=0).tolist()})
    periods = [{key: bucket[key] for key in ("period", "from", "to")} for bucket in buckets]
    return {"by": by, "unit": unit, "periods": periods, "groups": groups, "undated": len(docs) - len(dated)}


def group_names(by: str, sites: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Names of a grouping's values (facet forms back to province names, sites to their titles)."""
    named: dict[str, str] = {}
    if by in ("province", "unit"):
        named = province_labels(site["province"] for site in sites.values())[by]
    elif by == "site":
        named = {name: site["title"] or name for name, site in sites.items()}
    return {**named, OTHER: "Các nhóm khác", "": "Không rõ"}


def to_csv(result: dict[str, Any], names: dict[str, str]) -> str:
    """One row per period (period, from, to) and a column of counts per group, headed by its name."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["period", "from", "to", *(spreadsheet_cell(names.get(g["value"], g["value"])) for g in result["groups"])])
    for n, period in enumerate(result["periods"]):
        writer.writerow([period["period"], period["from"], period["to"], *(g["counts"][n] for g in result["groups"])])
    return out.getvalue()
