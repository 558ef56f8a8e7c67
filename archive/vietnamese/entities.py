"""People, organisations and places named in an article, by rules over Vietnamese news prose.

Pure: strings in, entities out. Vietnamese writes a proper name with each syllable capitalised
("Lò Văn Muôn", "Cờ Đỏ") and names people by a title or a role ("đồng chí ...", "..., Chủ tịch
HĐND tỉnh"), organisations by a head word ("Liên đoàn Lao động", "UBND", "Công ty") and the place
they serve ("huyện Cờ Đỏ"), and places by their unit ("xã", "phường", "KCN"). A bare level
("LĐLĐ tỉnh", "UBND quận") means the last place of that level the article named, else the site's
province. The word lists are data (entity_words.json); province names come from the province
table. Measured against hand-marked articles by bench/entities.py.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from archive.vietnamese.abbreviations import ABBREVIATIONS
from archive.vietnamese.provinces import find_province
from archive.vietnamese.text import normalize

ENTITY_WORDS = Path(__file__).with_name("entity_words.json")

KINDS = ("person", "org", "place")
_TOKEN = re.compile(r"(?:TP|TX|TT|Tp)\.|\w+|[^\w\s]")
_CLAUSE_END = frozenset(",;.:()“”\"!?…")
_DASHES = frozenset("-–—")
_STREET = (("đường",), ("Đường",), ("phố",), ("lộ",), ("tuyến",))
_TITLE_BEFORE = (("đại", "biểu"), ("Đại", "biểu"), ("Thủ", "tướng"))  # "đại biểu Quốc hội" is a title
_PRONOUNS = frozenset(("đồng chí", "ông", "bà", "anh", "chị", "cô", "thầy", "cụ", "em", "cháu"))
_MAX_NAME = 4  # syllables in a person's name
_MAX_PLACE = 4
_MAX_LOWER_IN_NAME = 3  # lowercase syllables in a row inside an organisation's name


@dataclass(frozen=True)
class Entity:
    """One entity named in an article; `key` is its identity across articles."""

    kind: str  # "person", "org" or "place"
    name: str  # display form: full words, abbreviations expanded
    key: str  # folded lowercase form, the same for every spelling of one entity
    role: str | None = None  # a person's role as the article gives it


@dataclass(frozen=True)
class _Token:
    text: str
    word: bool
    cap: bool  # a capitalised syllable ("Cờ"), not an acronym
    acro: bool  # "UBND", "TNHH"


@dataclass
class _Place:
    at: tuple[int, int]  # (segment, token): reading order
    unit: str | None  # "huyện", "thành phố", ... None for a bare province name
    name: str
    province: str | None  # the canonical province when the place is one


class _Phrases:
    """Phrases of tokens, looked up by their first or last token (the rules try every position)."""

    def __init__(self, phrases: Iterable[tuple[str, ...]]):
        # Longest first, so "Phó Chủ tịch" wins over "Chủ tịch".
        self.all = tuple(sorted(set(phrases), key=len, reverse=True))
        self.first: dict[str, list[tuple[str, ...]]] = {}
        self.last: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.all:
            for index, edge in ((self.first, phrase[0]), (self.last, phrase[-1])):
                index.setdefault(edge, []).append(phrase)
                if edge.lower() != edge:
                    index.setdefault(edge.lower(), []).append(phrase)

    def starting(self, word: str, fold_case: bool) -> list[tuple[str, ...]]:
        return self.first.get(word.lower() if fold_case else word, [])

    def ending(self, word: str, fold_case: bool) -> list[tuple[str, ...]]:
        return self.last.get(word.lower() if fold_case else word, [])


@dataclass(frozen=True)
class _Words:
    family: frozenset[str]
    honorifics: _Phrases
    roles: _Phrases
    role_words: _Phrases
    organs: _Phrases
    units: dict[tuple[str, ...], str]
    unit_phrases: _Phrases
    lower_units: _Phrases  # the units written in lowercase, which a sentence may capitalise
    heads: dict[tuple[str, ...], str]  # head words -> class: placed, committee, named, whole, cs
    head_phrases: _Phrases
    level_default: dict[str, str]
    not_orgs: _Phrases
    stops: _Phrases
    expansions: dict[str, str]  # abbreviation -> full words, for display


def _phrases(items: Iterable[str]) -> _Phrases:
    return _Phrases(tuple(_TOKEN.findall(item)) for item in items)


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = json.loads(ENTITY_WORDS.read_text(encoding="utf-8"))
    table = json.loads(ABBREVIATIONS.read_text(encoding="utf-8"))["abbreviations"]
    expansions = {abbr: forms[0] for abbr, forms in table.items()} | data["org_abbreviations"]
    heads = {phrase: kind for kind, items in data["org_heads"].items() for phrase in _phrases(items).all}
    units = {tuple(_TOKEN.findall(k)): v for k, v in data["place_units"].items()}
    return _Words(
        family=frozenset(data["family_names"]),
        honorifics=_phrases(data["honorifics"]),
        roles=_phrases(data["roles"]),
        role_words=_phrases(data["role_words"]),
        organs=_phrases(data["organs"]),
        units=units,
        unit_phrases=_Phrases(units),
        lower_units=_Phrases(u for u in units if u[0].islower()),
        heads=heads,
        head_phrases=_Phrases(heads),
        level_default=data["org_level_default"],
        not_orgs=_phrases(data["not_orgs"]),
        stops=_phrases(data["stop_words"]),
        expansions=expansions,
    )


def _tokens(text: str) -> list[_Token]:
    out = []
    for piece in _TOKEN.findall(text):
        word = piece[0].isalnum() or piece[0] == "_"
        letters = [ch for ch in piece if ch.isalpha()]
        acro = word and len(letters) > 1 and all(ch.isupper() for ch in letters)
        cap = word and piece[0].isupper() and not acro
        out.append(_Token(piece, word, cap, acro))
    return out


def _at(tokens: Sequence[_Token], i: int, phrase: tuple[str, ...], fold_case: bool = False) -> bool:
    if i < 0 or i + len(phrase) > len(tokens):
        return False
    texts = [t.text for t in tokens[i:i + len(phrase)]]
    if fold_case:
        return [t.lower() for t in texts] == [p.lower() for p in phrase]
    return texts == list(phrase)


def _match(tokens: Sequence[_Token], i: int, phrases: _Phrases | Sequence[tuple[str, ...]],
           fold_case: bool = False) -> tuple[str, ...] | None:
    """The longest phrase that starts at token i."""
    if not 0 <= i < len(tokens):
        return None
    pool = phrases.starting(tokens[i].text, fold_case) if isinstance(phrases, _Phrases) else phrases
    return next((p for p in pool if _at(tokens, i, p, fold_case)), None)


def _ends_at(tokens: Sequence[_Token], end: int, phrases: _Phrases | Sequence[tuple[str, ...]],
             fold_case: bool = True) -> tuple[str, ...] | None:
    """The longest phrase that ends just before token `end`."""
    if not 0 < end <= len(tokens):
        return None
    pool = phrases.ending(tokens[end - 1].text, fold_case) if isinstance(phrases, _Phrases) else phrases
    return next((p for p in pool if _at(tokens, end - len(p), p, fold_case)), None)


def _join(tokens: Iterable[_Token]) -> str:
    text = ""
    for t in tokens:
        glue = "" if not text or t.text in ",;:.)”" or text[-1] in "(“" else " "
        text += glue + t.text
    return text


# --- keys ---------------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_UNION_OF = re.compile(r"^Công đoàn (tỉnh|thành phố|huyện|quận|thị xã) ")
_LEVELLED = re.compile(r"^(Liên đoàn Lao động|Ủy ban nhân dân|Hội đồng nhân dân) (?!tỉnh |thành phố |huyện |quận |thị xã )")


@lru_cache(maxsize=8192)
def _display(text: str) -> str:
    words = _words()
    out = []
    for t in _tokens(normalize(text)):
        full = words.expansions.get(t.text)
        if full is None and t.text.endswith("VN") and t.text[:-2] in words.expansions:
            full = words.expansions[t.text[:-2]] + " Việt Nam"  # "LĐLĐVN"
        out.append(_Token(full, True, True, False) if full else t)
    name = _join(out).replace("–", "-").replace("—", "-")
    name = _UNION_OF.sub(r"Liên đoàn Lao động \1 ", name)  # "Công đoàn huyện X" is its LĐLĐ
    if name.startswith("Công đoàn ") and find_province(name[len("Công đoàn "):]):
        name = "Liên đoàn Lao động " + name[len("Công đoàn "):]
    head = _LEVELLED.match(name)
    if head and (province := find_province(name[head.end():])):
        name = f"{head[1]} {_province_unit(province.kind)} {province.name}"
    return name


def _province_unit(kind: str) -> str:
    return "tỉnh" if kind == "tỉnh" else "thành phố"


def _key_of(text: str) -> str:
    # Lowercase, accents kept: "Lê Văn Thắng" and "Lê Văn Thăng" are two people.
    return _SPACE.sub(" ", normalize(text).lower().replace("-", " - ")).strip()


def org_key(name: str) -> str:
    """Identity of an organisation's name: "LĐLĐ TP. Cần Thơ" = "Liên đoàn Lao động thành phố Cần Thơ"."""
    return _key_of(_display(name))


