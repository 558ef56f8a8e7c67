"""`sites list|show|add|remove`: the site registry as data the user owns (kept in the data dir,
merged over the bundled registry of real sites)."""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archive.cli.common import UserError, open_store, print_json

SITE_KINDS = ("union", "council", "newspaper")
SITE_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{0,62}$")


def register(command: Any) -> None:
    sites = command("sites", cmd_sites, "list, show, add and remove the sites the archive knows")
    actions = sites.add_subparsers(title="actions", metavar="ACTION")

    def action(name: str, handler: Any, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text, description=help_text)
        # --data after the action too (`sites list --data DIR`); the group's own default otherwise
        sub.add_argument("--data", type=Path, default=argparse.SUPPRESS, help="data directory")
        sub.set_defaults(handler=handler)
        return sub

    listing = action("list", cmd_list, "every site: name, kind, province then and now, articles, status")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    show = action("show", cmd_show, "one site's profile and what the archive holds of it")
    show.add_argument("name", metavar="NAME", help="the site (as `sites list` names it)")
    show.add_argument("--json", action="store_true", help="print JSON instead of lines")
    add = action("add", cmd_add, "add (or replace) a site in the data dir's registry")
    add.add_argument("url", metavar="URL", help="the site's start page (http or https)")
    add.add_argument("--name", help="short name for --site (default: from the host, e.g. congdoan-cantho)")
    add_description_options(add)
    add.add_argument("--changed-hands", metavar="YYYY-MM-DD",
                     help="the day the site passed to its 2025 unit (default: the merger, 2025-07-01)")
    remove = action("remove", cmd_remove, "remove a site from the registry (its archived articles stay)")
    remove.add_argument("name", metavar="NAME", help="the site to remove (as `sites list` names it)")


def add_description_options(parser: Any) -> None:
    """--title, --province, --kind: how `sites add` and a bare-URL `crawl` describe a site."""
    parser.add_argument("--title", help='the publisher\'s name, e.g. "Liên đoàn Lao động tỉnh Hậu Giang"')
    parser.add_argument("--province", help='its province before the 2025 merger, e.g. "Hậu Giang" (aliases work)')
    parser.add_argument("--kind", choices=SITE_KINDS, help="union, council or newspaper")


def described_province(value: str | None) -> str:
    """The canonical name of a --province value ("" when none was given); UserError when unknown."""
    from archive.vietnamese.provinces import canonical_province

    if not value:
        return ""
    province = canonical_province(value)
    if province is None:
        raise UserError(f"unknown province: {value} (a province before the 2025 merger, e.g. Hậu Giang)")
    return province


def cmd_sites(args: argparse.Namespace) -> int:
    print("usage: python -m archive sites {list,show,add,remove} ... (see --help)", file=sys.stderr)
    return 2


def site_rows(data: Path) -> list[dict[str, Any]]:
    """Every registered site with its province then and now and what the archive holds of it."""
    from archive.sites import load_registry

    totals = {}
    if (data / "archive.sqlite3").exists():
        with open_store(data) as store:
            totals = {row["name"]: row for row in store.site_totals()}
    rows = []
    for profile in load_registry(data).values():
        held = totals.get(profile.name, {})
        rows.append({**asdict(profile), "unit": profile.unit, "articles": held.get("articles", 0),
                     "oldest": held.get("oldest"), "newest": held.get("newest"), "last_crawl": held.get("last_crawl")})
    return rows


def cmd_list(args: argparse.Namespace) -> int:
    rows = site_rows(args.data)
    if args.json:
        print_json({"sites": rows})
        return 0
    for row in rows:
        then_now = row["province"] if row["unit"] in (None, row["province"]) else f"{row['province']} -> {row['unit']}"
        status = row["status"] if not row["articles"] else f"{row['articles']} articles"
        print(f"{row['name']:<22} {row['kind'] or '-':<10} {then_now or '-':<32} {status}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    row = next((r for r in site_rows(args.data) if r["name"] == args.name), None)
    if row is None:
        raise UserError(f"unknown site: {args.name} (see `python -m archive sites list`)")
    if args.json:
        print_json(row)
        return 0
    for key, value in row.items():
        if value not in (None, "", [], {}):
            print(f"{key}: {', '.join(value) if isinstance(value, list) else value}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from archive.sites import SiteProfile, add_user_site
    from archive.vietnamese.dates import parse_machine_date

    parts = urlsplit(args.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserError(f"not an http(s) URL: {args.url}")
    name = args.name or _name_of(parts.hostname)
    if not SITE_NAME.match(name):
        raise UserError(f"bad site name {name!r}: lowercase letters, digits, '.' and '-' only")
    province = described_province(args.province)
    if args.changed_hands and parse_machine_date(args.changed_hands) is None:
        raise UserError(f"bad date for --changed-hands: {args.changed_hands} (use YYYY-MM-DD)")
    profile = SiteProfile(name=name, title=args.title or parts.hostname, province=province,
                          kind=args.kind or "", start_urls=[args.url], allowed_domains=[parts.hostname],
                          changed_hands=args.changed_hands)
    path = add_user_site(args.data, profile)
    print(f"Added site {name} to {path}; crawl it with `python -m archive crawl --site {name}`.", file=sys.stderr)
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from archive.sites import remove_user_site

    if not remove_user_site(args.data, args.name):
        raise UserError(f"unknown site: {args.name} (see `python -m archive sites list`)")
    print(f"Removed site {args.name} from the registry; its archived articles stay.", file=sys.stderr)
    return 0


def _name_of(host: str) -> str:
    """congdoan.cantho.gov.vn -> congdoan-cantho, www.baocantho.com.vn -> baocantho."""
    generic = {"www", "gov", "vn", "org", "com", "net", "edu"}
    return "-".join(label for label in host.lower().split(".") if label not in generic) or host.lower()
