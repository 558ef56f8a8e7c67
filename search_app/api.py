"""JSON twins of the HTML pages: search, article, citation, more like this, versions."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify

from archive.search.engine import SearchError
from search_app.articles import article_or_404, citations, similar
from search_app.entities import named_in_article
from search_app.errors import BAD_SEARCH, api_error
from search_app.requests import search_args
from search_app.resources import run_search, store

bp = Blueprint("api", __name__)


@bp.get("/search")
def search() -> Any:
    try:
        return jsonify(run_search(search_args()))
    except SearchError as problem:
        return api_error(400, "bad_search", problem.vietnamese or BAD_SEARCH)


@bp.get("/articles/<int:article_id>")
def article(article_id: int) -> Any:
    found = article_or_404(article_id)
    found["versions"] = store().versions(article_id)
    del found["entity_codes"]  # the index's form of `entities`
    found["entities"] = named_in_article(article_id)
    return jsonify(found)


@bp.get("/articles/<int:article_id>/citation")
def citation(article_id: int) -> Any:
    return jsonify({"article": article_id, **citations(article_or_404(article_id))})


@bp.get("/articles/<int:article_id>/more-like-this")
def more_like_this(article_id: int) -> Any:
    article_or_404(article_id)
    return jsonify({"article": article_id, "hits": similar(article_id)})


@bp.get("/articles/<int:article_id>/versions")
def versions(article_id: int) -> Any:
    article_or_404(article_id)
    return jsonify({"article": article_id, "versions": store().versions(article_id)})


@bp.get("/articles/<int:article_id>/versions/<int:number>")
def version(article_id: int, number: int) -> Any:
    shown = store().version(article_or_404(article_id)["id"], number)
    if shown is None:
        abort(404)
    return jsonify(shown)


@bp.get("/sites")
def sites() -> Any:
    """The home page's twin: every site with its article count and date range."""
    return jsonify({"articles": store().count(), "sites": store().site_totals()})
