"""The rule reading of a text as numbers, the model's third block of features: which red-flag
codes fired, their total weight, and the context cues, so the model can learn how much an
official warning's "waspada" outweighs the "visa ziarah" it quotes."""

from __future__ import annotations

from classifier.analysis import analyse
from classifier.flags import FLAG_CODES, total_weight

CONTACT_KINDS = {"phone", "international_phone", "telegram", "instagram", "tiktok", "facebook"}
CUE_CAP = 3


def feature_names() -> list[str]:
    return ([f"flag:{code}" for code in FLAG_CODES]
            + ["flag_weight", "cue:recruit", "cue:warning", "cue:question", "contact",
               "recruit_and_contact", "abroad", "abroad_and_recruit", "recruit_not_abroad"])


def rule_features(text: str) -> list[float]:
    found = analyse(text)
    codes = found.counted_codes()
    cues = found.cues
    recruit = min(len(cues.recruit), CUE_CAP) / CUE_CAP
    contact = float(any(e.kind in CONTACT_KINDS for e in found.entities))
    abroad = float(bool(cues.abroad))
    return ([float(code in codes) for code in FLAG_CODES]
            + [min(total_weight(codes), 6.0) / 6.0, recruit,
               min(len(cues.warning), CUE_CAP) / CUE_CAP, float(cues.question), contact,
               recruit * contact, abroad, abroad * recruit, recruit * (1 - abroad)])
