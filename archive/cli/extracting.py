"""`extract`: clean saved pages with no archive at all (one page, or thousands as JSON lines)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from archive.cli.common import UserError

PROGRESS_EVERY = 500  # files, for a multi-file extract


def register(command: Any) -> None:
    extract = command("extract", cmd_extract, "clean saved pages and print the article")
    extract.set_defaults(skip_store_check=True)  # never opens the archive
    extract.add_argument("files", nargs="+", type=Path, metavar="FILE", help="saved HTML pages")
    extract.add_argument("--url", default=None, help="the page's original URL")
    extract.add_argument("--json", action="store_true", help="print JSON (one line per file for several files)")


def cmd_extract(args: argparse.Namespace) -> int:
    from archive.extract.cleaner import extract
    from archive.extract.page_limits import PageRefused
    from archive.sites import load_registry, profile_for_url

    several = len(args.files) > 1
    learned = learn_blocks_by_host(args.files, args.url) if several else {}
    registry = load_registry(args.data)
    for done, path in enumerate(args.files, 1):
        if done % PROGRESS_EVERY == 0:
            print(f"  {done}/{len(args.files)} files", file=sys.stderr)
        body = read_page(path)
        url = args.url or path.resolve().as_uri()
        try:
            data = extract(body, url, profile_for_url(url, registry), site_blocks=learned.get(path)).to_dict()
        except PageRefused as refused:
            if not several:
                raise UserError(f"{path}: {refused}") from refused
            print(f"error: {path}: {refused} (skipped)", file=sys.stderr)  # one bad page of thousands
            continue
        if several:
            data["file"] = str(path)
        if args.json:
            print(json.dumps(data, ensure_ascii=False) if several else json.dumps(data, ensure_ascii=False, indent=2))
        else:
            print(f"# {data['title']}\n{data['published'] or ''} {data['author'] or ''}\n\n{data['text']}\n")
    if several:
        print(f"extracted {len(args.files)} files; {len(learned)} cleaned of blocks repeated across "
              "pages of their site", file=sys.stderr)
    return 0


def read_page(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror}") from error


def learn_blocks_by_host(files: list[Path], url: str | None) -> dict[Path, frozenset[str]]:
    """Blocks repeated across the files of one host (the --url host, else each page's own URL)."""
    from urllib.parse import urlsplit

    from archive.extract.cleaner import page_blocks
    from archive.extract.page_limits import PageRefused
    from archive.extract.site_blocks import learn_site_blocks

    keys_by_host: dict[str, list[set[str]]] = {}
    host_of: dict[Path, str] = {}
    for path in files:
        try:
            own_url, keys = page_blocks(read_page(path))
        except PageRefused:
            continue  # reported when it is extracted
        host = urlsplit(url or own_url or "").hostname
        if host:
            host_of[path] = host
            keys_by_host.setdefault(host, []).append(keys)
    learned = {host: learn_site_blocks(pages) for host, pages in keys_by_host.items()}
    return {path: learned[host] for path, host in host_of.items() if learned[host]}
