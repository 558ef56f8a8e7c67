"""`stats --site NAME`: one site's coverage, so an archivist can tell complete from partial at a glance."""
from __future__ import annotations

import argparse
from typing import Any

from archive.cli.common import UserError, open_store, print_json
from archive.storage.coverage import site_coverage


def cmd_site_coverage(args: argparse.Namespace) -> int:
    with open_store(args.data) as store:
        facts = site_coverage(store, args.site)
    if facts is None:
        raise UserError(f"no site {args.site!r} in the archive (`stats` lists them)")
    if args.json:
        print_json(facts)
    else:
        print("\n".join(coverage_lines(facts)))
    return 0


def coverage_lines(facts: dict[str, Any]) -> list[str]:
    verdict = "COMPLETE: every listing walked to its end" if facts["complete"] else "PARTIAL"
    lines = [f"{facts['name']} ({facts['title']}): {verdict}",
             f"  articles {facts['articles']}, oldest {facts['oldest'] or '?'}, newest {facts['newest'] or '?'}",
             "  per year: " + (", ".join(f"{year} {n}" for year, n in facts["per_year"].items()) or "none"),
             f"  listing pages walked {facts['listing_pages_walked']}, deepest page {facts['deepest_page']}"]
    for walk in facts["listings"]:
        lines.append(f"    {walk['listing']}: {walk['pages']} pages, to page {walk['deepest']}, {walk['meaning']}")
    lines.append(f"  aliases folded {facts['aliases_folded']}; pages discovered, not yet fetched "
                 f"{facts['pending']['total']}")
    for group in ("refused", "errors"):
        counts = ", ".join(f"{kind} {n}" for kind, n in sorted(facts[group].items())) or "none"
        lines.append(f"  {'pages refused' if group == 'refused' else 'errors'} (last crawl): {counts}")
    cut = facts["cut_short"]
    if cut:
        lines.append(f"  cut short: {cut['reason']}; to continue, {cut['continue']}")
    return lines
