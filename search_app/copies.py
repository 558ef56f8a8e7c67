"""Archived copies: the inert copy itself, sandboxed, and the app's page that shows it under the archive's
notice (the notice is never inside the captured page, where the page's own markup could hide or fake it).

With `ARCHIVED_COPY_ORIGIN` set, copies are served from that origin only and the app's pages frame them
from there: a trick the sanitizer and the sandbox both missed would still run on an origin holding
nothing of the app's. That origin serves copies and nothing else.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, abort, current_app, render_template, request, url_for

from search_app.archived import NOTICE
from search_app.articles import archived_copy, article_or_404
from search_app.config import ConfigError

bp = Blueprint("copies", __name__)
SERVED_ON_COPY_ORIGIN = {"copies.copy"}


@bp.get("/articles/<int:article_id>/archived")
def copy(article_id: int) -> Any:
    """The raw capture, made inert, in a sandbox of its own (see ARCHIVED_COPY_POLICY)."""
    page = archived_copy(article_or_404(article_id))
    if page is None:
        abort(404)
    headers = {"Content-Security-Policy": current_app.config["ARCHIVED_COPY_POLICY"], "Cache-Control": "no-store"}
    if not current_app.config["ARCHIVED_COPY_ORIGIN"]:
        headers["X-Frame-Options"] = "SAMEORIGIN"  # framed by the app's own pages only
    return Response(page, content_type="text/html; charset=utf-8", headers=headers)


@bp.get("/articles/<int:article_id>/archived/view")
def view(article_id: int) -> Any:
    """The copy opened on its own ("Mở riêng"): the app's page, its notice, the copy framed below."""
    article = article_or_404(article_id)
    if not article.get("warc_file"):
        abort(404)
    return render_template("archived_view.html", article=article, notice=NOTICE, args=None)


def copy_url(article_id: int) -> str:
    """Where the copy is served: the app itself, or the copies' own origin."""
    return (current_app.config["ARCHIVED_COPY_ORIGIN"] or "") + url_for("copies.copy", article_id=article_id)


def init_copies(app: Flask) -> None:
    """Register the routes; with a copies origin, check it and fit both security policies to it."""
    app.register_blueprint(bp)
    app.jinja_env.globals["copy_url"] = copy_url
    config = app.config
    if not config.get("ARCHIVED_COPY_ORIGIN"):
        config["ARCHIVED_COPY_ORIGIN"] = None
        return
    copies, own = _origin(config, "ARCHIVED_COPY_ORIGIN"), _origin(config, "PUBLIC_ORIGIN")
    if copies == own:
        raise ConfigError("ARCHIVED_COPY_ORIGIN must differ from PUBLIC_ORIGIN: the point is a separate origin")
    config["ARCHIVED_COPY_ORIGIN"], config["PUBLIC_ORIGIN"] = copies, own
    config["CONTENT_SECURITY_POLICY"] += f"; frame-src {copies}"
    config["ARCHIVED_COPY_POLICY"] = config["ARCHIVED_COPY_POLICY"].replace("frame-ancestors 'self'",
                                                                            f"frame-ancestors {own}")
    app.before_request(_one_origin_each)


def _origin(config: Any, key: str) -> str:
    """`scheme://host[:port]` of an http(s) origin setting, or ConfigError."""
    value = (config.get(key) or "").strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password \
            or parts.path or parts.query or parts.fragment:
        raise ConfigError(f"{key} must be an http(s) origin like https://ban-luu.example.vn, not {value!r}"
                          + (" (required with ARCHIVED_COPY_ORIGIN)" if not value else ""))
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _one_origin_each() -> None:
    """Copies only on the copies' origin, and nothing else there."""
    on_copy_origin = request.host.lower() == urlsplit(current_app.config["ARCHIVED_COPY_ORIGIN"]).netloc
    if on_copy_origin != (request.endpoint in SERVED_ON_COPY_ORIGIN):
        abort(404)
