"""Model artefacts on disk: `models/<version>/` with the skops file, the weights the scorer
reads (weights.py) and the model card, and `models/ACTIVE` naming the version the crawl uses.

A model is loaded only when its card is of a format this code knows and its files' SHA-256
match the card. skops must find no type outside the list below: a model file is code, and one
that came from elsewhere must not run anything we did not write. The weights file holds only
arrays and is read without pickle.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from classifier.result import ScorerError

if TYPE_CHECKING:
    from classifier.weights import Weights

FORMAT = 1
MODEL_FILE = "model.skops"
WEIGHTS_FILE = "weights.npz"
CARD_FILE = "model_card.json"
ACTIVE_FILE = "ACTIVE"
HISTORY_FILE = "HISTORY.jsonl"  # one line per change of the active model
DECISIONS_FILE = "training_decisions.json"  # provenance of the decisions a model learnt from
# Types skops does not trust by default that our pipeline is made of; nothing else is loaded.
TRUSTED = frozenset({
    "classifier.features.RedFlagFeatures",
    "classifier.features.normalised_text",
    "classifier.features.lemmatised_text",
    "classifier.features.masked_normalised_text",
    "classifier.features.masked_lemmatised_text",
    "classifier.hashing.CharNgramHasher",
    "classifier.linear.UsedColumnsLogisticRegression",
    "classifier.stack.BoundedLogistic",
    "classifier.stack.FamilyStack",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
})


def models_dir() -> Path:
    """PATROL_MODELS_DIR, else the `models/` folder of this checkout, or of the Scrapyd egg,
    which carries the model that was active where it was built (see setup.py)."""
    configured = os.environ.get("PATROL_MODELS_DIR")
    if configured:
        return Path(configured)
    from package_files import real_dir

    return real_dir(Path(__file__).resolve().parents[1] / "models")


def save(pipeline, card: dict, root: Path | None = None, version: str | None = None,
         decisions: list[dict] | None = None) -> Path:
    """Write a new model directory; never overwrites an existing version. `decisions` is the
    provenance of the reviewers' decisions it was trained on (hashes and who decided, no text)."""
    import skops.io

    from classifier.weights import from_pipeline

    root = root or models_dir()
    weights = from_pipeline(pipeline).dumps()  # first: a pipeline the scorer cannot read fails
    data = skops.io.dumps(pipeline, compression=zipfile.ZIP_DEFLATED)
    digest = hashlib.sha256(data).hexdigest()
    version = version or f"{datetime.now(UTC):%Y-%m-%d}-{digest[:6]}"
    target = root / version
    if target.exists():
        raise ScorerError(f"{target} already exists; choose another --version")
    target.mkdir(parents=True)
    (target / MODEL_FILE).write_bytes(data)
    (target / WEIGHTS_FILE).write_bytes(weights)
    card = {**card, "version": version, "model_file": MODEL_FILE, "model_sha256": digest,
            "weights_file": WEIGHTS_FILE, "weights_sha256": hashlib.sha256(weights).hexdigest()}
    (target / CARD_FILE).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    (target / "MODEL_CARD.md").write_text(card_markdown(card), encoding="utf-8")
    if decisions is not None:
        (target / DECISIONS_FILE).write_text(json.dumps(decisions, indent=1, ensure_ascii=False)
                                             + "\n", encoding="utf-8")
    return target


