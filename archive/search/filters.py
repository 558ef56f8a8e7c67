"""Query filters (`site:`, `province:`, `unit:`, `kind:`, `author:`, `year:`, `from:`, `to:`, `person:`,
`org:`, `place:`), one table.

Every value is read into what the index holds, or reported back: a filter that is not understood
is not applied and gives a warning naming the nearest valid values, never a silent empty result.
Each filter is one row of FILTERS: how its value is checked and which documents it keeps.
"""
from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from archive.search.schema import facet_value
from archive.vietnamese import provinces
from archive.vietnamese.text import fold

# Vietnamese names of the site kinds (as the page shows them, typed with or without accents).
KIND_WORDS = {
    "union": ("công đoàn", "công-đoàn", "liên đoàn lao động", "lđlđ"),
    "council": ("hđnd", "hội đồng nhân dân", "hội đồng"),
    "newspaper": ("báo", "báo chí", "tờ báo"),
}
NEAREST = 3  # valid values offered for a value not understood


class FilterError(ValueError):
    """Filters that contradict each other (a start date after the end date); `vietnamese` says it
    for the page."""

    def __init__(self, message: str, vietnamese: str):
        super().__init__(message)
        self.vietnamese = vietnamese


class Unknown(ValueError):
    """A filter value the index cannot use; the message says why and what would work."""


@dataclass
class Known:
    """What the index holds, for checking filter values: site name -> title, facet labels."""

    sites: dict[str, str]
    provinces: dict[str, str]  # facet form -> name as written
    kinds: list[str]
    years: tuple[int, int]  # first and last year with articles


@dataclass(frozen=True)
class Filter:
    label: str  # its Vietnamese name, in messages
    resolve: Callable[[str, Known], str]  # the value as the index holds it, or raises Unknown
    # (the Ranker, the value) -> per document: does it pass; None for the entity filters, which need
    # the store's names (the engine applies them: archive/search/entity_facets.py)
    keep: Callable[[Any, str], np.ndarray] | None
    # Known multi-word values: typed without quotes, the words after the value join it while they
    # still spell the start of one of these (folded, no spaces): `province:an giang`.
    names: Callable[[], list[str]] | None = None


@dataclass
class Resolved:
    applied: dict[str, str]  # filter -> value as the index holds it
    warnings: list[str]


def resolve(filters: dict[str, str], known: Known) -> Resolved:
    """Check every filter; the ones understood are applied, the others are warnings."""
    applied: dict[str, str] = {}
    warnings: list[str] = []
    for name, value in filters.items():
        value = (value or "").strip()
        if not value or name not in FILTERS:
            continue
        try:
            applied[name] = FILTERS[name].resolve(value, known)
        except Unknown as unknown:
            warnings.append(f"{name}:{_quoted(value)} ({FILTERS[name].label}) không được áp dụng: {unknown}")
    if "from" in applied and "to" in applied and applied["from"] > applied["to"]:
        raise FilterError(f"from:{applied['from']} is after to:{applied['to']}",
                          f"Ngày bắt đầu ({applied['from']}) sau ngày kết thúc ({applied['to']}): "
                          "hãy đổi lại hai ngày.")
    return Resolved(applied, warnings)


def _quoted(value: str) -> str:
    return f'"{value}"' if " " in value else value


def _nearest(typed: str, choices: dict[str, str], prefix: str) -> str:
    """'Did you mean site:baoangiang?' from the choices (key to compare -> value to offer)."""
    close = difflib.get_close_matches(typed, list(choices), n=NEAREST, cutoff=0.5)
    if not close:
        return ""
    offered = ", ".join(f"{prefix}:{_quoted(choices[c])}" for c in dict.fromkeys(close))
    return f" Có phải ý bạn là {offered}?"


# --- resolving values ----------------------------------------------------------------------------

