"""The Whoosh index: derived from the store, updated incrementally, rebuilt and swapped atomically."""
from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer
from whoosh.fields import DATETIME, ID, TEXT, Schema

from archive.store import Store, published_utc
from archive.text import fold

WORD = r"\w+"


class FoldFilter(Filter):
    """Accent folding for the matching fields (đ -> d included)."""

    def __call__(self, tokens: Iterable[Any]) -> Iterable[Any]:
        for token in tokens:
            token.text = fold(token.text)
            yield token


# No stop list and no minimum length: Vietnamese "a", "ở", "ý", "an" are words.
EXACT = RegexTokenizer(WORD) | LowercaseFilter()
FOLDED = RegexTokenizer(WORD) | LowercaseFilter() | FoldFilter()

SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    title=TEXT(analyzer=EXACT, phrase=False, field_boost=2.0),
    title_f=TEXT(analyzer=FOLDED, field_boost=2.0),
    body=TEXT(analyzer=EXACT, phrase=False),
    body_f=TEXT(analyzer=FOLDED),
    # Who published it ("Liên đoàn Lao động thành phố Cần Thơ", "Cần Thơ"): "ldld can tho" finds them all.
    source_f=TEXT(analyzer=FOLDED, field_boost=2.0),
    site=ID(stored=True),
    province=ID,
    kind=ID,
    year=ID(stored=True),
    published=DATETIME(sortable=True),
)


def facet_value(value: str | None) -> str:
    """Filter and facet form of a site, province or kind: folded, lowercase, no spaces."""
    return fold(value or "").lower().replace(" ", "")


def to_document(article: dict[str, Any], site: dict[str, Any] | None) -> dict[str, Any]:
    published = _datetime(article.get("published"))
    body = "\n".join([article["text"], *article.get("captions", [])])
    document = {
        "id": str(article["id"]), "title": article["title"], "title_f": article["title"],
        "body": body, "body_f": body, "site": article.get("site") or "",
        "source_f": " ".join(filter(None, [site.get("title"), site.get("province")])) if site else "",
        "province": facet_value(site.get("province") if site else ""),
        "kind": facet_value(site.get("kind") if site else ""),
        "year": str(published.year) if published else "",
    }
    if published:
        document["published"] = published
    return document


def _datetime(value: str | None) -> datetime | None:
    """Whoosh DATETIME is naive: keep UTC (a plain day stays that day)."""
    utc = published_utc(value)
    return datetime.fromisoformat(utc).replace(tzinfo=None) if utc else None


def index_dir(data_dir: Path) -> Path:
    return data_dir / "index"


def open_index(data_dir: Path) -> whoosh_index.Index:
    path = index_dir(data_dir)
    if not whoosh_index.exists_in(path):
        raise FileNotFoundError(f"no index in {path}: run `python -m archive reindex`")
    return whoosh_index.open_dir(path)


def update_index(store: Store, data_dir: Path, progress: bool = False) -> int:
    """Index articles whose stored version is newer than the indexed one; returns how many."""
    path = index_dir(data_dir)
    if not whoosh_index.exists_in(path):
        return rebuild_index(store, data_dir, progress)
    return _write(whoosh_index.open_dir(path), store, only_unindexed=True, progress=progress)


def rebuild_index(store: Store, data_dir: Path, progress: bool = False) -> int:
    """Build a fresh index beside the live one, then swap a symlink: readers never see a half index."""
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
    fresh = data_dir / f"index-{stamp}"
    fresh.mkdir(parents=True)
    count = _write(whoosh_index.create_in(fresh, SCHEMA), store, only_unindexed=False, progress=progress)
    link = index_dir(data_dir)
    old = link.resolve() if link.is_symlink() else None
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)  # an index from before symlinked layouts; the store has everything
    temporary = data_dir / f".index-link-{stamp}"
    os.symlink(fresh.name, temporary)
    os.replace(temporary, link)
    if old is not None and old != fresh.resolve():
        shutil.rmtree(old, ignore_errors=True)
    return count


def _write(ix: whoosh_index.Index, store: Store, only_unindexed: bool, progress: bool) -> int:
    sites = store.sites()
    total = store.count_unindexed() if only_unindexed else store.count()
    writer = ix.writer(limitmb=256, procs=1)
    done: dict[int, int] = {}
    try:
        for article in store.iter_articles(only_unindexed=only_unindexed):
            writer.update_document(**to_document(article, sites.get(article.get("site") or "")))
            done[article["id"]] = article["version"]
            if progress and len(done) % 500 == 0:
                print(f"  indexed {len(done)}/{total}", file=sys.stderr, flush=True)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    with store.transaction():
        if not only_unindexed:
            store.mark_all_unindexed()
        store.mark_indexed(done)
    return len(done)
