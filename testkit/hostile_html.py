"""Hostile HTML for the cleaner: random tag soup, mutations of real pages, and pathological pages.

Every generator takes a `random.Random`, so the fuzz tests drive it with Hypothesis (`st.randoms()`)
and bench/fuzz.py with a seeded generator: one source of inputs for both.
"""
from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable

from archive.demo.sample_server import SAMPLE_ROOT

BLOCK_TAGS = ("div", "p", "h1", "h2", "h3", "section", "article", "table", "tr", "td", "ul", "ol", "li",
              "figure", "figcaption", "blockquote", "form", "header", "footer", "aside", "nav", "center")
INLINE_TAGS = ("a", "span", "strong", "em", "i", "b", "font", "o:p", "abbr", "sup")
VOID_TAGS = ("br", "img", "hr", "meta", "input", "link", "wbr")
RAW_TAGS = ("script", "style", "title", "textarea", "noscript", "iframe", "svg", "math", "template")
CLASS_WORDS = ("content", "title", "tieude", "breadcrumb", "menu", "related", "tin-lien-quan", "caption",
               "sapo", "lead", "footer", "share", "date", "author", "box-ads", "detail", "main")
WORDS = ("Liên đoàn Lao động", "thành phố Cần Thơ", "công đoàn", "đoàn viên", "người lao động", "HĐND",
         "Tin liên quan", "Các tin khác", "Lượt xem: 1.234", "A A", "Trang chủ »", "Nguồn: LĐLĐ",
         "Cập nhật ngày 09/07/2020 04:05:37 AM", "Thứ Hai, 12/05/2025 - 10:15", ">> Xem thêm", "hoà", "thuỷ",
         "ảnh: Minh Hiếu", "…", "&nbsp;", "&amp;", "&#x1F600;", "&#0;", "&#99999999;", "&bogus;", "&lt;p&gt;",
         "<![CDATA[ x ]]>", "<!-- c -->", "<!--", "-->", "<?php echo 1 ?>", "\x00", "\ufeff", "\u202e",
         "\ud7ff", "x" * 300, "Đ", "e\u0301", "<", ">", "\"", "'", "=", "</", "/>", "<p", "<div class=")
HREFS = ("/tin-tuc/bai-viet-a123.html", "javascript:alert(1)", "http://[::1", "mailto:a@b.vn", "//other.host/x",
         "#", "", "?page=2", "http://exa mple.com/", "data:text/html,<b>x</b>", "%zz", "\\\\server\\share")
PREFIXES = ("", "<!DOCTYPE html>", "<?xml version=\"1.0\" encoding=\"utf-8\"?>", "\ufeff",
            "<meta charset=\"windows-1258\">", "<meta charset=\"bogus-charset\">", "<html><head><base href=\"x\">")


def random_text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 8)))


def random_attributes(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 3)):
        name = rng.choice(("class", "id", "href", "src", "style", "itemprop", "content", "property", "name"))
        value = rng.choice(HREFS) if name in ("href", "src") else " ".join(rng.sample(CLASS_WORDS, 2))
        quote = rng.choice(("\"", "'", ""))
        parts.append(f" {name}={quote}{value}{quote}")
    return "".join(parts)


def random_element(rng: random.Random, depth: int, budget: list[int]) -> str:
    """One element with random children; `budget` caps the elements of the whole page."""
    budget[0] -= 1
    roll = rng.random()
    if roll < 0.25 or depth > 25 or budget[0] <= 0:
        return random_text(rng)
    if roll < 0.35:
        return f"<{rng.choice(VOID_TAGS)}{random_attributes(rng)}>"
    if roll < 0.42:
        tag = rng.choice(RAW_TAGS)
        return f"<{tag}>{random_text(rng)}</{tag}>" if rng.random() < 0.8 else f"<{tag}>{random_text(rng)}"
    tag = rng.choice(BLOCK_TAGS + INLINE_TAGS)
    children = "".join(random_element(rng, depth + 1, budget) for _ in range(rng.randint(0, 5)))
    close = rng.choice((f"</{tag}>", f"</{tag}>", f"</{tag}>", "", f"</{rng.choice(BLOCK_TAGS)}>"))
    return f"<{tag}{random_attributes(rng)}>{random_text(rng)}{children}{close}"


def random_page(rng: random.Random, max_elements: int = 300) -> str:
    """Random tag soup shaped like a news page: head, headline, body, boxes, often cut short."""
    budget = [max_elements]
    head = f"<head><title>{random_text(rng)}</title>{random_element(rng, 1, budget)}</head>"
    body = "".join(random_element(rng, 1, budget) for _ in range(rng.randint(1, 12)))
    page = f"{rng.choice(PREFIXES)}<html>{head}<body>{body}</body></html>"
    return truncate(page, rng) if rng.random() < 0.5 else page


