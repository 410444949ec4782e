"""A small corpus, a model trained on it once per test session, and helpers that store posts
and record reviewers' decisions the way the crawl and the review app do."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from classifier import artefacts
from patrol.queue import claims, decisions
from storage import users
from storage.db import open_database, session_factory
from storage.models import User
from storage.posts import PostInput, ScoredPost, store_batch

BASE = "base"
PASSWORD = "kata-sandi-uji"


def ticket_ads(count: int, seed: int) -> list[str]:
    """Travel agents' ticket promotions: benign, and flagged by the small-corpus model (it
    reads "bebas visa", "berangkat minggu depan" as recruitment). The false positive that
    reviewers correct in these tests."""
    rng = random.Random(seed)
    cities = ["Kuala Lumpur", "Singapura", "Bangkok", "Hong Kong", "Taipei", "Jeddah", "Seoul",
              "Tokyo", "Penang", "Johor Bahru", "Phnom Penh", "Ho Chi Minh"]
    opens = ["Jual tiket promo", "PROMO TIKET", "Tiket murah", "Flash sale tiket",
             "Ready tiket", "Open order tiket"]
    perks = ["bebas visa", "visa on arrival", "tanpa ribet", "bagasi 20 kg",
             "bisa reschedule", "harga sudah termasuk pajak", "berangkat minggu depan",
             "seat terbatas", "bisa cicil"]
    out = []
    for n in range(count):
        city = rng.choice(cities)
        perks_here = ", ".join(rng.sample(perks, 3))
        out.append(f"{rng.choice(opens)} Jakarta - {city} PP mulai {rng.randint(9, 35) * 100}rb, "
                   f"{perks_here}. hub 0812-0000-{rng.randint(1000, 9999)} #{n}")
    return out


def flagged_ticket_ads(count: int, seed: int) -> list[str]:
    """`count` ticket ads that the active model flags: the false positives in the queue."""
    from classifier import load_scorer

    candidates = ticket_ads(count * 6, seed)
    flagged = [a for a, r in zip(candidates, load_scorer(None).score(candidates), strict=True)
               if r.label == "illegal"]
    assert len(flagged) >= count, "the small-corpus model no longer flags ticket ads"
    return flagged[:count]


@pytest.fixture(scope="session")
def trained_root(tmp_path_factory, small_corpus: Path) -> Path:
    from classifier.train import train

    root = tmp_path_factory.mktemp("trained")
    trained = train(str(small_corpus), seed=0)
    artefacts.save(trained.pipeline, trained.card, root=root, version=BASE)
    return root


@pytest.fixture
def models(tmp_path: Path, trained_root: Path, small_corpus: Path, monkeypatch) -> Path:
    """A models/ folder of its own with the base model active, and the small corpus as the
    corpus every command uses."""
    root = tmp_path / "models"
    shutil.copytree(trained_root, root)
    monkeypatch.setenv("PATROL_MODELS_DIR", str(root))
    monkeypatch.setenv("PATROL_CORPUS", str(small_corpus))
    artefacts.activate(BASE, root)
    return root


def variant(root: Path, name: str, threshold: float) -> str:
    """The base model saved again under `name` with another threshold: same scores, other
    labels. A cheap way to get a model that is stricter, more lenient or plainly worse."""
    pipeline, card = artefacts.load(root / BASE)
    card = {k: v for k, v in card.items() if k not in ("version", "model_sha256")}
    artefacts.save(pipeline, {**card, "threshold": threshold}, root=root, version=name)
    return name


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    engine = open_database(db_url)
    with session_factory(engine)() as s:
        for name, role in (("rina", "reviewer"), ("budi", "reviewer"), ("adi", "admin")):
            users.add_user(s, name, role, PASSWORD)
        s.commit()
        yield s
    engine.dispose()


def store(session: Session, scorer, texts: list[str], prefix: str = "https://t.me/s/loker/"):
    """Store posts scored by `scorer`, queued when flagged, as the crawl does."""
    results = scorer.score(texts)
    batch = [ScoredPost(PostInput(url=f"{prefix}{n}", platform="telegram", text=text), result,
                        "threshold" if result.label == "illegal" else None)
             for n, (text, result) in enumerate(zip(texts, results, strict=True))]
    store_batch(session, batch, None)
    session.commit()
    return results


def decide(session: Session, item_id: int, who: str, verdict: str,
           reasons: tuple[str, ...] = ("other",), note: str = "uji") -> None:
    user = session.query(User).filter_by(name=who).one()
    claims.claim(session, item_id, user)
    decisions.decide(session, item_id, user, verdict, list(reasons), note)
