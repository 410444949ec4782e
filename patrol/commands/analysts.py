"""`patrol decisions` (reviewers' decisions as training data, their conflicts, the frozen
evaluation slices) and `patrol report drift`."""

from __future__ import annotations

import json
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
    open_session,
    out,
    resolve_config,
    user_errors,
)

decisions_app = typer.Typer(help="Decisions as training data: summary, conflicts, export, "
                                 "freeze.", no_args_is_help=True)


report_app = typer.Typer(help="Reports for analysts: drift.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(decisions_app, name="decisions")
    app.add_typer(report_app, name="report")


def _resolved(database: str | None):
    from patrol.retraining import reviewed_labels
    from patrol.retraining.evaluation_set import frozen_hashes

    with open_session(resolve_config(database_url=database).database_url) as session:
        return reviewed_labels.resolve(session), frozen_hashes(session)


@decisions_app.command("summary")
def summary(database: DatabaseOpt = None, as_json: JsonOpt = False) -> None:
    """How many decided texts can be trained on, are frozen, conflict or wait for an admin."""
    with user_errors():
        resolution, frozen = _resolved(database)
    labelled = resolution.labelled
    counts = {
        "labelled": len(labelled),
        "illegal": sum(d.label == "illegal" for d in labelled),
        "benign": sum(d.label == "benign" for d in labelled),
        "frozen": sum(d.content_hash in frozen for d in labelled),
        "trainable": sum(d.content_hash not in frozen for d in labelled),
        "conflicts": len(resolution.conflicts),
        "waiting_for_admin": len(resolution.waiting),
    }
    if as_json:
        print(json.dumps(counts))
        return
    for key, value in counts.items():
        out.print(f"{key.replace('_', ' '):18} {value}", markup=False)


@decisions_app.command("conflicts")
def conflicts(database: DatabaseOpt = None, as_json: JsonOpt = False) -> None:
    """Texts on which reviewers disagreed, and how each was settled (latest admin verdict)."""
    with user_errors():
        resolution, _ = _resolved(database)
    rows = [{"content_hash": d.content_hash, "url": d.url, "label": d.label,
             "resolved_by": d.resolved_by,
             "verdicts": [{"reviewer": v.reviewer, "role": v.role, "verdict": v.verdict,
                           "at": v.at.isoformat()} for v in d.verdicts]}
            for d in resolution.conflicts]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    table = Table(title=f"{len(rows)} conflicting texts")
    for column in ("post", "verdicts", "settled"):
        table.add_column(column)
    for row in rows:
        table.add_row(row["url"], ", ".join(f"{v['reviewer']}: {v['verdict']}"
                                            for v in row["verdicts"]),
                      row["label"] or "waits for an admin")
    out.print(table, markup=False)  # post texts and handles are hostile: shown, not obeyed


@decisions_app.command("export")
def export(path: Annotated[Path, typer.Argument(help="JSONL file to write.")],
           database: DatabaseOpt = None) -> None:
    """Write the trainable decisions as labelled JSONL records with their provenance."""
    with user_errors():
        resolution, frozen = _resolved(database)
        records = resolution.records(exclude=frozen)
        with path.open("w", encoding="utf-8") as lines:
            for r in records:
                lines.write(json.dumps({"id": r.id, "text": r.text, "label": r.label,
                                        "split": r.split, "group": r.group,
                                        "category": r.category, "flags": list(r.flags),
                                        "provenance": r.extra}, ensure_ascii=False) + "\n")
    out.print(f"wrote {len(records)} records to {path}", markup=False)


@decisions_app.command("freeze")
def freeze(
    share: Annotated[float, typer.Option(help="Share of the not-yet-frozen decided texts.")]
    = 0.2,
    seed: Annotated[int, typer.Option(help="Which texts, reproducibly.")] = 0,
    name: Annotated[str | None, typer.Option(help="Slice name [default: today's date]")] = None,
    database: DatabaseOpt = None,
) -> None:
    """Freeze a dated slice of decided posts for evaluation: never trained on, scored for every
    candidate by `patrol models compare` and `promote`."""
    from classifier import artefacts
    from patrol.retraining import reviewed_labels
    from patrol.retraining.evaluation_set import FreezeError
    from patrol.retraining.evaluation_set import freeze as run

    with user_errors():
        with open_session(resolve_config(database_url=database).database_url) as session:
            try:
                frozen = run(session, reviewed_labels.resolve(session), cli_actor(), share, seed,
                             trained_on=artefacts.trained_decision_hashes(), name=name)
            except FreezeError as exc:
                raise UserError(str(exc)) from None
            session.commit()
            out.print(f"froze {len(frozen.items)} decided texts as slice {frozen.name}",
                      markup=False)


@report_app.command("drift")
def drift_report(
    model: ModelOpt = None,
    weeks: Annotated[int, typer.Option(min=1, help="Weeks to cover, ending this week.")] = 12,
    recent_days: Annotated[int, typer.Option(
        min=1, help="The recent window whose new frequent terms are listed.")] = 28,
    out_dir: Annotated[Path | None, typer.Option(
        "--out", help="Folder for report.md, report.html and plots [default: "
                      "var/reports/drift-DATE]")] = None,
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Score distributions per source over time, red-flag codes over time, and terms that
    became frequent in flagged posts, for the active model (or --model)."""
    from classifier import artefacts
    from classifier.baseline import RuleBaseline
    from patrol.retraining import drift
    from storage.models import utcnow

    with user_errors():
        config = resolve_config(model=model, database_url=database)
        name = config.model or artefacts.active_version() or RuleBaseline.version
        with open_session(config.database_url) as session:
            result = drift.compute(session, name, weeks, recent_days)
        folder = out_dir or Path("var") / "reports" / f"drift-{utcnow():%Y-%m-%d}"
        written = drift.write_report(result, folder)
    if as_json:
        print(json.dumps({"model": result.model, "report": str(written[0]),
                          "flagged_recent": result.flagged_recent,
                          "flagged_before": result.flagged_before,
                          "terms": [t.__dict__ for t in result.terms],
                          "flags": {code: sum(c.values()) for code, c in result.flags.items()}},
                         ensure_ascii=False))
        return
    out.print(f"drift of {name}: {result.flagged_recent} flagged posts since "
              f"{result.recent_since}, {result.flagged_before} before; new terms: "
              f"{', '.join(t.term for t in result.terms[:8]) or 'none'}", markup=False)
    out.print(f"report: {written[0]} (and report.html, plots)", markup=False)
