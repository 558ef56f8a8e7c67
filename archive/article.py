"""The plain-data record that crosses every module border."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Article:
    """A cleaned article: what the cleaner produces and the store keeps."""

    url: str
    title: str
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    credit: str | None = None
    lead: str | None = None
    text: str = ""
    captions: list[str] = field(default_factory=list)
    related: list[dict[str, str]] = field(default_factory=list)
    site: str | None = None
    language: str = "vi"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p]
