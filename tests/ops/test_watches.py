"""Saved searches through the real CLI: a baseline when added, what is new after a crawl printed and
e-mailed through a real local SMTP server (aiosmtpd), nothing lost when the mail fails."""
from __future__ import annotations

import json
import os
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from archive.cli import main
from testkit.entity_gold import gold, store_sample_articles
from tests.support import free_port

OFFICER = "can-bo@congdoan.example.vn"
pytestmark = pytest.mark.e2e  # a real SMTP server on a socket


class Inbox:
    """An aiosmtpd handler keeping every message delivered."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001 (aiosmtpd's hook)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setenv("ARCHIVE_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("ARCHIVE_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("ARCHIVE_SMTP_FROM", "luu-tru@example.vn")
    monkeypatch.setenv("ARCHIVE_PUBLIC_URL", "https://luutru.example.vn/")
    yield inbox
    controller.stop()


def _cli(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_watch_reports_what_is_new_once_and_mails_it(tmp_path: Path, smtp: Inbox, capsys) -> None:
    data = str(tmp_path)
    articles = gold()
    store_sample_articles(tmp_path, articles[:12])  # the Cần Thơ portal's articles
    assert _cli(capsys, "watch", "add", "mái ấm", "--name", "mai-am", "--email", OFFICER, "--data", data)[0] == 0
    assert _cli(capsys, "watch", "add", 'place:"Tủa Chùa"', "--name", "tua-chua", "--data", data)[0] == 0
    code, out, _ = _cli(capsys, "watch", "run", "--data", data)
    assert code == 0 and "mai-am (mái ấm): 0 new" in out and smtp.messages == []  # added: a baseline

    store_sample_articles(tmp_path, articles[12:])  # the next crawl brings the other two sites
    code, out, _ = _cli(capsys, "watch", "run", "--json", "--data", data)
    report = {watch["name"]: watch["new"] for watch in json.loads(out)}
    assert code == 0
    assert {hit["title"] for hit in report["tua-chua"]} == {
        "LĐLĐ tỉnh bàn giao Mái ấm công đoàn cho đoàn viên khó khăn huyện Tủa Chùa",
        "Tổ đại biểu huyện Tủa Chùa, huyện Mường Chà tiếp xúc cử tri trước kỳ họp thứ 14, HĐND tỉnh khóa XIV"}
    new_homes = {hit["title"] for hit in report["mai-am"]}
    assert "Tân Châu bàn giao Mái ấm công đoàn trong Tháng Công nhân năm 2023" in new_homes
    assert all(hit["site"] != "congdoan-cantho" for hit in report["mai-am"])  # the old ones are not new
    [mail] = smtp.messages  # one watch has an address
    assert mail["To"] == OFFICER and mail["From"] == "luu-tru@example.vn"
    assert mail["Subject"] == f"[Lưu trữ tin công đoàn] {len(new_homes)} tin mới: mai-am"
    body = mail.get_content()
    assert all(title in body for title in new_homes)
    assert "https://luutru.example.vn/articles/" in body

    code, out, _ = _cli(capsys, "watch", "run", "--data", data)
    assert "mai-am (mái ấm): 0 new" in out and "tua-chua" in out and len(smtp.messages) == 1  # reported once


def test_a_failed_mail_keeps_the_articles_new(tmp_path: Path, smtp: Inbox, capsys,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    data = str(tmp_path)
    articles = gold()
    store_sample_articles(tmp_path, articles[:5])
    _cli(capsys, "watch", "add", "công đoàn", "--name", "cd", "--email", OFFICER, "--data", data)
    store_sample_articles(tmp_path, articles[5:8])
    working = os.environ["ARCHIVE_SMTP_PORT"]
    monkeypatch.setenv("ARCHIVE_SMTP_PORT", str(free_port()))  # nothing listens there
    code, _, err = _cli(capsys, "watch", "run", "--data", data)
    assert code == 1 and "mail to" in err and "kept as new" in err
    monkeypatch.setenv("ARCHIVE_SMTP_PORT", working)
    code, out, _ = _cli(capsys, "watch", "run", "--data", data)
    assert code == 0 and "cd (công đoàn): 3 new" in out and len(smtp.messages) == 1


def test_watch_mistakes_are_user_errors(tmp_path: Path, capsys) -> None:
    data = str(tmp_path)
    store_sample_articles(tmp_path, gold()[:2])
    assert _cli(capsys, "watch", "add", "a", "--name", "x", "--data", data)[0] == 0
    code, _, err = _cli(capsys, "watch", "add", "b", "--name", "x", "--data", data)
    assert code == 2 and "exists" in err
    assert _cli(capsys, "watch", "add", "b", "--name", "bad name", "--data", data)[0] == 2
    assert _cli(capsys, "watch", "add", "b", "--name", "y", "--email", "nobody", "--data", data)[0] == 2
    assert _cli(capsys, "watch", "run", "nope", "--data", data)[0] == 2
    assert _cli(capsys, "watch", "remove", "nope", "--data", data)[0] == 2
    code, out, _ = _cli(capsys, "watch", "list", "--json", "--data", data)
    assert [w["name"] for w in json.loads(out)] == ["x"]
    assert _cli(capsys, "watch", "remove", "x", "--data", data)[0] == 0
    assert "no saved searches" in _cli(capsys, "watch", "list", "--data", data)[1]
