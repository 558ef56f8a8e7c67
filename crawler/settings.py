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
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5
DEPTH_LIMIT = 8
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
# (gzip bombs), REDIRECT_MAX_TIMES redirect chains, DEPTH_LIMIT endless pagination, RETRY_TIMES each
# URL of a 500 storm, and these caps every site, whatever traps it sets (calendars, session URLs),
# and a site that is down (this many 5xx responses in a row, retries included).
ARCHIVE_MAX_REQUESTS_PER_SITE = 50_000
ARCHIVE_MAX_SERVER_ERRORS_IN_A_ROW = 100
DOWNLOADER_MIDDLEWARES = {
    # Before offsite (50) and robots.txt (100): a request off the site's hosts and ports must not
    # even fetch robots.txt.
    "crawler.limits.SiteBoundsMiddleware": 40,
    # After retries (550) on the way in, before them on the way out: it sees every 5xx attempt.
    "crawler.limits.SiteDownMiddleware": 560,
    # Scrapy's own, counting what they refuse.
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.limits.CountedMetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.limits.CountedHttpCompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.limits.CountedRedirectMiddleware": 600,
    # After decompression (590) and redirects (600), before retries (550): sees every response.
    "crawler.middlewares.WarcCaptureMiddleware": 585,
}
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "crawler.limits.CountedDepthMiddleware": 900,
}
ITEM_PIPELINES = {
    "crawler.pipelines.CleanPipeline": 300,
    "crawler.pipelines.StorePipeline": 800,
}
EXTENSIONS = {
    "crawler.progress.CrawlProgress": 500,
}

# Where the archive lives (the CLI sets it from --data).
ARCHIVE_DATA_DIR = os.environ.get("ARCHIVE_DATA_DIR", "data")
# Print a progress line every this many responses.
ARCHIVE_PROGRESS_EVERY = 10
