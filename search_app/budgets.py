"""Per-client budgets of server time: a flood of parallel requests gets 429, a sequential script never does.

A client (one address, the proxy's client behind ARCHIVE_TRUSTED_PROXIES) may use CLIENT_SHARE seconds
of server work per second, counted over fixed windows of BUDGET_WINDOW seconds. A script that waits for
each answer before sending the next can only use one second of work per second of wall time (plus the
one request that straddles a window's start), so with a share above one it is never refused, however
fast the app answers. Budgets live in a `limits` storage: memory (per process) or Redis (shared by
every worker process: ARCHIVE_RATE_LIMIT_STORAGE).
"""
from __future__ import annotations

import math
import time
from typing import Any

from flask import Flask, abort, current_app, g, request
from limits.storage import Storage, storage_from_string

KEY = "archive-budget"


def init_budgets(app: Flask) -> None:
    if not app.config["RATELIMIT_ENABLED"] or not app.config["CLIENT_SHARE"]:
        return
    app.extensions["client_budgets"] = storage_from_string(app.config["RATELIMIT_STORAGE_URI"])
    app.before_request(_refuse_spent_clients)
    app.teardown_request(_charge_client)


def _storage() -> Storage:
    return current_app.extensions["client_budgets"]


def _window(now: float) -> tuple[str, float]:
    """This window's key for the client and the seconds left in it."""
    seconds = current_app.config["BUDGET_WINDOW"]
    number = math.floor(now / seconds)
    return f"{KEY}/{request.remote_addr}/{number}", (number + 1) * seconds - now


def _refuse_spent_clients() -> None:
    key, left = _window(time.time())
    allowance_ms = current_app.config["CLIENT_SHARE"] * current_app.config["BUDGET_WINDOW"] * 1000
    if _storage().get(key) >= allowance_ms:
        g.retry_after = max(1, math.ceil(left))
        abort(429)
    g.budget_started = time.perf_counter()


def _charge_client(_: BaseException | None) -> Any:
    started = g.pop("budget_started", None)
    if started is None:
        return
    spent_ms = max(1, round((time.perf_counter() - started) * 1000))
    key, _left = _window(time.time())
    _storage().incr(key, 2 * current_app.config["BUDGET_WINDOW"], amount=spent_ms)
