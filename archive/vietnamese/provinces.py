"""Vietnam's provinces before and after the 2025 merger (63 -> 34): names, aliases, then and now.

On 2025-07-01 each of the 63 provincial-level units became part of one of 34; a merged unit keeps
one member's name, so "Cần Thơ" names both the old city and the new unit (with Hậu Giang and Sóc
Trăng). An article's province "as published" is its site's province at the article's date: the old
province before the site changed hands, the 2025 unit from then on.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from archive.vietnamese.text import fold

DATA = Path(__file__).with_name("provinces.json")
# "tỉnh Hậu Giang", "thành phố Cần Thơ", "TP. Hồ Chí Minh", "TP.HCM": the administrative word is
# not part of the name (folded, lowercase; "tp" may run into the name).
_PREFIX = re.compile(r"^(?:tinh\s+|thanh\s+pho\s+|t\.?\s?p\s*\.?\s*)")
_NOT_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Province:
    """One of the 63 provincial-level units before 2025-07-01."""

    name: str
    kind: str  # "tỉnh" or "thành phố trực thuộc trung ương"
    iso: str  # ISO 3166-2 code (the pre-2025 one)
    unit: str  # the 2025 unit it belongs to
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Unit:
    """One of the 34 provincial-level units from 2025-07-01."""

    name: str
    kind: str
    members: tuple[str, ...]  # the old provinces merged into it, the one whose name it keeps first
    centre: str


def name_key(name: str) -> str:
    """The lookup form of a province name: folded, lowercase, without "tỉnh"/"TP." and punctuation."""
    folded = fold(name or "").lower().strip()
    return _NOT_ALNUM.sub("", _PREFIX.sub("", folded) or folded)


@dataclass(frozen=True)
class _Tables:
    merger: date
    provinces: dict[str, Province]  # by canonical name, in the data file's order
    units: dict[str, Unit]
    province_keys: dict[str, str]  # name_key of a name or alias -> canonical province name


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    provinces = {p["name"]: Province(p["name"], p["kind"], p["iso_3166_2"], p["new_unit"], tuple(p["aliases"]))
                 for p in data["provinces_before_2025"]}
    units = {u["name"]: Unit(u["name"], u["kind"], tuple(u["merged_from"]), u["centre"]) for u in data["units_2025"]}
    keys: dict[str, str] = {}
    for province in provinces.values():
        for spelling in (province.name, *province.aliases):
            keys.setdefault(name_key(spelling), province.name)
    return _Tables(date.fromisoformat(data["merger_date"]), provinces, units, keys)


def merger_date() -> date:
    """The day the 34 merged units started operating."""
    return _tables().merger


def provinces() -> list[Province]:
    """The 63 old provinces."""
    return list(_tables().provinces.values())


def units() -> list[Unit]:
    """The 34 units of 2025."""
    return list(_tables().units.values())


def find_province(name: str | None) -> Province | None:
    """The old province a name or alias spells, in any case, with or without diacritics."""
    canonical = _tables().province_keys.get(name_key(name or ""))
    return _tables().provinces[canonical] if canonical else None


def find_unit(name: str | None) -> Unit | None:
    """The 2025 unit a name means: its own name, or the name of an old province now part of it
    ("Hậu Giang" -> Cần Thơ)."""
    province = find_province(name)
    return _tables().units[province.unit] if province else None


def canonical_province(name: str | None) -> str | None:
    """The old province's canonical spelling ("TT-Huế" -> "Huế"), None when it names none."""
    province = find_province(name)
    return province.name if province else None


def unit_of(name: str | None) -> str | None:
    """The name of the 2025 unit an old province (any spelling) belongs to."""
    unit = find_unit(name)
    return unit.name if unit else None


def members_of(unit_name: str | None) -> tuple[str, ...]:
    """The old provinces a 2025 unit groups, () when the name means no unit."""
    unit = find_unit(unit_name)
    return unit.members if unit else ()


def province_as_published(province: str | None, published: str | date | None,
                          changed_hands: str | date | None = None) -> str | None:
    """The province a site of `province` belonged to on the day it published.

    Before the site changed hands (by default the merger date) it is the old province, from then on
    the 2025 unit. An undated article keeps the old province. A name that is no province (a national
    newspaper's empty one, a typo) is returned as it is.
    """
    canonical = canonical_province(province)
    if canonical is None:
        return province or None
    day = _day(published)
    handover = _day(changed_hands) or merger_date()
    if day is not None and day >= handover:
        return _tables().provinces[canonical].unit
    return canonical


def _day(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