def person_key(name: str) -> str:
    return _key_of(normalize(name))


_ADMIN_UNIT = re.compile(r"^(?:tỉnh|thành phố|quận|huyện đảo|huyện|thị xã|xã|phường|thị trấn|ấp|bản) ", re.I)


def place_key(name: str) -> str:
    """Identity of a place's name, without its administrative unit: "huyện Cờ Đỏ" = "Cờ Đỏ"."""
    return _key_of(_ADMIN_UNIT.sub("", _display(name)))


# --- people -------------------------------------------------------------------------------------

def _cap_runs(tokens: Sequence[_Token], taken: set[int]) -> list[tuple[int, int]]:
    runs, i = [], 0
    while i < len(tokens):
        if tokens[i].cap and i not in taken:
            j = i
            while j < len(tokens) and tokens[j].cap and j not in taken:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _clause_back(tokens: Sequence[_Token], start: int, limit: int = 12) -> int:
    i = start
    while i > 0 and start - i < limit and tokens[i - 1].text not in _CLAUSE_END and tokens[i - 1].text not in _DASHES:
        i -= 1
    return i


def _after_street(tokens: Sequence[_Token], i: int) -> bool:
    """"đường Hòa Bình" is a street, not the province; "thành phố" is not a street."""
    return bool(_ends_at(tokens, i, _STREET, fold_case=False)) and not _at(tokens, i - 2, ("thành", "phố"), True)


