"""Scoring in worker processes gives the same results as scoring in the crawl process."""

import asyncio
import os
import signal

from classifier import load_scorer
from classifier.workers import ScoringWorkers, scoring_for

TEXTS = [
    "Dibutuhkan segera TKW ke Malaysia, tanpa paspor, lewat jalur tikus. WA 0812-0000-1234",
    "WASPADA modus lowongan kerja ke Kamboja! Jangan percaya tawaran gaji besar tanpa kontrak.",
    "Lowongan admin toko di Bandung, gaji UMR, kirim lamaran ke email.",
]


async def _score_all(scoring, texts):
    return await asyncio.gather(*(scoring.score(t) for t in texts))


def test_workers_score_like_the_crawl_process():
    expected = load_scorer(None).score(TEXTS)
    workers = scoring_for(None, processes=1)
    try:
        assert isinstance(workers, ScoringWorkers)
        results = asyncio.run(_score_all(workers, TEXTS))
    finally:
        workers.close()
    assert [r.to_dict() for r in results] == [r.to_dict() for r in expected]
    assert results[0].label == "illegal" and results[2].label == "benign"


def test_posts_are_still_scored_when_the_workers_die(caplog):
    workers = ScoringWorkers(None, processes=1)
    try:
        first = asyncio.run(_score_all(workers, TEXTS[:1]))
        for pid in list(workers.executor._processes):
            os.kill(pid, signal.SIGKILL)
        rest = asyncio.run(_score_all(workers, TEXTS[1:]))
    finally:
        workers.close()
    assert first[0].label == "illegal"
    assert [r.label for r in rest] == ["benign", "benign"]
    assert "scoring workers stopped" in caplog.text


def test_zero_processes_scores_in_this_process():
    scoring = scoring_for(None, processes=0)
    [result] = asyncio.run(_score_all(scoring, TEXTS[:1]))
    assert result.to_dict() == load_scorer(None).score(TEXTS[:1])[0].to_dict()
