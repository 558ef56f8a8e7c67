"""`serve`: the search web app on waitress."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from archive.cli.common import UserError, open_store

DEFAULT_DEMO_PORT = 8000


def register(command: Any) -> None:
    serve = command("serve", cmd_serve, "serve the search app (waitress)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=DEFAULT_DEMO_PORT, help="port (default 8000)")


def cmd_serve(args: argparse.Namespace) -> int:
    return serve_app(args.data, args.host, args.port)


def serve_app(data: Path, host: str, port: int) -> int:
    import waitress

    from search_app import create_app
    from search_app.config import ConfigError

    open_store(data).close()
    try:
        app = create_app({"DATA_DIR": str(data)})
    except ConfigError as error:
        raise UserError(str(error)) from error
    print(f"Search the archive at http://{host}:{port}/  (Ctrl+C stops)", flush=True)
    waitress.serve(app, host=host, port=port, threads=8, ident="vn-union-archive")
    return 0