def _role_after(tokens: Sequence[_Token], end: int) -> str | None:
    """The role printed after a name: "Lò Văn Muôn, Phó Bí thư ..., Chủ tịch HĐND tỉnh"."""
    words = _words()
    if end >= len(tokens) or tokens[end].text not in {",", "(", *_DASHES}:
        return None
    i = end + 1
    if not (_match(tokens, i, words.roles) or _match(tokens, i, words.role_words, fold_case=True)):
        return None
    j = i
    while j < len(tokens) and j - i < 16:
        t = tokens[j]
        if t.text in ";.:)“(" or (not t.cap and not t.acro and _match(tokens, j, words.stops)):
            break
        if t.text == "," and not _match(tokens, j + 1, words.roles):
            break
        j += 1
    return _join(tokens[i:j]) or None


def _people(tokens: Sequence[_Token], taken: set[int]) -> list[tuple[int, int, str | None]]:
    """(start, end, role) of each person's name."""
    words = _words()
    found = []
    for start, end in _cap_runs(tokens, taken):
        honorific = _ends_at(tokens, start, words.honorifics)
        first = next((p for p in range(start, end) if tokens[p].text in words.family and 2 <= end - p <= _MAX_NAME),
                     None)
        if honorific and " ".join(honorific).lower() in _PRONOUNS and 2 <= end - start <= _MAX_NAME \
                and first in (None, start):
            first = start  # "chị Vàng Thị Dợ": a pronoun vouches for a name whatever its family
        if first is None or _match(tokens, first, words.roles) or _match(tokens, first, words.head_phrases) \
                or tokens[first].text == "Việt":
            continue
        if find_province(_join(tokens[first:end])) and not _ends_at(tokens, first, words.roles, fold_case=False):
            continue  # "Hồ Chí Minh" is the city, but "Chủ tịch Hồ Chí Minh" the man
        role = _role_after(tokens, end)
        clause = _clause_back(tokens, first)
        role_before = next((k for k in range(clause, first) if _match(tokens, k, words.roles)), None)
        after_unit = (tokens[first - 1].text if first > 0 else "") in {"TP.", "TX.", "Tp."} \
            or _ends_at(tokens, first, words.unit_phrases)
        if after_unit and (role_before is None or end - first < 3):
            continue  # "TP. Hồ Chí Minh"; but "Phó Chủ tịch UBND thành phố Lê Minh Tùng" is a person
        if _after_street(tokens, first):
            continue
        if honorific and first == start:
            word = " ".join(honorific)
            role = role or (word if _match(tokens, start - len(honorific), words.role_words, fold_case=True) else None)
        elif role_before is not None:
            role = role or _join(tokens[role_before:first])
        elif role is None:
            continue
        found.append((first, end, role))
    return found


