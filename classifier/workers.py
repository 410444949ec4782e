"""Scoring in worker processes, so that a crawl's event loop never waits on the model.

Scrapy runs in one thread; scoring is pure CPU. On a machine with two cores the crawl is twice
as fast when the model runs in another process. Texts are gathered for up to BATCH_SECONDS (or
BATCH_SIZE texts) and scored as one batch: the model's fixed cost per call is larger than its
cost per text, and a crawl does not mind 20 ms of delay.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from classifier import load_scorer
from classifier.result import ScoreResult

logger = logging.getLogger(__name__)
BATCH_SECONDS = 0.02
BATCH_SIZE = 64


def _exit_with_parent() -> None:
    """Worker initialiser: end this worker when the crawl process is gone. A worker waits on
    its task queue for ever otherwise, and a crawl killed with SIGKILL (or by the OOM killer)
    would leave one behind per night, holding a loaded model."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=lambda: (parent.join(), os._exit(0)), daemon=True).start()


def _score_batch(model: str | None, texts: list[str]) -> list[ScoreResult]:
    # Runs in the worker: load_scorer caches, so each worker loads the model once.
    return load_scorer(model).score(texts)


class InProcessScoring:
    """The same interface as ScoringWorkers, scoring in the calling thread."""

    def __init__(self, model: str | None) -> None:
        self.model = model

    async def score(self, text: str) -> ScoreResult:
        return _score_batch(self.model, [text])[0]

    def close(self) -> None:
        pass


class ScoringWorkers:
    """Score texts in `processes` spawned worker processes; `await workers.score(text)`.

    Spawned rather than forked: the crawl process has threads (Twisted, Rich) by the time it
    scores, and forking a threaded process can deadlock the child. If the workers die, the
    remaining posts are scored in this process instead, with an error logged once."""

    def __init__(self, model: str | None, processes: int = 1) -> None:
        self.model = model
        context = multiprocessing.get_context("spawn")
        self.executor = ProcessPoolExecutor(processes, mp_context=context,
                                            initializer=_exit_with_parent)
        # Start the workers and load the model now, while Scrapy is still starting up.
        self.executor.submit(_score_batch, model, [])
        self.pending: list[tuple[str, asyncio.Future]] = []
        self.timer: asyncio.TimerHandle | None = None  # sends the pending batch when it fires
        self.fallback: InProcessScoring | None = None

    async def score(self, text: str) -> ScoreResult:
        if self.fallback is not None:
            return await self.fallback.score(text)
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self.pending.append((text, future))
        if len(self.pending) == 1:
            self.timer = loop.call_later(BATCH_SECONDS, self._send, loop)
        elif len(self.pending) >= BATCH_SIZE:
            self.timer.cancel()
            self._send(loop)
        return await future

    def _send(self, loop: asyncio.AbstractEventLoop) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        try:
            done = self.executor.submit(_score_batch, self.model, [text for text, _ in batch])
        except (BrokenProcessPool, RuntimeError) as exc:
            self._deliver(batch, None, exc)
            return
        done.add_done_callback(
            lambda f: loop.call_soon_threadsafe(self._deliver, batch, f, None))

    def _deliver(self, batch: list[tuple[str, asyncio.Future]], done: Future | None,
                 error: BaseException | None) -> None:
        if done is not None:
            error = done.exception()
        if error is None:
            results = list(done.result())
        else:
            if isinstance(error, BrokenProcessPool | RuntimeError) and self.fallback is None:
                logger.error("scoring workers stopped (%s); scoring in the crawl process", error)
                self.fallback = InProcessScoring(self.model)
            # Score one by one here: after a crash, or to find the one text at fault.
            results = _score_each(self.model, batch)
        for (_, future), result in zip(batch, results, strict=True):
            if future.done():
                continue
            if isinstance(result, BaseException):
                future.set_exception(result)
            else:
                future.set_result(result)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _score_each(model: str | None, batch: list[tuple[str, asyncio.Future]],
                ) -> list[ScoreResult | BaseException]:
    results: list[ScoreResult | BaseException] = []
    for text, _ in batch:
        try:
            results.append(_score_batch(model, [text])[0])
        except Exception as exc:
            results.append(exc)
    return results


def scoring_for(model: str | None, processes: int) -> ScoringWorkers | InProcessScoring:
    """Worker processes when `processes` > 0, else scoring in this process."""
    return ScoringWorkers(model, processes) if processes > 0 else InProcessScoring(model)
