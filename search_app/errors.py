"""Friendly error pages in Vietnamese (JSON under /api/); never a stack trace."""
from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template, request

MESSAGES = {404: "Không tìm thấy trang bạn yêu cầu.", 500: "Đã có lỗi xảy ra. Vui lòng thử lại sau.",
            400: "Yêu cầu không hợp lệ.", 405: "Phương thức không được hỗ trợ.",
            429: "Bạn gửi quá nhiều yêu cầu. Vui lòng chờ một lát rồi thử lại."}


def register(app: Flask) -> None:
    for status in MESSAGES:
        app.register_error_handler(status, _handler(status))


def _handler(status: int) -> Any:
    def handle(error: Exception) -> Any:
        if request.path.startswith("/api/"):
            return jsonify({"error": MESSAGES[status]}), status
        return render_template("error.html", status=status, message=MESSAGES[status]), status

    return handle
