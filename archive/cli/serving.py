"""`serve`: the search web app, N worker processes (gunicorn) sharing the read-only archive."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from archive.cli.common import UserError, open_store
from archive.cli.ports import require_free

DEFAULT_DEMO_PORT = 8000


def register(command: Any) -> None:
    from search_app.server import default_workers

    serve = command("serve", cmd_serve, "serve the search app (gunicorn worker processes; waitress where "
                                        "gunicorn does not run)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=DEFAULT_DEMO_PORT, help="port (default 8000)")
    add_workers_option(serve, default_workers())


def add_workers_option(parser: argparse.ArgumentParser, default: int) -> None:
    parser.add_argument("--workers", type=int, default=default, metavar="N",
                        help=f"worker processes answering requests (default: one per core, here {default})")


def cmd_serve(args: argparse.Namespace) -> int:
    return serve_app(args.data, args.host, args.port, args.workers)


def check_serve_options(host: str, port: int, workers: int, port_option: str = "--port") -> None:
    """Everything `serve_app` needs, checked before any (long) work: a bad option, a busy port."""
    if workers < 1:
        raise UserError("--workers must be at least 1")
    require_free(host, port, port_option)


def serve_app(data: Path, host: str, port: int, workers: int) -> int:
    """Serve until Ctrl+C or SIGTERM."""
    from search_app import create_app
    from search_app.config import ConfigError
    from search_app.server import serve

    check_serve_options(host, port, workers)
    open_store(data, read_only=True).close()
    try:
        app = create_app({"DATA_DIR": str(data)})
    except ConfigError as error:
        raise UserError(str(error)) from error

    def ready() -> None:
        print(f"Search the archive at http://{host}:{port}/  ({workers} worker process"
              f"{'es' if workers > 1 else ''}; Ctrl+C stops)", flush=True)

    serve(app, host, port, workers, ready)
    print("stopped", file=sys.stderr)
    return 0
