"""Commands that sum the archive up for a researcher: `coverage` (sites x years, gaps, crawl state) and
`compare` (a query's timeline split by province then or now, kind or site)."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from archive.cli.common import UserError, open_store, print_json


def register(command: Any) -> None:
    coverage = command("coverage", cmd_coverage, "articles per site and year (or one year's months), gaps marked")
    coverage.add_argument("--year", type=int, help="show this year's months instead of every year")
    coverage.add_argument("--json", action="store_true", help="print JSON (as /api/coverage)")
    compare = command("compare", cmd_compare, "a query's articles per period, split by province, unit, kind or site")
    compare.add_argument("query", help='the query, as for search ("" for the whole archive)')
    compare.add_argument("--by", default="province",
                         help="province as published, unit (the 2025 province), kind or site (default province)")
    compare.add_argument("--json", action="store_true", help="print JSON (as /api/compare) instead of CSV")


def cmd_coverage(args: argparse.Namespace) -> int:
    from archive.storage.coverage_grid import coverage

    with open_store(args.data) as store:
        report = coverage(store, args.year)
    if args.json:
        print_json(report)
        return 0
    periods = [p["period"][-2:] if args.year else p["period"] for p in report["periods"]]
    print(f"{'site':<24}" + "".join(f"{p:>6}" for p in periods) + "  last crawl            backfill")
    for site in report["sites"]:
        cells = []
        for period in report["periods"]:
            count = site["counts"].get(period["period"])
            cells.append("" if count is None else f"{count}!" if count == 0 else str(count))
        backfill = {True: "complete", False: "cut short", None: "-"}[site["backfill_complete"]]
        print(f"{site['name']:<24}" + "".join(f"{c:>6}" for c in cells) + f"  {site['last_crawl'] or 'never':<21} {backfill}")
    print("(0! = a gap: nothing published between active periods)", file=sys.stderr)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from archive.search.compare import group_names, to_csv
    from archive.search.engine import SearchEngine, SearchError

    with open_store(args.data) as store:
        engine = SearchEngine(args.data)
        try:
            result = engine.compare(args.query, args.by, store=store)
        except (FileNotFoundError, SearchError) as error:
            raise UserError(str(error)) from error
        finally:
            engine.close()
        names = group_names(args.by, store.sites())
    if args.json:
        print_json({**result, "groups": [{**g, "label": names.get(g["value"], g["value"])} for g in result["groups"]]})
    else:
        sys.stdout.write(to_csv(result, names))
    return 0
