"""The corpus file is what its families write, and families added later never reach the frozen
test split on which models are compared."""

import importlib.util
import json
import sys

from classifier.corpus import CORPUS, read_records, split

WRITER = CORPUS.parent / "write_corpus.py"


def _writer():
    spec = importlib.util.spec_from_file_location("write_corpus", WRITER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, sys.modules["families"]


def test_the_committed_corpus_is_what_the_families_write():
    writer, _ = _writer()
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == writer.records()


def test_families_added_after_the_freeze_stay_out_of_the_test_split():
    writer, families = _writer()
    later = [f["id"] for f in families.FAMILIES if f not in families.FROZEN_TEST]
    assert later, "no family was added after the freeze"
    frozen = {f["id"] for f in families.FROZEN_TEST}
    test_groups = {r.group for r in split(read_records(), "test")}
    assert test_groups and test_groups <= frozen
    # Later ids are split train:dev as 70:15.
    splits = [writer.split_of(f"some-later-family-{n}", test_open=False) for n in range(400)]
    assert "test" not in splits
    assert 0.7 < splits.count("train") / len(splits) < 0.95
