"""Coverage facts of one site, as plain data: is this everything the site ever published?

Read from the store only (the crawl records what it walked): the listings the last crawl paged
and how each ended, the articles and their date range, the URLs discovered but not yet fetched
(the frontier), aliases folded, pages refused by kind and errors of the last crawl. A crawl that
was cut short (killed, out of budget, the site down) says so, and how to continue.
"""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from archive.storage.store import Store

# How a listing's walk ended; the first three mean nothing of it was left unread.
WALK_ENDS = {
    "end": "paged to its last page",
    "archived": "stopped where it met articles already archived",
    "repeat": "stopped at pages repeating what earlier pages linked",
    "budget": "cut by the page budget",
    "error": "a listing page failed to download",
}
COMPLETE_ENDS = ("end", "archived", "repeat")
# Why a site's archive may be partial (the code of `cut_short`), the most telling first.
CUT_SHORT = {
    "killed": "the last crawl was interrupted before it finished (killed or crashed)",
    "budget": "the page budget ran out ({page_budget} pages left for later)",
    "site_down": "the site was down (too many server errors in a row)",
    "errors": "some pages failed to download",
    "partial_walk": "the last crawl did not walk the whole site",
}


def site_coverage(store: Store, name: str) -> dict[str, Any] | None:
    """Every coverage fact of a stored site, or None when no such site was ever crawled."""
    site = store.db.execute("SELECT * FROM sites WHERE name = ?", (name,)).fetchone()
    if site is None:
        return None
    db = store.db
    articles = db.execute("SELECT count(*), min(published), max(published) FROM articles WHERE site = ?",
                          (name,)).fetchone()
    years = dict(db.execute("SELECT substr(published, 1, 4) AS year, count(*) FROM articles WHERE site = ? "
                            "AND published IS NOT NULL GROUP BY year ORDER BY year", (name,)).fetchall())
    undated = articles[0] - sum(years.values())
    state = db.execute("SELECT started_run, completed_run, last_crawl FROM crawl_state WHERE site = ?",
                       (name,)).fetchone()
    run = _last_finished_run(store, name)
    walks = _walks(store, name, run["id"] if run else None)
    pending = dict(db.execute("SELECT kind, count(*) FROM frontier WHERE site = ? GROUP BY kind", (name,)).fetchall())
    entry = (run or {}).get("stats", {}).get(name, {})
    facts: dict[str, Any] = {
        "name": name, "title": site["title"], "base_url": site["base_url"],
        "articles": articles[0], "oldest": articles[1], "newest": articles[2],
        "per_year": {**years, **({"undated": undated} if undated else {})},
        "listings": walks,
        "listing_pages_walked": sum(w["pages"] for w in walks),
        "deepest_page": max((w["deepest"] for w in walks), default=0),
        "reached_end_of_every_listing": bool(walks) and all(w["ended"] in COMPLETE_ENDS for w in walks),
        "pending": {"total": sum(pending.values()), "by_kind": pending},
        "aliases_folded": db.execute("SELECT count(*) FROM aliases WHERE site = ?", (name,)).fetchone()[0],
        "refused": entry.get("refused", {}),
        "errors": entry.get("errors", {}),
        "last_crawl": {"run": run["id"] if run else None, "finished": state["last_crawl"] if state else None,
                       "whole_site": bool(state and state["completed_run"] is not None
                                          and state["completed_run"] == state["started_run"])},
    }
    facts["cut_short"] = _cut_short(facts, state, run)
    facts["complete"] = facts["cut_short"] is None and facts["reached_end_of_every_listing"]
    return facts


def _last_finished_run(store: Store, name: str) -> dict[str, Any] | None:
    """The latest finished crawl run that crawled this site."""
    for row in store.db.execute("SELECT id, finished, stats FROM crawl_runs WHERE finished IS NOT NULL "
                                "ORDER BY id DESC"):
        stats = json.loads(row["stats"] or "{}")
        if name in stats:
            return {"id": row["id"], "finished": row["finished"], "stats": stats}
    return None


def _walks(store: Store, name: str, run_id: int | None) -> list[dict[str, Any]]:
    rows = store.db.execute("SELECT listing, pages, deepest, ended FROM listing_walks WHERE site = ? AND run_id = ? "
                            "ORDER BY listing", (name, run_id)).fetchall()
    return [{**dict(row), "meaning": WALK_ENDS.get(row["ended"], row["ended"])} for row in rows]


def _cut_short(facts: dict[str, Any], state: Any, run: dict[str, Any] | None) -> dict[str, str] | None:
    """Why the archive of this site may be partial, and the command that continues it; None when whole."""
    errors, pending = facts["errors"], facts["pending"]["total"]
    killed = state is not None and state["started_run"] is not None and (run is None or state["started_run"] > run["id"])
    if killed:
        code = "killed"
    elif errors.get("page_budget"):
        code = "budget"
    elif errors.get("site_down"):
        code = "site_down"
    elif pending or any(w["ended"] not in COMPLETE_ENDS for w in facts["listings"]):
        code = "errors"
    elif not facts["last_crawl"]["whole_site"]:
        code = "partial_walk"
    else:
        return None
    base = facts["base_url"] or ""
    # A zero-config site is named after its start URL's host; a registry site by its profile name.
    command = f"python -m archive crawl {base}" if urlsplit(base).netloc == facts["name"] else \
        f"python -m archive crawl --site {facts['name']}"
    return {"code": code, "reason": CUT_SHORT[code].format(**errors), "command": command,
            "continue": f"run `{command}` again: it resumes from the {pending} pages discovered but not yet fetched"}
