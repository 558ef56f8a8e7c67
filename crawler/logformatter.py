"""Log lines of the crawl: download errors are counted by kind in the summary, so no tracebacks."""
from __future__ import annotations

import logging

from scrapy import Request, Spider
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure


class CountedDownloadErrors(LogFormatter):
    """A hostile site's timeouts and cut-off bodies would print a traceback each at ERROR:
    they go to DEBUG (LOG_LEVEL=DEBUG shows them) and the summary counts them."""

    def download_error(self, failure: Failure, request: Request, spider: Spider,
                       errmsg: str | None = None) -> LogFormatterResult:
        entry = super().download_error(failure, request, spider, errmsg)
        entry["level"] = logging.DEBUG
        return entry
