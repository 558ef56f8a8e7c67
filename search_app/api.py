"""JSON twins of the HTML pages."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify

from archive.search import SearchError
from search_app.requests import search_args
from search_app.resources import engine, store

bp = Blueprint("api", __name__)


@bp.get("/search")
def search() -> Any:
    args = search_args()
    try:
        result = engine().search(store(), args["query"], page=args["page"], limit=args["limit"],
                                 sort=args["sort"], filters=args["filters"])
    except SearchError as error:
        return jsonify({"error": str(error)}), 400
    return jsonify(result)


@bp.get("/articles/<int:article_id>")
def article(article_id: int) -> Any:
    found = store().get(article_id)
    if found is None:
        abort(404)
    found["versions"] = store().versions(article_id)
    return jsonify(found)
