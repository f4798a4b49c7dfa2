"""Scrapy settings for the portal crawler: polite by default."""
import os

BOT_NAME = "vn-edu-news"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

CONTACT = os.environ.get("VN_EDU_NEWS_CONTACT", "see README: 'Crawling etiquette'")
USER_AGENT = f"vn-edu-news-crawler/0.1 (research crawler for Vietnamese education news; contact: {CONTACT})"

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOAD_TIMEOUT = 20
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024   # pages over this are recorded as failed (too large)
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "ERROR"
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.RetryAfterMiddleware": 560,       # sees a 429/503 before RetryMiddleware (550)
    "crawler.middlewares.TruncatedBodyMiddleware": 585,    # responses come up after decompression (590)
}
ITEM_PIPELINES = {"crawler.page_store.WarcPageStore": 300}  # raw pages into WARC files

CRAWL_MAX_RETRY_AFTER = 120.0  # seconds: the longest Retry-After a crawl honours

# Discovery limits (per source); the run summary says when one was reached
CRAWL_MAX_LISTINGS = 200      # listing pages per source per run (traps: endless pagers, calendars)
CRAWL_MAX_LISTINGS_PER_PATTERN = 60  # listing pages of one URL shape (digits and query values ignored)
CRAWL_MAX_DEPTH = 50          # listing pages followed from a start URL (pagination depth); the one default
CRAWL_MAX_PAGES = 500         # article pages fetched per source per run
