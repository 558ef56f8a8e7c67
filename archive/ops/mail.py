"""Sending what a watch found by e-mail, through the SMTP server the environment names.

Settings (environment, so a service unit's EnvironmentFile holds them): ARCHIVE_SMTP_HOST (no host:
no mail), ARCHIVE_SMTP_PORT (25), ARCHIVE_SMTP_USER and ARCHIVE_SMTP_PASSWORD (login when set),
ARCHIVE_SMTP_FROM (the sender), ARCHIVE_SMTP_STARTTLS=1 (upgrade the connection first), and
ARCHIVE_PUBLIC_URL (the search app's address, for links to the archived copies).
"""
from __future__ import annotations

import os
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

SMTP_TIMEOUT = 30  # seconds


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    user: str | None = None
    password: str | None = None
    sender: str = "archive@localhost"
    starttls: bool = False


def smtp_settings(environ: Mapping[str, str] = os.environ) -> SmtpSettings | None:
    """The SMTP settings of the environment, or None when no host is set."""
    host = environ.get("ARCHIVE_SMTP_HOST")
    if not host:
        return None
    port = environ.get("ARCHIVE_SMTP_PORT", "25")
    if not port.isdigit():
        raise ValueError(f"ARCHIVE_SMTP_PORT must be a number, not {port!r}")
    return SmtpSettings(host, int(port), environ.get("ARCHIVE_SMTP_USER"), environ.get("ARCHIVE_SMTP_PASSWORD"),
                        environ.get("ARCHIVE_SMTP_FROM", SmtpSettings.sender),
                        environ.get("ARCHIVE_SMTP_STARTTLS", "") in {"1", "true", "yes"})


def digest(name: str, query: str, hits: list[dict[str, Any]], public_url: str | None = None) -> tuple[str, str]:
    """(subject, plain-text body) listing the new articles of a watch."""
    subject = f"[Lưu trữ tin công đoàn] {len(hits)} tin mới: {name}"
    lines = [f"Tìm kiếm đã lưu «{name}»: {query}", f"{len(hits)} tin mới kể từ lần trước.", ""]
    for hit in hits:
        lines.append(f"- {hit.get('published') or 'không rõ ngày'} · {hit['site']} · {hit['title']}")
        lines.append(f"  {hit['url']}")
        if public_url:
            lines.append(f"  {public_url.rstrip('/')}/articles/{hit['id']}")
    return subject, "\n".join(lines) + "\n"


def send(settings: SmtpSettings, to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.sender, to, subject
    message.set_content(body)
    with smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.user:
            smtp.login(settings.user, settings.password or "")
        smtp.send_message(message)
