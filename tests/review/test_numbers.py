"""Numbers in one Indonesian format on every page: a decimal comma, a thousands dot, and
thresholds rounded rather than printed raw."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from review.numbers import number
from storage.db import session_factory
from storage.models import ReviewItem, Score, utcnow


def test_number_uses_a_decimal_comma_and_a_thousands_dot():
    assert number(0.8123, 2) == "0,81"
    assert number(12345) == "12.345"
    assert number(1234.5, 1) == "1.234,5"
    assert number(0.5, 1) == "0,5"
    assert number(0.81, 0, percent=True) == "81%"
    assert number(None) == "—"
    assert number("n/a") == "n/a"


def test_the_item_page_shows_score_and_threshold_rounded_with_a_comma(browser, review_engine):
    with session_factory(review_engine)() as s:
        s.execute(update(Score).values(threshold=0.380012, score=0.8123))
        s.commit()
    page = browser("rina").get("/items/1").text
    assert "0,812 (ambang 0,38," in page
    assert "0.380012" not in page and "0.812" not in page


def test_the_queue_and_dashboard_write_decimals_the_same_way(browser, review_engine):
    with session_factory(review_engine)() as s:
        s.execute(update(ReviewItem).values(created_at=utcnow() - timedelta(hours=12)))
        s.execute(update(Score).values(score=0.75))
        s.commit()
    rina = browser("rina")
    queue = rina.get("/").text
    assert ">0,75<" in queue and "Tinggi (≥ 0,9)" in queue
    assert "0,5 hari" in rina.get("/dashboard").text
