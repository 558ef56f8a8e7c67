"""decode_html: BOM, meta charset, header, detection; never raises."""
from __future__ import annotations

import codecs
import unicodedata

import pytest

from archive.extract.encoding import charset_from_content_type, decode_html
from archive.vietnamese.text import normalize

VI = "Liên đoàn Lao động thành phố Cần Thơ tổ chức hội nghị người lao động, Hòa Bình, Thủy điện"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as real pages have it: base letters with ^, breve, horn precomposed, tones combining."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        tones = "".join(c for c in decomposed if c in TONES)
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def page(body_text: str, meta: str | None) -> str:
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    return f"<html><head>{head}<title>Tin</title></head><body><p>{body_text}</p></body></html>"


def nfc(text: str) -> str:
    return normalize(text)


def test_meta_utf8_beats_wrong_latin1_header():
    body = page(VI, "utf-8").encode("utf-8")
    text, encoding = decode_html(body, "iso-8859-1")
    assert encoding == "utf-8"
    assert VI in text


def test_short_meta_charset_form():
    body = f'<html><head><meta charset="UTF-8"></head><body>{VI}</body></html>'.encode()
    text, encoding = decode_html(body, None)
    assert encoding == "utf-8" and VI in text


def test_windows_1258_declared_by_meta():
    raw = cp1258_bytes(page(VI, "windows-1258"))
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the test data really is not UTF-8
    text, encoding = decode_html(raw, None)
    assert codecs.lookup(encoding).name == "cp1258"
    assert VI in nfc(text)
    assert "Ã" not in text


def test_windows_1258_meta_beats_latin1_header():
    raw = cp1258_bytes(page(VI, "windows-1258"))
    text, encoding = decode_html(raw, "iso-8859-1")
    assert codecs.lookup(encoding).name == "cp1258"
    assert VI in nfc(text)


def test_header_used_when_no_meta():
    raw = cp1258_bytes(page(VI, None))
    text, encoding = decode_html(raw, "windows-1258")
    assert codecs.lookup(encoding).name == "cp1258"
    assert VI in nfc(text)


def test_undeclared_utf8():
    text, encoding = decode_html(page(VI, None).encode("utf-8"), None)
    assert encoding == "utf-8"
    assert VI in text


def test_wrong_utf8_header_on_cp1258_bytes_falls_through():
    raw = cp1258_bytes(page(VI, None))
    text, _ = decode_html(raw, "utf-8")  # strict decode fails, detection takes over
    assert isinstance(text, str)
    assert "<title>Tin</title>" in text


def test_undeclared_cp1258_returns_text():
    raw = cp1258_bytes(page(VI, None))
    text, encoding = decode_html(raw, None)
    assert isinstance(text, str) and isinstance(encoding, str)
    assert "<title>Tin</title>" in text
    assert "Lao" in text


def test_unknown_declared_charset_is_ignored():
    text, encoding = decode_html(page(VI, "x-no-such-charset").encode("utf-8"), "bogus")
    assert encoding == "utf-8" and VI in text


@pytest.mark.parametrize(("bom", "codec", "name"), [
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
])
def test_bom_wins(bom, codec, name):
    # the meta lies, the header lies: the BOM decides
    body = bom + page(VI, "iso-8859-1").encode(codec)
    text, encoding = decode_html(body, "windows-1258")
    assert encoding == name
    assert VI in text
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize("body", [
    b"", b"\xff\xfe\xfd\x80\x81", bytes(range(256)), b"\x00" * 100,
    b'<meta charset="utf-8">\xc3\x28\xa0\xa1', b'<meta charset="">\x81\x8d',
    b"<meta charset=utf-16>" + b"\xd8\x00", b"\xef\xbb\xbf\xff\xfe",
])
def test_garbage_never_raises(body):
    text, encoding = decode_html(body, "iso-8859-1")
    assert isinstance(text, str) and isinstance(encoding, str)
    text, encoding = decode_html(body, None)
    assert isinstance(text, str)


def test_latin1_header_means_cp1252():
    body = "<p>“quoted” – dash</p>".encode("cp1252")
    text, encoding = decode_html(body, "ISO-8859-1")
    assert encoding == "cp1252"
    assert "“quoted” – dash" in text


@pytest.mark.parametrize(("header", "charset"), [
    ("text/html; charset=UTF-8", "UTF-8"),
    ('text/html; charset="windows-1258"', "windows-1258"),
    ("text/html", None), (None, None),
])
def test_charset_from_content_type(header, charset):
    assert charset_from_content_type(header) == charset
