"""Serving the app: N gunicorn worker processes where gunicorn runs (Linux, macOS), waitress elsewhere.

The app is built once in the parent; each worker is a fork of it and opens the index itself on its
first search (nothing of Whoosh or SQLite is opened before the fork, so no file offset or connection
is shared between processes). The workers share the index through the page cache; rate-limit
budgets are per process unless ARCHIVE_RATE_LIMIT_STORAGE names a shared store.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from flask import Flask

try:
    from gunicorn.app.base import BaseApplication
except ImportError:  # Windows: gunicorn needs fork
    BaseApplication = None

THREADS_PER_WORKER = 4  # overlap SQLite and socket waits; the work itself is bound by one core each
GRACEFUL_STOP_S = 10  # SIGTERM: requests in flight get this long to finish
IDENT = "vn-union-archive"


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def serve(app: Flask, host: str, port: int, workers: int, ready: Callable[[], None]) -> None:
    """Serve until SIGINT/SIGTERM; `ready` is called once the socket listens."""
    if BaseApplication is not None:
        _run_gunicorn(app, {
            "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}", "workers": workers,
            "worker_class": "gthread", "threads": THREADS_PER_WORKER, "graceful_timeout": GRACEFUL_STOP_S,
            "loglevel": "warning", "accesslog": None, "proc_name": IDENT,
            "when_ready": lambda _arbiter: ready(),
        })
        return
    import waitress

    if workers > 1:
        print(f"note: gunicorn does not run here; serving with one waitress process, not {workers}",
              file=sys.stderr)
    server = waitress.create_server(app, host=host, port=port, threads=2 * THREADS_PER_WORKER, ident=IDENT)
    ready()
    server.run()


def _run_gunicorn(app: Flask, options: dict[str, Any]) -> None:
    """gunicorn with settings given in code and the app already built: no command line, no config file."""

    class Server(BaseApplication):  # type: ignore[misc, valid-type]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Flask:
            return app

    parent = os.getpid()
    try:
        Server().run()
    except SystemExit as stop:  # gunicorn ends by sys.exit, in the parent and in each worker it forked
        if os.getpid() != parent or stop.code not in (0, None):
            raise
