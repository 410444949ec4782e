"""The store pipeline on its own, with a real Scrapy crawler object, on both databases."""

from scrapy.utils.test import get_crawler
from sqlalchemy import select

from crawler.items import PostItem
from crawler.pipelines import StorePipeline
from storage.db import open_database, session_factory
from storage.models import Post


def test_one_bad_post_does_not_lose_the_rest_of_its_batch(db_url):
    crawler = get_crawler(settings_dict={"PATROL_DATABASE_URL": db_url})
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    for n, platform in enumerate(["telegram", None, "telegram"]):  # None breaks NOT NULL
        pipeline.process_item(PostItem(source="t", platform=platform,
                                       url=f"https://t.me/x/{n}", text=f"post {n}"))
    assert pipeline.pending  # nothing written yet: the batch is not full
    pipeline.close_spider()
    engine = open_database(db_url)
    with session_factory(engine)() as session:
        assert sorted(session.scalars(select(Post.url))) == ["https://t.me/x/0",
                                                             "https://t.me/x/2"]
    engine.dispose()
    assert crawler.stats.get_value("patrol/errors") == 1
    assert crawler.stats.get_value("patrol/posts_new") == 2
