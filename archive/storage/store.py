"""The SQLite archive: the source of truth for articles, their versions, sites and crawl runs."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from archive.article import Article
from archive.storage import entities
from archive.vietnamese.dates import display_date, parse_machine_date, to_utc_iso

# Dates of the reports (stats, /api/sites): kept in UTC, printed as every output prints dates.
REPORTED_DATES = ("oldest", "newest", "last_seen", "last_crawl")

# Each entry migrates the schema from version i to i + 1; never edit a released entry, append.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE sites (
        name TEXT PRIMARY KEY,
        title TEXT,
        province TEXT,
        kind TEXT,
        base_url TEXT
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        site TEXT,
        title TEXT NOT NULL,
        published TEXT,
        published_utc TEXT,
        updated TEXT,
        author TEXT,
        credit TEXT,
        lead TEXT,
        text TEXT NOT NULL,
        captions TEXT NOT NULL DEFAULT '[]',
        related TEXT NOT NULL DEFAULT '[]',
        language TEXT,
        content_hash TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        indexed_version INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        warc_file TEXT,
        warc_offset INTEGER
    );
    CREATE INDEX articles_site ON articles(site);
    CREATE INDEX articles_unindexed ON articles(indexed_version, version);
    CREATE TABLE versions (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        version INTEGER NOT NULL,
        captured_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        data TEXT NOT NULL,
        warc_file TEXT,
        warc_offset INTEGER,
        PRIMARY KEY (article_id, version)
    );
    CREATE TABLE crawl_runs (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        stats TEXT
    );
    """,
    # 2: crawl state. Validators (ETag/Last-Modified) per fetched URL for conditional GET, and per
    # site the run that last started a crawl and the run that last walked the whole site: a site
    # whose latest crawl was cut short (killed, budget) is walked in full again, never incrementally.
    """
    CREATE TABLE pages (
        url TEXT PRIMARY KEY,
        site TEXT,
        status INTEGER,
        etag TEXT,
        last_modified TEXT,
        fetched_at TEXT NOT NULL
    );
    CREATE TABLE crawl_state (
        site TEXT PRIMARY KEY,
        started_run INTEGER,
        completed_run INTEGER,
        last_crawl TEXT
    );
    """,
    # 3: near-duplicate groups, derived at index time and rebuilt with the index.
    """
    CREATE TABLE near_duplicates (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id),
        signature BLOB NOT NULL,
        group_id INTEGER NOT NULL
    );
    CREATE INDEX near_duplicates_group ON near_duplicates(group_id);
    """,
    # 4: the people, organisations and places each article names (archive/vietnamese/entities.py),
    # computed when the article is stored and again by reprocess; an entity is one row whatever
    # spelling the articles used (its key).
    """
    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        name TEXT NOT NULL,
        UNIQUE (kind, key)
    );
    CREATE TABLE article_entities (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        role TEXT,
        PRIMARY KEY (article_id, entity_id)
    ) WITHOUT ROWID;
    CREATE INDEX article_entities_entity ON article_entities(entity_id);
    """,
    # 5: the day a site passed to its 2025 province-level unit, when it is not the merger day; articles
    # per site and month (coverage) read from an index instead of every article row.
    """
    ALTER TABLE sites ADD COLUMN changed_hands TEXT;
    CREATE INDEX articles_site_published ON articles(site, published);
    """,
    # 6: one article, one record, and a crawl that resumes. An article's platform id (NID=, -a123)
    # and the other URLs it was reached by (aliases); the frontier: URLs discovered and not yet
    # fetched, which the next crawl starts from; how each listing's walk ended, per crawl run.
    """
    ALTER TABLE articles ADD COLUMN article_key TEXT;
    CREATE INDEX articles_key ON articles(site, article_key);
    CREATE TABLE aliases (
        url TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        site TEXT
    );
    CREATE INDEX aliases_article ON aliases(article_id);
    CREATE TABLE frontier (
        url TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        kind TEXT NOT NULL,
        depth INTEGER NOT NULL,
        listing TEXT,
        page INTEGER,
        discovered_at TEXT NOT NULL
    );
    CREATE INDEX frontier_site ON frontier(site);
    CREATE TABLE listing_walks (
        run_id INTEGER NOT NULL,
        site TEXT NOT NULL,
        listing TEXT NOT NULL,
        pages INTEGER NOT NULL,
        deepest INTEGER NOT NULL,
        ended TEXT NOT NULL,
        PRIMARY KEY (run_id, site, listing)
    );
    """,
]

