"""The query language, explained in Vietnamese with examples (linked from every search box)."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template

bp = Blueprint("help", __name__)


@bp.get("/help")
def page() -> Any:
    return render_template("help.html", args=None)
