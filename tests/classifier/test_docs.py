"""The project's domain notes in docs/ say what the code does: the red-flag table cannot drift
from classifier/flags.py, and the code cites the notes in docs/, not files outside the
repository."""

import re
from pathlib import Path

from classifier.flags import FAMILY_OF, FLAGS, MEDIUM, STRONG, WEAK
from review.labels import FLAG_LABELS

ROOT = Path(__file__).resolve().parents[2]
WEIGHTS = {"strong": STRONG, "medium": MEDIUM, "weak": WEAK}
ROW = re.compile(r"^\| `(\w+)` \| `(\w+)` \| (\w+) \| (.+?) \| (.+?) \|$", re.MULTILINE)


def test_the_red_flag_table_lists_every_code_as_the_code_defines_it():
    rows = ROW.findall((ROOT / "docs" / "red-flags.md").read_text("utf-8"))
    assert [code for code, *_ in rows] == [f.code for f in FLAGS]
    for (code, family, weight, meaning, label), flag in zip(rows, FLAGS, strict=True):
        assert (family, WEIGHTS[weight], meaning, label) == (
            FAMILY_OF[code], flag.weight, flag.meaning, FLAG_LABELS[code]), code


# Files the code writes, not notes it cites.
WRITTEN = {"MODEL_CARD.md", "report.md"}


def test_code_cites_notes_that_are_in_the_repository():
    sources = [p for d in ("classifier", "crawler", "storage", "review", "patrol")
               for p in (ROOT / d).rglob("*.py")]
    cited = {(p.relative_to(ROOT), m) for p in sources
             for m in re.findall(r"\b[\w-]+\.md\b", p.read_text("utf-8"))}
    places = ("", "docs", "classifier/data", "classifier/data/checks")
    missing = sorted((str(p), name) for p, name in cited if name not in WRITTEN
                     and not any((ROOT / d / name).is_file() for d in places))
    assert missing == []
