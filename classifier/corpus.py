"""The labelled corpus: one JSON record per line (`text`, `label` and what a record may carry
besides, as `Record` lists), read with an error that names the line."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "data" / "corpus.jsonl"
LABELS = ("benign", "illegal")


class CorpusError(Exception):
    """A labelled file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Record:
    text: str
    label: str
    id: str = ""
    split: str = ""
    group: str = ""
    category: str = ""
    flags: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    scenario: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def y(self) -> int:
        return int(self.label == "illegal")


def read_records(path: Path | str = CORPUS) -> list[Record]:
    """Every record of a labelled JSONL file. A bad line stops the read: training on a silently
    shortened corpus would give a model whose card lies about its data."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"{path}: no such file")
    records = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
            if not isinstance(data, dict) or not isinstance(data.get("text"), str):
                raise CorpusError(f"{path}:{number}: expected an object with a 'text' string")
            if data.get("label") not in LABELS:
                raise CorpusError(f"{path}:{number}: label must be 'illegal' or 'benign', "
                                  f"not {data.get('label')!r}")
            records.append(Record(
                text=data["text"], label=data["label"], id=str(data.get("id", number)),
                split=data.get("split", ""), group=data.get("group", ""),
                category=data.get("category", ""), flags=tuple(data.get("flags", ())),
                phones=tuple(data.get("phones", ())), scenario=str(data.get("scenario", "")),
                extra=data))
    if not records:
        raise CorpusError(f"{path}: no records")
    return records


def split(records: list[Record], name: str) -> list[Record]:
    return [r for r in records if r.split == name]


def file_sha256(path: Path | str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
