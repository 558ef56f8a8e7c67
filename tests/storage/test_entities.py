"""Entities in the store: linked when an article is stored, kept in step when it changes or the
rules do, gone with the article; found by any spelling."""
import pytest

from archive.article import Article
from archive.storage import entities
from archive.storage.store import Store

TEXT = ("Dự Hội nghị có đồng chí Lò Văn Muôn, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh; "
        "đại diện LĐLĐ huyện Tủa Chùa.")


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "archive.sqlite3") as opened:
        opened.upsert_site("hdnd-dienbien", "HĐND tỉnh Điện Biên", "Điện Biên", "council", None)
        yield opened


def _article(text: str = TEXT) -> Article:
    return Article(url="https://hdnd.dienbien.gov.vn/tin-tuc/1.html", title="Hội nghị điển hình tiên tiến",
                   text=text, site="hdnd-dienbien", author="Bảo An")


def _names(store: Store, article_id: int) -> dict[str, str | None]:
    return {e["name"]: e["role"] for e in entities.of_article(store.db, article_id)}


def test_an_article_is_linked_to_what_it_names_when_stored(store):
    assert store.upsert_article(_article()) == "new"
    article_id = store.id_for_url(_article().url)
    assert _names(store, article_id) == {
        "Bảo An": "tác giả", "Lò Văn Muôn": "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh",
        "Tỉnh ủy Điện Biên": None, "Hội đồng nhân dân tỉnh Điện Biên": None,
        "Liên đoàn Lao động huyện Tủa Chùa": None, "huyện Tủa Chùa": None}
    codes = store.get(article_id)["entity_codes"]
    assert sorted(c % 4 for c in codes) == [1, 1, 2, 2, 2, 3]  # two people, three organisations, a place


def test_a_changed_article_is_relinked_and_reindexed(store):
    store.upsert_article(_article())
    article_id = store.id_for_url(_article().url)
    store.mark_indexed({article_id: 1})
    assert store.upsert_article(_article("Tham dự có bà Đào Thị Mỹ Lệ – Phó Chủ tịch LĐLĐ TP. Cần Thơ.")) == "changed"
    assert set(_names(store, article_id)) == {"Bảo An", "Đào Thị Mỹ Lệ", "Liên đoàn Lao động thành phố Cần Thơ",
                                              "Cần Thơ"}
    assert store.count_unindexed() == 1


def test_an_unchanged_article_whose_links_changed_is_reindexed(store):
    store.upsert_article(_article())
    article_id = store.id_for_url(_article().url)
    store.mark_indexed({article_id: 1})
    store.upsert_article(_article())  # same links: nothing to index again
    assert store.count_unindexed() == 0
    store.db.execute("DELETE FROM article_entities WHERE article_id = ?", (article_id,))  # as before an upgrade
    assert store.upsert_article(_article()) == "unchanged"
    assert "Lò Văn Muôn" in _names(store, article_id) and store.count_unindexed() == 1


def test_deleting_an_article_deletes_its_links(store):
    store.upsert_article(_article())
    article_id = store.id_for_url(_article().url)
    store.delete_article(article_id)
    assert store.db.execute("SELECT count(*) FROM article_entities").fetchone()[0] == 0


def test_an_entity_is_found_by_any_spelling(store):
    store.upsert_article(_article())
    muon = entities.find(store.db, "person", "Lò Văn Muôn")
    assert [e["name"] for e in muon] == ["Lò Văn Muôn"]
    assert entities.find(store.db, "person", "lo van muon") == muon == entities.find(store.db, "person", "Muôn")
    assert [e["name"] for e in entities.find(store.db, "org", "LĐLĐ huyện Tủa Chùa")] == [
        "Liên đoàn Lao động huyện Tủa Chùa"]
    assert entities.find(store.db, "person", "Nguyễn Văn A") == []
    shown = entities.get(store.db, "person", muon[0]["key"])
    assert shown["articles"] == 1 and shown["roles"][0]["role"].startswith("Phó Bí thư")
