"""Re-extract every article from its raw capture: no network, the cleaner's latest rules."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from archive.cleaner import extract_page
from archive.encoding import charset_from_content_type
from archive.sites import load_registry, profile_for_url
from archive.store import Store
from archive.warc import iter_responses
from crawler.urls import should_archive


def reprocess(store: Store, warc_dir: Path) -> dict[str, int]:
    """Latest capture of each URL wins; returns counts of new, changed, unchanged and skipped."""
    latest = {}
    for captured in iter_responses(warc_dir):
        if captured.status == 200:
            latest[captured.url] = captured
    registry = load_registry()
    counts = {"new": 0, "changed": 0, "unchanged": 0, "skipped": 0}
    with store.transaction():
        for url, captured in latest.items():
            known = store.id_for_url(url)
            profile = profile_for_url(url, registry)
            content_type = {k.lower(): v for k, v in captured.headers}.get("content-type")
            page = extract_page(captured.body, url, profile, charset_from_content_type(content_type))
            article = page.article
            if known is not None:
                article.site = store.get(known)["site"]
            elif profile is None:
                article.site = urlsplit(url).netloc
            says = profile.is_article_url(url) if profile else None
            if known is None and not should_archive(url, says, page.is_article):
                counts["skipped"] += 1
                continue
            counts[store.upsert_article(article, captured.capture)] += 1
    return counts
