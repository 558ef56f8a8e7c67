"""How provinces are named on the pages: facet forms back to names, then (as published) and now."""
from __future__ import annotations

from collections.abc import Iterable

from archive.search.schema import facet_value
from archive.vietnamese.provinces import canonical_province, provinces, units


def province_labels(site_provinces: Iterable[str | None]) -> dict[str, dict[str, str]]:
    """{"province": {facet form: name}, "unit": {...}} for every province and 2025 unit, and any
    site's own province that is none of them."""
    known = {facet_value(p.name): p.name for p in provinces()}
    own = {facet_value(name): name for name in site_provinces if name and canonical_province(name) is None}
    return {"province": {**known, **{facet_value(u.name): u.name for u in units()}, **own},
            "unit": {**{facet_value(u.name): u.name for u in units()}, **own}}
