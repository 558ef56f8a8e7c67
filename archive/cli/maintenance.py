"""Commands that keep a data directory healthy: `reindex`, `reprocess`, `verify`, `backup`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from archive.cli.common import UserError, index_store, open_store, print_json


def register(command: Any) -> None:
    command("reindex", cmd_reindex, "rebuild the index from the store and swap it in atomically")
    command("reprocess", cmd_reprocess, "re-run the cleaner over every raw capture (no network)")
    verify = command("verify", cmd_verify, "check store, index and WARC captures against each other")
    verify.set_defaults(skip_store_check=True)  # a damaged store is a finding here, not an error
    verify.add_argument("--repair", action="store_true", help="fix what disagrees from the store and the captures")
    verify.add_argument("--json", action="store_true", help="print the report as JSON")
    backup = command("backup", cmd_backup, "copy store, WARC files and index consistently, even while in use")
    backup.add_argument("target", type=Path, metavar="DIR", help="a new or empty directory")


def cmd_reindex(args: argparse.Namespace) -> int:
    from archive.search.index import rebuild_index

    with open_store(args.data) as store:
        count = rebuild_index(store, args.data, progress=True)
    print(f"Rebuilt the index: {count} articles.", file=sys.stderr)
    return 0


def cmd_reprocess(args: argparse.Namespace) -> int:
    from archive.ops.reprocess import reprocess

    with open_store(args.data) as store:
        counts = reprocess(store, args.data / "warc")
    print("Reprocessed captures: " + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)
    print(f"Indexed {index_store(args.data)} new or changed articles.", file=sys.stderr)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from whoosh.index import LockError

    from archive.ops.verify import VerifyError, repair, unreadable_store, verify
    from archive.storage.store import StoreError

    try:
        store = open_store(args.data)
    except StoreError as error:
        report = unreadable_store(args.data, error)
        if args.repair:  # the source of truth is never rebuilt by guesswork: the user restores or reprocesses
            print("cannot repair the store itself: " + report.problems["store_unreadable"][0], file=sys.stderr)
        print_json(report.to_dict()) if args.json else print(report.summary())
        return 1
    with store:
        report = verify(store, args.data, progress=not args.json)
        if args.repair and not report.ok:
            print(report.summary(), file=sys.stderr)
            try:
                actions = repair(store, args.data, report, progress=not args.json)
            except (VerifyError, LockError) as error:
                raise UserError(f"cannot repair now: {str(error) or 'another process is writing the index'}") from error
            print("Repaired: " + ("; ".join(actions) or "nothing to do"), file=sys.stderr)
            report = verify(store, args.data)
    if args.json:
        print_json(report.to_dict())
    else:
        print(report.summary())
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from archive.ops.backup import BackupError, backup

    open_store(args.data).close()
    try:
        summary = backup(args.data, args.target, progress=True)
    except BackupError as error:
        raise UserError(str(error)) from error
    print(summary, file=sys.stderr)
    return 0
