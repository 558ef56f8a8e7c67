"""The site registry: one data file of site profiles (start URLs, domains, URL patterns, selectors).

The bundled file holds the real sites; the user's own registry (`sites.json` in the data dir, written
by `python -m archive sites add|remove`) is merged over it: a profile of the same name replaces the
bundled one, and a removed name hides it.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archive.vietnamese.provinces import unit_of

REGISTRY = Path(__file__).parent / "sites.json"
USER_REGISTRY = "sites.json"  # in the data dir


@dataclass
class SiteProfile:
    name: str
    title: str = ""
    province: str = ""
    kind: str = ""  # union | council | newspaper
    start_urls: list[str] = field(default_factory=list)
    allowed_domains: list[str] = field(default_factory=list)
    article_pattern: str | None = None  # regex on the URL: pages that are articles
    listing_pattern: str | None = None  # regex on the URL: pages worth following for links
    selectors: dict[str, str] = field(default_factory=dict)  # title, body, date, author, remove
    platform: str = ""  # the CMS, where evident
    status: str = ""  # "not yet crawled from here": seen in published material, never fetched from this machine
    changed_hands: str | None = None  # YYYY-MM-DD the site passed to its 2025 unit, when not the merger day
    sample_article_url: str | None = None
    notes: str = ""

    @property
    def unit(self) -> str | None:
        """The 2025 province-level unit of the site's province."""
        return unit_of(self.province)

    def is_article_url(self, url: str) -> bool | None:
        """True/False when the profile knows, None when it has no pattern."""
        if not self.article_pattern:
            return None
        return re.search(self.article_pattern, url) is not None


def load_registry(data_dir: Path | None = None, path: Path = REGISTRY) -> dict[str, SiteProfile]:
    """The bundled profiles, with the data dir's own registry merged over them when given."""
    profiles = {entry["name"]: _profile(entry) for entry in _read(path).get("sites", [])}
    if data_dir is not None:
        own = _read(Path(data_dir) / USER_REGISTRY)
        profiles.update((entry["name"], _profile(entry)) for entry in own.get("sites", []))
        for name in own.get("removed", []):
            profiles.pop(name, None)
    return profiles


def add_user_site(data_dir: Path, profile: SiteProfile) -> Path:
    """Add (or replace) a profile in the data dir's registry; returns the file written."""
    own = _read(Path(data_dir) / USER_REGISTRY)
    entry = {key: value for key, value in asdict(profile).items() if value not in (None, "", [], {})}
    own["sites"] = [e for e in own.get("sites", []) if e["name"] != profile.name] + [entry]
    own["removed"] = [name for name in own.get("removed", []) if name != profile.name]
    return _write(Path(data_dir) / USER_REGISTRY, own)


def remove_user_site(data_dir: Path, name: str) -> bool:
    """Drop a site from the merged registry (its own profile, and the bundled one by name); False
    when no such site is registered."""
    if name not in load_registry(data_dir):
        return False
    own = _read(Path(data_dir) / USER_REGISTRY)
    own["sites"] = [e for e in own.get("sites", []) if e["name"] != name]
    if name in load_registry():
        own["removed"] = sorted({*own.get("removed", []), name})
    _write(Path(data_dir) / USER_REGISTRY, own)
    return True


def profile_for_url(url: str, profiles: dict[str, SiteProfile]) -> SiteProfile | None:
    """The profile whose domains hold the URL's host, the most specific domain first (a council's
    subdomain before the provincial portal it sits under)."""
    host = urlsplit(url).hostname or ""
    matches = [(len(d), profile) for profile in profiles.values() for d in profile.allowed_domains
               if host == d or host.endswith("." + d)]
    return max(matches, key=lambda match: match[0])[1] if matches else None


def zero_config_profile(url: str) -> SiteProfile:
    """A profile for a bare start URL: the site is its host (and port), nothing else is assumed."""
    parts = urlsplit(url)
    return SiteProfile(name=parts.netloc, title=parts.netloc, start_urls=[url],
                       allowed_domains=[parts.hostname or ""])


_FIELDS = {f.name for f in fields(SiteProfile)}


def _profile(entry: dict[str, Any]) -> SiteProfile:
    return SiteProfile(**{k: v for k, v in entry.items() if k in _FIELDS})


def _read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    partial.replace(path)  # never a half-written registry
    return path
