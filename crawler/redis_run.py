"""Scale-out crawl on Redis: many crawler processes (on any machines), one archive writer.

Design. `crawl --redis URL` is the coordinator and the only process that opens the store and
writes WARC files. It publishes the crawl's configuration (profiles and what is already known)
under a fresh key prefix `archive:<id>`, starts local worker processes, and then writes what the
workers send until they are all done. Workers (`crawl --redis URL --join archive:<id>`, here or on
other machines) run the same spider with scrapy-redis's scheduler: one shared priority queue
(the frontier, popped atomically) and one shared seen-set, so each URL is fetched by one worker
once. A worker keeps nothing: its captured responses, page validators and cleaned articles go onto
one Redis list that the coordinator drains into its `LocalSink`. All keys of a crawl expire after
a day and are deleted when it ends, so seen-sets never pile up across crawls.
"""
from __future__ import annotations

import base64
import json
import logging
import os
import subprocess
import sys
import time
import uuid
import warnings
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

import redis
from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.exceptions import DontCloseSpider, ScrapyDeprecationWarning
from scrapy_redis.scheduler import Scheduler

from archive.article import Article
from archive.sites import SiteProfile
from archive.storage.frontier import Pending
from archive.storage.store import Store
from crawler.listings import merge_walks
from crawler.run import begin_run, crawler_settings, end_run, summarize
from crawler.scheduler import enter_frontier
from crawler.sink import KEY_TTL, LocalSink, RedisSink, keys
from crawler.spiders.news import NewsSpider
from crawler.state import CrawlSnapshot, load_snapshot

logger = logging.getLogger(__name__)
BUSY_TTL = 60
POLL_SECONDS = 0.5
IDLE_RECHECK_SECONDS = 1.0
PROGRESS_EVERY = 50


class SharedScheduler(Scheduler):
    """scrapy-redis's scheduler; marks this worker busy while it has work, and expires its keys."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedScheduler:
        scheduler = super().from_crawler(crawler)
        settings = crawler.settings
        scheduler.crawler = crawler
        scheduler.busy_key = keys(settings["ARCHIVE_REDIS_PREFIX"])["busy"] + settings["ARCHIVE_WORKER_ID"]
        crawler.signals.connect(scheduler.idle, signal=signals.spider_idle)
        # An idle worker re-checks the shared frontier every second, not every five (Scrapy's engine
        # heartbeat; a private knob, harmless if it goes away).
        crawler.engine._SLOT_HEARTBEAT_INTERVAL = IDLE_RECHECK_SECONDS
        return scheduler

    def enqueue_request(self, request: Any) -> bool:
        added = super().enqueue_request(request)
        enter_frontier(self.crawler, request, added)
        if added:
            self.server.expire(self.queue.key, KEY_TTL)
            self.server.expire(self.df.key, KEY_TTL)
        return added

    def next_request(self) -> Any:
        request = super().next_request()
        if request is not None:
            self.server.set(self.busy_key, 1, ex=BUSY_TTL)
        return request

    def others_busy(self) -> bool:
        prefix = self.busy_key.rsplit(":", 1)[0] + ":"
        return any(key.decode() != self.busy_key for key in self.server.scan_iter(prefix + "*"))

    def idle(self, spider: Any = None) -> None:
        """Engine idle: stay open while the frontier has work or another worker may still add some."""
        self.server.delete(self.busy_key)
        if len(self.queue) or self.others_busy():
            raise DontCloseSpider


def run_redis_crawl(data_dir: Path, profiles: list[SiteProfile], redis_url: str, workers: int = 2,
                    max_pages: int | None = None, recheck: bool = False) -> dict[str, Any]:
    """Coordinate a Redis crawl with `workers` local worker processes; returns the per-site summary."""
    server = redis.Redis.from_url(redis_url)
    server.ping()
    prefix = f"archive:{uuid.uuid4().hex[:12]}"
    names = keys(prefix)
    data_dir.mkdir(parents=True, exist_ok=True)
    with Store(data_dir / "archive.sqlite3") as store:
        run_id = begin_run(store, profiles)
        snapshot = load_snapshot(store, [p.name for p in profiles], run_id)
    server.set(names["config"], json.dumps({
        "profiles": [asdict(p) for p in profiles], "recheck": recheck, "max_pages": max_pages,
        "snapshot": snapshot.to_dict(),
    }, ensure_ascii=False), ex=KEY_TTL)
    logger.info("Redis crawl %s: %d local workers; more can join with "
                "`python -m archive crawl --redis %s --join %s`", prefix, workers, redis_url, prefix)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).parent.parent),
                                                                     os.environ.get("PYTHONPATH")]))}
    local = [subprocess.Popen([sys.executable, "-m", "archive", "crawl", "--redis", redis_url, "--join", prefix,
                               "--data", str(data_dir)], env=env) for _ in range(workers)]
    robots = "obey" if crawler_settings(data_dir, profiles, max_pages).getbool("ROBOTSTXT_OBEY") else "ignore"
    writer = Writer(LocalSink(data_dir, robots))
    try:
        while True:
            drained = writer.drain(server, names["out"])
            done = all(p.poll() is not None for p in local) and not any(server.scan_iter(names["busy"] + "*"))
            if done and not drained and not server.llen(names["out"]):
                break
    finally:
        writer.sink.close()
        stale = list(server.scan_iter(prefix + ":*"))
        if stale:
            server.delete(*stale)
    for report in writer.reports:
        fetched = sum(v for k, v in report["stats"].items() if k.endswith("/fetched"))
        logger.info("  worker %s: %d pages fetched", report["worker"], fetched)
    stats, completed = writer.totals([p.name for p in profiles], [p.returncode for p in local])
    summary = summarize(stats, [p.name for p in profiles])
    walks = merge_walks([walk for report in writer.reports for walk in report["walks"]])
    with Store(data_dir / "archive.sqlite3") as store:
        end_run(store, run_id, summary, completed, walks)
    return summary


class Writer:
    """The one archive writer of a Redis crawl: applies the workers' messages to the local sink."""

    def __init__(self, sink: LocalSink):
        self.sink = sink
        self.captures: dict[str, Any] = {}
        self.counts: Counter[str] = Counter()
        self.reports: list[dict[str, Any]] = []
        self.stored = 0

    def drain(self, server: redis.Redis, key: str) -> int:
        """Apply what is waiting (or what comes within a short wait); returns how many messages."""
        count = 0
        item = server.blpop([key], timeout=POLL_SECONDS)
        while item is not None:
            self.apply(json.loads(item[1]))
            count += 1
            raw = server.lpop(key)
            item = (key, raw) if raw is not None else None
        return count

    def apply(self, message: dict[str, Any]) -> None:
        kind = message["type"]
        if kind == "capture":
            self.captures[message["id"]] = self.sink.capture(
                message["url"], message["status"], message["reason"], [tuple(h) for h in message["headers"]],
                base64.b64decode(message["body"]), [tuple(h) for h in message["request_headers"]], message["method"])
        elif kind == "page":
            self.sink.record_page(message["url"], message["site"], message["status"], message["etag"],
                                  message["last_modified"])
        elif kind == "article":
            article = Article(**message["article"])
            status = self.sink.store_article(article, self.captures.pop(message["capture"], None),
                                             tuple(message["aliases"]), message["key"])
            self.counts[f"archive/{article.site}/{status}"] += 1
            self.stored += 1
            if self.stored % PROGRESS_EVERY == 0:
                new = sum(n for key, n in self.counts.items() if key.endswith("/new"))
                logger.info("  writer: %d articles stored, %d new", self.stored, new)
        elif kind == "remember":
            self.sink.remember(Pending(**message["pending"]))
        elif kind == "forget":
            self.sink.forget(message["url"])
        elif kind == "report":
            self.reports.append(message)

    def totals(self, sites: list[str], exit_codes: list[int | None]) -> tuple[dict[str, Any], set[str]]:
        """Workers' fetch and error counts plus the writer's new/changed/unchanged; sites walked whole."""
        stats: defaultdict[str, int] = defaultdict(int, self.counts)
        cut: set[str] = set()
        for report in self.reports:
            for key, value in report["stats"].items():
                stats[key] += value
            cut |= set(report["cut"])
        whole = all(code == 0 for code in exit_codes) and all(r["reason"] == "finished" for r in self.reports)
        return dict(stats), (set(sites) - cut) if whole else set()


