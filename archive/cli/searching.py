"""Commands that read the archive: `search`, `export` and `stats`."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from typing import Any

from archive.cli.common import UserError, open_store, print_json, run_search
from archive.cli.coverage import cmd_site_coverage

EXPORT_PROGRESS_EVERY = 5000  # rows between progress lines on stderr


def register(command: Any) -> None:
    search = command("search", cmd_search, "search the archive")
    search.add_argument("query", help='words, "phrases", -exclusions, OR, and filters such as site:NAME year:2020')
    search.add_argument("--json", action="store_true", help="print the result as JSON")
    search.add_argument("--limit", type=int, default=10, help="hits per page (default 10)")
    search.add_argument("--page", type=int, default=1, help="result page (default 1)")
    search.add_argument("--site", help="only this site (its name, as `stats` lists them)")
    search.add_argument("--from", dest="date_from", help="published on or after this day (YYYY-MM-DD)")
    search.add_argument("--to", dest="date_to", help="published on or before this day (YYYY-MM-DD)")
    search.add_argument("--author", help="only articles by this author (as printed, or without diacritics)")
    search.add_argument("--sort", default="relevance", choices=["relevance", "newest", "oldest"],
                        help="order of the hits (default relevance)")
    export = command("export", cmd_export, "export every result of a query for analysis (text, lead, captions, "
                     "province, word count, copies on other sites), one row per story")
    export.add_argument("query", help='the query, as for search; "" exports the whole archive')
    export.add_argument("--format", choices=["csv", "jsonl"], default="csv", help="output format (default csv)")
    stats = command("stats", cmd_stats, "per-site totals and the last crawl; with --site, one site's coverage")
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.add_argument("--site", help="one site's coverage: listings walked, date range, what was refused")


def cmd_search(args: argparse.Namespace) -> int:
    filters = {"site": args.site, "from": args.date_from, "to": args.date_to, "author": args.author}
    result = run_search(args.data, args.query, page=args.page, limit=args.limit, sort=args.sort,
                        filters=filters)
    result.pop("took_ms", None)
    if args.json:
        print_json(result)
        return 0
    for warning in result["warnings"]:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{result['total']} results for {args.query!r}")
    for hit in result["hits"]:
        byline = f" · {hit['author']}" if hit["author"] else ""
        print(f"\n[{hit['id']}] {hit['title']}\n    {hit['published'] or '?'} · {hit['site']}{byline} · {hit['url']}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from archive.search.engine import SearchEngine, SearchError
    from archive.search.export import export_chunks, export_rows

    with open_store(args.data, read_only=True) as store:
        engine = SearchEngine(args.data)
        try:
            rows = export_rows(engine, store, args.query)  # ranked once, before anything is written
        except (SearchError, FileNotFoundError) as error:
            raise UserError(str(error)) from error
        written = 0

        def counted() -> Iterator[dict[str, Any]]:
            nonlocal written
            for row in rows:
                yield row
                written += 1
                if written % EXPORT_PROGRESS_EVERY == 0:
                    print(f"  exported {written}/{rows.total} rows", file=sys.stderr, flush=True)

        try:
            for chunk in export_chunks(args.format, counted()):
                sys.stdout.write(chunk)
            sys.stdout.flush()
        except BrokenPipeError:  # `export ... | head` stops reading early: not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        finally:
            engine.close()
    print(f"Exported {written} rows.", file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    if args.site:
        return cmd_site_coverage(args)
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
