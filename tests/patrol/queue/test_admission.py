"""Samples below the threshold: which posts, how many, and where they sit in the queue."""

from __future__ import annotations

from scrapy.utils.test import get_crawler

from classifier import ScoreResult
from crawler.items import PostItem
from patrol.queue.admission import QueuePipeline, Sampling
from patrol.queue.listing import QueueFilter, list_queue
from storage.posts import PostInput, ScoredPost, store_batch


def test_samples_are_drawn_at_the_configured_rates_and_the_same_way_every_time():
    sampling = Sampling(near_share=0.1, near_band=0.15, random_share=0.01)
    keys = [f"https://t.me/s/loker/{n}" for n in range(40_000)]
    near = [sampling.reason(k, 0.45, 0.5) for k in keys]
    far = [sampling.reason(k, 0.05, 0.5) for k in keys]
    assert set(near) == {"uncertain", None} and set(far) == {"random", None}
    assert 0.09 < near.count("uncertain") / len(keys) < 0.11
    assert 0.008 < far.count("random") / len(keys) < 0.012
    assert [sampling.reason(k, 0.45, 0.5) for k in keys[:500]] == near[:500]
    assert sampling.reason(keys[0], 0.5, 0.5) == "threshold"
    # The same post on another host or port (a test server, a mirror) gets the same draw.
    moved = [k.replace("https://t.me", "http://127.0.0.1:41234") for k in keys[:500]]
    assert [sampling.reason(k, 0.45, 0.5) for k in moved] == near[:500]
    off = Sampling(near_share=0, random_share=0)
    assert {off.reason(k, 0.45, 0.5) for k in keys[:2000]} == {None}


def test_the_queue_pipeline_takes_its_rates_from_the_crawl_settings():
    crawler = get_crawler(settings_dict={"PATROL_SAMPLE_NEAR_SHARE": 0.0,
                                         "PATROL_SAMPLE_NEAR_BAND": 0.15,
                                         "PATROL_SAMPLE_RANDOM_SHARE": 1.0})
    pipeline = QueuePipeline.from_crawler(crawler)

    def reason(score: float) -> str | None:
        item = PostItem(source="s", platform="web", url=f"https://x.test/{score}", text="t",
                        result=ScoreResult(score, "benign", 0.5, "m"))
        return pipeline.process_item(item).queue_reason

    assert (reason(0.9), reason(0.4), reason(0.1)) == ("threshold", None, "random")


def test_a_stored_sample_waits_at_the_threshold_and_can_be_listed_on_its_own(session):
    # Every post below the threshold is sampled, so that each one's reason is known.
    pipeline = QueuePipeline.from_crawler(get_crawler(settings_dict={
        "PATROL_SAMPLE_NEAR_SHARE": 1.0, "PATROL_SAMPLE_NEAR_BAND": 0.15,
        "PATROL_SAMPLE_RANDOM_SHARE": 1.0}))

    def scored(n: int, score: float) -> ScoredPost:
        label = "illegal" if score >= 0.5 else "benign"
        item = pipeline.process_item(PostItem(
            source="s", platform="web", url=f"https://x.test/{n}", text=f"post {n}",
            result=ScoreResult(score, label, 0.5, "m")))
        post = PostInput(url=item.url, platform=item.platform, text=item.text)
        return ScoredPost(post, item.result, item.queue_reason, item.priority)

    store_batch(session, [scored(1, 0.93), scored(2, 0.04), scored(3, 0.62), scored(4, 0.41)],
                None)
    session.commit()
    order = [(e.text, e.reason, round(e.score, 2)) for e in list_queue(session)]
    # Both samples wait at the threshold, after every flagged post, oldest first.
    assert order == [("post 1", "threshold", 0.93), ("post 3", "threshold", 0.62),
                     ("post 2", "random", 0.04), ("post 4", "uncertain", 0.41)]
    assert [e.text for e in list_queue(session, where=QueueFilter(reason="random"))] == [
        "post 2"]
