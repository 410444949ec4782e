"""One spider per source kind; each only parses and yields PostItems and requests."""

from crawler.spiders.feed import FeedSpider
from crawler.spiders.html import HtmlSpider
from crawler.spiders.jobposting import JobPostingSpider
from crawler.spiders.telegram import TelegramSpider

SPIDERS = {cls.kind: cls for cls in (TelegramSpider, JobPostingSpider, FeedSpider, HtmlSpider)}
