"""Search quality over the judged queries of tests/search_quality: recall@10 and MRR, overall and per kind.

DIR is the sample archive the demo builds (`python -m archive demo --no-serve --data DIR`); the
near-duplicate judgments run over a temporary copy of it with the syndicated copies added.

    python bench/search_quality.py --data DIR [--show-failures]
"""
from __future__ import annotations

import argparse
import platform
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from archive.search.engine import SearchEngine
from archive.storage.store import Store
from testkit.judgments import CUTOFF, Outcome, evaluate, load, syndicate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the sample archive built by the demo")
    parser.add_argument("--show-failures", action="store_true", help="list the judgments that fail and why")
    args = parser.parse_args()
    if not (args.data / "archive.sqlite3").exists():
        print(f"error: no archive in {args.data}: run `python -m archive demo --no-serve --data {args.data}`",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        syndicated = Path(scratch) / "data"
        syndicate(args.data, syndicated)
        outcomes = run_all({None: args.data, "syndicated": syndicated})
    print_table(outcomes, args.data)
    if args.show_failures:
        for outcome in (o for o in outcomes if not o.passed):
            print(f"\n{outcome.judgment['kind']}: {outcome.judgment['query']!r}\n  " + "\n  ".join(outcome.failures))
    return 0


def run_all(corpora: dict[str | None, Path]) -> list[Outcome]:
    outcomes = []
    for corpus, data in corpora.items():
        with Store(data / "archive.sqlite3") as store:
            engine = SearchEngine(data)
            outcomes += [evaluate(engine, store, j) for j in load() if j.get("corpus") == corpus]
            engine.close()
    return outcomes


def print_table(outcomes: list[Outcome], data: Path) -> None:
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.judgment["kind"]].append(outcome)
    with Store(data / "archive.sqlite3") as store:
        articles = store.count()
    print(f"Search quality on {platform.node()} ({platform.machine()}, Python {platform.python_version()}): "
          f"{len(outcomes)} judged queries over {articles} sample articles")
    print(f"{'kind':<16}{'queries':>8}{'passed':>8}{f'recall@{CUTOFF}':>11}{'MRR':>7}")
    for kind, group in [*sorted(by_kind.items()), ("all", outcomes)]:
        recall = sum(o.recall for o in group) / len(group)
        mrr = sum(o.reciprocal_rank for o in group) / len(group)
        print(f"{kind:<16}{len(group):>8}{sum(o.passed for o in group):>8}{recall:>11.3f}{mrr:>7.3f}")


if __name__ == "__main__":
    sys.exit(main())
