"""Entity extraction against the hand-marked sample articles: precision and recall per type.

    python bench/entities.py [--misses]

The 33 articles of the bundled sample sites are cleaned as a crawl would clean them, their
entities extracted (archive/vietnamese/entities.py) and compared, article by article, with the
ones marked by hand in tests/search_quality/entities.json. Targets (issue 16): people P >= 0.9,
R >= 0.8; organisations P >= 0.85, R >= 0.7.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from testkit.entity_gold import entities_of, gold, sample_article, score, site_provinces  # noqa: E402

TARGETS = {"person": (0.9, 0.8), "org": (0.85, 0.7), "place": (None, None)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every wrong and missed entity")
    args = parser.parse_args()
    articles = gold()
    print(f"machine: {platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()}); "
          f"judged set: {len(articles)} articles")
    scores = score()
    print(f"{'type':8} {'marked':>6} {'found':>6} {'correct':>7} {'precision':>9} {'recall':>7}  target P/R")
    for kind, s in scores.items():
        p, r = TARGETS[kind]
        target = f"{p}/{r}" if p else "-"
        print(f"{kind:8} {s.marked:6} {s.found:6} {s.correct:7} {s.precision:9.3f} {s.recall:7.3f}  {target}")
    provinces = site_provinces()
    cleaned = [(sample_article(a["site"], a["path"]), provinces.get(a["site"])) for a in articles]
    rounds, started = 10, time.perf_counter()
    for _ in range(rounds):
        for article, province in cleaned:
            entities_of(article, province)
    per_article = (time.perf_counter() - started) / (rounds * len(cleaned)) * 1000
    print(f"extraction: {per_article:.1f} ms an article (mean of {rounds} rounds over the set)")
    if args.misses:
        for kind, s in scores.items():
            for line in s.wrong:
                print(f"wrong  {kind:6} {line}")
            for line in s.missed:
                print(f"missed {kind:6} {line}")


if __name__ == "__main__":
    main()
