"""Saved searches: `watch add QUERY --name N [--email ADDR]`, `watch list`, `watch run`, `watch
remove NAME`. The recrawl timer runs `watch run` after each crawl (README, "Alerts")."""
from __future__ import annotations

import argparse
import os
import smtplib
import sys
from pathlib import Path
from typing import Any

from archive.cli.common import UserError, open_store, print_json


def register(command: Any) -> None:
    watch = command("watch", _usage, "saved searches: what is new since the last run, printed or e-mailed")
    actions = watch.add_subparsers(title="actions", metavar="ACTION")

    def action(name: str, handler: Any, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        # --data after the action too; its default stays the one `watch` itself declares
        sub.add_argument("--data", type=Path, default=argparse.SUPPRESS, help="data directory")
        return sub

    add = action("add", cmd_add, "save a search; articles stored from now on that match it are new")
    add.add_argument("query", help="the query, as for search (filters such as person:\"...\" included)")
    add.add_argument("--name", required=True, help="the watch's name (letters, digits, . - _)")
    add.add_argument("--email", help="send what is new to this address (SMTP settings: README, Alerts)")
    add.add_argument("--site", help="only this site")
    listing = action("list", cmd_list, "the saved searches")
    listing.add_argument("--json", action="store_true", help="print JSON")
    run = action("run", cmd_run, "print (and e-mail) what is new for each saved search since its last run")
    run.add_argument("names", nargs="*", metavar="NAME", help="only these watches (default: all)")
    run.add_argument("--json", action="store_true", help="print JSON")
    run.add_argument("--no-mail", action="store_true", help="print only, even where an address is set")
    remove = action("remove", cmd_remove, "delete a saved search")
    remove.add_argument("name", help="the watch to delete (as `watch list` names it)")


def _usage(args: argparse.Namespace) -> int:
    raise UserError("watch needs an action: add, list, run or remove (see `python -m archive watch -h`)")


def cmd_add(args: argparse.Namespace) -> int:
    from archive.ops import watches

    with open_store(args.data) as store:
        try:
            watch = watches.add(args.data, store, args.query, args.name, {"site": args.site}, args.email)
        except watches.WatchError as error:
            raise UserError(str(error)) from error
    print(f"saved {watch.name!r}: {watch.query}" + (f" (e-mail to {watch.email})" if watch.email else ""))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from archive.ops import watches

    found = watches.load(args.data)
    if args.json:
        print_json([asdict(w) for w in found])
        return 0
    for watch in found:
        mail = f" -> {watch.email}" if watch.email else ""
        print(f"{watch.name}: {watch.query} {watch.filters or ''}{mail} (last run {watch.last_run or 'never'})")
    if not found:
        print("no saved searches: `python -m archive watch add QUERY --name NAME`")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Each watch's new articles; a watch is marked as run only once its report is out (printed,
    and mailed when it has an address), so a failed e-mail is retried at the next run."""
    from archive.ops import mail, watches
    from archive.search.engine import SearchEngine

    chosen = [w for w in watches.load(args.data) if not args.names or w.name in args.names]
    unknown = set(args.names) - {w.name for w in chosen}
    if unknown:
        raise UserError(f"no watch named {', '.join(sorted(unknown))}")
    try:
        settings = None if args.no_mail else mail.smtp_settings()
    except ValueError as error:
        raise UserError(str(error)) from error
    failed, report = 0, []
    with open_store(args.data) as store:
        engine = SearchEngine(args.data)
        try:
            newest = store.max_article_id()
            for watch in chosen:
                hits = watches.new_hits(engine, store, watch)
                report.append({"name": watch.name, "query": watch.query, "new": hits})
                if not args.json:
                    _print_new(watch.name, watch.query, hits)
                if hits and watch.email and not args.no_mail:
                    if settings is None:
                        print(f"warning: {watch.name}: no ARCHIVE_SMTP_HOST set, nothing mailed to {watch.email}",
                              file=sys.stderr)
                    else:
                        subject, body = mail.digest(watch.name, watch.query, hits, os.environ.get("ARCHIVE_PUBLIC_URL"))
                        try:
                            mail.send(settings, watch.email, subject, body)
                        except (OSError, smtplib.SMTPException) as error:
                            print(f"error: {watch.name}: mail to {watch.email} failed ({error}); "
                                  "kept as new for the next run", file=sys.stderr)
                            failed += 1
                            continue
                watches.mark_run(args.data, watch.name, newest)
        except FileNotFoundError as error:
            raise UserError(str(error)) from error
        finally:
            engine.close()
    if args.json:
        print_json(report)
    return 1 if failed else 0


def _print_new(name: str, query: str, hits: list[dict[str, Any]]) -> None:
    print(f"{name} ({query}): {len(hits)} new")
    for hit in hits:
        print(f"  [{hit['id']}] {hit['published'] or '?'} · {hit['site']} · {hit['title']}\n      {hit['url']}")


def cmd_remove(args: argparse.Namespace) -> int:
    from archive.ops import watches

    try:
        watches.remove(args.data, args.name)
    except watches.WatchError as error:
        raise UserError(str(error)) from error
    print(f"removed {args.name!r}")
    return 0
