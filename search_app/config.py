"""App settings, in one place."""

from archive.search.engine import MAX_LIMIT
from archive.search.export import EXPORT_CAP
from archive.search.query import MAX_QUERY_CHARS as QUERY_LIMIT


class DefaultConfig:
    DATA_DIR = "data"
    PAGE_SIZE = 10
    MAX_PAGE_SIZE = MAX_LIMIT
    MAX_QUERY_CHARS = QUERY_LIMIT  # the query parser's own bound, not a second number to keep in step
    EXPORT_CAP = EXPORT_CAP  # rows in one CSV/JSONL download
    FEED_SIZE = 50  # newest articles in a search's Atom feed
    CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
    # Rate limits per client address (flask-limiter). `ARCHIVE_RATE_LIMIT=off` (tests, benchmarks) turns
    # them off, any other value replaces the default, e.g. `ARCHIVE_RATE_LIMIT="5 per second"`.
    RATELIMIT_ENABLED = True
    RATELIMIT_APPLICATION = "10 per second;300 per minute"  # one budget per client across all pages
    RATELIMIT_STORAGE_URI = "memory://"  # one waitress process; several processes would need redis://
    RATELIMIT_HEADERS_ENABLED = True  # Retry-After on a 429
    # The archived copy of a scraped page: a unique opaque origin (sandbox without allow-*), no
    # scripts, no fetches, nothing loaded but inline styles and data: images; framed by the app only.
    ARCHIVED_COPY_POLICY = ("sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
                            "base-uri 'none'; form-action 'none'; frame-ancestors 'self'")
