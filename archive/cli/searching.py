"""Commands that read the archive: `search`, `export` and `stats`."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from archive.cli.common import open_store, print_json, run_search


def register(command: Any) -> None:
    search = command("search", cmd_search, "search the archive")
    search.add_argument("query", help='words, "phrases", -exclusions, OR, and filters such as site:NAME year:2020')
    search.add_argument("--json", action="store_true", help="print the result as JSON")
    search.add_argument("--limit", type=int, default=10, help="hits per page (default 10)")
    search.add_argument("--page", type=int, default=1, help="result page (default 1)")
    search.add_argument("--site", help="only this site (its name, as `stats` lists them)")
    search.add_argument("--from", dest="date_from", help="published on or after this day (YYYY-MM-DD)")
    search.add_argument("--to", dest="date_to", help="published on or before this day (YYYY-MM-DD)")
    search.add_argument("--sort", default="relevance", choices=["relevance", "newest", "oldest"],
                        help="order of the hits (default relevance)")
    export = command("export", cmd_export, "export every result of a query (up to 10,000)")
    export.add_argument("query", help="the query, as for search")
    export.add_argument("--format", choices=["csv", "jsonl"], default="csv", help="output format (default csv)")
    stats = command("stats", cmd_stats, "per-site totals and the last crawl")
    stats.add_argument("--json", action="store_true", help="print JSON")


def cmd_search(args: argparse.Namespace) -> int:
    filters = {"site": args.site, "from": args.date_from, "to": args.date_to}
    result = run_search(args.data, args.query, page=args.page, limit=args.limit, sort=args.sort,
                        filters=filters)
    result.pop("took_ms", None)
    if args.json:
        print_json(result)
        return 0
    print(f"{result['total']} results for {args.query!r}")
    for hit in result["hits"]:
        print(f"\n[{hit['id']}] {hit['title']}\n    {hit['published'] or '?'} · {hit['site']} · {hit['url']}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from functools import partial

    from archive.search.export import export_chunks, iter_hits

    open_store(args.data, read_only=True).close()  # no archive: an error before any output
    for chunk in export_chunks(args.format, iter_hits(partial(run_search, args.data), args.query)):
        sys.stdout.write(chunk)
    sys.stdout.flush()
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with open_store(args.data, read_only=True) as store:
        result = {"articles": store.count(), "sites": store.site_totals(), "last_crawl": store.last_run()}
    if args.json:
        print_json(result)
        return 0
    print(f"{result['articles']} articles")
    for site in result["sites"]:
        print(f"  {site['name']:<28}{site['articles']:>6}  {site['oldest'] or ''} .. {site['newest'] or ''}")
    if result["last_crawl"]:
        print(f"last crawl finished {result['last_crawl']['finished']}")
    return 0
