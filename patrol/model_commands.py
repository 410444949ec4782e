"""`patrol train`, `patrol evaluate` and `patrol models`: the analyst's commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from patrol.console import JsonOpt, ModelOpt, UserError, err, out, resolve_config, user_errors

models_app = typer.Typer(help="Trained models: list, show, activate.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command()(train)
    app.command()(evaluate)
    app.add_typer(models_app, name="models")


def train(
    corpus: Annotated[str | None, typer.Option(
        help="Labelled JSONL with train/dev/test splits [default: the bundled corpus]")] = None,
    seed: Annotated[int, typer.Option(help="Random seed; same data + seed = same model.")] = 0,
    version: Annotated[str | None, typer.Option(
        help="Version name [default: DATE-HASH of the model file]")] = None,
    activate: Annotated[bool, typer.Option(
        "--activate", help="Make it the active model once written.")] = False,
) -> None:
    """Train a model on the corpus, choose its threshold on the dev split, and save it with its
    model card under models/. It is not used until activated."""
    from classifier import artefacts
    from classifier.corpus import CorpusError
    from classifier.train import TrainingError
    from classifier.train import train as fit

    with user_errors():
        try:
            trained = fit(corpus, seed, progress=lambda m: err.print(f"[dim]{m}[/]"))
        except (CorpusError, TrainingError) as exc:
            raise UserError(str(exc)) from None
        directory = artefacts.save(trained.pipeline, trained.card, version=version)
        if activate:
            artefacts.activate(directory.name)
    card = artefacts.read_card(directory)
    test = card["metrics"].get("test", {})
    out.print(f"wrote {directory} (threshold {card['threshold']}; test F1 {test.get('f1')}, "
              f"precision {test.get('precision')}, recall {test.get('recall')})"
              + ("; now active" if activate else f"; activate with: patrol models activate "
                                                  f"{directory.name}"), markup=False)


def evaluate(
    model: ModelOpt = None,
    data: Annotated[str | None, typer.Option(
        help="Labelled JSONL to evaluate on (all of it) [default: the corpus test split]")] = None,
    report: Annotated[Path | None, typer.Option(
        help="Folder for report.md, report.html and plots [default: var/reports/MODEL]")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Score labelled posts and report precision, recall, F1, ROC/PR-AUC, Brier, recall per
    red-flag family, false positives on hard negatives, and the rule baseline side by side."""
    from classifier import load_scorer
    from classifier.corpus import CORPUS, CorpusError, read_records, split
    from classifier.evaluate import evaluate as run
    from classifier.evaluate import write_report

    with user_errors():
        scorer = load_scorer(resolve_config(model=model).model)
        try:
            records = read_records(data) if data else split(read_records(CORPUS), "test")
        except CorpusError as exc:
            raise UserError(str(exc)) from None
        result = run(scorer, records, baseline=load_scorer("rules"))
        folder = report or Path("var") / "reports" / scorer.version
        written = write_report(result, folder)
    if as_json:
        print(json.dumps({k: v for k, v in result.items() if k not in ("scores", "labels")},
                         ensure_ascii=False, indent=1))
        return
    _print_evaluation(result)
    out.print(f"report: {written[0]} (and report.html, plots)", markup=False)


def _print_evaluation(result: dict) -> None:
    base = result.get("baseline", {})
    table = Table(title=f"{result['model']} on {result['records']} records")
    table.add_column("metric")
    table.add_column(result["model"])
    table.add_column(base.get("model", "-"))
    m, b = result["metrics"], base.get("metrics", {})
    for key in ("precision", "recall", "f1", "roc_auc", "pr_auc", "brier", "threshold"):
        table.add_row(key, str(m[key]), str(b.get(key, "")))
    table.add_row("hard-negative FPR", str(result["hard_negatives"]["fpr"]),
                  str(base.get("hard_negatives", {}).get("fpr", "")))
    table.add_row("phones E.164", str(result["phones"]["rate"]), "")
    out.print(table)
    families = Table(title="Recall per red-flag family")
    families.add_column("family")
    families.add_column("n")
    families.add_column("recall")
    for name, v in result["family_recall"].items():
        families.add_row(name, str(v["n"]), str(v["recall"]))
    out.print(families)


@models_app.command("list")
def models_list(as_json: JsonOpt = False) -> None:
    """Trained models in models/, newest first; * marks the active one."""
    from classifier import artefacts

    active = artefacts.active_version()
    cards = sorted(artefacts.list_cards(), key=lambda c: c["created"], reverse=True)
    if as_json:
        print(json.dumps([{"version": c["version"], "active": c["version"] == active,
                           "created": c["created"], "threshold": c["threshold"],
                           "test": c["metrics"].get("test")} for c in cards], indent=1))
        return
    table = Table(title=f"Models (active: {active or 'rules baseline'}); figures on the test split")
    for column in ("", "version", "created", "threshold", "F1", "precision", "recall"):
        table.add_column(column, no_wrap=column in ("version", "created"))
    for c in cards:
        test = c["metrics"].get("test", {})
        table.add_row("*" if c["version"] == active else "", c["version"],
                      c["created"][:16].replace("T", " "),
                      str(c["threshold"]), str(test.get("f1")), str(test.get("precision")),
                      str(test.get("recall")))
    out.print(table)


@models_app.command("show")
def models_show(version: Annotated[str, typer.Argument(help="Model version.")]) -> None:
    """Print a model's card."""
    from classifier import artefacts

    with user_errors():
        card = artefacts.read_card(artefacts.resolve(version))
    print(json.dumps(card, indent=1, ensure_ascii=False))


@models_app.command("activate")
def models_activate(version: Annotated[str, typer.Argument(help="Model version.")]) -> None:
    """Make VERSION the model the crawl and `patrol classify` use (checked before switching)."""
    from classifier import artefacts

    with user_errors():
        if version in ("rules", "baseline"):
            raise UserError("the rule baseline is always available as --model rules")
        artefacts.activate(version)
    err.print(f"active model: {version}")
