"""The index as readers see it: where it lives, its schema declared once (what is matched: counted
word fields; what is read as per-document columns: filters, facets, sorting, grouping), and the
facet form of a label. The read side (engine, ranking, app) imports this, never the writer."""
from __future__ import annotations

from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.columns import NumericColumn, RefBytesColumn
from whoosh.fields import COLUMN, ID, Schema

from archive.search.whoosh import sequences
from archive.search.whoosh.fields import CountedText
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
    province=_label(),
    kind=_label(),
    byline=_label(),  # the author as printed: the author facet
    sequence=COLUMN(sequences.column()),  # every folded word in order: exact phrases past three words
    published=_number(),  # UTC epoch seconds, NO_DATE when unknown
    group=_number(),  # near-duplicate group: the first copy's id
    nwords=_number(),
    ntitle=_number(),
)


def facet_value(value: str | None) -> str:
    """Filter and facet form of a site, province or kind: folded, lowercase, no spaces."""
    return fold(value or "").lower().replace(" ", "")


def index_dir(data_dir: Path) -> Path:
    return data_dir / "index"


def open_index(data_dir: Path) -> whoosh_index.Index:
    path = index_dir(data_dir)
    if not whoosh_index.exists_in(path):
        raise FileNotFoundError(f"no index in {path}: run `python -m archive reindex`")
    return whoosh_index.open_dir(path)