ARTICLE_COLUMNS = (
    "id, url, site, title, published, updated, author, credit, lead, text, captions, related, "
    "language, version, first_seen, last_seen, warc_file, warc_offset, " + entities.ENTITY_CODES
)


@dataclass(frozen=True)
class Capture:
    """Where the raw response of an article lies in the WARC files."""

    warc_file: str
    offset: int


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def content_hash(article: Article) -> str:
    """Hash of what a reader sees; a change here makes a new version."""
    keys = ("title", "text", "published", "updated", "author", "lead", "captions")
    payload = json.dumps({k: getattr(article, k) for k in keys}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def published_utc(published: str | None) -> str | None:
    """UTC form of an ISO date-time for sorting; a plain day is kept as the day."""
    found = parse_machine_date(published) if published else None
    return to_utc_iso(found) if found else None


class StoreError(RuntimeError):
    """The archive database cannot be used: damaged, not a database, another program's, or newer. One line."""


class StoreOutdated(Exception):
    """A read-only open of an archive whose schema needs migrating (only a writer migrates)."""


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A WAL database is read with its -shm index, which SQLite creates beside it: possible while
    the directory is writable (a crawl may be writing: readers see its commits). On a read-only
    directory nothing can change the file, so it is opened as immutable (no -shm needed)."""
    uri = path.resolve().as_uri()
    for mode in ("mode=ro", "immutable=1"):
        db = sqlite3.connect(f"{uri}?{mode}", uri=True, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.OperationalError:
            db.close()
            if not path.exists():
                raise
    raise sqlite3.OperationalError(f"cannot read {path}")


class Store:
    """One SQLite file in WAL mode; writes are grouped into transactions by the caller."""

    def __init__(self, path: Path | str, read_only: bool = False):
        """`read_only`: for commands that only read (search, stats, export, the app): nothing is
        created or migrated, and the archive may sit on a read-only disk or mount."""
        self.path = Path(path)
        if self.path.is_dir():  # sqlite3 would say only "unable to open database file"
            raise StoreError(f"{self.path} is a directory, not the archive database")
        # Nothing here opens the file itself: closing any descriptor of it would drop the locks SQLite
        # holds for the other connections of this process. SQLite finds garbage, another program's
        # file and truncation (a header promising more pages than the file has) at the first statement.
        try:
            if read_only:
                self.db = _connect_read_only(self.path)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path} cannot be opened ({error})") from error
        try:
            self.db.row_factory = sqlite3.Row
            self._check_ours()  # before any pragma or migration writes to someone else's database
            if read_only and self.db.execute("PRAGMA user_version").fetchone()[0] < len(MIGRATIONS):
                raise StoreOutdated(f"{self.path} was written by an older version: run any writing command "
                                    "(`verify --repair`, `crawl`) once to upgrade it")
            if not read_only:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as error:
            self.db.close()
            raise StoreError(f"{self.path} is not a usable archive database ({error})") from error
        except (StoreError, StoreOutdated):
            self.db.close()
            raise
        if not read_only:
            self._migrate()  # a failing migration is this program's bug, raised as it is (and rolled back)

    def _check_ours(self) -> None:
        """Our schema, or an empty file to create it in: never migrate into another program's database,
        never downgrade one a newer version has migrated."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.path} was made by a newer version of this program (schema {version}, this "
                             f"one knows {len(MIGRATIONS)}): upgrade the program")
        tables = [row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        if version == 0 and tables:
            raise StoreError(f"{self.path} is another program's database (tables: {', '.join(tables[:5])}), "
                             "not an archive")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        current = self.db.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
            self.db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")

    def transaction(self) -> _Transaction:
        """`with store.transaction():` groups writes into one commit."""
        return _Transaction(self.db)

    # --- sites -------------------------------------------------------------------------------
    def upsert_site(self, name: str, title: str | None, province: str | None, kind: str | None,
                    base_url: str | None, changed_hands: str | None = None) -> None:
        self.db.execute(
            "INSERT INTO sites(name, title, province, kind, base_url, changed_hands) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT(name) DO UPDATE SET title=excluded.title, province=excluded.province, "
            "kind=excluded.kind, base_url=excluded.base_url, changed_hands=excluded.changed_hands",
            (name, title, province, kind, base_url, changed_hands),
        )

    def forget_site_if_empty(self, name: str) -> None:
        """Drop a site that has no article (a start URL that never answered)."""
        self.db.execute("DELETE FROM sites WHERE name = ? AND NOT EXISTS (SELECT 1 FROM articles WHERE site = ?)",
                        (name, name))

    def sites(self) -> dict[str, dict[str, Any]]:
        rows = self.db.execute("SELECT * FROM sites").fetchall()
        return {row["name"]: dict(row) for row in rows}

    # --- articles ----------------------------------------------------------------------------
    def upsert_article(self, article: Article, capture: Capture | None = None, aliases: tuple[str, ...] = (),
                       key: str | None = None) -> str:
        """Store an article; returns 'new', 'changed' or 'unchanged' (which is not rewritten).

        One article, one record: an article already stored under one of `aliases` (other URLs the
        page was reached by) or under the same platform `key` on its site is that article; it keeps
        the URL it was first stored under, every other URL is recorded as its alias, and what an
        alias reads never makes a new version."""
        digest = content_hash(article)
        now = utc_now()
        row = self._stored_as(article, aliases, key)
        if row is not None and row["url"] != article.url:
            # Another URL of a stored article (a print or mobile template may read differently):
            # recorded as its alias; only the article's own URL brings new versions.
            aliases, article.url = (article.url, *aliases), row["url"]
            digest = row["content_hash"]
        if row is not None and row["content_hash"] == digest:
            self.db.execute("UPDATE articles SET last_seen = ? WHERE id = ?", (now, row["id"]))
            self._name_entities(row["id"], article)  # the rules may have changed since
            self.add_aliases(row["id"], article.site, aliases)
            return "unchanged"
        values = {
            "url": article.url, "site": article.site, "title": article.title,
            "published": article.published, "published_utc": published_utc(article.published),
            "updated": article.updated, "author": article.author, "credit": article.credit,
            "lead": article.lead, "text": article.text,
            "captions": json.dumps(article.captions, ensure_ascii=False),
            "related": json.dumps(article.related, ensure_ascii=False),
            "language": article.language, "content_hash": digest, "last_seen": now,
            "warc_file": capture.warc_file if capture else None,
            "warc_offset": capture.offset if capture else None,
        }
        if row is None:
            values.update(first_seen=now, version=1, article_key=key)
            names = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            cursor = self.db.execute(f"INSERT INTO articles({names}) VALUES ({marks})", tuple(values.values()))
            article_id, version, status = cursor.lastrowid, 1, "new"
        else:
            article_id, version, status = row["id"], row["version"] + 1, "changed"
            values["version"] = version
            assignments = ", ".join(f"{name} = ?" for name in values)
            self.db.execute(f"UPDATE articles SET {assignments} WHERE id = ?", (*values.values(), article_id))
        self.db.execute(
            "INSERT INTO versions(article_id, version, captured_at, content_hash, data, warc_file, warc_offset) "
            "VALUES (?,?,?,?,?,?,?)",
            (article_id, version, now, digest, json.dumps(article.to_dict(), ensure_ascii=False),
             values["warc_file"], values["warc_offset"]),
        )
        self._name_entities(article_id, article)
        self.add_aliases(article_id, article.site, aliases)
        return status

    def _name_entities(self, article_id: int, article: Article) -> None:
        """Link the article to the entities it names; a change re-indexes it (facets, filters)."""
        row = self.db.execute("SELECT province FROM sites WHERE name = ?", (article.site,)).fetchone()
        if entities.link(self.db, article_id, entities.named_in(article, row["province"] if row else None)):
            self.db.execute("UPDATE articles SET indexed_version = 0 WHERE id = ?", (article_id,))

    def max_article_id(self) -> int:
        """The largest article id: every article stored later has a larger one."""
        return self.db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]

    def _stored_as(self, article: Article, aliases: tuple[str, ...], key: str | None) -> sqlite3.Row | None:
        """The stored article this one is: by its URL or an alias of it, else by its platform key."""
        urls = (article.url, *aliases)
        marks = ",".join("?" for _ in urls)
        columns = "a.id, a.url, a.content_hash, a.version"
        row = self.db.execute(f"SELECT {columns} FROM articles a WHERE a.url IN ({marks}) "
                              f"UNION ALL SELECT {columns} FROM aliases s JOIN articles a ON a.id = s.article_id "
                              f"WHERE s.url IN ({marks}) LIMIT 1", (*urls, *urls)).fetchone()
        if row is None and key:
            row = self.db.execute(f"SELECT {columns} FROM articles a WHERE a.site IS ? AND a.article_key = ?",
                                  (article.site, key)).fetchone()
        return row

    def add_aliases(self, article_id: int, site: str | None, urls: tuple[str, ...]) -> None:
        """Other URLs of a stored article (never its own URL, nor another article's)."""
        self.db.executemany(
            "INSERT OR IGNORE INTO aliases(url, article_id, site) SELECT ?, ?, ? "
            "WHERE NOT EXISTS (SELECT 1 FROM articles WHERE url = ?)",
            [(url, article_id, site, url) for url in dict.fromkeys(urls)])

    def aliases(self) -> dict[str, int]:
        """Every alias URL, with the id of its article."""
        return dict(self.db.execute("SELECT url, article_id FROM aliases").fetchall())

    def article_keys(self, site: str) -> set[str]:
        """The platform article ids of a site's stored articles."""
        rows = self.db.execute("SELECT article_key FROM articles WHERE site = ? AND article_key IS NOT NULL", (site,))
        return {row[0] for row in rows}

    def get(self, article_id: int) -> dict[str, Any] | None:
        row = self.db.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _decode(row) if row else None

    def get_many(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        if not ids:
            return {}
        marks = ",".join("?" for _ in ids)
        rows = self.db.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", ids).fetchall()
        return {row["id"]: _decode(row) for row in rows}

    def id_for_url(self, url: str) -> int | None:
        """The article stored under this URL or with it as an alias."""
        row = self.db.execute("SELECT id FROM articles WHERE url = ? UNION ALL "
                              "SELECT article_id FROM aliases WHERE url = ? LIMIT 1", (url, url)).fetchone()
        return row[0] if row else None

    def versions(self, article_id: int) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT version, captured_at, content_hash FROM versions WHERE article_id = ? ORDER BY version",
            (article_id,),
        ).fetchall()
        return [dict(row) for row in rows]

    def version(self, article_id: int, number: int) -> dict[str, Any] | None:
        """One stored version: the article as it read then, with its number and capture time."""
        row = self.db.execute(
            "SELECT version, captured_at, data FROM versions WHERE article_id = ? AND version = ?", (article_id, number)
        ).fetchone()
        return {**json.loads(row["data"]), "version": row["version"], "captured_at": row["captured_at"]} if row else None

    def iter_articles(self, only_unindexed: bool = False) -> Iterator[dict[str, Any]]:
        where = "WHERE indexed_version != version" if only_unindexed else ""
        for row in self.db.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles {where} ORDER BY id"):
            yield _decode(row)

    def count_unindexed(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles WHERE indexed_version != version").fetchone()[0]

    def mark_indexed(self, versions: dict[int, int]) -> None:
        self.db.executemany(
            "UPDATE articles SET indexed_version = ? WHERE id = ?", [(v, k) for k, v in versions.items()]
        )

    def set_capture(self, article_id: int, capture: Capture) -> None:
        """Point an article at another capture of its page (a repair; the content is unchanged)."""
        self.db.execute("UPDATE articles SET warc_file = ?, warc_offset = ? WHERE id = ?",
                        (capture.warc_file, capture.offset, article_id))

    def mark_all_unindexed(self) -> None:
        self.db.execute("UPDATE articles SET indexed_version = 0")

    def ids(self) -> list[int]:
        return [row[0] for row in self.db.execute("SELECT id FROM articles")]

    def delete_article(self, article_id: int) -> None:
        """Remove an article and its versions (the index drops it at its next update)."""
        self.db.execute("DELETE FROM near_duplicates WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM versions WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM aliases WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    # --- near-duplicate groups (derived at index time, rebuilt with the index) ----------------
    def near_duplicates(self) -> Iterator[tuple[int, bytes, int]]:
        yield from self.db.execute("SELECT article_id, signature, group_id FROM near_duplicates")

    def save_near_duplicates(self, rows: list[tuple[int, bytes, int]]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO near_duplicates(article_id, signature, group_id) VALUES (?,?,?)", rows
        )

    def clear_near_duplicates(self) -> None:
        self.db.execute("DELETE FROM near_duplicates")

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def site_totals(self) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT s.name, s.title, s.province, s.kind, count(a.id) AS articles, "
            "min(a.published_utc) AS oldest, max(a.published_utc) AS newest, max(a.last_seen) AS last_seen, "
            "(SELECT last_crawl FROM crawl_state c WHERE c.site = s.name) AS last_crawl "
            "FROM sites s LEFT JOIN articles a ON a.site = s.name GROUP BY s.name ORDER BY s.name"
        ).fetchall()
        return [{**row, **{key: display_date(row[key]) for key in REPORTED_DATES}} for row in map(dict, rows)]

    def crawl_facts(self) -> dict[str, dict[str, Any]]:
        """Per site, how far its crawls got: `last_crawl` (as outputs print dates, None when never crawled) and
        `backfill_complete` (its latest crawl walked the whole frontier, listings to their end)."""
        rows = self.db.execute("SELECT site, started_run, completed_run, last_crawl FROM crawl_state")
        return {row["site"]: {"last_crawl": display_date(row["last_crawl"]),
                              "backfill_complete": row["completed_run"] is not None
                              and row["completed_run"] == row["started_run"]} for row in rows}

    def article_urls(self, site: str | None = None) -> set[str]:
        if site is None:
            return {row[0] for row in self.db.execute("SELECT url FROM articles")}
        return {row[0] for row in self.db.execute("SELECT url FROM articles WHERE site = ?", (site,))}

    # --- crawl state -------------------------------------------------------------------------
    def record_page(self, url: str, site: str, status: int, etag: str | None, last_modified: str | None) -> None:
        """Remember a fetched URL and its validators; a 304 keeps the validators it confirmed."""
        self.db.execute(
            "INSERT INTO pages(url, site, status, etag, last_modified, fetched_at) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT(url) DO UPDATE SET site=excluded.site, fetched_at=excluded.fetched_at, "
            "status=CASE WHEN excluded.status = 304 THEN pages.status ELSE excluded.status END, "
            "etag=coalesce(excluded.etag, CASE WHEN excluded.status = 304 THEN pages.etag END), "
            "last_modified=coalesce(excluded.last_modified, CASE WHEN excluded.status = 304 "
            "THEN pages.last_modified END)",
            (url, site, status, etag, last_modified, utc_now()),
        )

    def validators(self, site: str) -> dict[str, tuple[str | None, str | None]]:
        """ETag and Last-Modified of every page of a site fetched with a 200."""
        rows = self.db.execute(
            "SELECT url, etag, last_modified FROM pages WHERE site = ? AND status = 200", (site,))
        return {row["url"]: (row["etag"], row["last_modified"]) for row in rows}

    def known_pages(self, site: str) -> dict[str, str]:
        """Every URL of a site fetched before, with when it was last fetched (UTC ISO)."""
        rows = self.db.execute("SELECT url, fetched_at FROM pages WHERE site = ?", (site,))
        return {row[0]: row[1] for row in rows}

    def begin_site_crawl(self, site: str, run_id: int) -> bool:
        """Mark a site's crawl as started; True when its previous crawl walked the whole site."""
        row = self.db.execute("SELECT started_run, completed_run FROM crawl_state WHERE site = ?",
                              (site,)).fetchone()
        complete = row is not None and row["completed_run"] is not None and row["completed_run"] == row["started_run"]
        self.db.execute(
            "INSERT INTO crawl_state(site, started_run) VALUES (?, ?) "
            "ON CONFLICT(site) DO UPDATE SET started_run = excluded.started_run", (site, run_id))
        return complete

    def end_site_crawl(self, site: str, run_id: int, complete: bool) -> None:
        """Record the crawl's end; `complete` when the site's frontier ran dry (not killed, no budget cut)."""
        self.db.execute("UPDATE crawl_state SET last_crawl = ?, completed_run = CASE WHEN ? THEN ? "
                        "ELSE completed_run END WHERE site = ?", (utc_now(), complete, run_id, site))

    # --- crawl runs --------------------------------------------------------------------------
    def start_run(self) -> int:
        cursor = self.db.execute("INSERT INTO crawl_runs(started) VALUES (?)", (utc_now(),))
        return int(cursor.lastrowid)

    def finish_run(self, run_id: int, stats: dict[str, Any]) -> None:
        self.db.execute(
            "UPDATE crawl_runs SET finished = ?, stats = ? WHERE id = ?",
            (utc_now(), json.dumps(stats, ensure_ascii=False), run_id),
        )

    def last_run(self) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM crawl_runs WHERE finished IS NOT NULL ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return None
        return {"id": row["id"], "started": display_date(row["started"]), "finished": display_date(row["finished"]),
                "stats": json.loads(row["stats"] or "{}")}


class _Transaction:
    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def _decode(row: sqlite3.Row) -> dict[str, Any]:
    data = dict(row)
    data["captions"] = json.loads(data["captions"])
    data["related"] = json.loads(data["related"])
    data["entity_codes"] = entities.decode_codes(data["entity_codes"])
    return data
