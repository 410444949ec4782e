"""Telling the operator about a run whose checks failed: an email over SMTP and a JSON POST to
a webhook (a chat bridge, an alerting service), as configured. A notifier that cannot be
reached is reported and skipped; it never fails the run."""

from __future__ import annotations

import json
import logging
import smtplib
import urllib.request
from email.message import EmailMessage

from patrol.config import Config

logger = logging.getLogger("patrol.notify")
TIMEOUT = 10


def subject(report: dict) -> str:
    checks = len(report["checks"])
    return (f"[cyber-patrol] run {report['id']} on {report['host']}: {report['status']}, "
            f"{checks} failed check{'s' if checks != 1 else ''}")


def body(report: dict) -> str:
    lines = [subject(report), ""]
    lines += [f"- {c['check']}: {c['message']}" for c in report["checks"]]
    lines += ["", "Per source (pages, new posts, flagged, errors):"]
    lines += [f"- {s['source']}: {s['status']}, {s['pages']} pages, {s['posts_new']} new, "
              f"{s['flagged']} flagged, {s['errors']} errors" for s in report["sources"]]
    lines += ["", f"patrol runs show {report['id']}"]
    return "\n".join(lines) + "\n"


def send_email(config: Config, report: dict) -> None:
    message = EmailMessage()
    message["Subject"] = subject(report)
    message["From"] = config.smtp_from
    message["To"] = config.notify_email
    message.set_content(body(report))
    with smtplib.SMTP(config.smtp_host, config.smtp_port, timeout=TIMEOUT) as smtp:
        smtp.send_message(message)


def post_webhook(config: Config, report: dict) -> None:
    payload = json.dumps({"text": subject(report), "run": report}, ensure_ascii=False)
    request = urllib.request.Request(config.notify_webhook, data=payload.encode("utf-8"),
                                     headers={"Content-Type": "application/json"},
                                     method="POST")
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - set by the operator
        response.read()


def notify(config: Config, report: dict) -> list[str]:
    """Send `report` (storage.runs.report) to every configured notifier if a check failed or
    a source failed; returns the problems met, already logged."""
    if not report["checks"] and report["status"] != "failed":
        return []
    problems = []
    for name, configured, send in (("email", config.notify_email, send_email),
                                   ("webhook", config.notify_webhook, post_webhook)):
        if not configured:
            continue
        try:
            send(config, report)
        except (OSError, smtplib.SMTPException, ValueError) as exc:
            problems.append(f"cannot notify by {name}: {exc}")
            logger.error("run %s: cannot notify by %s: %s", report["id"], name, exc)
    return problems
