"""The Flask search app: HTML pages and a JSON twin of each."""
from __future__ import annotations

import os
from typing import Any

from flask import Flask

from search_app.config import DefaultConfig


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_object(DefaultConfig)
    if os.environ.get("ARCHIVE_DATA_DIR"):
        app.config["DATA_DIR"] = os.environ["ARCHIVE_DATA_DIR"]
    rate_limit = os.environ.get("ARCHIVE_RATE_LIMIT")
    if rate_limit:
        app.config.update(RATELIMIT_ENABLED=rate_limit != "off", RATELIMIT_APPLICATION=rate_limit)
    app.config.update(overrides or {})
    # No redirect from "//a" to "/a": the redirect URL would carry the request's Host header.
    app.url_map.merge_slashes = False

    from search_app import api, errors, help, views
    from search_app.limits import init_limits
    from search_app.resources import init_resources

    init_resources(app)
    init_limits(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp, url_prefix="/api")
    app.register_blueprint(help.bp)
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
