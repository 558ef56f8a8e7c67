"""App settings, in one place."""

from archive.search.engine import MAX_LIMIT
from archive.search.export import EXPORT_CAP
from archive.search.query import MAX_QUERY_CHARS as QUERY_LIMIT


class ConfigError(ValueError):
    """A setting the app cannot start with; said in one line before anything is served."""


class DefaultConfig:
    DATA_DIR = "data"
    PAGE_SIZE = 10
    MAX_PAGE_SIZE = MAX_LIMIT
    MAX_QUERY_CHARS = QUERY_LIMIT  # the query parser's own bound, not a second number to keep in step
    EXPORT_CAP = EXPORT_CAP  # rows in one CSV/JSONL download (the command line exports everything)
    FEED_SIZE = 50  # newest articles in a search's Atom feed
    # Exports cannot starve searching: downloads at once, overall and per client; a budget of rows per
    # client over a sliding window (the cost guard); and a rate limit of their own (besides the app's).
    EXPORT_CONCURRENCY = 2
    EXPORT_PER_CLIENT = 1
    EXPORT_ROW_BUDGET = 50_000
    EXPORT_BUDGET_SECONDS = 600
    EXPORT_RATE_LIMIT = "10 per minute"
    CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
    # Rate limits per client address (flask-limiter). `ARCHIVE_RATE_LIMIT=off` (tests, benchmarks) turns
    # them off, any other value replaces the default, e.g. `ARCHIVE_RATE_LIMIT="5 per second"`; one the
    # limiter cannot read stops the app at start-up. Any other setting here can be given in the
    # environment as ARCHIVE_APP_<NAME> (e.g. ARCHIVE_APP_EXPORT_CAP=20000).
    RATELIMIT_ENABLED = True
    RATELIMIT_APPLICATION = "10 per second;300 per minute"  # one budget per client across all pages
    RATELIMIT_STORAGE_URI = "memory://"  # one waitress process; several processes would need redis://
    RATELIMIT_HEADERS_ENABLED = True  # Retry-After on a 429
    # The archived copy of a scraped page: a unique opaque origin (sandbox without allow-*), no
    # scripts, no fetches, nothing loaded but inline styles and data: images; framed by the app only.
    ARCHIVED_COPY_POLICY = ("sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
                            "base-uri 'none'; form-action 'none'; frame-ancestors 'self'")
    # Serve archived copies from an origin of their own (e.g. https://ban-luu.example.vn, the same app
    # behind a second host name); PUBLIC_ORIGIN, the app's public origin, is then required (see copies.py).
    ARCHIVED_COPY_ORIGIN = None
    PUBLIC_ORIGIN = None