# --- places -------------------------------------------------------------------------------------

def _unit_at(tokens: Sequence[_Token], i: int) -> tuple[str, ...] | None:
    words = _words()
    unit = _match(tokens, i, words.unit_phrases)
    if unit is None and i < len(tokens) and tokens[i].cap:
        unit = _match(tokens, i, words.lower_units, fold_case=True)  # "Huyện Cờ Đỏ" starting a sentence
    return unit


def _name_run(tokens: Sequence[_Token], i: int, taken: set[int], limit: int = _MAX_PLACE) -> int:
    """End of a place name starting at i: capitalised syllables, then a number ("Trà Nóc 2")."""
    j = i
    while j < len(tokens) and j - i < limit and tokens[j].cap and j not in taken:
        j += 1
    if j > i and j < len(tokens) and tokens[j].text.isdigit() and len(tokens[j].text) <= 2:
        j += 1
    return j


def _list_end(tokens: Sequence[_Token], j: int) -> bool:
    """A listed name ends well: punctuation, the end, "và" or a function word follows."""
    words = _words()
    return j >= len(tokens) or not tokens[j].word or tokens[j].text == "và" or bool(_match(tokens, j, words.stops))


def _places(tokens: Sequence[_Token], taken: set[int], seg: int) -> list[tuple[int, int, _Place]]:
    """Places named with their unit ("xã Thới Đông", "các xã A, B và C"), then bare province names."""
    words = _words()
    found: list[tuple[int, int, _Place]] = []
    i = 0
    while i < len(tokens):
        unit_words = _unit_at(tokens, i)
        if unit_words is None or i in taken:
            i += 1
            continue
        unit = words.units[unit_words]
        start = i + len(unit_words)
        end = _name_run(tokens, start, taken)
        if end == start:
            listed = _listed_after_nhu(tokens, start) if i > 0 and tokens[i - 1].text == "các" else None
            if listed is None:
                found.append((i, start, _Place((seg, i), unit, "", None)))  # a bare level, for context
                i = start
                continue
            start, end = listed
        found.append((start, end, _place(seg, start, unit, _join(tokens[start:end]))))
        # "các xã Nhơn Nghĩa, Tân Thới, Giai Xuân": one unit, several names
        j = end
        while j + 1 < len(tokens) and tokens[j].text in {",", "và"} and _unit_at(tokens, j + 1) is None \
                and tokens[j + 1].text not in words.family and not _match(tokens, j + 1, words.head_phrases):
            k = _name_run(tokens, j + 1, taken)
            if k == j + 1 or not _list_end(tokens, k):
                break
            found.append((j + 1, k, _place(seg, j + 1, unit, _join(tokens[j + 1:k]))))
            j = k
        i = max(j, i + 1)
    claimed = taken | {k for s, e, _ in found for k in range(s, e)}
    for start, end in _cap_runs(tokens, claimed):
        for s in range(start, end - 1 if end - start > 1 else end):
            name = _join(tokens[s:end])
            province = find_province(name)
            if province and (s == start or end - s >= 2) and not _after_street(tokens, s):
                found.append((s, end, _Place((seg, s), None, name, province.name)))
                break
    return found


