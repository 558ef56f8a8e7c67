"""Commands that fetch: `demo` (the bundled sample, end to end) and `crawl` (local or on Redis)."""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from archive.cli.common import UserError, index_store, open_store
from archive.cli.registry import add_description_options, described_province
from archive.cli.serving import DEFAULT_DEMO_PORT, add_workers_option, check_serve_options, serve_app
from crawler.verdict import PARTIAL

DEFAULT_SAMPLE_PORT = 8101
CRAWL_LOCK = "crawl.lock"  # in the data dir: two crawls of one archive never overlap


def register(command: Any) -> None:
    from search_app.server import default_workers

    demo = command("demo", cmd_demo, "crawl the bundled sample sites, build archive and index, serve search")
    demo.add_argument("--port", type=int, default=DEFAULT_DEMO_PORT, help="search app port (default 8000)")
    demo.add_argument("--sample-port", type=int, default=DEFAULT_SAMPLE_PORT,
                      help="port of the local proxy that serves the sample sites (default 8101)")
    demo.add_argument("--no-serve", action="store_true", help="stop after building the archive and index")
    add_workers_option(demo, default_workers())

    crawl = command("crawl", cmd_crawl, "crawl sites into the archive (bare URLs need no profile); exit code 0 "
                                        "when every site answered, 1 when some failed")
    crawl.add_argument("urls", nargs="*", metavar="URL", help="start URLs of sites without a profile")
    crawl.add_argument("--site", action="append", default=[], help="site profile name (repeatable)")
    crawl.add_argument("--all", action="store_true", help="every site in the registry")
    crawl.add_argument("--max-pages", type=int, default=None, help="page budget per site and crawl")
    crawl.add_argument("--recheck", action="store_true",
                       help="re-check every archived article (conditional GET): changed ones get a new version")
    crawl.add_argument("--redis", metavar="URL", help="scale out: share the frontier on Redis (redis://HOST:PORT/0)")
    crawl.add_argument("--workers", type=int, default=2, help="with --redis: local crawler processes (default 2)")
    crawl.add_argument("--join", metavar="CRAWL", help="with --redis: be a crawler process of a running Redis crawl")
    add_description_options(crawl.add_argument_group("describing the site of bare URLs (as `sites add` does)"))


def cmd_demo(args: argparse.Namespace) -> int:
    from archive.demo.sample_server import serve_sample_proxy, stop
    from archive.sites import SiteProfile

    if not args.no_serve:
        check_serve_options("127.0.0.1", args.port, args.workers)  # before the crawl, not after it
    try:
        sites = serve_sample_proxy(port=args.sample_port)
    except OSError as error:
        raise UserError(f"cannot serve the sample sites on 127.0.0.1:{args.sample_port} ({error.strerror}): "
                        "choose another port with --sample-port") from error
    proxy = sites[0].server.url
    print(f"Serving {len(sites)} sample sites through a local proxy at {proxy}: "
          + ", ".join(f"{s.name} {s.url}" for s in sites), file=sys.stderr)
    profiles = [SiteProfile(name=s.name, title=s.title, province=s.province, kind=s.kind, start_urls=[s.url])
                for s in sites]
    try:
        code = crawl_and_index(args.data, profiles, proxy=proxy)
    finally:
        stop(sites)
    with open_store(args.data) as store:
        total = store.count()
    print(f"{total} articles in the archive. Data in {args.data}/", file=sys.stderr)
    if args.no_serve:
        return code
    return serve_app(args.data, "127.0.0.1", args.port, args.workers)


def cmd_crawl(args: argparse.Namespace) -> int:
    from archive.sites import load_registry, zero_config_profile

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
        profile = zero_config_profile(url)
        profiles.append(replace(profile, title=args.title or profile.title, province=described_province(args.province),
                                kind=args.kind or ""))
    if not profiles:
        raise UserError("nothing to crawl: give URLs, --site NAME or --all")
    if (args.title or args.province or args.kind) and not args.urls:
        raise UserError("--title, --province and --kind describe bare URLs: give one (registry sites have theirs)")
    if args.max_pages is not None and args.max_pages < 1:
        raise UserError("--max-pages must be at least 1")
    if args.workers < 1:
        raise UserError("--workers must be at least 1")
    return crawl_and_index(args.data, profiles, args)


def crawl_and_index(data: Path, profiles: list[Any], args: argparse.Namespace | None = None,
                    proxy: str | None = None) -> int:
    """One crawl at a time per archive (a lock in the data dir), its summary, the index updated, and
    the verdict: a last line saying how it went, and the exit code (0 ok, 1 some or all sites failed)."""
    from archive.storage.lock import Busy, exclusive
    from crawler.run import crawl_log_path, format_summary, run_crawl
    from crawler.verdict import verdict

    log = crawl_log_path(data)
    try:
        with exclusive(data / CRAWL_LOCK):
            if args is not None and args.redis:
                summary = redis_crawl(args, profiles)
            else:
                summary = run_crawl(data, profiles, args.max_pages if args else None,
                                    recheck=bool(args and args.recheck), proxy=proxy, log_file=log)
            print(format_summary(summary), file=sys.stderr)
            indexed = index_store(data)
    except Busy as busy:
        print(f"error: another crawl is writing this archive ({busy}); nothing crawled", file=sys.stderr)
        return PARTIAL
    code, line = verdict(summary)
    where = f"; log: {log}" if log.exists() else ""
    print(f"Indexed {indexed} new or changed articles.\n{line}{where}", file=sys.stderr)
    return code


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
