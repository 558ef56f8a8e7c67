"""The index as readers see it: where it lives, its schema declared once (what is matched: counted
word fields; what is read as per-document columns: filters, facets, sorting, grouping), and the
facet form of a label. The read side (engine, ranking, app) imports this, never the writer."""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.columns import NumericColumn, RefBytesColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, Schema

from archive.search.whoosh import sequences
from archive.search.whoosh.fields import CountedText
from archive.vietnamese.provinces import canonical_province, provinces, units
from archive.vietnamese.text import fold

NO_DATE = 0  # the epoch: no article of ours is that old


def _number() -> COLUMN:
    return COLUMN(NumericColumn("Q", default=0))


def _label() -> COLUMN:
    return COLUMN(RefBytesColumn())


COUNTED = ("words", "title", "pairs", "triples", "exact", "source", "author")
SCHEMA = Schema(
    id=ID(unique=True),
    words=CountedText(),  # folded words of title, body and captions: what matches
    title=CountedText(),  # folded title words: the title boost
    pairs=CountedText(),  # folded adjacent word pairs: phrases and the proximity boost
    triples=CountedText(),  # folded runs of three words: longer phrases (then checked in `sequence`)
    exact=CountedText(),  # words with their diacritics: the accent-aware boost
    # The publisher's name and province, words and pairs ("ldld can tho" finds its articles); weighs
    # less than the text, so an article about the federation outranks one that is only by it.
    source=CountedText(),
    # The byline: folded words, pairs and triples, and its words with diacritics (marked "="): the
    # author: filter, and a small weight in plain queries.
    author=CountedText(),
    # Columns only (no postings): what filters, facets, sorting and grouping read as arrays.
    aid=_number(),
    site=_label(),
    province=_label(),  # as published: the site's province on the article's day (the 2025 unit from the merger)
    unit=_label(),  # the 2025 province-level unit of the site's province, whatever the day
    kind=_label(),
    byline=_label(),  # the author as printed: the author facet
    sequence=COLUMN(sequences.column()),  # every folded word in order: exact phrases past three words
    published=_number(),  # UTC epoch seconds, NO_DATE when unknown
    group=_number(),  # near-duplicate group: the first copy's id
    entities=COLUMN(VarBytesColumn()),  # the entity codes the article names, little-endian uint32 each
    nwords=_number(),
    ntitle=_number(),
)


INDEX_PREFIX = "index-"


def facet_value(value: str | None) -> str:
    """Filter and facet form of a site, province or kind: folded, lowercase, no spaces."""
    return fold(value or "").lower().replace(" ", "")


def province_labels(site_provinces: Iterable[str | None]) -> dict[str, dict[str, str]]:
    """Facet forms back to names: {"province": {...}, "unit": {...}} for every province and 2025 unit,
    and any site's own province that is none of them."""
    own = {facet_value(name): name for name in site_provinces if name and canonical_province(name) is None}
    now = {facet_value(u.name): u.name for u in units()}
    return {"province": {**{facet_value(p.name): p.name for p in provinces()}, **now, **own}, "unit": {**now, **own}}
class IndexPathError(FileNotFoundError):
    """The `index` link names something other than an index-* directory directly in the data dir."""


def index_dir(data_dir: Path) -> Path:
    """The `index` link (or, in a layout from before the swaps, the index directory itself)."""
    return data_dir / "index"


def is_index_name(name: str) -> bool:
    """A bare name of a rebuilt index directory: `index-<stamp>`, no path in it."""
    return name.startswith(INDEX_PREFIX) and Path(name).name == name and "\\" not in name


def live_index_dir(data_dir: Path) -> Path:
    """The directory of the live index; a link that leads anywhere but to an index-* directory
    directly in the data dir is refused, never followed (it could name someone else's files)."""
    link = index_dir(data_dir)
    if not link.is_symlink():
        return link
    target = os.readlink(link)
    if not is_index_name(target) or (data_dir / target).is_symlink():
        raise IndexPathError(f"the index link {link} points to {target!r}, outside the data dir's index-* "
                             "directories: run `python -m archive verify --repair`")
    return data_dir / target


def open_index(data_dir: Path) -> whoosh_index.Index:
    path = live_index_dir(data_dir)
    if not whoosh_index.exists_in(path):
        raise FileNotFoundError(f"no index in {path}: run `python -m archive reindex`")
    return whoosh_index.open_dir(path)
