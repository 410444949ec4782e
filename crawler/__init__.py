"""The Scrapy project: spiders that only parse, item pipelines that each do one thing."""
