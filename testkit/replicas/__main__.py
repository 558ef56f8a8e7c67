"""Serve every replica site (or those named) until interrupted; print their URLs, write manifests.

    python -m testkit.replicas [--family dnn ...] [--articles 130] [--manifests DIR]
"""
from __future__ import annotations

import argparse
import json
import threading
from pathlib import Path

from testkit.replicas.server import ReplicaServer
from testkit.replicas.shapes import FAMILIES
from testkit.replicas.site import ReplicaSite


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES), help="default: all")
    parser.add_argument("--articles", type=int, default=130)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--port", type=int, default=0, help="the same port on every host (default: free ones)")
    parser.add_argument("--manifests", type=Path, help="write <family>.json truth manifests here")
    args = parser.parse_args()
    servers = [ReplicaServer(ReplicaSite(family, args.articles, args.seed), port=args.port).start()
               for family in args.family or FAMILIES]
    for server in servers:
        print(f"{server.site.shape.family:<14} {server.url}/  ({server.site.shape.platform})", flush=True)
        if args.manifests:
            args.manifests.mkdir(parents=True, exist_ok=True)
            (args.manifests / f"{server.site.shape.family}.json").write_text(
                json.dumps(server.manifest(), ensure_ascii=False, indent=1), encoding="utf-8")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        for server in servers:
            server.stop()


if __name__ == "__main__":
    main()