def truncate(page: str | bytes, rng: random.Random):
    return page[:rng.randint(0, len(page))]


def real_pages() -> list[bytes]:
    """Every page of the bundled sample sites (real article and listing HTML)."""
    return [path.read_bytes() for path in sorted(SAMPLE_ROOT.rglob("*.html"))]


def mutate(page: bytes, rng: random.Random) -> bytes:
    """One to four random edits of a real page: cuts, repeats, junk, flipped bytes, broken tags."""
    for _ in range(rng.randint(1, 4)):
        if not page:
            break
        start = rng.randrange(len(page))
        end = min(len(page), start + rng.randint(1, 2000))
        edit = rng.randrange(8)
        if edit == 0:
            page = page[:start]  # truncated download
        elif edit == 1:
            page = page[:start] + page[end:]  # a slice lost
        elif edit == 2:
            page = page[:end] + page[start:end] * rng.randint(2, 20) + page[end:]  # a slice repeated
        elif edit == 3:
            junk = rng.choice(WORDS).encode("utf-8", "surrogatepass") * rng.randint(1, 30)
            page = page[:start] + junk + page[start:]
        elif edit == 4:
            flipped = bytes(b ^ (1 << rng.randrange(8)) for b in page[start:end])
            page = page[:start] + flipped + page[end:]  # corrupted bytes (invalid UTF-8)
        elif edit == 5:
            page = page[:start] + page[start:end].replace(b">", b"").replace(b"<", b"&lt") + page[end:]
        elif edit == 6:
            page = page[:start] + b"<div><table><tr><td>" * rng.randint(1, 40) + page[start:]  # unclosed nesting
        else:
            page = page[:start] + rng.choice(PREFIXES).encode() + page[start:]  # a second charset/doctype
    return page


# --- pathological pages: (body, the refusal reason expected, or None when it must be cleaned) ----

ARTICLE_PARAGRAPH = ("<p>Liên đoàn Lao động thành phố Cần Thơ tổ chức hội nghị tổng kết công tác công đoàn, "
                     "trao quà cho đoàn viên, người lao động có hoàn cảnh khó khăn.</p>\n").encode()


def billion_laughs() -> bytes:
    levels = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    return (f'<?xml version="1.0"?><!DOCTYPE html [{"".join(levels)}]>'
            '<html><body><h1>Bom thực thể &lol9;</h1><p>&lol9;&lol9;&lol9;</p></body></html>').encode()


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    pixels = zlib.compress(bytes(random.Random(1).randrange(256) for _ in range(64 * 65)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bai-viet.html", ARTICLE_PARAGRAPH * 50)
    return buffer.getvalue()


FIFTY_MB = 50 * 1024 * 1024
# name -> (a builder of the page, the refusal reason expected or None when it must be cleaned)
PATHOLOGICAL_BUILDERS: dict[str, tuple[Callable[[], bytes], str | None]] = {
    "50 MB page": (lambda: b"<html><body>" + ARTICLE_PARAGRAPH * (FIFTY_MB // len(ARTICLE_PARAGRAPH)), "too_large"),
    "100,000 nested divs": (lambda: b"<html><body>" + b"<div>" * 100_000 + ARTICLE_PARAGRAPH + b"</div>" * 100_000,
                            "too_deep"),
    "100,000 unclosed nested tables": (lambda: b"<html><body>" + b"<table><tr><td>" * 100_000, "too_deep"),
    "billion laughs": (billion_laughs, None),
    "numeric entity run": (lambda: b"<html><body><p>" + b"&#x1F600;&#0;&#99999999;" * 60_000 + b"</p></body></html>",
                           None),
    "named entity run": (lambda: b"<html><body><p>" + b"&nbsp;&amp;&bogus;" * 100_000 + b"</p></body></html>", None),
    # Under a headline: a cost per element that grows with what comes after it would be quadratic.
    "60,000 empty elements after a headline": (
        lambda: b"<html><body><h1>Tin t\xe1\xbb\xa9c c\xc3\xb4ng \xc4\x91o\xc3\xa0n h\xc3\xb4m nay</h1><p>"
        + b'<span class="share"></span>' * 60_000 + b"</p></body></html>", None),
    "100,000 unclosed embeds": (lambda: b"<html><body><p>" + b"<embed src=x>" * 100_000 + ARTICLE_PARAGRAPH, None),
    "PNG served as HTML": (png_bytes, "binary"),
    "ZIP served as HTML": (zip_bytes, "binary"),
    "NUL bytes": (lambda: b"\x00" * 1_000_000, "binary"),
    "random bytes": (lambda: random.Random(7).randbytes(100_000), "binary"),
}


def pathological_pages() -> dict[str, tuple[bytes, str | None]]:
    return {name: (build(), reason) for name, (build, reason) in PATHOLOGICAL_BUILDERS.items()}
