"""The SQLite store: versions, WAL, migrations, transactions, crawl runs."""
from __future__ import annotations

import sqlite3

import pytest

from archive.article import Article
from archive.storage.store import MIGRATIONS, Capture, Store, content_hash, published_utc


def make(url: str = "https://ex.vn/a/1", **changes) -> Article:
    fields = dict(url=url, title="Hội nghị Công đoàn", text="Đoạn một.\n\nĐoạn hai.",
                  published="2023-05-01T08:00:00+07:00", author="Nguyễn Văn A", site="ldld",
                  captions=["Ảnh: hội nghị"], related=[{"title": "Bài khác", "url": "https://ex.vn/b"}])
    fields.update(changes)
    return Article(**fields)


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "db" / "archive.sqlite")
    yield s
    s.close()


def test_new_unchanged_changed_versions(store):
    article = make()
    assert store.upsert_article(article, Capture("a.warc.gz", 10)) == "new"
    article_id = store.id_for_url(article.url)
    assert article_id is not None
    first = store.get(article_id)
    assert first["version"] == 1
    assert first["warc_offset"] == 10

    # Same content: not rewritten, version stays, capture not replaced.
    assert store.upsert_article(make(), Capture("b.warc.gz", 99)) == "unchanged"
    again = store.get(article_id)
    assert again["version"] == 1
    assert again["warc_file"] == "a.warc.gz"
    assert again["first_seen"] == first["first_seen"]
    assert len(store.versions(article_id)) == 1

    assert store.upsert_article(make(text="Đoạn một đã sửa."), Capture("c.warc.gz", 5)) == "changed"
    changed = store.get(article_id)
    assert changed["version"] == 2
    assert changed["text"] == "Đoạn một đã sửa."
    assert changed["warc_file"] == "c.warc.gz"
    assert store.id_for_url(article.url) == article_id  # same row, not a new one
    versions = store.versions(article_id)
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["content_hash"] != versions[1]["content_hash"]
    assert versions[1]["content_hash"] == content_hash(make(text="Đoạn một đã sửa."))
    assert store.count() == 1


def test_related_change_alone_is_not_a_new_version(store):
    # related links are not part of what a reader sees as the article
    store.upsert_article(make())
    assert store.upsert_article(make(related=[])) == "unchanged"


def test_get_decodes_lists_and_get_many(store):
    store.upsert_article(make("https://ex.vn/1"))
    store.upsert_article(make("https://ex.vn/2", title="Hai"))
    one, two = store.id_for_url("https://ex.vn/1"), store.id_for_url("https://ex.vn/2")
    got = store.get(one)
    assert got["captions"] == ["Ảnh: hội nghị"]
    assert got["related"] == [{"title": "Bài khác", "url": "https://ex.vn/b"}]
    many = store.get_many([one, two, 12345])
    assert set(many) == {one, two}
    assert many[two]["title"] == "Hai"
    assert store.get_many([]) == {}
    assert store.get(12345) is None
    assert store.id_for_url("https://nowhere") is None


