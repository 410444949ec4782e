"""The transparent rule baseline: red flags and context cues to a score.

The formula, in full (weights from docs/red-flags.md: strong 2.0, medium 1.0, weak 0.4):

    evidence = sum of the weights of the distinct red-flag codes found, at most 6
               (umrah and tourist visas count only when the text speaks of work: a real
               umrah package or a holiday trip mentions its visa too)
             + 0.75  if the text invites or calls to act ("dibutuhkan", "minat japri", ...)
             + 0.5   if it carries a contact (phone number, Telegram/Instagram handle)
             - 1.5 x the number of distinct warning/reporting cues, at most 3
               ("waspada", "modus", "diamankan", "jangan tergiur", ...)
             - 2.0   if it is a question and does not invite ("ini resmi gak?")
    score    = 1 / (1 + exp(-1.5 x (evidence - 2.5)))

The cap keeps a warning that lists every trick ("ciri-ciri lowongan palsu: visa ziarah,
biaya admin, ...") from outweighing its own warning cues. So one strong flag in an offer
with a contact scores about 0.75; a strong flag inside a warning or a news report scores low;
medium flags alone need company. The trained model of the next
issue must beat this on the frozen test set.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from classifier.analysis import analyse
from classifier.flags import total_weight
from classifier.result import ScoreResult
from classifier.scope import scope_of

RECRUIT_BONUS = 0.75
CONTACT_BONUS = 0.5
WARNING_PENALTY = 1.5
WARNING_CAP = 3
QUESTION_PENALTY = 2.0
FLAG_CAP = 6.0
MIDPOINT = 2.5
SLOPE = 1.5
CONTACT_KINDS = {"phone", "telegram", "instagram", "tiktok", "facebook"}


class RuleBaseline:
    """Scores texts with the formula above. Stateless once built; safe to share."""

    version = "rules-baseline-1"

    def __init__(self, threshold: float = 0.5) -> None:
        self.threshold = threshold

    def score(self, texts: Sequence[str]) -> list[ScoreResult]:
        return [self._score_one(text) for text in texts]

    def _score_one(self, text: str) -> ScoreResult:
        found = analyse(text)
        flags, entities, cues = list(found.flags), list(found.entities), found.cues
        codes = found.counted_codes()
        evidence = min(FLAG_CAP, total_weight(codes))
        if cues.recruit:
            evidence += RECRUIT_BONUS
        if any(e.kind in CONTACT_KINDS for e in entities):
            evidence += CONTACT_BONUS
        evidence -= WARNING_PENALTY * min(len(cues.warning), WARNING_CAP)
        if cues.question and not cues.recruit:
            evidence -= QUESTION_PENALTY
        score = round(1.0 / (1.0 + math.exp(-SLOPE * (evidence - MIDPOINT))), 4)
        label = "illegal" if score >= self.threshold else "benign"
        return ScoreResult(score, label, self.threshold, self.version, flags, entities,
                           scope_of(found))
