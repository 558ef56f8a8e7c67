"""Command line: `python -m archive COMMAND`. User mistakes get a message and exit 2, never a traceback."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_DEMO_PORT = 8000
DEFAULT_SAMPLE_PORT = 8101
PROGRESS_EVERY = 500  # files, for a multi-file extract


class UserError(Exception):
    """A mistake the user can fix; printed without a traceback."""


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return args.handler(args) or 0
    except UserError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", type=Path, default=Path(os.environ.get("ARCHIVE_DATA_DIR", "data")),
                        help="data directory (default ./data or $ARCHIVE_DATA_DIR)")
    parser = argparse.ArgumentParser(prog="python -m archive", description="Archive of Vietnamese union news")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler: Callable[[argparse.Namespace], int | None], help_text: str) -> Any:
        sub = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    demo = command("demo", cmd_demo, "crawl the bundled sample sites, build archive and index, serve search")
    demo.add_argument("--port", type=int, default=DEFAULT_DEMO_PORT, help="search app port (default 8000)")
    demo.add_argument("--sample-port", type=int, default=DEFAULT_SAMPLE_PORT,
                      help="first port of the sample sites (one port per site; default 8101)")
    demo.add_argument("--no-serve", action="store_true", help="stop after building the archive and index")

    crawl = command("crawl", cmd_crawl, "crawl sites into the archive (bare URLs need no profile)")
    crawl.add_argument("urls", nargs="*", metavar="URL")
    crawl.add_argument("--site", action="append", default=[], help="site profile name (repeatable)")
    crawl.add_argument("--all", action="store_true", help="every site in the registry")
    crawl.add_argument("--max-pages", type=int, default=None, help="page budget per site and crawl")
    crawl.add_argument("--recheck", action="store_true",
                       help="re-check every archived article (conditional GET): changed ones get a new version")
    crawl.add_argument("--redis", metavar="URL", help="scale out: share the frontier on Redis (redis://HOST:PORT/0)")
    crawl.add_argument("--workers", type=int, default=2, help="with --redis: local crawler processes (default 2)")
    crawl.add_argument("--join", metavar="CRAWL", help="with --redis: be a crawler process of a running Redis crawl")

    extract = command("extract", cmd_extract, "clean saved pages and print the article")
    extract.add_argument("files", nargs="+", type=Path, metavar="FILE")
    extract.add_argument("--url", default=None, help="the page's original URL")
    extract.add_argument("--json", action="store_true")

    search = command("search", cmd_search, "search the archive")
    search.add_argument("query")
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--page", type=int, default=1)
    search.add_argument("--site")
    search.add_argument("--from", dest="date_from")
    search.add_argument("--to", dest="date_to")
    search.add_argument("--sort", default="relevance", choices=["relevance", "newest", "oldest"])

    command("reindex", cmd_reindex, "rebuild the index from the store and swap it in atomically")
    command("reprocess", cmd_reprocess, "re-run the cleaner over every raw capture (no network)")
    stats = command("stats", cmd_stats, "per-site totals and the last crawl")
    stats.add_argument("--json", action="store_true")
    export = command("export", cmd_export, "export every result of a query (up to 10,000)")
    export.add_argument("query")
    export.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    verify = command("verify", cmd_verify, "check store, index and WARC captures against each other")
    verify.add_argument("--repair", action="store_true", help="fix what disagrees from the store and the captures")
    verify.add_argument("--json", action="store_true")
    backup = command("backup", cmd_backup, "copy store, WARC files and index consistently, even while in use")
    backup.add_argument("target", type=Path, metavar="DIR", help="a new or empty directory")
    serve = command("serve", cmd_serve, "serve the search app (waitress)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=DEFAULT_DEMO_PORT)
    return parser


# --- helpers -------------------------------------------------------------------------------------

def open_store(data: Path, must_exist: bool = True) -> Any:
    from archive.storage.store import Store

    path = data / "archive.sqlite3"
    if must_exist and not path.exists():
        raise UserError(f"no archive at {path}: run `python -m archive demo` or `crawl` first")
    return Store(path)


def run_search(data: Path, query: str, **options: Any) -> dict[str, Any]:
    from archive.search.engine import SearchEngine, SearchError

    with open_store(data) as store:
        engine = SearchEngine(data)
        try:
            return engine.search(store, query, **options)
        except SearchError as error:
            raise UserError(str(error)) from error
        except FileNotFoundError as error:
            raise UserError(str(error)) from error
        finally:
            engine.close()


def index_store(data: Path) -> int:
    from archive.search.index import update_index

    with open_store(data) as store:
        return update_index(store, data, progress=True)


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


# --- commands ------------------------------------------------------------------------------------

def cmd_demo(args: argparse.Namespace) -> int:
    from archive.demo.sample_server import serve_sample_sites, stop
    from archive.sites import SiteProfile
    from crawler.run import format_summary, run_crawl

    try:
        sites = serve_sample_sites(port=args.sample_port)
    except OSError as error:
        raise UserError(f"cannot serve the sample sites from port {args.sample_port}: {error}") from error
    print(f"Serving {len(sites)} sample sites: " + ", ".join(f"{s.name} {s.url}" for s in sites), file=sys.stderr)
    profiles = [SiteProfile(name=s.name, title=s.title, province=s.province, kind=s.kind, start_urls=[s.url],
                            allowed_domains=["127.0.0.1"]) for s in sites]
    try:
        summary = run_crawl(args.data, profiles)
    finally:
        stop(sites)
    print(format_summary(summary), file=sys.stderr)
    indexed = index_store(args.data)
    with open_store(args.data) as store:
        total = store.count()
    fetched = sum(e["fetched"] for e in summary.values())
    new = sum(e["new"] for e in summary.values())
    errors = sum(sum(e["errors"].values()) for e in summary.values())
    print(f"Done: {fetched} pages fetched, {new} new articles, {total} articles in the archive, "
          f"{indexed} indexed, {errors} errors. Data in {args.data}/", file=sys.stderr)
    if args.no_serve:
        return 0
    return serve_app(args.data, "127.0.0.1", args.port)


def cmd_crawl(args: argparse.Namespace) -> int:
    from archive.sites import load_registry, zero_config_profile
    from crawler.run import format_summary, run_crawl

    if (args.join or args.workers != 2) and not args.redis:
        raise UserError("--join and --workers need --redis URL")
    if args.redis and not args.redis.startswith(("redis://", "rediss://", "unix://")):
        raise UserError(f"not a Redis URL: {args.redis} (expected redis://HOST:PORT/0)")
    if args.join:
        return join_redis_crawl(args.redis, args.join)
    registry = load_registry()
    unknown = [name for name in args.site if name not in registry]
    if unknown:
        raise UserError(f"unknown site(s): {', '.join(unknown)}; known: {', '.join(sorted(registry))}")
    profiles = list(registry.values()) if args.all else [registry[name] for name in args.site]
    for url in args.urls:
        if not url.startswith(("http://", "https://")):
            raise UserError(f"not an http(s) URL: {url}")
        profiles.append(zero_config_profile(url))
    if not profiles:
        raise UserError("nothing to crawl: give URLs, --site NAME or --all")
    if args.max_pages is not None and args.max_pages < 1:
        raise UserError("--max-pages must be at least 1")
    if args.workers < 1:
        raise UserError("--workers must be at least 1")
    if args.redis:
        summary = redis_crawl(args, profiles)
    else:
        summary = run_crawl(args.data, profiles, args.max_pages, recheck=args.recheck)
    print(format_summary(summary), file=sys.stderr)
    indexed = index_store(args.data)
    print(f"Indexed {indexed} new or changed articles.", file=sys.stderr)
    return 0


def redis_crawl(args: argparse.Namespace, profiles: list[Any]) -> dict[str, Any]:
    import redis

    from crawler.redis_run import run_redis_crawl

    try:
        return run_redis_crawl(args.data, profiles, args.redis, args.workers, args.max_pages, args.recheck)
    except redis.ConnectionError as error:
        raise UserError(f"cannot reach Redis at {args.redis}: {error}") from error


def join_redis_crawl(url: str, crawl_id: str) -> int:
    import redis

    from crawler.redis_run import run_worker

    try:
        return run_worker(url, crawl_id)
    except redis.ConnectionError as error:
        raise UserError(f"cannot reach Redis at {url}: {error}") from error
    except LookupError as error:
        raise UserError(str(error)) from error


def cmd_extract(args: argparse.Namespace) -> int:
    from archive.extract.cleaner import extract
    from archive.extract.page_limits import PageRefused
    from archive.sites import load_registry, profile_for_url

    several = len(args.files) > 1
    learned = learn_blocks_by_host(args.files, args.url) if several else {}
    registry = load_registry()
    for done, path in enumerate(args.files, 1):
        if done % PROGRESS_EVERY == 0:
            print(f"  {done}/{len(args.files)} files", file=sys.stderr)
        body = read_page(path)
        url = args.url or path.resolve().as_uri()
        try:
            data = extract(body, url, profile_for_url(url, registry), site_blocks=learned.get(path)).to_dict()
        except PageRefused as refused:
            if not several:
                raise UserError(f"{path}: {refused}") from refused
            print(f"error: {path}: {refused} (skipped)", file=sys.stderr)  # one bad page of thousands
            continue
        if several:
            data["file"] = str(path)
        if args.json:
            print(json.dumps(data, ensure_ascii=False) if several else json.dumps(data, ensure_ascii=False, indent=2))
        else:
            print(f"# {data['title']}\n{data['published'] or ''} {data['author'] or ''}\n\n{data['text']}\n")
    if several:
        print(f"extracted {len(args.files)} files; {len(learned)} cleaned of blocks repeated across "
              "pages of their site", file=sys.stderr)
    return 0


def read_page(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror}") from error


def learn_blocks_by_host(files: list[Path], url: str | None) -> dict[Path, frozenset[str]]:
    """Blocks repeated across the files of one host (the --url host, else each page's own URL)."""
    from urllib.parse import urlsplit

    from archive.extract.cleaner import page_blocks
    from archive.extract.page_limits import PageRefused
    from archive.extract.site_blocks import learn_site_blocks

    keys_by_host: dict[str, list[set[str]]] = {}
    host_of: dict[Path, str] = {}
    for path in files:
        try:
            own_url, keys = page_blocks(read_page(path))
        except PageRefused:
            continue  # reported when it is extracted
        host = urlsplit(url or own_url or "").hostname
        if host:
            host_of[path] = host
            keys_by_host.setdefault(host, []).append(keys)
    learned = {host: learn_site_blocks(pages) for host, pages in keys_by_host.items()}
    return {path: learned[host] for path, host in host_of.items() if learned[host]}


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


def cmd_reindex(args: argparse.Namespace) -> int:
    from archive.search.index import rebuild_index

    with open_store(args.data) as store:
        count = rebuild_index(store, args.data, progress=True)
    print(f"Rebuilt the index: {count} articles.", file=sys.stderr)
    return 0


def cmd_reprocess(args: argparse.Namespace) -> int:
    from archive.ops.reprocess import reprocess

    with open_store(args.data) as store:
        counts = reprocess(store, args.data / "warc")
    print("Reprocessed captures: " + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)
    print(f"Indexed {index_store(args.data)} new or changed articles.", file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with open_store(args.data) as store:
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


def cmd_export(args: argparse.Namespace) -> int:
    from functools import partial

    from archive.search.export import export_chunks, iter_hits

    try:
        for chunk in export_chunks(args.format, iter_hits(partial(run_search, args.data), args.query)):
            sys.stdout.write(chunk)
        sys.stdout.flush()
    except BrokenPipeError:  # `export ... | head` stops reading early: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from whoosh.index import LockError

    from archive.ops.verify import VerifyError, repair, verify

    with open_store(args.data) as store:
        report = verify(store, args.data, progress=not args.json)
        if args.repair and not report.ok:
            print(report.summary(), file=sys.stderr)
            try:
                actions = repair(store, args.data, report, progress=not args.json)
            except (VerifyError, LockError) as error:
                raise UserError(f"cannot repair now: {str(error) or 'another process is writing the index'}") from error
            print("Repaired: " + ("; ".join(actions) or "nothing to do"), file=sys.stderr)
            report = verify(store, args.data)
    if args.json:
        print_json(report.to_dict())
    else:
        print(report.summary())
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from archive.ops.backup import BackupError, backup

    open_store(args.data).close()
    try:
        summary = backup(args.data, args.target, progress=True)
    except BackupError as error:
        raise UserError(str(error)) from error
    print(summary, file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    return serve_app(args.data, args.host, args.port)


def serve_app(data: Path, host: str, port: int) -> int:
    import waitress

    from search_app import create_app

    open_store(data).close()
    app = create_app({"DATA_DIR": str(data)})
    print(f"Search the archive at http://{host}:{port}/  (Ctrl+C stops)", flush=True)
    waitress.serve(app, host=host, port=port, threads=8, ident="vn-union-archive")
    return 0