def trained_decision_hashes(root: Path | None = None) -> set[str]:
    """Content hashes of every decided text some model in `root` was trained on: those texts
    can never be frozen for evaluation."""
    hashes: set[str] = set()
    for path in (root or models_dir()).glob(f"*/{DECISIONS_FILE}"):
        try:
            hashes.update(d["content_hash"] for d in json.loads(path.read_text("utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ScorerError(f"{path}: cannot read which decisions the model was trained on "
                              f"({exc})") from None
    return hashes


def resolve(name: str, root: Path | None = None) -> Path:
    """The directory of model `name`: a version under models/ or a path to a model directory."""
    root = root or models_dir()
    candidate = Path(name)
    directory = candidate if (candidate / CARD_FILE).is_file() else root / name
    if not (directory / CARD_FILE).is_file():
        known = ", ".join(c["version"] for c in list_cards(root)) or "none"
        raise ScorerError(f"no model {name!r} (no {CARD_FILE} in {directory}); models in "
                          f"{root}: {known}; or use 'rules' for the rule baseline")
    return directory


def read_card(directory: Path) -> dict:
    try:
        card = json.loads((directory / CARD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ScorerError(f"{directory / CARD_FILE}: cannot read the model card ({exc})") from None
    if not isinstance(card, dict) or card.get("format") != FORMAT:
        found = card.get("format") if isinstance(card, dict) else None
        raise ScorerError(f"{directory}: model card format {found!r}, but this version of "
                          f"cyber-patrol reads format {FORMAT}; retrain with `patrol train`")
    return card


def load(directory: Path):
    """(pipeline, card) of a verified model directory; ScorerError says why one is refused."""
    import skops.io  # here, not at the top: reading a card must not cost the crawl sklearn

    card = read_card(directory)
    _check_scikit_learn(directory, card)
    path = directory / card.get("model_file", MODEL_FILE)
    data = _verified_bytes(path, card.get("model_sha256"))
    try:
        untrusted = skops.io.get_untrusted_types(data=data)
    except Exception as exc:  # skops raises several kinds on a damaged file
        raise ScorerError(f"{path}: not a readable skops file ({exc})") from None
    unknown = sorted(set(untrusted) - TRUSTED)
    if unknown:
        raise ScorerError(f"{path}: refused, it contains types this code does not know: "
                          f"{', '.join(unknown)}")
    return skops.io.loads(data, trusted=list(untrusted)), card


def load_weights(directory: Path) -> tuple[Weights, dict]:
    """(weights, card) of a verified model directory, what the scorer reads. A model saved
    before models had a weights file gets its weights from the skops file (slower to load)."""
    # Imported here: reading a card must not cost the crawl spaCy and NumPy.
    from classifier.weights import from_pipeline, loads

    card = read_card(directory)
    if "weights_file" not in card:
        pipeline, card = load(directory)
        return from_pipeline(pipeline), card
    path = directory / card["weights_file"]
    return loads(_verified_bytes(path, card.get("weights_sha256")), str(path)), card


def verify(version: str, root: Path | None = None) -> None:
    """Raise ScorerError unless model `version` loads whole: its skops file with only trusted
    types and its weights, both matching the card."""
    directory = resolve(version, root)
    load(directory)
    load_weights(directory)


def _verified_bytes(path: Path, sha256: str | None) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ScorerError(f"{path}: cannot read the model ({exc.strerror})") from None
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ScorerError(f"{path}: SHA-256 does not match its model card; the file was "
                          f"changed or damaged, so it is not loaded")
    return data


def _check_scikit_learn(directory: Path, card: dict) -> None:
    # A fitted estimator's attributes change between scikit-learn releases; one loaded into
    # another release can score differently without any error, so it is refused instead.
    import sklearn

    trained = str(card.get("libraries", {}).get("scikit-learn", "unknown"))
    if trained.split(".")[:2] != sklearn.__version__.split(".")[:2]:
        raise ScorerError(f"{directory}: trained with scikit-learn {trained}, but "
                          f"{sklearn.__version__} is installed; retrain it with `patrol train` "
                          f"or install scikit-learn {trained}")


def active_version(root: Path | None = None) -> str | None:
    path = (root or models_dir()) / ACTIVE_FILE
    if not path.is_file():
        return None
    return path.read_text(encoding="utf-8").strip() or None


def activate(version: str, root: Path | None = None, action: str = "activate",
             actor: str | None = None, reason: str | None = None) -> str | None:
    """Point ACTIVE at `version` in one atomic rename, after checking that the model loads,
    and note the change in HISTORY.jsonl. Returns the version that was active before.

    The history line is written before the rename: a change cut off between the two leaves the
    previous model active, and `previous_active` only follows lines that match ACTIVE."""
    root = root or models_dir()
    verify(version, root)
    before = active_version(root)
    entry = {"at": datetime.now(UTC).isoformat(timespec="seconds"), "action": action,
             "from": before, "to": version, "actor": actor, "reason": reason}
    with (root / HISTORY_FILE).open("a", encoding="utf-8") as history:
        history.write(json.dumps(entry, ensure_ascii=False) + "\n")
    tmp = root / f".{ACTIVE_FILE}.tmp"
    tmp.write_text(version + "\n", encoding="utf-8")
    os.replace(tmp, root / ACTIVE_FILE)
    return before


def history(root: Path | None = None) -> list[dict]:
    path = (root or models_dir()) / HISTORY_FILE
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def previous_active(root: Path | None = None) -> str | None:
    """The model that was active before the active one was promoted (what rollback restores).

    Walks back through promotions: after a rollback from B to A, the next rollback goes to
    whatever A replaced, not back to B."""
    current = active_version(root)
    for entry in reversed(history(root)):
        if entry.get("to") == current and entry.get("action") in ("promote", "activate"):
            return entry.get("from")
    return None


def list_cards(root: Path | None = None) -> list[dict]:
    root = root or models_dir()
    if not root.is_dir():
        return []
    cards = []
    for card_file in sorted(root.glob(f"*/{CARD_FILE}")):
        try:
            cards.append(read_card(card_file.parent))
        except ScorerError:
            continue
    return cards


def card_markdown(card: dict) -> str:
    test = card.get("metrics", {}).get("test", {})
    dev = card.get("metrics", {}).get("dev", {})
    grouped = card.get("grouped")
    lines = [
        f"# Model {card['version']}", "",
        "Linear model over word TF-IDF (1-2 grams), character n-grams (2-5) and "
        "red-flag/context features"
        + (f", design `{card['design']}`" if "design" in card else "")
        + "; see `classifier/train.py` and `classifier/stack.py`.", "",
        f"- created: {card['created']}, seed {card['seed']}",
        f"- threshold: {card['threshold']} "
        + (f"(best precision at held-out recall >= {card['min_recall_held_out']}"
           + (f", and >= {card['min_scenario_recall_held_out']} per scenario"
              if "min_scenario_recall_held_out" in card else "")
           + f", over {grouped['folds']} family folds)" if grouped else
           f"(best precision at recall >= {card.get('min_recall_on_dev')} on the dev split)"),
        f"- data: `{card['data']['file']}` sha256 `{card['data']['sha256'][:16]}…`, "
        f"{card['data']['records']} records, splits {card['data']['splits']}",
        f"- model file sha256: `{card['model_sha256']}`",
        *([f"- weights file sha256: `{card['weights_sha256']}`"] if "weights_sha256" in card
          else []),
        f"- libraries: {', '.join(f'{k} {v}' for k, v in card['libraries'].items())}", "",
        "| figures | n | precision | recall | F1 | ROC-AUC | PR-AUC | Brier |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    rows = [("leave-family-out (held out)", grouped["metrics"])] if grouped else []
    rows += [("dev split", dev), ("frozen test split", test)]
    for name, m in rows:
        if m:
            lines.append(f"| {name} | {m['n']} | {m['precision']} | {m['recall']} | {m['f1']} | "
                         f"{m['roc_auc']} | {m['pr_auc']} | {m['brier']} |")
    if grouped:
        lines += ["", f"Hard-negative false-positive rate held out: "
                  f"{grouped['hard_negatives']['fpr']} of {grouped['hard_negatives']['n']}. "
                  f"Test split minus held out: {grouped.get('gap_to_test')}.", "",
                  "| scenario | offers | recall | benign | false-positive rate |",
                  "| --- | --- | --- | --- | --- |"]
        lines += [f"| {name} | {v['n']} | {v['recall']} | {v['benign']} | {v['fpr']} |"
                  for name, v in grouped["scenario_recall"].items()]
        lines += ["", "| red-flag code | offers | recall |", "| --- | --- | --- |"]
        lines += [f"| {code} | {v['n']} | {v['recall']} |"
                  for code, v in grouped["code_recall"].items()]
    if card.get("designs"):
        lines += ["", "Designs compared under the same family folds:", "",
                  "| design | held-out precision | recall | F1 | Brier | hard-negative FPR | "
                  "test F1 | threshold |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        lines += [f"| {name} | {d['grouped']['precision']} | {d['grouped']['recall']} | "
                  f"{d['grouped']['f1']} | {d['grouped']['brier']} | {d['hard_negative_fpr']} | "
                  f"{d['test_f1']} | {d['threshold']} |" for name, d in card["designs"].items()]
    return "\n".join(lines) + "\n"