def test_wal_mode_and_user_version(store, tmp_path):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    raw = sqlite3.connect(store.path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"  # persistent
    finally:
        raw.close()


def test_reopen_keeps_data_and_does_not_remigrate(tmp_path):
    path = tmp_path / "archive.sqlite"
    with Store(path) as s:
        s.upsert_site("ldld", "LĐLĐ tỉnh", "Cần Thơ", "provincial", "https://ex.vn")
        s.upsert_article(make())
    with Store(path) as s:  # a second migration would fail on CREATE TABLE
        assert s.count() == 1
        assert s.sites()["ldld"]["province"] == "Cần Thơ"
        assert s.get(s.id_for_url(make().url))["title"] == "Hội nghị Công đoàn"
        assert s.upsert_article(make()) == "unchanged"


def test_transaction_rolls_back_on_exception(store):
    with store.transaction():
        store.upsert_article(make("https://ex.vn/kept"))
    with pytest.raises(RuntimeError), store.transaction():
        store.upsert_article(make("https://ex.vn/lost"))
        store.upsert_site("x", "X", None, None, None)
        raise RuntimeError("boom")
    assert store.id_for_url("https://ex.vn/kept") is not None
    assert store.id_for_url("https://ex.vn/lost") is None
    assert "x" not in store.sites()
    assert store.count() == 1
    # the connection is usable after the rollback
    with store.transaction():
        store.upsert_article(make("https://ex.vn/after"))
    assert store.count() == 2


def test_transaction_commit_visible_to_other_connection(store):
    with store.transaction():
        store.upsert_article(make())
    other = Store(store.path)
    try:
        assert other.count() == 1
    finally:
        other.close()


def test_iter_articles_only_unindexed_and_mark_indexed(store):
    for n in range(3):
        store.upsert_article(make(f"https://ex.vn/{n}"))
    ids = [a["id"] for a in store.iter_articles()]
    assert ids == sorted(ids) and len(ids) == 3
    assert store.count_unindexed() == 3
    store.mark_indexed({ids[0]: 1, ids[1]: 1})
    assert [a["id"] for a in store.iter_articles(only_unindexed=True)] == [ids[2]]
    assert store.count_unindexed() == 1
    store.upsert_article(make("https://ex.vn/0", title="Sửa"))  # version 2, indexed 1
    assert {a["id"] for a in store.iter_articles(only_unindexed=True)} == {ids[0], ids[2]}
    store.mark_all_unindexed()
    assert store.count_unindexed() == 3


def test_site_totals(store):
    store.upsert_site("a", "Site A", "Hà Nội", "national", "https://a.vn")
    store.upsert_site("b", "Site B", "Huế", "provincial", "https://b.vn")
    store.upsert_site("a", "Site A2", "Hà Nội", "national", "https://a.vn")  # upsert
    store.upsert_article(make("https://a.vn/1", site="a", published="2020-01-01T10:00:00+07:00"))
    store.upsert_article(make("https://a.vn/2", site="a", published="2022-06-01"))
    totals = {row["name"]: row for row in store.site_totals()}
    assert [row["name"] for row in store.site_totals()] == ["a", "b"]
    assert totals["a"]["title"] == "Site A2"
    assert totals["a"]["articles"] == 2
    assert totals["a"]["oldest"] == "2020-01-01T10:00:00+07:00"  # kept in UTC, printed in Vietnam time
    assert totals["a"]["newest"] == "2022-06-01"
    assert totals["b"]["articles"] == 0
    assert totals["b"]["newest"] is None


def test_published_utc():
    assert published_utc("2023-05-01T08:00:00+07:00") == "2023-05-01T01:00:00Z"
    assert published_utc("2023-05-01") == "2023-05-01"
    assert published_utc("not a date") is None
    assert published_utc(None) is None


def test_crawl_runs(store):
    assert store.last_run() is None
    run = store.start_run()
    assert store.last_run() is None  # unfinished runs do not count
    store.finish_run(run, {"new": 3, "site": "Cần Thơ"})
    last = store.last_run()
    assert last["id"] == run
    assert last["stats"] == {"new": 3, "site": "Cần Thơ"}
    assert last["finished"].endswith("+07:00")
    second = store.start_run()
    assert second > run
    assert store.last_run()["id"] == run


def test_a_new_migration_upgrades_an_old_archive_in_place(tmp_path, monkeypatch):
    import archive.storage.store as store_module

    path = tmp_path / "archive.sqlite"
    with Store(path) as s:
        s.upsert_article(make())
    monkeypatch.setattr(store_module, "MIGRATIONS", [*MIGRATIONS, "ALTER TABLE articles ADD COLUMN note TEXT;"])
    with Store(path) as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) + 1
        assert [tuple(row) for row in s.db.execute("SELECT note FROM articles")] == [(None,)]
        assert s.count() == 1


def test_a_failing_migration_changes_nothing(tmp_path, monkeypatch):
    import archive.storage.store as store_module

    path = tmp_path / "archive.sqlite"
    with Store(path) as s:
        s.upsert_article(make())
    broken = "ALTER TABLE articles ADD COLUMN note TEXT; ALTER TABLE no_such_table ADD COLUMN x TEXT;"
    monkeypatch.setattr(store_module, "MIGRATIONS", [*MIGRATIONS, broken])
    with pytest.raises(sqlite3.OperationalError):
        Store(path)
    raw = sqlite3.connect(path)
    try:  # the half-applied script was rolled back with its version bump
        assert raw.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert "note" not in {row[1] for row in raw.execute("PRAGMA table_info(articles)")}
        assert raw.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    finally:
        raw.close()


def test_version_returns_the_article_as_it_read_then(tmp_path) -> None:
    with Store(tmp_path / "a.sqlite3") as store:
        store.upsert_article(make())
        store.upsert_article(make(title="Hội nghị Công đoàn (sửa)"))
        article_id = store.id_for_url("https://ex.vn/a/1")
        first, second = store.version(article_id, 1), store.version(article_id, 2)
        assert first["title"] == "Hội nghị Công đoàn" and second["title"] == "Hội nghị Công đoàn (sửa)"
        assert first["version"] == 1 and first["captured_at"] <= second["captured_at"]
        assert store.version(article_id, 3) is None


def test_an_article_reached_under_another_url_is_one_record_with_aliases(tmp_path) -> None:
    with Store(tmp_path / "archive.sqlite3") as store:
        base = dict(title="Hội nghị", text="Công đoàn tổ chức hội nghị.", site="ldld")
        assert store.upsert_article(Article(url="http://ldld.vn/tin-tuc/5/hoi-nghi", **base), key="/tin-tuc/5") == "new"
        # The id-only alias, then the print template under its platform id: aliases, never versions.
        assert store.upsert_article(Article(url="http://ldld.vn/tin-tuc/5", **base), key="/tin-tuc/5") == "unchanged"
        printed = Article(url="http://ldld.vn/in/5", **{**base, "text": "Công đoàn tổ chức hội nghị. In bài."})
        assert store.upsert_article(printed, aliases=("http://ldld.vn/tin-tuc/5",)) == "unchanged"
        assert printed.url == "http://ldld.vn/tin-tuc/5/hoi-nghi"
        assert store.count() == 1 and len(store.versions(1)) == 1
        assert store.aliases() == {"http://ldld.vn/tin-tuc/5": 1, "http://ldld.vn/in/5": 1}
        assert store.id_for_url("http://ldld.vn/in/5") == 1
        store.delete_article(1)
        assert store.aliases() == {}
