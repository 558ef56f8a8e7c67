"""Per-client rate limits (flask-limiter): a query flood from one address gets 429, everyone else is served."""
from __future__ import annotations

from typing import Any

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse_many

from search_app.config import ConfigError

RATE_SETTINGS = {"RATELIMIT_APPLICATION": "ARCHIVE_RATE_LIMIT", "EXPORT_RATE_LIMIT": "ARCHIVE_APP_EXPORT_RATE_LIMIT"}


def init_limits(app: Flask) -> None:
    """Limits come from the RATELIMIT_* keys of the app config; static files are exempt. Behind a
    reverse proxy the remote address is the client's once TRUSTED_PROXIES says how many proxies to believe."""
    app.extensions["rate_limiter"] = Limiter(key_func=get_remote_address, app=app)


def check_rate_limits(config: Any) -> None:
    """Refuse to start with a limit the limiter cannot read: flask-limiter would only log it and let
    every request through unlimited."""
    if not config["RATELIMIT_ENABLED"]:
        return
    for key, variable in RATE_SETTINGS.items():
        if not config[key]:  # no request counts (the server-time budgets of budgets.py still hold)
            continue
        try:
            parse_many(config[key])
        except ValueError as error:
            raise ConfigError(f"{variable} (the app's {key}) is not a rate limit: {config[key]!r} ({error}); "
                              "write it like \"10 per second;300 per minute\", or \"off\"") from error
