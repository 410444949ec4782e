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
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial

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


class BatchWorkers:
    """Run `run_batch` (a picklable function of a list, returning one result per element) in
    `processes` spawned worker processes; `await workers.submit(value)`.

    Spawned rather than forked: the crawl process has threads (Twisted, Rich) by the time it
    uses them, and forking a threaded process can deadlock the child. If the workers die, the
    remaining values are handled in this process instead, with an error logged once; a batch
    that raises is run again value by value, to find the one at fault."""

    what = "workers"  # for the log

    def __init__(self, run_batch: Callable[[list], list], processes: int = 1,
                 batch_size: int = BATCH_SIZE) -> None:
        self.run_batch = run_batch
        self.batch_size = batch_size
        context = multiprocessing.get_context("spawn")
        self.executor = ProcessPoolExecutor(processes, mp_context=context,
                                            initializer=_exit_with_parent)
        # Start the workers (and load what they need) now, while Scrapy is still starting up.
        self.executor.submit(run_batch, [])
        self.pending: list[tuple[object, asyncio.Future]] = []
        self.timer: asyncio.TimerHandle | None = None  # sends the pending batch when it fires
        self.in_process = False

    async def submit(self, value: object) -> object:
        if self.in_process:
            return self.run_batch([value])[0]
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self.pending.append((value, future))
        if len(self.pending) == 1:
            self.timer = loop.call_later(BATCH_SECONDS, self._send, loop)
        elif len(self.pending) >= self.batch_size:
            self.timer.cancel()
            self._send(loop)
        return await future

    def _send(self, loop: asyncio.AbstractEventLoop) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        try:
            done = self.executor.submit(self.run_batch, [value for value, _ in batch])
        except (BrokenProcessPool, RuntimeError) as exc:
            self._deliver(batch, None, exc)
            return
        done.add_done_callback(
            lambda f: loop.call_soon_threadsafe(self._deliver, batch, f, None))

    def _deliver(self, batch: list[tuple[object, asyncio.Future]], done: Future | None,
                 error: BaseException | None) -> None:
        if done is not None:
            error = done.exception()
        if error is None:
            results = list(done.result())
        else:
            if isinstance(error, BrokenProcessPool | RuntimeError) and not self.in_process:
                logger.error("%s stopped (%s); continuing in the crawl process", self.what,
                             error)
                self.in_process = True
            # One by one here: after a crash, or to find the one value at fault.
            results = self._each(batch)
        for (_, future), result in zip(batch, results, strict=True):
            if future.done():
                continue
            if isinstance(result, BaseException):
                future.set_exception(result)
            else:
                future.set_result(result)

    def _each(self, batch: list[tuple[object, asyncio.Future]]) -> list:
        results: list = []
        for value, _ in batch:
            try:
                results.append(self.run_batch([value])[0])
            except Exception as exc:
                results.append(exc)
        return results

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


class ScoringWorkers(BatchWorkers):
    """Score texts in worker processes; `await workers.score(text)`."""

    what = "scoring workers"

    def __init__(self, model: str | None, processes: int = 1) -> None:
        self.model = model
        super().__init__(partial(_score_batch, model), processes)

    async def score(self, text: str) -> ScoreResult:
        return await self.submit(text)


def scoring_for(model: str | None, processes: int) -> ScoringWorkers | InProcessScoring:
    """Worker processes when `processes` > 0, else scoring in this process."""
    return ScoringWorkers(model, processes) if processes > 0 else InProcessScoring(model)
