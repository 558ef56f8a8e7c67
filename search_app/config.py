"""App settings, in one place: defaults here, the operator's environment variables, then create_app's overrides."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
    # Per-client limits (README, "Run it as a service"). The default is a budget of server time: each
    # client may use CLIENT_SHARE seconds of work per second over windows of BUDGET_WINDOW seconds
    # (search_app/budgets.py): a sequential script never reaches it, a parallel flood does. Request
    # counts (flask-limiter) only when asked: `ARCHIVE_RATE_LIMIT="100 per minute"` (one the limiter cannot
    # read stops the app at start-up); `ARCHIVE_RATE_LIMIT=off` turns every limit off (tests, benchmarks).
    # Any other setting here can be given in the environment as ARCHIVE_APP_<NAME> (ARCHIVE_APP_EXPORT_CAP=20000).
    RATELIMIT_ENABLED = True
    RATELIMIT_APPLICATION = ""
    CLIENT_SHARE = 1.5
    BUDGET_WINDOW = 10
    # Budgets and counts per worker process, unless ARCHIVE_RATE_LIMIT_STORAGE=redis://HOST:PORT/N shares them.
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True  # Retry-After on a 429
    # Proxies in front of the app whose X-Forwarded-For is believed (ARCHIVE_TRUSTED_PROXIES): 0 = none,
    # the client is the peer address; 1 = one nginx that sets X-Forwarded-For (deploy/nginx-archive.conf).
    TRUSTED_PROXIES = 0
    # The archived copy of a scraped page: a unique opaque origin (sandbox without allow-*), no
    # scripts, no fetches, nothing loaded but inline styles and data: images; framed by the app only.
    ARCHIVED_COPY_POLICY = ("sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
                            "base-uri 'none'; form-action 'none'; frame-ancestors 'self'")
    # Serve archived copies from an origin of their own (e.g. https://ban-luu.example.vn, the same app
    # behind a second host name); PUBLIC_ORIGIN, the app's public origin, is then required (see copies.py).
    ARCHIVED_COPY_ORIGIN = None
    PUBLIC_ORIGIN = None


def environment_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings an operator sets in the environment (systemd unit, shell)."""
    settings: dict[str, Any] = {}
    if environ.get("ARCHIVE_DATA_DIR"):
        settings["DATA_DIR"] = environ["ARCHIVE_DATA_DIR"]
    rate_limit = environ.get("ARCHIVE_RATE_LIMIT")
    if rate_limit == "off":
        settings["RATELIMIT_ENABLED"] = False
    elif rate_limit:
        settings["RATELIMIT_APPLICATION"] = rate_limit
    if environ.get("ARCHIVE_RATE_LIMIT_STORAGE"):
        settings["RATELIMIT_STORAGE_URI"] = environ["ARCHIVE_RATE_LIMIT_STORAGE"]
    if environ.get("ARCHIVE_CLIENT_SHARE"):
        settings["CLIENT_SHARE"] = float(environ["ARCHIVE_CLIENT_SHARE"])
    if environ.get("ARCHIVE_TRUSTED_PROXIES"):
        settings["TRUSTED_PROXIES"] = int(environ["ARCHIVE_TRUSTED_PROXIES"])
    return settings
