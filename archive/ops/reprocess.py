"""Re-extract every article from its raw capture: no network, the cleaner's latest rules."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archive.extract.encoding import charset_from_content_type
from archive.extract.identity import canonical_url, identify
from archive.extract.page_kind import Verdict, judge, template_blocks
from archive.extract.site_blocks import SiteBlockLearner
from archive.sites import SiteProfile, load_registry, profile_for_url
from archive.storage.store import Store
from archive.storage.warc import CapturedResponse, iter_responses

# A host's template is learned from (at most) this many of its captures: plenty to see the
# blocks every page repeats, bounded memory on a site of 20,000 pages.
LEARN_FROM_PAGES = 500


def latest_captures(warc_dir: Path) -> dict[str, CapturedResponse]:
    """The latest successful capture of each URL."""
    latest = {}
    for captured in iter_responses(warc_dir):
        if captured.status == 200:
            latest[captured.url] = captured
    return latest


def judge_capture(captured: CapturedResponse, registry: dict[str, SiteProfile],
                  site_blocks: frozenset[str] | None = None) -> Verdict:
    """The page-kind policy's verdict on a capture, as the crawl judges a fetched page."""
    profile = profile_for_url(captured.url, registry)
    return judge(captured.body, captured.url, profile, _charset(captured), site_blocks)


def _charset(captured: CapturedResponse) -> str | None:
    return charset_from_content_type({k.lower(): v for k, v in captured.headers}.get("content-type"))


def learn_templates(captures: Iterable[CapturedResponse]) -> dict[str, frozenset[str]]:
    """Each host's template (blocks repeated across its captured pages), learned from all of them."""
    learner = SiteBlockLearner(recent=LEARN_FROM_PAGES)
    for captured in captures:
        learner.add(urlsplit(captured.url).netloc, template_blocks(captured.body, _charset(captured)))
    return {host: learner.learned(host) for host in learner.pages}


def site_for_url(url: str, sites: dict[str, dict[str, Any]]) -> str | None:
    """The stored site whose base URL has this URL's host and port (sites crawled without a profile)."""
    netloc = urlsplit(url).netloc
    return next((name for name, site in sites.items() if urlsplit(site.get("base_url") or "").netloc == netloc),
                None)


def store_capture(store: Store, captured: CapturedResponse, registry: dict[str, SiteProfile],
                  sites: dict[str, dict[str, Any]], site_blocks: frozenset[str] | None = None) -> str:
    """Clean one capture into the store; 'new', 'changed', 'unchanged' or 'skipped' (not an article
    by the page-kind policy: the capture stays in the WARC for a later run with other rules)."""
    verdict = judge_capture(captured, registry, site_blocks)
    article = verdict.article
    if article is None or verdict.page is None:
        return "skipped"
    host = urlsplit(captured.url).netloc
    identity = identify(canonical_url(captured.url), verdict.page.own_url, lambda url: urlsplit(url).netloc == host)
    article.url = identity.url
    known = next(filter(None, map(store.id_for_url, (identity.url, *identity.aliases))), None)
    if known is not None:
        article.site = store.get(known)["site"]
    elif profile_for_url(captured.url, registry) is None:
        article.site = site_for_url(captured.url, sites) or article.site
    return store.upsert_article(article, captured.capture, identity.aliases, identity.key)


def reprocess(store: Store, warc_dir: Path) -> dict[str, int]:
    """Latest capture of each URL wins; returns counts of new, changed, unchanged and skipped."""
    registry, sites = load_registry(warc_dir.parent), store.sites()
    counts = {"new": 0, "changed": 0, "unchanged": 0, "skipped": 0}
    latest = latest_captures(warc_dir)
    templates = learn_templates(latest.values())
    with store.transaction():
        for captured in latest.values():
            blocks = templates.get(urlsplit(captured.url).netloc)
            counts[store_capture(store, captured, registry, sites, blocks)] += 1
    return counts
