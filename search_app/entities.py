"""People, organisations and places: a page per entity (its articles, roles and timeline), the
list of the most named ones, the names on article pages linked to them; each with a JSON twin."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify, render_template, request, url_for

from archive.storage import entities
from search_app.resources import engine, store
from search_app.timeline import timeline_bars

bp = Blueprint("entities", __name__)
ENTITY_KINDS = {"person": "Người", "org": "Tổ chức", "place": "Địa danh"}
PAGE_SIZE = 20
TOP = 50  # entities of each kind on the list page
MAX_PAGE = 500


def entity_url(entity: dict[str, Any], external: bool = False) -> str:
    return url_for("entities.entity", kind=entity["kind"], key=entity["key"], _external=external)


def named_in_article(article_id: int) -> list[dict[str, Any]]:
    """The entities an article names, each with its role there and its page."""
    return [{**e, "url": entity_url(e)} for e in entities.of_article(store().db, article_id)]


@bp.app_context_processor
def template_helpers() -> dict[str, Any]:
    return {"entity_url": entity_url, "entity_kinds": ENTITY_KINDS, "named_in_article": named_in_article}


@bp.get("/entities")
def listing() -> Any:
    return render_template("entities.html", top=_top(), kind_names=ENTITY_KINDS, args=None)


@bp.get("/api/entities")
def listing_json() -> Any:
    return jsonify(_top())


@bp.get("/entities/<kind>/<path:key>")
def entity(kind: str, key: str) -> Any:
    shown = _entity_page(kind, key)
    search_url = url_for("views.search", **{kind: shown["name"]})

    def page_url(**changes: Any) -> str:
        """The timeline's bars: the search for this entity in that period."""
        return url_for("views.search", **{kind: shown["name"], **{k: v for k, v in changes.items() if v}})

    return render_template("entity.html", entity=shown, kind_names=ENTITY_KINDS, search_url=search_url,
                           timeline=timeline_bars(shown["timeline"]), page_url=page_url, args=None)


@bp.get("/api/entities/<kind>/<path:key>")
def entity_json(kind: str, key: str) -> Any:
    return jsonify(_entity_page(kind, key))


def _top() -> dict[str, list[dict[str, Any]]]:
    return {kind: [{**e, "url": entity_url(e)} for e in entities.top(store().db, kind, TOP)] for kind in ENTITY_KINDS}


def _entity_page(kind: str, key: str) -> dict[str, Any]:
    """The entity, its articles newest first (a page of them), its timeline and the entities
    named beside it."""
    found = entities.get(store().db, kind, key) if kind in ENTITY_KINDS else None
    if found is None:
        abort(404)
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    result = engine().search(store(), "", page=page, limit=PAGE_SIZE, sort="newest", filters={kind: found["name"]})
    beside = {k: {name: n for name, n in result["facets"][k].items() if name != found["name"]} for k in ENTITY_KINDS}
    return {**found, "url": entity_url(found), "page": page, "total": result["total"], "hits": result["hits"],
            "timeline": result["timeline"], "named_with": beside,
            "years": result["facets"]["year"], "sites": result["facets"]["site"]}
