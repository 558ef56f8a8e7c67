"""The Flask search app: HTML pages and a JSON twin of each."""
from __future__ import annotations

import os
from typing import Any

from flask import Flask

from werkzeug.middleware.proxy_fix import ProxyFix

from search_app.config import DefaultConfig, environment_settings


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_object(DefaultConfig)
    app.config.update(environment_settings(os.environ))
    app.config.update(overrides or {})
    if app.config["TRUSTED_PROXIES"]:
        # The client address (rate limits) from X-Forwarded-For as set by the trusted proxies, no further.
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    # No redirect from "//a" to "/a": the redirect URL would carry the request's Host header.
    app.url_map.merge_slashes = False

    from search_app import api, compare, coverage, entities, errors, feeds, views
    from search_app.budgets import init_budgets
    from search_app.limits import init_limits
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
    errors.register(app)
    # Scraped links may be javascript: or data: URLs; only http(s) ones become links.
    app.jinja_env.tests["web_url"] = lambda url: isinstance(url, str) and url.startswith(("http://", "https://"))

    @app.after_request
    def security_headers(response: Any) -> Any:
        response.headers.setdefault("Content-Security-Policy", app.config["CONTENT_SECURITY_POLICY"])
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")  # frame-ancestors for older browsers
        return response

    return app
