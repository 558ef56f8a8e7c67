"""Scrapy settings: polite by default. The crawl command overrides only what it must."""
import os

from archive import __version__

BOT_NAME = "vn-union-archive"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Who we are and how to reach us: site owners read this in their logs.
ARCHIVE_CONTACT = os.environ.get("ARCHIVE_CONTACT", "https://github.com/vn-union-archive")
USER_AGENT = f"{BOT_NAME}/{__version__} (+{ARCHIVE_CONTACT})"

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = int(os.environ.get("ARCHIVE_DOWNLOAD_TIMEOUT", "30"))
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Pause before retry n: base * 2**(n-1) seconds, at most max (BackoffRetryMiddleware).
RETRY_BACKOFF_BASE = 2.0
RETRY_BACKOFF_MAX = 60.0
REDIRECT_MAX_TIMES = 5
# The spider keeps its own depth (links away from a start page; pagination does not count) and a
# page budget per site and crawl: together with URL canonicalisation they make traps harmless.
DEPTH_LIMIT = 0
ARCHIVE_MAX_DEPTH = 6
ARCHIVE_SITE_BUDGET = 50_000
# The backfill rule (crawler/listings.py): stop paging a listing after this many pages in a row that
# linked nothing new to the archive (nothing archived before this crawl, nor linked by an earlier page
# of the listing). One is enough: a real listing never repeats all of its earlier pages, and what a
# cut-short crawl left unwalked waits in the frontier.
ARCHIVE_BACKFILL_STALE_PAGES = 1
# Non-2xx responses reach the spider so they are counted per site, never silently lost.
HTTPERROR_ALLOW_ALL = True
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "WARNING"
LOG_FORMATTER = "crawler.logformatter.CountedDownloadErrors"

# Limits against hostile sites (crawler/limits.py counts each hit per site in the crawl summary):
# DOWNLOAD_TIMEOUT bounds the whole body (slow drips), DOWNLOAD_MAXSIZE the decompressed body too
# (gzip bombs), REDIRECT_MAX_TIMES redirect chains, RETRY_TIMES each URL of a 500 storm, the spider's
# depth and budget whatever traps a site sets, and a site that is down is given up after this many
# 5xx responses in a row (retries included).
ARCHIVE_MAX_SERVER_ERRORS_IN_A_ROW = 100
# Slow sites (crawler/limits.py SiteDownMiddleware): a body still arriving slower than this many
# bytes per second after the grace seconds is a slow drip, cut and not retried; a site whose
# timeouts and drips have cost this many seconds is down for the rest of the crawl.
ARCHIVE_MIN_BYTES_PER_SECOND = 1024
ARCHIVE_SLOW_GRACE_SECONDS = 10
ARCHIVE_SITE_SLOW_SECONDS = 300
# robots.txt (crawler/robots.py): read up to this size and this many Allow/Disallow rules, the rest
# ignored (as the big search engines do; a hostile file of 480,000 rules made each check cost 0.2 s).
ARCHIVE_ROBOTS_MAX_BYTES = 512 * 1024
ARCHIVE_ROBOTS_MAX_RULES = 2000
DOWNLOADER_MIDDLEWARES = {
    # Before offsite (50) and robots.txt (100): a request off the crawl's sites (another port too)
    # must not even fetch robots.txt.
    "crawler.limits.SiteBoundsMiddleware": 40,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.robots.CappedRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    # After retries (550) on the way in, before them on the way out: it sees every 5xx attempt.
    "crawler.limits.SiteDownMiddleware": 560,
    # Scrapy's own, counting what they refuse.
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.limits.CountedMetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.limits.CountedHttpCompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.limits.CountedRedirectMiddleware": 600,
    # Nearest the downloader (responses pass middlewares from the highest number down): every
    # response as transferred, 3xx before the redirect middleware (600) follows it, bodies before
    # decompression (590), each retried attempt before retries (550).
    "crawler.middlewares.WarcCaptureMiddleware": 950,
}
# Scrapy's scheduler, entering each request it takes in the durable frontier.
SCHEDULER = "crawler.scheduler.FrontierScheduler"
ITEM_PIPELINES = {
    "crawler.pipelines.CleanPipeline": 300,
    "crawler.pipelines.StorePipeline": 800,
}
EXTENSIONS = {
    "crawler.progress.CrawlProgress": 500,
}

# Where the archive lives (the CLI sets it from --data).
ARCHIVE_DATA_DIR = os.environ.get("ARCHIVE_DATA_DIR", "data")
# A Redis crawl (`crawl --redis URL`) sets these; empty means a local crawl.
ARCHIVE_REDIS_URL = ""
ARCHIVE_REDIS_PREFIX = ""
# Print a progress line every this many responses.
ARCHIVE_PROGRESS_EVERY = 10
