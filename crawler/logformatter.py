"""Log lines of the crawl: download errors are counted by kind in the summary, so no tracebacks."""
from __future__ import annotations

import logging

from scrapy import Request, Spider
from scrapy.http import Response
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

    def crawled(self, request: Request, response: Response, spider: Spider) -> LogFormatterResult:
        """One line per page fetched, at INFO: the crawl's log file (logs/ in the data dir) lists them."""
        entry = super().crawled(request, response, spider)
        entry["level"] = logging.INFO
        return entry
