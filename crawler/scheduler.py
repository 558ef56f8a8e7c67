"""Scrapy's scheduler, with every request it takes entered in the durable frontier.

The frontier entry is made when the scheduler accepts a request, not when the spider asks for it:
in a Redis crawl another process may already have the same URL (the shared seen-set drops the
duplicate), and an entry made for a dropped duplicate could outlive the fetch that cleared it.
"""
from __future__ import annotations

from scrapy import Request
from scrapy.core.scheduler import Scheduler
from scrapy.crawler import Crawler

from archive.storage.frontier import Pending
from crawler.sink import sink_for


def enter_frontier(crawler: Crawler, request: Request, accepted: bool) -> None:
    """An accepted request of the spider's (its meta names what it is) enters the frontier."""
    pending = request.meta.get("pending")
    if accepted and pending is not None:
        sink_for(crawler).remember(Pending(**pending))


class FrontierScheduler(Scheduler):
    """The local crawl's scheduler (a Redis crawl's is crawler.redis_run.SharedScheduler)."""

    crawler: Crawler

    def enqueue_request(self, request: Request) -> bool:
        accepted = super().enqueue_request(request)
        enter_frontier(self.crawler, request, accepted)
        return accepted
