"""Guards the cleaner runs before its pipeline: pages too large, binary or too deeply nested are refused.

The cleaner's cost grows with page size times nesting depth (it measures the text under many
elements), so the two caps together bound the time and memory one hostile page can take.
libxml2 silently stops building the tree at depth 255 and drops the rest of the page, so a page
that deep would come out empty or cut short: it is refused instead, with a reason that is counted.
"""
from __future__ import annotations

import re

from lxml import etree

# Together these keep the slowest accepted page near 5 s on a 2-core machine (bench/fuzz.py).
# A large real article page is ~0.5 MB; the crawler's own download cap is higher (20 MB), and the
# raw capture of a refused page is kept, so a later reprocess with other limits can still read it.
MAX_PAGE_BYTES = 2 * 1024 * 1024
# Real pages nest 10-45 elements deep (old portals: tables in tables); libxml2 stops at 255.
MAX_DEPTH = 64
# Share of control bytes (the WHATWG "binary data bytes") in the first SNIFF_BYTES that marks binary.
SNIFF_BYTES = 4096
MAX_BINARY_SHARE = 0.01
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
UNICODE_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")  # UTF-16 text has NULs by nature
MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"%PDF", b"\x1f\x8b", b"BZh", b"7z\xbc\xaf",
         b"Rar!", b"\x7fELF", b"\xd0\xcf\x11\xe0", b"RIFF", b"OggS", b"\x00\x00\x01\x00")
# An element at depth MAX_DEPTH (the root <html> is depth 1), found by libxml2's XPath in one C pass.
TOO_DEEP = etree.XPath("/" + "/".join(["*"] * MAX_DEPTH))


class PageRefused(ValueError):
    """The page is not cleaned; `reason` is one of too_large, binary, too_deep."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"page refused ({reason}): {detail}")
        self.reason = reason


def check_raw(page: bytes | str) -> None:
    """Refuse a page before it is decoded and parsed: too large, or not text at all."""
    size = len(page)
    if size > MAX_PAGE_BYTES:
        raise PageRefused("too_large", f"{size} bytes, the limit is {MAX_PAGE_BYTES}")
    head = page[:SNIFF_BYTES]
    if isinstance(head, str):
        head = head.encode("utf-8", "surrogatepass")
    if head.startswith(MAGIC):
        raise PageRefused("binary", f"starts with the signature {head[:4]!r}")
    if head.startswith(UNICODE_BOMS):
        return
    binary = len(BINARY_BYTES.findall(head))
    if binary > MAX_BINARY_SHARE * len(head):
        raise PageRefused("binary", f"{binary} control bytes in the first {len(head)}")


def check_tree(tree: etree._Element) -> None:
    """Refuse a parsed page nested deeper than MAX_DEPTH."""
    if TOO_DEEP(tree):
        raise PageRefused("too_deep", f"elements nested {MAX_DEPTH} or more deep")
