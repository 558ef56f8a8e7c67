"""The site registry: one data file of site profiles (start URLs, domains, URL patterns, selectors)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REGISTRY = Path(__file__).parent / "sites.json"


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

    def is_article_url(self, url: str) -> bool | None:
        """True/False when the profile knows, None when it has no pattern."""
        if not self.article_pattern:
            return None
        return re.search(self.article_pattern, url) is not None


def load_registry(path: Path = REGISTRY) -> dict[str, SiteProfile]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {entry["name"]: SiteProfile(**entry) for entry in data["sites"]}


def profile_for_url(url: str, profiles: dict[str, SiteProfile]) -> SiteProfile | None:
    host = urlsplit(url).hostname or ""
    for profile in profiles.values():
        if any(host == d or host.endswith("." + d) for d in profile.allowed_domains):
            return profile
    return None


def zero_config_profile(url: str) -> SiteProfile:
    """A profile for a bare start URL: the site is its host (and port), nothing else is assumed."""
    parts = urlsplit(url)
    return SiteProfile(name=parts.netloc, title=parts.netloc, start_urls=[url],
                       allowed_domains=[parts.hostname or ""])
