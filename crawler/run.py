"""Runs the Scrapy crawler in this process and turns its stats into a per-site crawl summary."""
from __future__ import annotations

import ipaddress
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from archive.sites import SiteProfile
from archive.storage.frontier import save_walks
from archive.storage.store import Store
from crawler.spiders.news import NewsSpider
from crawler.state import load_snapshot
from crawler.verdict import failed_sites

COUNTS = ("fetched", "new", "changed", "unchanged", "not_modified")


def crawler_settings(data_dir: Path, profiles: list[SiteProfile], max_pages: int | None,
                     overrides: dict[str, Any] | None = None, proxy: str | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.setdict(overrides or {}, priority="cmdline")  # tests: shorter timeouts, smaller budgets
    settings.set("ARCHIVE_DATA_DIR", str(data_dir), priority="cmdline")
    if max_pages:
        settings.set("ARCHIVE_SITE_BUDGET", max_pages, priority="cmdline")
    if _is_loopback(proxy) if proxy else all(_is_loopback(u) for p in profiles for u in p.start_urls):
        # Our own fixture servers on this machine: no need to wait between requests.
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
        settings.set("AUTOTHROTTLE_START_DELAY", 0.01, priority="cmdline")
        # A shorter AutoThrottle delay (latency / target); still at most 2 requests at a time per site.
        settings.set("AUTOTHROTTLE_TARGET_CONCURRENCY", 4.0, priority="cmdline")
        settings.set("RETRY_BACKOFF_BASE", 0.05, priority="cmdline")
    return settings


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def run_crawl(data_dir: Path, profiles: list[SiteProfile], max_pages: int | None = None,
              recheck: bool = False, overrides: dict[str, Any] | None = None,
              proxy: str | None = None, log_file: Path | None = None) -> dict[str, Any]:
    """Crawl the given sites into the store and WARC files; returns the summary per site.

    A site whose previous crawl walked it whole is crawled incrementally; one whose crawl was cut
    short (killed, out of budget) is walked again in full, skipping the articles already archived.
    `overrides` are Scrapy settings (tests: shorter timeouts, smaller budgets). `proxy`: an HTTP
    proxy every request goes through (the demo's sample sites). `log_file`: Scrapy's log, one line
    per page fetched and every error, goes there instead of the console.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    if log_file:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        overrides = {"LOG_FILE": str(log_file), "LOG_LEVEL": "INFO", **(overrides or {})}
    with Store(data_dir / "archive.sqlite3") as store:
        run_id = begin_run(store, profiles)
        snapshot = load_snapshot(store, [p.name for p in profiles], run_id)
    with scrapy_signal_handlers(), http_proxy(proxy):
        process = CrawlerProcess(crawler_settings(data_dir, profiles, max_pages, overrides, proxy))
        crawler = process.create_crawler(NewsSpider)
        process.crawl(crawler, profiles=profiles, snapshot=snapshot, recheck=recheck)
        process.start()
    summary = summarize(crawler.stats.get_stats(), [p.name for p in profiles])
    with Store(data_dir / "archive.sqlite3") as store:
        end_run(store, run_id, summary, crawler.spider.completed, crawler.spider.listings.report())
    if crawler.stats.get_value("finish_reason") == "shutdown":
        # Ctrl+C or SIGTERM stopped the crawl (what it archived is kept; the next crawl resumes): the
        # user wants the command to end, not to go on indexing and serving.
        raise KeyboardInterrupt
    return summary


@contextmanager
def scrapy_signal_handlers() -> Iterator[None]:
    """Scrapy's Ctrl+C/SIGTERM handlers (stop the crawl gracefully) while it runs, and the previous
    ones after: left installed, they would swallow both signals for the rest of the process (the
    demo's web server then could not be stopped)."""
    names = [signal.SIGINT, signal.SIGTERM]
    previous = {number: signal.getsignal(number) for number in names}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextmanager
def http_proxy(url: str | None) -> Iterator[None]:
    """Scrapy's HttpProxyMiddleware takes its proxy from the environment when it starts."""
    if not url:
        yield
        return
    previous = os.environ.get("http_proxy")
    os.environ["http_proxy"] = url
    try:
        yield
    finally:
        if previous is None:
            del os.environ["http_proxy"]
        else:
            os.environ["http_proxy"] = previous


def begin_run(store: Store, profiles: list[SiteProfile]) -> int:
    for p in profiles:
        store.upsert_site(p.name, p.title, p.province, p.kind, p.start_urls[0] if p.start_urls else None,
                          p.changed_hands)
    return store.start_run()


def end_run(store: Store, run_id: int, summary: dict[str, Any], completed: set[str],
            walks: list[dict[str, Any]]) -> None:
    """Record the run's end: per site whether it walked the whole site, how each listing's walk ended."""
    with store.transaction():
        for site in summary:
            store.end_site_crawl(site, run_id, site in completed)
        save_walks(store, run_id, walks)
        for site in failed_sites(summary):
            store.forget_site_if_empty(site)  # a dead URL is not a site of the archive
        store.finish_run(run_id, summary)


def crawl_log_path(data_dir: Path) -> Path:
    """Where this crawl's log goes: every page fetched (status, URL), every failure and why."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return data_dir / "logs" / f"crawl-{stamp}-{os.getpid()}.log"


def summarize(stats: dict[str, Any], sites: list[str]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for site in sites:
        prefix = f"archive/{site}/"
        entry: dict[str, Any] = {name: int(stats.get(prefix + name, 0)) for name in COUNTS}
        entry["errors"] = {key[len(prefix) + 7:]: int(value) for key, value in stats.items()
                           if key.startswith(prefix + "errors/")}
        for group in ("skipped_links", "refused"):  # links never followed; pages never stored, by kind
            entry[group] = {key[len(prefix) + len(group) + 1:]: int(value) for key, value in stats.items()
                            if key.startswith(f"{prefix}{group}/")}
        summary[site] = entry
    return summary


def format_summary(summary: dict[str, Any]) -> str:
    lines = [f"{'site':<28}{'fetched':>8}{'new':>6}{'changed':>9}{'unchanged':>11}{'304':>6}  errors"]
    for site, entry in summary.items():
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(entry["errors"].items())) or "0"
        if entry.get("skipped_links"):
            errors += "; skipped links: " + ", ".join(f"{k}: {v}" for k, v in sorted(entry["skipped_links"].items()))
        lines.append(f"{site:<28}{entry['fetched']:>8}{entry['new']:>6}{entry['changed']:>9}"
                     f"{entry['unchanged']:>11}{entry['not_modified']:>6}  {errors}")
    return "\n".join(lines)
