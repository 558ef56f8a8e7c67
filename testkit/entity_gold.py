"""The hand-marked entities of the sample articles (tests/search_quality/entities.json), and the
score of the extractor against them: shared by the quality test and bench/entities.py."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.article import Article
from archive.demo.sample_server import SAMPLE_ROOT, file_for
from archive.extract.cleaner import extract
from archive.search.index import update_index
from archive.storage.store import Store
from archive.vietnamese.entities import KINDS, Entity, extract_entities, org_key, person_key, place_key

GOLD = Path(__file__).resolve().parents[1] / "tests" / "search_quality" / "entities.json"
GOLD_LISTS = {"person": "people", "org": "orgs", "place": "places"}
KEYS = {"person": person_key, "org": org_key, "place": place_key}


@dataclass
class Score:
    correct: int = 0
    found: int = 0
    marked: int = 0
    wrong: list[str] = field(default_factory=list)  # found, not marked ("name  (article)")
    missed: list[str] = field(default_factory=list)  # marked, not found

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.marked if self.marked else 1.0


def gold() -> list[dict[str, Any]]:
    return json.loads(GOLD.read_text(encoding="utf-8"))["articles"]


def site_provinces() -> dict[str, str]:
    sites = json.loads((SAMPLE_ROOT / "sites.json").read_text(encoding="utf-8"))
    return {site["name"]: site["province"] for site in sites}


def sample_article(site: str, path: str) -> Article:
    """The cleaner's article for one sample page, as a crawl would store it."""
    page = file_for(SAMPLE_ROOT / site, path)
    assert page is not None, f"no sample page for {site}{path}"
    return extract(page.read_bytes(), f"http://{site}.sample{path}")


def store_sample_articles(data: Path, items: list[dict[str, Any]] | None = None) -> None:
    """What a crawl of the sample sites does with these judged articles (all by default): store them
    under their sites, then update the index."""
    with Store(data / "archive.sqlite3") as store:
        for site, province in site_provinces().items():
            store.upsert_site(site, site, province, "union", None)
        for item in gold() if items is None else items:
            article = sample_article(item["site"], item["path"])
            article.site = item["site"]
            store.upsert_article(article)
        update_index(store, data)


def entities_of(article: Article, province: str | None) -> list[Entity]:
    return extract_entities(article.title, article.text, author=article.author, credit=article.credit,
                            captions=article.captions, province=province)


def score(extractor: Callable[[Article, str | None], list[Entity]] | None = None) -> dict[str, Score]:
    """Per kind, the extractor's entities (ours by default) against the marked ones, article by article."""
    extractor = extractor or entities_of
    scores = {kind: Score() for kind in KINDS}
    provinces = site_provinces()
    for item in gold():
        found = extractor(sample_article(item["site"], item["path"]), provinces.get(item["site"]))
        for kind in KINDS:
            got = {e.key: e.name for e in found if e.kind == kind}
            marked = {KEYS[kind](name): name for name in item[GOLD_LISTS[kind]]}
            s = scores[kind]
            s.correct += len(got.keys() & marked.keys())
            s.found += len(got)
            s.marked += len(marked)
            s.wrong += [f"{got[k]}  ({item['path']})" for k in got.keys() - marked.keys()]
            s.missed += [f"{marked[k]}  ({item['path']})" for k in marked.keys() - got.keys()]
    return scores
