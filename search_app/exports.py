"""Downloads of a search's results (CSV, JSON Lines): ranked once, streamed, admitted by the export gate
and limited by a rate of their own, so exports cannot starve searching."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, render_template, request

from archive.search.engine import SearchError
from archive.search.export import export_chunks, export_rows
from search_app.export_gate import ExportGate, Refused
from search_app.requests import search_args
from search_app.resources import engine, open_store

bp = Blueprint("exports", __name__)
EXPORT_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}
REFUSALS = {
    "client_busy": "Bạn đang tải một tệp kết quả khác. Vui lòng chờ tải xong rồi thử lại.",
    "server_busy": "Máy chủ đang phục vụ nhiều lượt tải kết quả. Vui lòng thử lại sau ít phút.",
    "budget_spent": "Bạn đã tải quá nhiều kết quả trong thời gian ngắn. Vui lòng thử lại sau, hoặc thu hẹp tìm kiếm.",
}


@bp.get("/search.<any(csv, jsonl):format_name>")
def download(format_name: str) -> Any:
    """Every result of the search (up to EXPORT_CAP rows), streamed as it is read from the store."""
    args, config = search_args(), current_app.config
    gate: ExportGate = current_app.extensions["export_gate"]
    client = request.remote_addr or ""
    try:
        slot = gate.enter(client)
    except Refused as refused:
        return _refusal(refused)
    reader = open_store()  # the download's own connection: it outlives the request

    def finish() -> None:
        reader.close()
        slot.release()

    try:
        rows = export_rows(engine(), reader, args["query"], sort=args["sort"], filters=args["filters"],
                           cap=config["EXPORT_CAP"])
        gate.charge(client, rows.total)
    except Refused as refused:
        finish()
        return _refusal(refused)
    except SearchError:
        finish()
        abort(400)
    except BaseException:
        finish()
        raise
    def body() -> Iterator[str]:
        try:
            yield from export_chunks(format_name, rows, excel=True)  # downloads are opened in spreadsheets
        finally:
            finish()  # the last row is out: the slot is free before the client closes the connection

    response = Response(body(), content_type=EXPORT_TYPES[format_name], headers={
        "Content-Disposition": f'attachment; filename="ket-qua-tim-kiem.{format_name}"', "Cache-Control": "no-store"})
    response.call_on_close(finish)  # and however else the download ends: the client went away
    return response


def _refusal(refused: Refused) -> Any:
    message = REFUSALS[refused.reason]
    response = Response(render_template("error.html", status=refused.status, message=message), refused.status)
    response.headers["Retry-After"] = str(refused.retry_after)
    return response


def init_exports(app: Flask) -> None:
    config = app.config
    app.extensions["export_gate"] = ExportGate(config["EXPORT_CONCURRENCY"], config["EXPORT_PER_CLIENT"],
                                               config["EXPORT_ROW_BUDGET"], config["EXPORT_BUDGET_SECONDS"])
    app.extensions["rate_limiter"].limit(lambda: current_app.config["EXPORT_RATE_LIMIT"])(bp)
    app.register_blueprint(bp)
