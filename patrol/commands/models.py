"""`patrol train`, `patrol evaluate` and `patrol models`: the analyst's commands."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from patrol.console import (
    DatabaseOpt,
    JsonOpt,
    ModelOpt,
    UserError,
    cli_actor,
    err,
    open_session,
    out,
    resolve_config,
    user_errors,
)
from settings_table import env_and_default

models_app = typer.Typer(help="Trained models: list, show, compare, promote, rollback.",
                        no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command()(train)
    app.command()(evaluate)
    app.command()(rescore)
    app.add_typer(models_app, name="models")


def train(
    corpus: Annotated[str | None, typer.Option(
        help=f"Labelled JSONL with train/dev/test splits [{env_and_default('corpus')}]")] = None,
    with_decisions: Annotated[bool, typer.Option(
        "--with-decisions", help="Also train on reviewers' decisions from the database "
                                 "(never on the frozen evaluation slices).")] = False,
    seed: Annotated[int, typer.Option(help="Random seed; same data + seed = same model.")] = 0,
    version: Annotated[str | None, typer.Option(
        help="Version name [default: DATE-HASH of the model file]")] = None,
    compare_designs: Annotated[bool, typer.Option(
        "--compare-designs", help="Also fit the other designs under the same family folds and "
                                  "put the comparison in the model card.")] = False,
    database: DatabaseOpt = None,
) -> None:
    """Train a candidate model on the corpus (and decisions) with family folds, choose its
    threshold on their held-out predictions, and save it with its model card under models/.
    It is not used until promoted."""
    from classifier import artefacts
    from classifier.corpus import CorpusError
    from classifier.train import TrainingError
    from classifier.train import train as fit

    with user_errors():
        config = resolve_config(corpus=corpus, database_url=database)
        extra, extra_card, provenance = [], None, None
        if with_decisions:
            extra, extra_card, provenance = _decision_records(config.database_url)
        try:
            trained = fit(config.corpus, seed, progress=lambda m: err.print(f"[dim]{m}[/]"),
                          extra=extra, extra_card=extra_card, compare_designs=compare_designs)
        except (CorpusError, TrainingError) as exc:
            raise UserError(str(exc)) from None
        directory = artefacts.save(trained.pipeline, trained.card, version=version,
                                   decisions=provenance)
        if with_decisions:
            _audit(config.database_url, "model_train", f"model:{directory.name}",
                   decisions=len(extra))
    card = artefacts.read_card(directory)
    test = card["metrics"].get("test", {})
    held = card["grouped"]["metrics"]
    out.print(f"wrote {directory} (threshold {card['threshold']}; leave-family-out F1 "
              f"{held['f1']}, precision {held['precision']}, recall {held['recall']}; test F1 "
              f"{test.get('f1')}); compare with "
              f"`patrol models compare {directory.name}`, then `patrol models promote "
              f"{directory.name}`", markup=False)


MIN_DECISIONS = 20


def _decision_records(database_url: str) -> tuple[list, dict, list[dict]]:
    """Usable decisions as training records, the card's summary of them, and provenance."""
    from classifier import artefacts
    from patrol.retraining import reviewed_labels
    from patrol.retraining.evaluation_set import frozen_hashes

    with open_session(database_url) as session:
        resolution = reviewed_labels.resolve(session)
        frozen = frozen_hashes(session)
    usable = [d for d in resolution.labelled if d.content_hash not in frozen]
    if len(usable) < MIN_DECISIONS:
        raise UserError(f"only {len(usable)} decided posts can be trained on (need at least "
                        f"{MIN_DECISIONS}; {len(frozen)} are frozen for evaluation, "
                        f"{len(resolution.waiting)} wait for an admin); train without "
                        f"--with-decisions or review more")
    if resolution.conflicts:
        err.print(f"{len(resolution.conflicts)} texts had conflicting verdicts; see "
                  "`patrol decisions conflicts`", markup=False)
    records = [d.record() for d in usable]
    provenance = [{"content_hash": d.content_hash, "label": d.label, **d.record().extra}
                  for d in usable]
    card = {"frozen_excluded": len(frozen), "conflicts": len(resolution.conflicts),
            "waiting_for_admin": len(resolution.waiting),
            "provenance_file": artefacts.DECISIONS_FILE}
    return records, card, provenance


def _audit(database_url: str, action: str, target: str, **details) -> None:
    from storage import audit

    with open_session(database_url) as session:
        audit.record(session, cli_actor(), action, target, **details)
        session.commit()


