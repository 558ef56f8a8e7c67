"""The coverage grid: per site, articles per year and month, the gaps, and how far its crawls got.

A researcher reads it before drawing conclusions: a year with nothing between active years is a gap
in the archive (or in the site), and a site whose backfill never reached the end of its listings
holds fewer old articles than it published.
"""
from __future__ import annotations

from typing import Any

from archive.storage.store import Store
from archive.vietnamese.dates import period_bounds
from archive.vietnamese.provinces import unit_of


def coverage(store: Store, year: int | None = None) -> dict[str, Any]:
    """Sites x years (or, for one year, sites x its months) with counts and gaps marked.

    Periods are the local (Vietnam) year and month the article was published; undated articles are
    counted apart. Each site's periods run from its first to its last active one: a zero inside
    that run is a gap.
    """
    months = _months_by_site(store)
    facts = store.crawl_facts()
    sites = []
    for name, site in sorted(store.sites().items()):
        by_month = months.get(name, {})
        undated = by_month.pop(None, 0)
        counts = _span(_periods(by_month, year), year)
        sites.append({
            "name": name, "title": site["title"] or name, "province": site["province"] or None,
            "unit": unit_of(site["province"]), "kind": site["kind"] or None,
            "articles": sum(by_month.values()) + undated, "undated": undated,
            "counts": counts, "gaps": [period for period, count in counts.items() if count == 0],
            **{"last_crawl": None, "backfill_complete": None, **facts.get(name, {})},
        })
    columns = sorted({period for site in sites for period in site["counts"]})
    if year is not None:
        columns = [f"{year}-{month:02d}" for month in range(1, 13)]
    periods = [dict(zip(("period", "from", "to"), (period, *period_bounds(period)), strict=True)) for period in columns]
    return {"unit": "month" if year is not None else "year", "year": year, "periods": periods, "sites": sites}


def _months_by_site(store: Store) -> dict[str, dict[str | None, int]]:
    """Articles per site and local year-month ("2016-03", from the date the page printed; None for
    undated ones), read from the (site, published) index alone."""
    rows = store.db.execute(
        "SELECT site, CASE WHEN published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(published, 1, 7) END "
        "AS month, count(*) FROM articles INDEXED BY articles_site_published GROUP BY site, month")
    out: dict[str, dict[str | None, int]] = {}
    for site, month, count in rows:
        out.setdefault(site, {})[month] = count
    return out


def _periods(by_month: dict[str, int], year: int | None) -> dict[str, int]:
    """Counts per year, or per month of one year (with the site's activity around it for the span)."""
    if year is None:
        years: dict[str, int] = {}
        for month, count in by_month.items():
            years[month[:4]] = years.get(month[:4], 0) + count
        return years
    return dict(by_month)


def _span(periods: dict[str, int], year: int | None) -> dict[str, int]:
    """Every period from the first to the last active one, zeros included; for one year, only its
    months (a month before the site's first article or after its last is outside its span)."""
    if not periods:
        return {}
    first, last = min(periods), max(periods)
    if year is None:
        return {str(y): periods.get(str(y), 0) for y in range(int(first), int(last) + 1)}
    months = [f"{year}-{m:02d}" for m in range(1, 13)]
    return {month: periods.get(month, 0) for month in months if first <= month <= last}
