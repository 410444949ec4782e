"""The result of scoring one text: what `patrol classify --json` prints (README, "Score a text
without storing it")."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Flag:
    """A red flag found in the text; `start`/`end` index the text as given. For a post scored
    with the text of its images (classifier/parts.py), `image` is the position of the image
    the span is in (1 for the first) and `start`/`end` index that image's text; None: the
    caption."""

    code: str
    text: str
    start: int
    end: int
    image: int | None = None


@dataclass(frozen=True)
class Entity:
    """An identifier that can link posts to a recruiter (phone, handle, link)."""

    kind: str
    value: str
    text: str
    start: int
    end: int
    image: int | None = None  # as Flag.image


@dataclass(frozen=True)
class ScoreResult:
    score: float
    label: str
    threshold: float
    model: str
    flags: list[Flag] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # "migrant" or "domestic" (classifier/scope.py); None from code that predates scope.
    scope: str | None = None

    @property
    def flag_codes(self) -> list[str]:
        """Distinct red-flag codes in order of first appearance."""
        return list(dict.fromkeys(f.code for f in self.flags))

    def to_dict(self) -> dict:
        """As JSON: a span in the caption has no `image` key, so a plain text's output (and
        every stored score from before images were read) reads as it always did."""
        data = asdict(self)
        for span in data["flags"] + data["entities"]:
            if span["image"] is None:
                del span["image"]
        return data


class ScorerError(Exception):
    """A model that cannot be loaded; the message says which and why."""