def _listed_after_nhu(tokens: Sequence[_Token], i: int) -> tuple[int, int] | None:
    """'các xã vùng sâu, vùng xa như Phình Giàng, ...': the first name after "như"."""
    for k in range(i, min(i + 8, len(tokens))):
        if tokens[k].text in ";.:()":
            return None
        if tokens[k].text == "như" and k + 1 < len(tokens) and tokens[k + 1].cap:
            return k + 1, _name_run(tokens, k + 1, set())
    return None


def _place(seg: int, i: int, unit: str, name: str) -> _Place:
    province = find_province(name) if unit in {"tỉnh", "thành phố"} else None
    return _Place((seg, i), unit, name, province.name if province else None)


# --- organisations ------------------------------------------------------------------------------

class _Context:
    """The places an article named, in reading order, to read a bare level ("UBND huyện") by."""

    _DISTRICT = ("huyện", "quận", "thị xã", "thành phố")

    def __init__(self, places: list[_Place], site_province: str | None):
        self.places = sorted((p for p in places if p.name), key=lambda p: p.at)
        self.site = find_province(site_province) if site_province else None

    def resolve(self, level: str, at: tuple[int, int]) -> str | None:
        """The place a bare level means, as "huyện Cờ Đỏ" / "tỉnh An Giang", or None.

        The last place of that level named before (with its unit: a province named in passing,
        "thủy điện Sơn La", does not make "HĐND tỉnh" Sơn La's), else the site's province, else
        the first named after."""
        def fits(p: _Place) -> bool:
            if level == "district":
                return p.unit in self._DISTRICT and p.province is None
            if level == "province":
                return p.unit is not None and p.province is not None
            return p.unit == level
        before = [p for p in self.places if p.at < at and fits(p)]
        if before:
            return self._qualifier(before[-1])
        if self.site and (level == "province" or level == _province_unit(self.site.kind)):
            return f"{_province_unit(self.site.kind)} {self.site.name}"
        after = [p for p in self.places if fits(p)]
        return self._qualifier(after[0]) if after else None

    @staticmethod
    def _qualifier(p: _Place) -> str:
        if p.province:
            return f"{_province_unit(find_province(p.province).kind)} {p.province}"
        return f"{p.unit} {p.name}"


@dataclass
class _Org:
    start: int
    end: int
    name: str  # as written, qualified
    nested: list[str]
    place: str | None = None  # the qualifier it was read with: "quận Ninh Kiều"