def run_worker(redis_url: str, prefix: str) -> int:
    """One crawler process of a Redis crawl: shares the frontier, sends everything to the writer."""
    server = redis.Redis.from_url(redis_url)
    raw = server.get(keys(prefix)["config"])
    if raw is None:
        raise LookupError(f"no Redis crawl {prefix} at {redis_url} (finished, or never started)")
    config = json.loads(raw)
    profiles = [SiteProfile(**p) for p in config["profiles"]]
    snapshot = CrawlSnapshot.from_dict(config["snapshot"])
    worker_id = uuid.uuid4().hex[:8]
    # scrapy-redis 0.9.1 works on Scrapy 2.19 but still calls APIs Scrapy now warns about.
    warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module="scrapy_redis")
    settings = crawler_settings(Path("."), profiles, config["max_pages"])
    names = keys(prefix)
    for name, value in {
        "ARCHIVE_REDIS_URL": redis_url, "ARCHIVE_REDIS_PREFIX": prefix, "ARCHIVE_WORKER_ID": worker_id,
        "REDIS_URL": redis_url, "SCHEDULER": "crawler.redis_run.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_KEY": names["requests"], "SCHEDULER_DUPEFILTER_KEY": names["seen"],
        # The frontier and seen-set belong to the whole crawl: a worker that ends must not clear them.
        "SCHEDULER_PERSIST": True,
    }.items():
        settings.set(name, value, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, profiles=profiles, snapshot=snapshot, recheck=config["recheck"])
    process.start()
    spider = crawler.spider
    stats = {key: value for key, value in crawler.stats.get_stats().items()
             if key.startswith("archive/") and isinstance(value, int)}
    RedisSink(redis_url, prefix).push({"type": "report", "worker": worker_id, "stats": stats,
                                       "cut": sorted(spider.cut), "reason": crawler.stats.get_value("finish_reason"),
                                       "walks": spider.listings.report()})
    server.delete(f"{names['busy']}{worker_id}")
    return 0


def wait_for_redis(url: str, timeout: float = 10.0) -> None:
    """Until a Redis server answers at url (used by tests and the bench after starting one)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            redis.Redis.from_url(url).ping()
            return
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
