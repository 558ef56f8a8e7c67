"""The crawl's verdict: which sites failed, its exit code and the one line that says so."""
from __future__ import annotations

from typing import Any

OK, PARTIAL = 0, 1


def failed_sites(summary: dict[str, Any]) -> dict[str, str]:
    """Site -> why it failed: nothing at all came back from it, or it was given up as down."""
    failed = {}
    for site, entry in summary.items():
        errors = entry["errors"]
        if entry["fetched"] == 0 and entry["not_modified"] == 0:
            failed[site] = ", ".join(f"{kind}: {count}" for kind, count in sorted(errors.items())) or "no page answered"
        elif errors.get("site_down"):
            failed[site] = "given up: too many server errors in a row"
    return failed


def verdict(summary: dict[str, Any]) -> tuple[int, str]:
    """(exit code, one line): 0 when every site answered, 1 when some or all failed."""
    failed = failed_sites(summary)
    new = sum(entry["new"] for entry in summary.values())
    changed = sum(entry["changed"] for entry in summary.values())
    fetched = sum(entry["fetched"] for entry in summary.values())
    if not failed:
        return OK, (f"crawl ok: {len(summary)} site(s), {fetched} pages fetched, {new} new and {changed} changed "
                    "articles")
    reasons = "; ".join(f"{site} ({why})" for site, why in failed.items())
    if len(failed) == len(summary):
        return PARTIAL, f"error: crawl failed, no site answered: {reasons}"
    return PARTIAL, (f"crawl partial: {len(failed)} of {len(summary)} sites failed: {reasons}; {new} new and "
                     f"{changed} changed articles from the others")
