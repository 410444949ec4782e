"""Figures a worker process keeps for a short while instead of reading them per request.

Only what may be a little old: the filter menus (sources and platforms change with the crawl
configuration) and the dashboard (it reads every post; under load it was the most expensive
page). Each process keeps its own copy; none of it is state a request relies on.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

T = TypeVar("T")


class Kept(Generic[T]):
    """`load(session)`, read again when older than `seconds`."""

    def __init__(self, seconds: float, load: Callable[[Session], T]) -> None:
        self.seconds = seconds
        self.load = load
        self._value: T | None = None
        self._at = float("-inf")
        self._lock = threading.Lock()  # one reader reloads; the others wait for its answer

    def get(self, session: Session) -> T:
        with self._lock:
            if time.monotonic() - self._at > self.seconds:
                self._value, self._at = self.load(session), time.monotonic()
            return self._value
