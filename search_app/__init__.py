"""The Flask search app: HTML pages and a JSON twin of each."""
from __future__ import annotations

import os
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from search_app.config import DefaultConfig, environment_settings
from search_app.converters import DatabaseInteger
from search_app.limits import check_rate_limits


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_object(DefaultConfig)
    app.config.from_prefixed_env("ARCHIVE_APP")
    app.config.update(environment_settings(os.environ))
    app.config.update(overrides or {})
    check_rate_limits(app.config)
    if app.config["TRUSTED_PROXIES"]:
        # The client address (rate limits) from X-Forwarded-For as set by the trusted proxies, no further.
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    # No redirect from "//a" to "/a": the redirect URL would carry the request's Host header.
    app.url_map.merge_slashes = False
    app.url_map.converters["int"] = DatabaseInteger  # before any route is declared

    from search_app import api, compare, coverage, entities, errors, feeds, help, site_pages, views
    from search_app.budgets import init_budgets
    from search_app.copies import init_copies
    from search_app.exports import init_exports
    from search_app.limits import init_limits
    from search_app.requests import search_link
    from search_app.resources import init_resources

    init_resources(app)
    init_limits(app)
    init_budgets(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp, url_prefix="/api")
    app.register_blueprint(entities.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(coverage.bp)
    app.register_blueprint(compare.bp)
    app.register_blueprint(help.bp)
    init_exports(app)
    init_copies(app)
    app.jinja_env.globals["search_link"] = search_link
    app.register_blueprint(site_pages.bp)
    errors.register(app)
    # Scraped links may be javascript: or data: URLs; only http(s) ones become links.
    app.jinja_env.tests["web_url"] = lambda url: isinstance(url, str) and url.startswith(("http://", "https://"))

    @app.after_request
    def security_headers(response: Any) -> Any:
        response.headers.setdefault("Content-Security-Policy", app.config["CONTENT_SECURITY_POLICY"])
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")  # frame-ancestors for older browsers
        # Downloads are kept nowhere; pages and JSON may be, by the reader's own browser only, and
        # checked again each time (a query is the reader's business, not a shared cache's).
        downloaded = response.headers.get("Content-Disposition", "").startswith("attachment")
        response.headers.setdefault("Cache-Control", "no-store" if downloaded else "private, no-cache")
        return response

    return app
