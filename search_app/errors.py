"""Friendly error pages in Vietnamese; under /api/ the same as JSON: {"error": {"code", "message"}}."""
from __future__ import annotations

from typing import Any

from flask import Flask, g, jsonify, render_template, request

MESSAGES = {404: "Không tìm thấy trang bạn yêu cầu.", 500: "Đã có lỗi xảy ra. Vui lòng thử lại sau.",
            400: "Yêu cầu không hợp lệ.", 405: "Phương thức không được hỗ trợ.",
            429: "Bạn gửi quá nhiều yêu cầu. Vui lòng chờ một lát rồi thử lại."}
BAD_SEARCH = "Không chạy được tìm kiếm này: cách sắp xếp hoặc số trang không hợp lệ."
CODES = {404: "not_found", 500: "internal_error", 400: "bad_request", 405: "method_not_allowed",
         429: "too_many_requests"}


def register(app: Flask) -> None:
    for status in MESSAGES:
        app.register_error_handler(status, _handler(status))


def api_error(status: int, code: str | None = None, message: str | None = None) -> tuple[Any, int]:
    """The JSON error body every /api/ route answers with."""
    return jsonify({"error": {"code": code or CODES[status], "message": message or MESSAGES[status]}}), status


def _handler(status: int) -> Any:
    def handle(error: Exception) -> Any:
        if request.path.startswith("/api/"):
            response = api_error(status)
        else:
            response = render_template("error.html", status=status, message=MESSAGES[status]), status
        if status == 429 and "retry_after" in g:  # a spent server-time budget (search_app/budgets.py)
            return *response, {"Retry-After": str(g.retry_after)}
        return response

    return handle
