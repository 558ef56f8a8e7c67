"""Command line: `python -m archive COMMAND` (or the `archive` command `pip install .` gives).

Exit codes: 0 success, 1 partial (some sites failed, a crawl already running, verify found problems),
2 usage error (a message, never a traceback), 3 not an article (extract).

The top of the project: one module per group of commands, each with a `register(command)` that
declares its subcommands; may import everything below it (archive.*, crawler, search_app).
"""
from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from archive.cli import crawling, extracting, maintenance, naming, registry, reporting, searching, serving, watching
from archive.cli.common import STORE_FILE, UserError, check_store
from archive.storage.store import StoreError

GROUPS = (crawling, extracting, searching, maintenance, serving, watching, naming, registry, reporting)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging()
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        if not getattr(args, "skip_store_check", False):
            check_store(args.data)
        return args.handler(args) or 0
    except (UserError, StoreError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as error:  # damage that shows only when a page of it is read
        print(f"error: {args.data / STORE_FILE} is damaged ({error}): run `python -m archive verify`",
              file=sys.stderr)
        return 2
    except BrokenPipeError:  # `search --json | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit's flush
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def configure_logging() -> None:
    """The project's own progress and warnings, as plain lines on stderr; Scrapy keeps its own
    handler (LOG_LEVEL in crawler/settings.py) for its messages."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name in ("archive", "crawler", "search_app"):
        log = logging.getLogger(name)
        if not log.handlers:
            log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", type=Path, default=Path(os.environ.get("ARCHIVE_DATA_DIR", "data")),
                        help="data directory (default ./data or $ARCHIVE_DATA_DIR)")
    parser = argparse.ArgumentParser(prog="archive", description="Archive of Vietnamese union news. Exit codes: "
                                     "0 success, 1 partial (some sites failed), 2 usage error, 3 not an article.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler: Callable[[argparse.Namespace], int | None], help_text: str) -> Any:
        sub = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    for group in GROUPS:
        group.register(command)
    return parser
