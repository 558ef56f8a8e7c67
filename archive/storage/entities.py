"""The entities each article names, in the store: one row per entity whatever spelling the
articles used (its kind and key), one link per article and entity with the role the article gives.

The index keeps each article's entities as codes, `id * 4 + kind`, so facets and filters read the
kind back without asking the store (archive/search/entity_facets.py).
"""
from __future__ import annotations

import re
import sqlite3
from typing import Any

from archive.article import Article
from archive.vietnamese.entities import KINDS, Entity, extract_entities, org_key, person_key, place_key
from archive.vietnamese.text import fold

KIND_CODES = {kind: number for number, kind in enumerate(KINDS, start=1)}
CODE_KINDS = {number: kind for kind, number in KIND_CODES.items()}
KEYS = {"person": person_key, "org": org_key, "place": place_key}
_CASE = " ".join(f"WHEN '{kind}' THEN {number}" for kind, number in KIND_CODES.items())
# A column of the article queries: the article's entity codes, space-separated.
ENTITY_CODES = (f"(SELECT group_concat(e.id * 4 + CASE e.kind {_CASE} END, ' ') FROM article_entities a "
                "JOIN entities e ON e.id = a.entity_id WHERE a.article_id = articles.id) AS entity_codes")
_WORDS = re.compile(r"\w+")


def named_in(article: Article, province: str | None) -> list[Entity]:
    return extract_entities(article.title, article.text, author=article.author, credit=article.credit,
                            captions=article.captions, province=province)


def code(entity_id: int, kind: str) -> int:
    return entity_id * 4 + KIND_CODES[kind]


def decode_codes(text: str | None) -> list[int]:
    return sorted(int(c) for c in text.split()) if text else []


def link(db: sqlite3.Connection, article_id: int, found: list[Entity]) -> bool:
    """Make the article's links exactly `found`; True when they changed."""
    wanted = {}
    for entity in found:
        db.execute("INSERT INTO entities(kind, key, name) VALUES (?,?,?) ON CONFLICT(kind, key) DO NOTHING",
                   (entity.kind, entity.key, entity.name))
        entity_id = db.execute("SELECT id FROM entities WHERE kind = ? AND key = ?",
                               (entity.kind, entity.key)).fetchone()[0]
        wanted[entity_id] = entity.role
    current = dict(db.execute("SELECT entity_id, role FROM article_entities WHERE article_id = ?", (article_id,)))
    if current == wanted:
        return False
    db.execute("DELETE FROM article_entities WHERE article_id = ?", (article_id,))
    db.executemany("INSERT INTO article_entities(article_id, entity_id, role) VALUES (?,?,?)",
                   [(article_id, entity_id, role) for entity_id, role in wanted.items()])
    return True


def of_article(db: sqlite3.Connection, article_id: int) -> list[dict[str, Any]]:
    """The entities an article names, people first, with the role it gives each."""
    rows = db.execute("SELECT e.id, e.kind, e.key, e.name, a.role FROM article_entities a "
                      "JOIN entities e ON e.id = a.entity_id WHERE a.article_id = ?", (article_id,))
    return sorted((dict(zip(("id", "kind", "key", "name", "role"), row)) for row in rows),
                  key=lambda e: (KIND_CODES[e["kind"]], e["name"]))


def find(db: sqlite3.Connection, kind: str, name: str, limit: int = 50) -> list[dict[str, Any]]:
    """The entities of a kind a typed name means: the one with its key ("LĐLĐ Cần Thơ" =
    "Liên đoàn Lao động thành phố Cần Thơ"), else those whose name holds every typed word
    ("Muôn" finds "Lò Văn Muôn"), any accents."""
    key = KEYS[kind](name)
    exact = db.execute("SELECT id, kind, key, name FROM entities WHERE kind = ? AND key = ?", (kind, key)).fetchall()
    if exact:
        return [_entity(row) for row in exact]
    words = set(_WORDS.findall(fold(name).lower()))
    if not words:
        return []
    rows = db.execute("SELECT id, kind, key, name FROM entities WHERE kind = ?", (kind,))
    found = [_entity(row) for row in rows if words <= set(_WORDS.findall(fold(row[2])))]
    return found[:limit]


def get(db: sqlite3.Connection, kind: str, key: str) -> dict[str, Any] | None:
    """An entity by its kind and key, with how many articles name it and the roles they give."""
    row = db.execute("SELECT id, kind, key, name FROM entities WHERE kind = ? AND key = ?", (kind, key)).fetchone()
    if row is None:
        return None
    entity = _entity(row)
    roles = db.execute("SELECT role, count(*) FROM article_entities WHERE entity_id = ? AND role IS NOT NULL "
                       "GROUP BY role ORDER BY count(*) DESC, role", (entity["id"],)).fetchall()
    entity["articles"] = db.execute("SELECT count(*) FROM article_entities WHERE entity_id = ?",
                                    (entity["id"],)).fetchone()[0]
    entity["roles"] = [{"role": role, "articles": count} for role, count in roles]
    return entity


def by_codes(db: sqlite3.Connection, codes: list[int]) -> dict[int, dict[str, Any]]:
    """Entities by their index codes."""
    ids = {c // 4: c for c in codes}
    if not ids:
        return {}
    marks = ",".join("?" for _ in ids)
    rows = db.execute(f"SELECT id, kind, key, name FROM entities WHERE id IN ({marks})", list(ids))
    return {ids[row[0]]: _entity(row) for row in rows}


def top(db: sqlite3.Connection, kind: str, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """The entities of a kind named by the most articles."""
    rows = db.execute("SELECT e.id, e.kind, e.key, e.name, count(a.article_id) AS n FROM entities e "
                      "JOIN article_entities a ON a.entity_id = e.id WHERE e.kind = ? GROUP BY e.id "
                      "ORDER BY n DESC, e.name LIMIT ? OFFSET ?", (kind, limit, offset))
    return [{**_entity(row[:4]), "articles": row[4]} for row in rows]


def _entity(row: sqlite3.Row | tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip(("id", "kind", "key", "name"), tuple(row)))