class _OrgReader:
    """Reads organisation names in one segment of text."""

    def __init__(self, tokens: Sequence[_Token], taken: set[int], seg: int, context: _Context):
        self.t, self.taken, self.seg, self.context = tokens, taken, seg, context
        self.words = _words()

    def head(self, i: int) -> tuple[str, ...] | None:
        if i >= len(self.t) or i in self.taken:
            return None
        if _match(self.t, i, self.words.organs):
            return None  # "Ban Thường vụ LĐLĐ quận" names the LĐLĐ, read from the next word on
        head = _match(self.t, i, self.words.head_phrases)
        if head is None:
            return None
        generic = _match(self.t, i, self.words.not_orgs)
        parent = _match(self.t, i + len(generic), self.words.head_phrases) if generic else None
        if generic and not (parent and self.words.heads[parent] == "committee"):
            return None  # "Ban Tổ chức" of an event, but "Ban Tổ chức Huyện ủy"
        if self.words.heads[head] == "whole" and _ends_at(self.t, i, _TITLE_BEFORE, fold_case=False):
            return None  # "đại biểu Quốc hội", "Thủ tướng Chính phủ": part of a title
        return head

    def read_all(self) -> list[_Org]:
        found, i, group = [], 0, []
        while i < len(self.t):
            head = self.head(i)
            plural = i > 0 and self.t[i - 1].text in {"các", "những"}
            if head is None or plural:
                i += 1
                continue
            org = self.read(i, head)
            if org is None:
                i += len(head)
                continue
            if org.name == " ".join(head) and self.words.heads[head] == "placed":
                # "Quận ủy, HĐND, UBND quận Cái Răng": wait for the qualifier of the last one
                group.append(org)
            else:
                found.append(org)
                found += [_Org(g.start, g.end, self._with(g.name, org.place), []) for g in group if org.place]
                group = []
            i = max(org.end, i + 1)
            if group and not (i < len(self.t) and self.t[i].text in {",", "và"}):
                group = []
            elif i < len(self.t) and self.t[i].text in {",", "và"}:
                i += 1
        return found

    @staticmethod
    def _with(name: str, qualifier: str | None) -> str:
        return f"{name} {qualifier}" if qualifier else name

    def read(self, i: int, head: tuple[str, ...]) -> _Org | None:
        kind = self.words.heads[head]
        end = i + len(head)
        head_text = " ".join(head)
        if kind == "whole":
            return _Org(i, end, head_text, [])
        if kind == "cs":
            inner_head = self.head(end)
            if inner_head:
                inner = self.read(end, inner_head)
                if inner:
                    return _Org(i, inner.end, f"{head_text} {inner.name}", [inner.name, *inner.nested])
            name_end = self._name_part(end) if end < len(self.t) and self.t[end].text == "ngành" else end
            qualifier, q_end = self._qualifier(name_end, None)
            if qualifier is None and name_end == end:
                return None
            return _Org(i, q_end, self._with(_join(self.t[i:name_end]), qualifier), [])
        if kind == "named":
            if end >= len(self.t) or not (self.t[end].cap or self.t[end].acro) or end in self.taken:
                return None
            end = self._name_part(end)
        elif kind == "committee":
            name_end = _name_run(self.t, end, self.taken)
            if name_end > end and not self.head(end) and _unit_at(self.t, end) is None:
                return _Org(i, name_end, _join(self.t[i:name_end]), [])
        inner_head = self.head(end)
        if inner_head and kind in {"named", "placed"}:
            inner = self.read(end, inner_head)
            if inner:  # "Ban Dân vận Huyện ủy ...": a body of another organisation
                return _Org(i, inner.end, f"{_join(self.t[i:end])} {inner.name}", [inner.name, *inner.nested])
        default = self.words.level_default.get(head_text) or self.words.level_default.get(self.t[i].text)
        qualifier, q_end = self._qualifier(end, default)
        name = _join(self.t[i:end])
        if kind == "committee":
            if qualifier is None:
                return None
            # "Huyện ủy Vĩnh Thạnh": the committee's own word says the level
            return _Org(i, q_end, f"{name} {_ADMIN_UNIT.sub('', qualifier + ' ').strip()}", [], qualifier)
        if kind == "named" and qualifier is None and (end - i <= len(head) or head_text == "Ban"):
            return None  # a "Ban" is always some body's
        return _Org(i, q_end, self._with(name, qualifier), [], qualifier)

    def _name_part(self, i: int) -> int:
        """End of an organisation's own name: "Sở Lao động - Thương binh và Xã hội", "Công ty TNHH ..."."""
        j, lower = i, 0
        while j < len(self.t) and j not in self.taken:
            t = self.t[j]
            if t.cap or t.acro or (t.text.isdigit() and j > i):
                if j > i and (_match(self.t, j, self.words.unit_phrases) or self.head(j)):
                    break
                lower = 0
            elif t.text in _DASHES or t.text == "và":
                if not (j + 1 < len(self.t) and self.t[j + 1].cap):
                    break
            elif t.word and t.text.islower():
                if _match(self.t, j, self.words.stops) or _match(self.t, j, self.words.unit_phrases) \
                        or lower >= _MAX_LOWER_IN_NAME:
                    break
                lower += 1
            else:
                break
            j += 1
        return j

    def _qualifier(self, i: int, default: str | None) -> tuple[str | None, int]:
        """The place after a head: "quận Cái Răng", "TP. Cần Thơ", a bare "huyện" read by context,
        a bare province name, or the head's default level read by context."""
        unit_words = _unit_at(self.t, i)
        if unit_words is not None and not (i > 0 and self.t[i - 1].text == "các"):
            unit = self.words.units[unit_words]
            start = i + len(unit_words)
            end = _name_run(self.t, start, self.taken)
            if end > start:
                name = _join(self.t[start:end])
                province = find_province(name) if unit in {"tỉnh", "thành phố"} else None
                if province:
                    return f"{_province_unit(province.kind)} {province.name}", end
                return f"{unit} {name}", end
            return self.context.resolve(unit, (self.seg, i)), start
        end = _name_run(self.t, i, self.taken)
        if end > i and (province := find_province(_join(self.t[i:end]))):
            return f"{_province_unit(province.kind)} {province.name}", end
        if default:
            return self.context.resolve(default, (self.seg, i)), i
        return None, i


