"""Scrapy settings for the patrol crawler. `patrol crawl` fills in the PATROL_* values."""

from settings_table import SCRAPY_DEFAULTS

BOT_NAME = "cyber-patrol"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Identify ourselves and play by the site's rules.
USER_AGENT = ("cyber-patrol/0.1 (+https://github.com/cyber-patrol/cyber-patrol; "
              "migrant-worker protection patrol)")
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.25
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 8
# Scrapy starts this many asyncio tasks for every response's output. Our pipelines are
# synchronous, so more than a few only costs task start-up (a third of the CPU at the default 100).
CONCURRENT_ITEMS = 4
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 2 * 1024 * 1024  # a larger page is abandoned and counted as an error
DOWNLOAD_WARNSIZE = 1024 * 1024
# Transient failures only (Scrapy's RETRY_HTTP_CODES and network errors), twice, after a pause
# that doubles (crawler.middlewares.RetryBackoff).
RETRY_TIMES = 2
DOWNLOADER_MIDDLEWARES = {"crawler.middlewares.RetryBackoff": 540}
# Scrapy's redirects, with a loop (A -> B -> A) counted as too_many_redirects: Scrapy's own
# dupefilter would drop the second A without a word.
DOWNLOADER_MIDDLEWARES |= {"scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
                           "crawler.middlewares.RedirectLoops": 600}
# Scrapy's HTTP/1.1 handler, without the race that could log a traceback at close; requests of
# a source with `render = true` go to a browser instead (crawler.render).
DOWNLOAD_HANDLERS = {"http": "crawler.render.RenderHandler",
                     "https": "crawler.render.RenderHandler"}
# The browser of a rendering source: one context (PATROL_RENDER_PAGES pages), no images, fonts
# or media, and no Playwright-downloaded browser (PATROL_CHROMIUM is Debian's).
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_MAX_CONTEXTS = 1
PLAYWRIGHT_ABORT_REQUEST = "crawler.render.skip_heavy"
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
DEPTH_PRIORITY = 0
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "WARNING"
# A dropped item is a repeat or an unchanged post, not a problem; and Scrapy's message would
# carry the whole item, a stranger's text, into the log.
DEFAULT_DROPITEM_LOG_LEVEL = "DEBUG"

ITEM_PIPELINES = {
    # Records what `patrol recheck` saw of each post, before the others see only posts.
    "patrol.cases.rechecks.RecheckPipeline": 50,
    "crawler.pipelines.NormalisePipeline": 100,
    "crawler.pipelines.DedupePipeline": 200,
    "crawler.pipelines.ImagePipeline": 250,  # fetches and reads images: only with PATROL_OCR
    "crawler.pipelines.ScorePipeline": 300,
    "patrol.queue.admission.QueuePipeline": 400,  # by its path, as the run recorder below
    "crawler.pipelines.StorePipeline": 500,
}
EXTENSIONS = {
    "crawler.errors.SpiderErrors": 490,
    # Records each source in its run; a spider started by Scrapyd or `scrapy crawl` goes through
    # the whole run lifecycle there (lock, run, link, checks, notify). Named by its path only:
    # the crawler imports nothing from the application layer above it.
    "patrol.operations.scrapy_runs.RunRecorder": 500,
    "crawler.frontier.FrontierIdle": 510,  # only with PATROL_FRONTIER
}
# With PATROL_FRONTIER set, spiders share their request queue and dupefilter in Redis.
ADDONS = {"crawler.frontier.SharedFrontier": 0}

# The PATROL_* settings, with their defaults from settings_table (where each is described):
# PATROL_DATABASE_URL, PATROL_MODEL, PATROL_SCORE_PROCESSES, PATROL_FRONTIER, PATROL_FRONTIER_RUN,
# PATROL_FRONTIER_IDLE, the review samples below the threshold for `patrol evaluate --live`
# (PATROL_SAMPLE_NEAR_SHARE, PATROL_SAMPLE_NEAR_BAND, PATROL_SAMPLE_RANDOM_SHARE), the retry
# backoff (PATROL_RETRY_BACKOFF), the store batches (PATROL_STORE_BATCH, PATROL_STORE_SECONDS)
# and the posts' images (PATROL_OCR, PATROL_OCR_PROCESSES, PATROL_OCR_SECONDS,
# PATROL_OCR_LANGUAGES, PATROL_IMAGES_PER_POST, PATROL_IMAGE_MAX_BYTES),
# and the browser for rendered sources (PATROL_RENDER_PAGES, PATROL_CHROMIUM).
# `patrol crawl` fills them in from flags, environment or patrol.toml (patrol/config.py). A job
# started by Scrapyd or `scrapy crawl` reads any PATROL_* setting given with `-s` (Scrapyd:
# `setting=`) as a flag, the others as `patrol` does: environment, patrol.toml, defaults.
globals().update(SCRAPY_DEFAULTS)

# Components that do nothing for public, anonymous crawls; each costs per-request work. (Added
# to the middlewares above: an assignment here had dropped RetryBackoff.)
DOWNLOADER_MIDDLEWARES |= {
    "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware": None,
}
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
}
REMOTE_CONTROL_ENABLED = False
# The referer middleware stays (the redirect middleware warns on every crawl without it), but
# sends no Referer: the sites we read need not learn where the patrol came from.
REFERRER_POLICY = "no-referrer"
