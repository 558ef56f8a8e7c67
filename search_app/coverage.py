"""Coverage at a glance: `/coverage` (sites x years, or one year's months) and its twin `/api/coverage`."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify, render_template, request

from archive.storage.coverage_grid import coverage
from search_app.resources import store
from search_app.views import KIND_NAMES

bp = Blueprint("coverage", __name__)
YEARS = range(1990, 2100)  # a year a researcher may ask for (outside it: 400)


@bp.get("/coverage")
def page() -> Any:
    report = coverage(store(), _year())
    return render_template("coverage.html", report=report, kind_names=KIND_NAMES, args=None)


@bp.get("/api/coverage")
def api() -> Any:
    return jsonify(coverage(store(), _year()))


def _year() -> int | None:
    value = request.args.get("year", "")
    if not value:
        return None
    if not value.isdigit() or int(value) not in YEARS:
        abort(400)
    return int(value)
