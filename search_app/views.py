"""HTML pages: search and article."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template, request, url_for
from markupsafe import Markup

from archive.search import FACETS, SearchError
from search_app.requests import search_args
from search_app.resources import engine, store

bp = Blueprint("views", __name__)
FACET_NAMES = {"site": "Trang", "province": "Tỉnh/thành", "kind": "Loại", "year": "Năm"}
KIND_NAMES = {"union": "Công đoàn", "council": "HĐND", "newspaper": "Báo"}


@bp.get("/")
def home() -> Any:
    return render_template("search.html", result=None, args=search_args(), error=None, sites=store().sites())


@bp.get("/search")
def search() -> Any:
    args = search_args()
    result, error = None, None
    try:
        result = engine().search(store(), args["query"], page=args["page"], limit=args["limit"],
                                 sort=args["sort"], filters=args["filters"])
    except SearchError as problem:
        error = str(problem)
    for hit in (result or {}).get("hits", []):
        hit["snippet"] = Markup(hit["snippet"])  # built from escaped text; only <mark> added
    return render_template("search.html", result=result, args=args, error=error, facets=FACETS,
                           facet_names=FACET_NAMES, kind_names=KIND_NAMES, sites=store().sites(),
                           page_url=page_url)


@bp.get("/articles/<int:article_id>")
def article(article_id: int) -> Any:
    found = store().get(article_id)
    if found is None:
        abort(404)
    site = store().sites().get(found["site"] or "")
    return render_template("article.html", article=found, site=site, versions=store().versions(article_id))


def page_url(**changes: Any) -> str:
    """The current search with some parameters changed (facet links, pagination, sort)."""
    params = {k: v for k, v in request.args.items() if v}
    params.update({k: v for k, v in changes.items()})
    params = {k: v for k, v in params.items() if v not in (None, "")}
    if "page" not in changes:
        params.pop("page", None)
    return url_for("views.search", **params)
