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
    app.config.update(overrides or {})

    from search_app import api, errors, views
    from search_app.resources import init_resources

    init_resources(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp, url_prefix="/api")
    errors.register(app)
    # Scraped links may be javascript: or data: URLs; only http(s) ones become links.
    app.jinja_env.tests["web_url"] = lambda url: isinstance(url, str) and url.startswith(("http://", "https://"))

    @app.after_request
    def security_headers(response: Any) -> Any:
        response.headers.setdefault("Content-Security-Policy", app.config["CONTENT_SECURITY_POLICY"])
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    return app
