"""Bytes to text for HTML pages whose declared encodings are often wrong or missing."""
from __future__ import annotations

import codecs
import re

from bs4.dammit import UnicodeDammit

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.IGNORECASE)
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Vietnamese sites that declare these usually mean a superset: decode as the superset.
SUPERSETS = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}


def charset_from_content_type(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w\-]+)", content_type or "", re.IGNORECASE)
    return match.group(1) if match else None


def decode_html(body: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """Decode a page; returns (text, encoding used).

    Order: a byte-order mark, then the page's own meta charset (it beats a wrong HTTP header,
    since the header comes from a server config and the meta from the CMS that wrote the page),
    then the header, then detection. Each declared candidate must decode strictly to be taken.
    """
    for bom, name in BOMS:
        if body.startswith(bom):
            return body.decode(name, errors="replace"), name
    match = META_CHARSET.search(body[:8192])
    declared = match.group(1).decode("ascii", "ignore") if match else None
    for candidate in (declared, header_charset):
        name = codec_name(candidate)
        if name is None:
            continue
        try:
            return body.decode(name), name
        except UnicodeDecodeError:
            continue
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    dammit = UnicodeDammit(body, ["utf-8", "cp1258", "cp1252"], is_html=True)
    if dammit.unicode_markup is not None:
        return dammit.unicode_markup, dammit.original_encoding or "unknown"
    return body.decode("utf-8", errors="replace"), "utf-8"


def codec_name(name: str | None) -> str | None:
    if not name:
        return None
    name = SUPERSETS.get(name.strip().lower(), name.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