def _site(value: str, known: Known) -> str:
    if value in known.sites:
        return value
    key = facet_value(value)
    by_key = {facet_value(name): name for name in known.sites}
    by_key.update({facet_value(title): name for name, title in known.sites.items() if title})
    if key in by_key:  # a site's title ("Báo An Giang") or a name typed with other case/accents
        return by_key[key]
    raise Unknown("không có trang tin này trong kho." + _nearest(key, by_key, "site"))


def _province(value: str, known: Known) -> str:
    key = facet_value(value)
    if key in known.provinces:
        return key
    # Another name of the same province ("TT-Huế" for a site whose province reads "Thừa Thiên Huế")
    named = provinces.canonical_province(value)
    same = [k for k, name in known.provinces.items() if named and provinces.canonical_province(name) == named]
    if same:
        return same[0]
    choices = {k: name for k, name in known.provinces.items()}
    raise Unknown("không có trang tin nào của tỉnh/thành này trong kho." + _nearest(key, choices, "province"))


def _kind(value: str, known: Known) -> str:
    key = facet_value(value).replace("-", "")
    if key in known.kinds:
        return key
    for kind, words in KIND_WORDS.items():
        if key == kind or key in {facet_value(w).replace("-", "") for w in words}:
            return kind
    choices = {kind: kind for kind in known.kinds} | {facet_value(w[0]).replace("-", ""): w[0].replace(" ", "-")
                                                       for w in KIND_WORDS.values()}
    raise Unknown("loại trang là báo, hđnd hoặc công-đoàn." + _nearest(key, choices, "kind"))


def _year(value: str, known: Known) -> str:
    first, last = known.years
    if not value.isdigit() or not 1900 <= int(value) <= 2100:
        raise Unknown("năm viết bằng bốn chữ số, ví dụ year:2020.")
    if first and not first <= int(value) <= last:
        raise Unknown(f"kho có bài từ năm {first} đến năm {last}.")
    return value


def _day(value: str, known: Known) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise Unknown("ngày viết theo dạng năm-tháng-ngày, ví dụ 2020-01-31.") from None


def _unit(value: str, known: Known) -> str:
    unit = provinces.unit_of(value)
    if unit is None:
        units = {facet_value(u.name): u.name for u in provinces.units()}
        raise Unknown("không có tỉnh/thành này (tên trước hay sau ngày 1/7/2025)."
                      + _nearest(facet_value(value), units, "unit"))
    return facet_value(unit)


def _name(value: str, known: Known) -> str:
    if not fold(value).strip(" .,-"):
        raise Unknown("cần một tên.")
    return value


def _author(value: str, known: Known) -> str:
    if not fold(value).strip(" .,-"):
        raise Unknown("cần tên tác giả.")
    return value


# --- the table -----------------------------------------------------------------------------------

def _label(column: str) -> Callable[[Any, str], np.ndarray]:
    return lambda ranker, value: ranker.table.mask_for(column, value)


@lru_cache(maxsize=1)
def _place_names() -> list[str]:
    """Lookup keys of every province name, old and 2025, and their aliases."""
    names = [name for p in provinces.provinces() for name in (p.name, *p.aliases)]
    return sorted({provinces.name_key(name) for name in names + [u.name for u in provinces.units()]})


FILTERS: dict[str, Filter] = {
    "site": Filter("trang tin", _site, _label("site")),
    "province": Filter("tỉnh/thành", _province, _label("province"), names=_place_names),
    "unit": Filter("tỉnh/thành theo địa giới hiện nay", _unit, _label("unit"), names=_place_names),
    "kind": Filter("loại trang", _kind, _label("kind")),
    "author": Filter("tác giả", _author, lambda ranker, value: ranker.author(value)),
    "year": Filter("năm", _year, lambda ranker, value: ranker.table.year == int(value)),
    "from": Filter("từ ngày", _day, lambda ranker, value: ranker.published_from(date.fromisoformat(value))),
    "to": Filter("đến ngày", _day, lambda ranker, value: ranker.published_to(date.fromisoformat(value))),
    "person": Filter("người", _name, None),
    "org": Filter("tổ chức", _name, None),
    "place": Filter("địa danh", _name, None),
}
