"""Re-extract every article from its raw capture: no network, the cleaner's latest rules."""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archive.extract.encoding import charset_from_content_type
from archive.extract.page_kind import Verdict, judge
from archive.sites import SiteProfile, load_registry, profile_for_url
from archive.storage.store import Store
from archive.storage.warc import CapturedResponse, iter_responses


def latest_captures(warc_dir: Path) -> dict[str, CapturedResponse]:
    """The latest successful capture of each URL."""
    latest = {}
    for captured in iter_responses(warc_dir):
        if captured.status == 200:
            latest[captured.url] = captured
    return latest


def judge_capture(captured: CapturedResponse, registry: dict[str, SiteProfile]) -> Verdict:
    """The page-kind policy's verdict on a capture, exactly as the crawl judged it when fetched."""
    profile = profile_for_url(captured.url, registry)
    content_type = {k.lower(): v for k, v in captured.headers}.get("content-type")
    return judge(captured.body, captured.url, profile, charset_from_content_type(content_type))


def site_for_url(url: str, sites: dict[str, dict[str, Any]]) -> str | None:
    """The stored site whose base URL has this URL's host and port (sites crawled without a profile)."""
    netloc = urlsplit(url).netloc
    return next((name for name, site in sites.items() if urlsplit(site.get("base_url") or "").netloc == netloc),
                None)


def store_capture(store: Store, captured: CapturedResponse, registry: dict[str, SiteProfile],
                  sites: dict[str, dict[str, Any]]) -> str:
    """Clean one capture into the store; 'new', 'changed', 'unchanged' or 'skipped' (not an article
    by the page-kind policy: the capture stays in the WARC for a later run with other rules)."""
    article = judge_capture(captured, registry).article
    if article is None:
        return "skipped"
    known = store.id_for_url(captured.url)
    if known is not None:
        article.site = store.get(known)["site"]
    elif profile_for_url(captured.url, registry) is None:
        article.site = site_for_url(captured.url, sites) or article.site
    return store.upsert_article(article, captured.capture)


def reprocess(store: Store, warc_dir: Path) -> dict[str, int]:
    """Latest capture of each URL wins; returns counts of new, changed, unchanged and skipped."""
    registry, sites = load_registry(), store.sites()
    counts = {"new": 0, "changed": 0, "unchanged": 0, "skipped": 0}
    with store.transaction():
        for captured in latest_captures(warc_dir).values():
            counts[store_capture(store, captured, registry, sites)] += 1
    return counts