# --- the article --------------------------------------------------------------------------------

def _segments(title: str | None, text: str | None, captions: Sequence[str], credit: str | None) -> list[str]:
    segments = []
    if title and not title.isupper():  # an all-caps headline hides which words are names
        segments.append(title)
    segments += [p for p in (text or "").split("\n") if p.strip()]
    segments += list(captions)
    if credit:
        segments.append(credit)
    return [normalize(s) for s in segments]


_SOURCE_CREDIT = re.compile(r"^(?:Theo|Nguồn:?)\s+(.+?)\s*\.?$")


def _authors(author: str | None) -> list[str]:
    if not author:
        return []
    return [a.strip() for a in re.split(r",|;| và | - | – ", author) if len(a.strip().split()) >= 2]


def extract_entities(title: str | None, text: str | None, *, author: str | None = None,
                     credit: str | None = None, captions: Sequence[str] = (),
                     province: str | None = None) -> list[Entity]:
    """The people, organisations and places an article names, each once (a person with the
    longest role the article gives).

    `province`: the site's province, what "tỉnh" alone means when the article names none.
    """
    segments = [_tokens(s) for s in _segments(title, text, captions, credit)]
    people: dict[str, Entity] = {}
    for name in _authors(author):
        people.setdefault(person_key(name), Entity("person", name, person_key(name), "tác giả"))
    taken: list[set[int]] = []
    for tokens in segments:
        spans = _people(tokens, set())
        taken.append({k for s, e, _ in spans for k in range(s, e)})
        for s, e, role in spans:
            name = _join(tokens[s:e])
            known = people.get(person_key(name))
            if known is None or len(role or "") > len(known.role or ""):  # the fullest role printed
                people[person_key(name)] = Entity("person", name, person_key(name), role)
    places: dict[str, Entity] = {}
    all_places: list[_Place] = []
    for seg, tokens in enumerate(segments):
        for _, _, place in _places(tokens, taken[seg], seg):
            all_places.append(place)
            if place.name:
                name = place.province or f"{place.unit} {place.name}"
                places.setdefault(place_key(name), Entity("place", _display(name), place_key(name)))
    context = _Context(all_places, province)
    orgs: dict[str, Entity] = {}
    for seg, tokens in enumerate(segments):
        for org in _OrgReader(tokens, taken[seg], seg, context).read_all():
            for name in (org.name, *org.nested):
                orgs.setdefault(org_key(name), Entity("org", _display(name), org_key(name)))
    source = _SOURCE_CREDIT.match(normalize(credit or ""))
    if source and not author:
        orgs.setdefault(org_key(source[1]), Entity("org", _display(source[1]), org_key(source[1])))
    return [*people.values(), *orgs.values(), *places.values()]
