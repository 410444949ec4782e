"""The app's Jinja templates and what every page may use: labels in Indonesian, the number
format, previews, and the bidi marks applied to every printed value."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

from review import display, labels, numbers
from storage import users


def page_templates(directory: Path) -> Jinja2Templates:
    templates = Jinja2Templates(directory=directory)
    env = templates.env
    env.autoescape = True  # also for any template not named .html
    env.finalize = display.shown  # bidi controls shown, in every printed value
    env.filters["num"] = numbers.number
    env.globals.update(flag_labels=labels.FLAG_LABELS, verdict_labels=labels.VERDICT_LABELS,
                       status_labels=labels.STATUS_LABELS, reason_labels=labels.REASON_LABELS,
                       partner_kinds=labels.PARTNER_KIND_LABELS,
                       referral_status_labels=labels.REFERRAL_STATUS_LABELS,
                       subject_labels=labels.SUBJECT_LABELS,
                       decision_reason_labels=labels.DECISION_REASON_LABELS,
                       scope_labels=labels.SCOPE_LABELS, role_labels=labels.ROLE_LABELS,
                       entity_labels=labels.ENTITY_LABELS, run_labels=labels.RUN_LABELS,
                       preview=display.preview, origin=labels.origin,
                       online_status=labels.online_status,
                       preview_width=display.PREVIEW_WIDTH,
                       stored_text_limit=display.STORED_TEXT_LIMIT,
                       role_at_least=users.role_at_least)
    return templates
