"""`entities`: the people, organisations and places the archive names most, or those matching a name."""
from __future__ import annotations

import argparse
from typing import Any

from archive.cli.common import open_store, print_json
from archive.vietnamese.entities import KINDS


def register(command: Any) -> None:
    entities = command("entities", cmd_entities, "people, organisations and places named most, or by a name")
    entities.add_argument("name", nargs="?", help="show the entities this name means (any accents, part of a name)")
    entities.add_argument("--kind", choices=KINDS, action="append", help="only this kind (repeatable)")
    entities.add_argument("--limit", type=int, default=20, help="entities per kind (default 20)")
    entities.add_argument("--json", action="store_true", help="print JSON")


def cmd_entities(args: argparse.Namespace) -> int:
    from archive.storage import entities

    kinds = args.kind or list(KINDS)
    with open_store(args.data) as store:
        if args.name:
            found = {kind: [entities.get(store.db, kind, e["key"]) for e in entities.find(store.db, kind, args.name)]
                     for kind in kinds}
        else:
            found = {kind: entities.top(store.db, kind, max(1, args.limit)) for kind in kinds}
    found = {kind: listed[: max(1, args.limit)] for kind, listed in found.items()}
    if args.json:
        print_json(found)
        return 0
    for kind, listed in found.items():
        print(f"{kind}:")
        for entity in listed:
            roles = "; ".join(r["role"] for r in entity.get("roles", [])[:3])
            print(f"  {entity['articles']:5}  {entity['name']}" + (f"  ({roles})" if roles else ""))
    return 0