def evaluate(
    model: ModelOpt = None,
    data: Annotated[str | None, typer.Option(
        help="Labelled JSONL to evaluate on (all of it) [default: the corpus test split]")] = None,
    report: Annotated[Path | None, typer.Option(
        help="Folder for report.md, report.html and plots [default: var/reports/MODEL]")] = None,
    live: Annotated[bool, typer.Option(
        "--live", help="Estimate precision and recall on live posts from reviewers' decisions "
                       "and the random sample, instead of scoring labelled records.")] = False,
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Score labelled posts and report precision, recall, F1, ROC/PR-AUC, Brier, recall per
    red-flag family, false positives on hard negatives, and the rule baseline side by side.
    With --live: the queue's precision and the model's recall on live posts, with 95%
    intervals."""
    if live:
        _evaluate_live(model, database, as_json)
        return
    from classifier import load_scorer
    from classifier.corpus import CORPUS, CorpusError, read_records, split
    from classifier.evaluate import evaluate as run
    from classifier.evaluate import write_report

    with user_errors():
        config = resolve_config(model=model)
        scorer = load_scorer(config.model)
        try:
            records = (read_records(data) if data
                       else split(read_records(config.corpus or CORPUS), "test"))
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


def _evaluate_live(model: str | None, database: str | None, as_json: bool) -> None:
    from classifier import artefacts
    from classifier.baseline import RuleBaseline
    from patrol.retraining.live_estimates import estimate

    with user_errors():
        config = resolve_config(model=model, database_url=database)
        name = config.model or artefacts.active_version() or RuleBaseline.version
        with open_session(config.database_url) as session:
            result = estimate(session, name)
    if as_json:
        print(json.dumps(result.to_dict()))
        return
    out.print(live_summary(result), markup=False)


def live_summary(result) -> str:
    def share(p, among: str) -> str:
        if p.value is None:
            return f"no {among} decided yet"
        return f"{p.value:.3f} (95% {p.low:.3f}-{p.high:.3f}; {p.hits} of {p.n}) illegal " \
               f"among decided {among}"

    recall = ("not enough decisions" if result.recall is None else
              f"{result.recall:.3f} (95% {result.recall_low:.3f}-{result.recall_high:.3f})")
    return "\n".join([
        f"model           {result.model}",
        f"queue precision {share(result.precision, 'queued items')}",
        f"miss rate       {share(result.miss_rate, 'random samples')}",
        f"posts scored    {result.flagged} at or above the threshold, {result.unflagged} below",
        f"recall          {recall}"])


def _print_grouped(result: dict) -> None:
    """Leave-family-out figures (from the model card) beside these records' figures, and
    recall per scenario on these records."""
    grouped = result.get("grouped")
    if grouped is None:
        out.print("leave-family-out figures: none (the model was trained before family folds)",
                  markup=False)
    else:
        table = Table(title=f"Leave-family-out ({grouped['folds']} family folds over "
                            f"{grouped['records']} records) and these records")
        for column in ("metric", "held out", "these records", "gap"):
            table.add_column(column)
        for key in ("precision", "recall", "f1"):
            table.add_row(key, str(grouped["metrics"][key]), str(result["metrics"][key]),
                          str(grouped["gap"][key]))
        table.add_row("hard-negative FPR", str(grouped["hard_negatives"]["fpr"]),
                      str(result["hard_negatives"]["fpr"]), "")
        out.print(table)
    if result["scenario_recall"]:
        table = Table(title="Per scenario, these records")
        for column in ("scenario", "offers", "recall", "benign", "false-positive rate"):
            table.add_column(column)
        for name, v in result["scenario_recall"].items():
            table.add_row(name, str(v["n"]), str(v["recall"]), str(v["benign"]), str(v["fpr"]))
        out.print(table)


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
    _print_grouped(result)
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
    """Print a model's card (without the held-out scores its figures are counted from; `patrol
    evaluate --json` prints those)."""
    from classifier import artefacts

    with user_errors():
        card = artefacts.read_card(artefacts.resolve(version))
    card.get("grouped", {}).pop("held_out", None)
    print(json.dumps(card, indent=1, ensure_ascii=False))


@models_app.command("compare")
def models_compare(
    candidate: Annotated[str, typer.Argument(help="Candidate model version.")],
    against: Annotated[str | None, typer.Option(
        help="Model to compare with [default: the active model]")] = None,
    queue_days: Annotated[int, typer.Option(
        help="Count queue changes among unreviewed posts seen in this many days (0: skip).")]
    = 30,
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The candidate against the active model on the frozen evaluation set (corpus test split
    and frozen decisions), side by side, and how many posts would enter or leave the queue."""
    from classifier import load_scorer
    from patrol.retraining.promotion import compare

    with user_errors():
        config = resolve_config(database_url=database)
        new, old = load_scorer(candidate), load_scorer(against)
        with open_session(config.database_url) as session, _progress("scoring the queue") as tick:
            result = compare(session, new, old, queue_days or None, progress=tick,
                             corpus=config.corpus)
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return
    _print_comparison(result)


def _print_comparison(result) -> None:
    new, old = result.candidate, result.active
    table = Table(title=f"On the frozen set: {result.corpus_records} corpus test records and "
                        f"{result.frozen_records} frozen decisions")
    for column in ("", f"{new['model']} (candidate)", f"{old['model']} (active)"):
        table.add_column(column)
    for key in ("precision", "recall", "f1", "roc_auc", "brier", "threshold"):
        table.add_row(key, str(new["metrics"][key]), str(old["metrics"][key]))
    table.add_row("hard-negative FPR", str(new["hard_negatives"]["fpr"]),
                  str(old["hard_negatives"]["fpr"]))
    for family, v in new["family_recall"].items():
        if v["n"]:
            table.add_row(f"recall: {family} (n={v['n']})", str(v["recall"]),
                          str(old["family_recall"][family]["recall"]))
    out.print(table)
    if result.queue:
        q = result.queue
        out.print(f"queue: of {q.scored} unreviewed posts, {q.enter} would enter and "
                  f"{q.leave} would leave", markup=False)
    if result.candidate.get("grouped") and result.active.get("grouped") \
            and not result.held_out_comparable():
        out.print("leave-family-out figures: held out on different records (another corpus), "
                  "so not compared; see both model cards", markup=False)
    worse = result.worse()
    out.print("verdict: " + (f"worse ({'; '.join(worse)}); promote refuses it without --force"
                             if worse else "not worse; it can be promoted"), markup=False)


@contextmanager
def _progress(label: str):
    """A progress bar on stderr, fed with (done, total)."""
    from rich.progress import Progress

    with Progress(console=err, transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@models_app.command("promote")
def models_promote(
    version: Annotated[str, typer.Argument(help="Candidate model version.")],
    force: Annotated[bool, typer.Option(
        "--force", help="Promote even when worse on F1 or hard negatives, on the frozen set or "
                          "held out by family (needs --reason).")]
    = False,
    reason: Annotated[str | None, typer.Option(help="Why; recorded in the audit log.")] = None,
    database: DatabaseOpt = None,
) -> None:
    """Make VERSION the active model, if it is not worse than the active one on the frozen set.
    Re-score the queue afterwards with `patrol rescore`."""
    from patrol.retraining.promotion import PromotionRefused, promote

    with user_errors():
        config = resolve_config(database_url=database)
        with open_session(config.database_url) as session:
            try:
                result = promote(session, version, cli_actor(), force, reason,
                                 corpus=config.corpus)
            except PromotionRefused as exc:
                raise UserError(str(exc)) from None
    _print_comparison(result)
    out.print(f"active model: {version} (was {result.active['model']}); "
              f"now run `patrol rescore`", markup=False)


@models_app.command("rollback")
def models_rollback(database: DatabaseOpt = None) -> None:
    """Make the model that was active before the last promotion active again."""
    from patrol.retraining.promotion import PromotionRefused, rollback

    with user_errors():
        config = resolve_config(database_url=database)
        with open_session(config.database_url) as session:
            try:
                was, now = rollback(session, cli_actor())
            except PromotionRefused as exc:
                raise UserError(str(exc)) from None
    out.print(f"active model: {now} (was {was}); now run `patrol rescore`", markup=False)


def rescore(
    batch: Annotated[int, typer.Option(min=1, help="Posts per batch (one commit each).")] = 500,
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Re-score unreviewed posts with the active model: items that fall below its threshold
    leave the queue (kept as dismissed), posts above it enter. Safe to interrupt and re-run."""
    from classifier import load_scorer
    from patrol.retraining.rescoring import rescore as run

    with user_errors():
        config = resolve_config(database_url=database, model=None)
        scorer = load_scorer(config.model)
        with open_session(config.database_url) as session, \
                _progress(f"re-scoring with {scorer.version}") as tick:
            summary = run(session, scorer, cli_actor(), batch, progress=tick)
    if as_json:
        print(json.dumps(summary.__dict__))
        return
    out.print(f"{summary.posts} unreviewed posts with {summary.model}: {summary.scored} scored, "
              f"{summary.reused} already scored; {summary.entered} entered the queue, "
              f"{summary.left} left it", markup=False)
