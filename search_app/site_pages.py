"""A site's coverage page `/sites/<name>` and its JSON twin `/api/sites/<name>`: is this everything
the site ever published? (The facts come from archive.storage.coverage, the CLI's `stats --site`.)"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify, render_template

from archive.storage.coverage import site_coverage
from search_app.resources import store

bp = Blueprint("sites", __name__)


def coverage_or_404(name: str) -> dict[str, Any]:
    facts = site_coverage(store(), name)
    if facts is None:
        abort(404)
    return facts


@bp.get("/sites/<name>")
def site(name: str) -> Any:
    return render_template("site.html", facts=coverage_or_404(name), args=None)


@bp.get("/api/sites/<name>")
def site_json(name: str) -> Any:
    return jsonify(coverage_or_404(name))
