"""Entity extraction against the hand-marked sample articles: precision and recall per type.

    python bench/entities.py [--misses]

The 33 articles of the bundled sample sites are cleaned as a crawl would clean them, their
entities extracted (archive/vietnamese/entities.py) and compared, article by article, with the
ones marked by hand in tests/search_quality/entities.json. Targets (issue 16): people P >= 0.9,
R >= 0.8; organisations P >= 0.85, R >= 0.7.

When `underthesea` is installed (not a requirement: `pip install underthesea==9.5.0`; its models
ship in the package, nothing is downloaded), its NER runs over the same text as a peer.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from archive.vietnamese.entities import Entity  # noqa: E402
from testkit.entity_gold import KEYS, entities_of, gold, sample_article, score, site_provinces  # noqa: E402

TARGETS = {"person": (0.9, 0.8), "org": (0.85, 0.7), "place": (None, None)}
PEER_KINDS = {"PER": "person", "ORG": "org", "LOC": "place"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every wrong and missed entity")
    args = parser.parse_args()
    articles = gold()
    print(f"machine: {platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()}); "
          f"judged set: {len(articles)} articles")
    scores = score()
    _table("rules (archive/vietnamese/entities.py)", scores)
    provinces = site_provinces()
    cleaned = [(sample_article(a["site"], a["path"]), provinces.get(a["site"])) for a in articles]
    rounds, started = 10, time.perf_counter()
    for _ in range(rounds):
        for article, province in cleaned:
            entities_of(article, province)
    per_article = (time.perf_counter() - started) / (rounds * len(cleaned)) * 1000
    print(f"extraction: {per_article:.1f} ms an article (mean of {rounds} rounds over the set)")
    try:
        import underthesea
    except ImportError:
        print("peer: underthesea not installed, skipped")
    else:
        _table(f"peer: underthesea {underthesea.__version__} ner()", score(_underthesea_entities))
    if args.misses:
        for kind, s in scores.items():
            for line in s.wrong:
                print(f"wrong  {kind:6} {line}")
            for line in s.missed:
                print(f"missed {kind:6} {line}")


def _table(title: str, scores: dict) -> None:
    print(f"{title}\n{'type':8} {'marked':>6} {'found':>6} {'correct':>7} {'precision':>9} {'recall':>7}  target P/R")
    for kind, s in scores.items():
        p, r = TARGETS[kind]
        target = f"{p}/{r}" if p else "-"
        print(f"{kind:8} {s.marked:6} {s.found:6} {s.correct:7} {s.precision:9.3f} {s.recall:7.3f}  {target}")


def _underthesea_entities(article, province) -> list[Entity]:  # noqa: ANN001 (score's extractor hook)
    """underthesea's BIO tags over each paragraph, as entities keyed like ours."""
    import underthesea

    found = []
    text = "\n".join([article.title or "", article.text or "", *article.captions, article.credit or ""])
    for paragraph in filter(str.strip, text.split("\n")):
        words, kind = [], None
        for word, _, _, tag in [*underthesea.ner(paragraph), ("", "", "", "O")]:
            if tag == "O" or tag.startswith("B-") or tag[2:] != kind:
                if words and kind in PEER_KINDS:
                    name = " ".join(words)
                    found.append(Entity(PEER_KINDS[kind], name, KEYS[PEER_KINDS[kind]](name)))
                words, kind = ([word], tag[2:]) if tag != "O" else ([], None)
            else:
                words.append(word)
    return found


if __name__ == "__main__":
    main()
