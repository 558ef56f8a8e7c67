"""The judged queries of queries.json, and how one is scored against a search engine.

Shared by tests/test_search_quality.py (asserts each judgment) and bench/search_quality.py
(prints recall@10 and MRR), so both read the judgments the same way.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archive.article import Article
from archive.search.engine import SearchEngine
from archive.search.index import update_index
from archive.sites import load_registry
from archive.storage.store import Store

# The judgments are the tests' data (tests/search_quality/queries.json); bench/search_quality.py reads them too.
QUERIES = Path(__file__).resolve().parent.parent / "tests" / "search_quality" / "queries.json"
CUTOFF = 10  # recall@10 and MRR look at the first ten hits
EXACT_LIMIT = 100  # an "exact" judgment reads every match (the sample has 33 articles)


def load() -> list[dict[str, Any]]:
    return json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]


def syndicate(sample_data: Path, target: Path) -> int:
    """A copy of the sample archive plus the `syndicated` copies of queries.json, indexed; returns their number."""
    shutil.copytree(sample_data, target, symlinks=True)
    copies = json.loads(QUERIES.read_text(encoding="utf-8"))["syndicated"]
    sites = load_registry()
    with Store(target / "archive.sqlite3") as store:
        originals = {urlsplit(a["url"]).path: a for a in store.iter_articles()}
        with store.transaction():
            for copy in copies:
                site = sites[copy["site"]]
                store.upsert_site(site.name, site.title, site.province, site.kind, site.start_urls[0])
                store.upsert_article(_copy_of(originals[copy["of"]], copy))
        update_index(store, target)
    return len(copies)


def _copy_of(original: dict[str, Any], copy: dict[str, Any]) -> Article:
    text = original["text"]
    for old, new in copy["replace"]:
        text = text.replace(old, new)
    return Article(url=copy["url"], site=copy["site"], title=original["title"], published=original["published"],
                   author=original["author"], text=f"{text}\n\n{copy['append']}", captions=original["captions"])


@dataclass
class Outcome:
    judgment: dict[str, Any]
    paths: list[str]  # URL paths of the hits, best first
    suggestion: str | None
    recall: float  # share of the relevant pages in the first CUTOFF hits
    reciprocal_rank: float  # 1 / rank of the first relevant hit within CUTOFF, else 0
    failures: list[str]

    @property
    def passed(self) -> bool:
        return not self.failures


def evaluate(engine: SearchEngine, store: Store, judgment: dict[str, Any]) -> Outcome:
    """Run one judged query (for did-you-mean: its suggestion, as a user would click it) and score it."""
    query, failures = judgment["query"], []
    suggestion = None
    if "did_you_mean" in judgment:
        suggestion = engine.search(store, query)["did_you_mean"]
        if suggestion != judgment["did_you_mean"]:
            failures.append(f"did_you_mean {suggestion!r}, judged {judgment['did_you_mean']!r}")
        query = suggestion or query
    result = engine.search(store, query, limit=EXACT_LIMIT, sort=judgment.get("sort", "relevance"),
                           filters=judgment.get("filters"))
    paths = [urlsplit(hit["url"]).path for hit in result["hits"]]
    relevant = set(judgment["relevant"])
    top = paths[:CUTOFF]
    # A story (near-duplicate copies) is one relevant item, found when any copy is shown.
    wanted = 1 if judgment["judge"] == "story" else min(len(relevant), CUTOFF)
    recall = min(1.0, len(relevant & set(top)) / wanted)
    rank = next((i for i, path in enumerate(top, 1) if path in relevant), None)
    failures += _judge(judgment, paths, relevant)
    if judgment["judge"] == "story":
        failures += _judge_story(result, relevant)
    return Outcome(judgment, paths, suggestion, recall, 1 / rank if rank else 0.0, failures)


def _judge_story(result: dict[str, Any], copies: set[str]) -> list[str]:
    """The first hit is the story, it names every other copy, and no other hit is a copy."""
    hits = result["hits"]
    if not hits or urlsplit(hits[0]["url"]).path not in copies:
        return ["the first hit is not the story"]
    named = {urlsplit(hits[0]["url"]).path} | {urlsplit(other["url"]).path for other in hits[0]["also_published_on"]}
    failures = [] if named == copies else [f"the hit and also_published_on name {sorted(named)}"]
    repeated = [hit["url"] for hit in hits[1:] if urlsplit(hit["url"]).path in copies]
    return failures + ([f"copies shown as separate hits: {repeated}"] if repeated else [])


def _judge(judgment: dict[str, Any], paths: list[str], relevant: set[str]) -> list[str]:
    failures = []
    kind = judgment["judge"]
    if kind == "top":
        missing = relevant - set(paths[:judgment.get("top", CUTOFF)])
        if missing:
            failures.append(f"not in the first {judgment.get('top', CUTOFF)}: {sorted(missing)}")
    elif kind == "first":
        if not paths or paths[0] not in relevant:
            failures.append(f"first hit {paths[0] if paths else None} is not relevant")
    elif kind == "exact" and (set(paths) != relevant or len(paths) != len(relevant)):
        failures.append(f"missing {sorted(relevant - set(paths))}, unexpected {sorted(set(paths) - relevant)}")
    shown = set(judgment.get("excluded", [])) & set(paths)
    if shown:
        failures.append(f"excluded pages found: {sorted(shown)}")
    return failures
