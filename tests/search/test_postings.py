"""The bulk-written index read back: archive/postings.py and plain Whoosh agree with the documents written."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.query import Term

from archive.extract.cleaner import extract_page
from archive.search.index import to_document
from archive.search.schema import SCHEMA
from archive.search.whoosh.bulk_writer import BulkWriter
from archive.search.whoosh.postings import Postings
from tests.support import sample_articles

COUNTED = ("words", "title", "pairs", "exact")
SITE = {"title": "Liên đoàn Lao động thành phố Cần Thơ", "province": "Cần Thơ", "kind": "union"}


def documents(first: int, count: int) -> list[dict]:
    found = []
    for n, sample in enumerate(sample_articles()[first:first + count], start=first):
        article = extract_page(sample["file"].read_bytes(), "http://127.0.0.1:8101" + sample["path"]).article
        found.append(to_document({**article.to_dict(), "id": n + 1, "version": 1}, SITE, n + 1))
    return found


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory):
    """Two segments written in bulk with tiny blocks (so posting lists span many), one document deleted."""
    ix = whoosh_index.create_in(tmp_path_factory.mktemp("postings"), SCHEMA)
    segments = [documents(0, 10), documents(10, 6)]
    for docs in segments:
        writer = BulkWriter(ix, codec=W3Codec(blocklimit=4))
        for doc in docs:
            writer.add_document(**{k: (list(v) if isinstance(v, list) else v) for k, v in doc.items()})
        writer.commit(merge=False)
    writer = BulkWriter(ix)
    writer.delete_by_term("id", "3")
    writer.commit(merge=False)
    with ix.searcher() as searcher:
        yield searcher, [doc for docs in segments for doc in docs]


def truth(docs: list[dict], field: str) -> dict[str, dict[int, int]]:
    """term -> {document number: count}, from the documents as handed to the writer."""
    terms: dict[str, dict[int, int]] = {}
    for docnum, doc in enumerate(docs):
        for term, count in Counter(doc[field]).items():
            terms.setdefault(term, {})[docnum] = count
    return terms


def whoosh_postings(searcher, field: str, term: str) -> dict[int, float]:
    """Whoosh's own matcher, one posting at a time (deleted documents skipped, as Whoosh does)."""
    matcher = searcher.reader().postings(field, term)
    found = {}
    while matcher.is_active():
        found[matcher.id()] = matcher.weight()
        matcher.next()
    return found


def test_the_index_has_two_segments_and_a_deletion(written) -> None:
    searcher, docs = written
    assert len(list(searcher.reader().leaf_readers())) == 2
    assert searcher.doc_count_all() == len(docs) and searcher.doc_count() == len(docs) - 1


@pytest.mark.parametrize("field", COUNTED)
def test_every_posting_list_equals_the_documents_written(written, field: str) -> None:
    searcher, docs = written
    postings = Postings(searcher.reader())
    expected = truth(docs, field)
    assert {t.decode("utf-8") for t in searcher.reader().lexicon(field)} == set(expected)
    for term, by_doc in expected.items():
        ids, counts = postings.get(field, term)
        live = {d: c for d, c in by_doc.items() if d != 2}  # document 3 (number 2) is deleted
        got = dict(zip(ids.tolist(), counts.tolist()))
        assert {d: c for d, c in got.items() if d != 2} == live, term
        assert np.all(np.diff(ids) > 0), term  # ascending, no repeats across blocks or segments


@pytest.mark.parametrize(("field", "term"), [("words", "cong"), ("words", "lao"), ("words", "tho"),
                                             ("pairs", "lien doan"), ("pairs", "mai am"), ("exact", "đoàn"),
                                             ("exact", "công"), ("title", "cong")])
def test_plain_whoosh_reads_the_same_postings(written, field: str, term: str) -> None:
    searcher, docs = written
    live = {d: float(c) for d, c in truth(docs, field)[term].items() if d != 2}
    assert len(live) > 4  # longer than a block
    assert whoosh_postings(searcher, field, term) == live
    assert searcher.doc_frequency(field, term) == len(truth(docs, field)[term])  # Whoosh counts until a merge
    assert searcher.frequency(field, term) == sum(truth(docs, field)[term].values())
    assert {hit.docnum for hit in searcher.search(Term(field, term), limit=None)} == set(live)
    ids, counts = Postings(searcher.reader()).get(field, term)
    assert {d: c for d, c in zip(ids.tolist(), counts.tolist()) if d != 2} == live


def test_unknown_terms_have_empty_postings(written) -> None:
    searcher, _ = written
    ids, counts = Postings(searcher.reader()).get("words", "khongcotu")
    assert len(ids) == len(counts) == 0
    assert searcher.doc_frequency("words", "khongcotu") == 0
