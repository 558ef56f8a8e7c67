"""Citations of an archived article: Vietnamese style, BibTeX and RIS. Pure: data in, text out."""
from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import quote, urlsplit

from archive.vietnamese.dates import parse_machine_date
from archive.vietnamese.text import fold

BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                  "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
BIBTEX_ESCAPE = re.compile("|".join(re.escape(c) for c in BIBTEX_SPECIAL))
SPACES = re.compile(r"\s+")


def vietnamese_date(value: str | None, with_time: bool = False) -> str | None:
    """"2020-07-09T04:05:37+07:00" -> "09/07/2020" (or "09/07/2020 04:05"), in Vietnam time."""
    found = parse_machine_date(value) if value else None
    if found is None:
        return None
    shown = found.value.strftime("%d/%m/%Y")
    return f"{shown} {found.value:%H:%M}" if with_time and found.has_time else shown


def citation_fields(article: Mapping[str, Any], site_title: str | None, accessed: date) -> dict[str, Any]:
    """What every style needs, one line each: author, title, site, published day, URL, access day."""
    found = parse_machine_date(article["published"]) if article.get("published") else None
    return {
        "author": _line(article.get("author")),
        "title": _line(article.get("title")) or "",
        "site": _line(site_title) or _line(article.get("site")) or urlsplit(article.get("url") or "").hostname or "",
        "published": found.value.date() if found else None,
        "url": _line(article.get("url")) or "",
        "accessed": accessed,
        "key": _key(article),
    }


def vietnamese(fields: Mapping[str, Any]) -> str:
    """Tác giả, "Tiêu đề", Trang, ngày đăng, URL, ngày truy cập: dd/mm/yyyy."""
    published = fields["published"].strftime("%d/%m/%Y") if fields["published"] else "không rõ ngày đăng"
    parts = [fields["author"], f"\"{fields['title']}\"", fields["site"], published, fields["url"],
             f"ngày truy cập: {fields['accessed']:%d/%m/%Y}"]
    return ", ".join(part for part in parts if part) + "."


def bibtex(fields: Mapping[str, Any]) -> str:
    """A biblatex @online entry; names in double braces (Vietnamese names are not "First Last")."""
    entries = [("author", "{" + _bib(fields["author"]) + "}" if fields["author"] else None),
               ("title", _bib(fields["title"])),
               ("organization", _bib(fields["site"])),
               ("date", fields["published"].isoformat() if fields["published"] else None),
               ("year", str(fields["published"].year) if fields["published"] else None),
               ("url", _bib_url(fields["url"])),
               ("urldate", fields["accessed"].isoformat()),
               ("langid", "vietnamese")]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in entries if value)
    return f"@online{{{fields['key']},\n{body}\n}}\n"


def ris(fields: Mapping[str, Any]) -> str:
    """An RIS record (type ELEC, a web page); lines end in CRLF as the format asks."""
    published = fields["published"]
    lines = [("TY", "ELEC"), ("AU", fields["author"]), ("TI", fields["title"]), ("T2", fields["site"]),
             ("PY", str(published.year) if published else None),
             ("DA", f"{published:%Y/%m/%d}/" if published else None), ("UR", fields["url"]),
             ("Y2", f"{fields['accessed']:%Y/%m/%d}/"), ("LA", "vi"), ("ID", fields["key"]), ("ER", "")]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value is not None)


def _line(value: str | None) -> str | None:
    """One line of text: a stored title or author never breaks a record in two."""
    return SPACES.sub(" ", value).strip() or None if value else None


def _key(article: Mapping[str, Any]) -> str:
    year = (article.get("published") or "")[:4]
    site = re.sub(r"[^a-z0-9]", "", fold(article.get("site") or "").lower()) or "bai"
    return f"{site}{year if year.isdigit() else ''}-{article.get('id', 0)}"


def _bib(text: str) -> str:
    return BIBTEX_ESCAPE.sub(lambda m: BIBTEX_SPECIAL[m[0]], text)


def _bib_url(url: str) -> str:
    # The url field is read verbatim; only braces and spaces could end it early.
    return quote(url, safe="!#$%&'()*+,-./:;=?@[]^_`|~") if url else ""
