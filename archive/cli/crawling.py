"""Commands that fetch: `demo` (the bundled sample, end to end) and `crawl` (local or on Redis)."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from archive.cli.common import UserError, index_store, open_store
from archive.cli.serving import DEFAULT_DEMO_PORT, serve_app

DEFAULT_SAMPLE_PORT = 8101


def register(command: Any) -> None:
    demo = command("demo", cmd_demo, "crawl the bundled sample sites, build archive and index, serve search")
    demo.add_argument("--port", type=int, default=DEFAULT_DEMO_PORT, help="search app port (default 8000)")
    demo.add_argument("--sample-port", type=int, default=DEFAULT_SAMPLE_PORT,
                      help="first port of the sample sites (one port per site; default 8101)")
    demo.add_argument("--no-serve", action="store_true", help="stop after building the archive and index")

    crawl = command("crawl", cmd_crawl, "crawl sites into the archive (bare URLs need no profile)")
    crawl.add_argument("urls", nargs="*", metavar="URL", help="start URLs of sites without a profile")
    crawl.add_argument("--site", action="append", default=[], help="site profile name (repeatable)")
    crawl.add_argument("--all", action="store_true", help="every site in the registry")
    crawl.add_argument("--max-pages", type=int, default=None, help="page budget per site and crawl")
    crawl.add_argument("--recheck", action="store_true",
                       help="re-check every archived article (conditional GET): changed ones get a new version")
    crawl.add_argument("--redis", metavar="URL", help="scale out: share the frontier on Redis (redis://HOST:PORT/0)")
    crawl.add_argument("--workers", type=int, default=2, help="with --redis: local crawler processes (default 2)")
    crawl.add_argument("--join", metavar="CRAWL", help="with --redis: be a crawler process of a running Redis crawl")


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
    registry = load_registry(args.data)
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
