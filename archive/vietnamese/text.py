"""Vietnamese text hygiene: one canonical spelling for storage, display and search keys."""

import re
import unicodedata

# Combining tone marks: grave, acute, tilde, hook above, dot below.
_TONES = "\u0300\u0301\u0303\u0309\u0323"

# Toned a/e/y (both cases) -> (plain vowel, tone mark), and plain o/u + tone -> toned vowel.
_SPLIT = {
    unicodedata.normalize("NFC", base + tone): (base, tone) for base in "aeyAEY" for tone in _TONES
}
_JOIN = {(base, tone): unicodedata.normalize("NFC", base + tone) for base in "ouOU" for tone in _TONES}

_INITIAL = "ngh|ng|gh|nh|ch|kh|ph|th|tr|[bcdđghklmnprstvx]"
_OA_OE = "".join(ch for ch, (base, _) in _SPLIT.items() if base in "aeAE")
_UY = "".join(ch for ch, (base, _) in _SPLIT.items() if base in "yY")
# An open oa/oe/uy syllable with the tone on its second vowel ("hoà", "khoẻ", "thuỷ", "Uỷ").
# The word edges exclude closed syllables (hoàn, thuyền) and triphthongs (ngoài, xoáy); "qu"
# and "gi" are not in the initials, so quý/quỳnh keep the tone on y; combining marks count as
# part of the word so a stray mark never ends up on a bare vowel.
_OLD_TONE = re.compile(
    rf"(?<![\w\u0300-\u036f])({_INITIAL})?(?:([oO])([{_OA_OE}])|([uU])([{_UY}]))(?![\w\u0300-\u036f])",
    re.IGNORECASE,
)

# Invisible characters are dropped; exotic spaces become plain spaces; other line breaks become \n.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))
_SPACES = dict.fromkeys([*map(ord, "\t\v\f\u00a0\u1680\u202f\u205f\u3000"), *range(0x2000, 0x200B)],
                        " ")
_BREAKS = {ord("\r"): "\n", 0x2028: "\n", 0x2029: "\n"}
_CLEAN = str.maketrans(_INVISIBLE | _SPACES | _BREAKS)
# Most text has none of them: a search in C is much cheaper than str.translate over every string.
_UNCLEAN = re.compile("[" + re.escape("".join(map(chr, _CLEAN))) + "]")

_RUN_OF_SPACES = re.compile(" {2,}")
_SPACE_AROUND_BREAK = re.compile(" ?\n ?")
_BLANK_LINES = re.compile("\n{3,}")

# Letters whose stroke is not a combining mark, so decomposition leaves them: đ/Đ, and the
# look-alike Icelandic eth (U+00D0) that legacy Vietnamese encodings often put in place of Đ.
_STROKES = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D"})
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")

WORD = re.compile(r"\w+")


def _move_tone(match: re.Match[str]) -> str:
    initial = match[1] or ""
    first, second = (match[2], match[3]) if match[2] else (match[4], match[5])
    base, tone = _SPLIT[second]
    return initial + _JOIN[first, tone] + base


def normalize(text: str) -> str:
    """Canonical form of a page's text; idempotent.

    NFC with the tone of open oa/oe/uy syllables on the first vowel (hoà -> hòa, thuỷ -> thủy),
    invisible characters removed, spaces collapsed, lines stripped, at most one blank line.
    """
    # Clean before NFC: dropping an invisible character can bring a mark next to its letter.
    text = text.replace("\r\n", "\n")
    if _UNCLEAN.search(text):
        text = text.translate(_CLEAN)
    if not text.isascii():  # plain ASCII has no marks to compose or tones to move
        text = _OLD_TONE.sub(_move_tone, unicodedata.normalize("NFC", text))
    # Most texts are one line with single spaces (the cleaner's blocks): the regexes only when needed.
    if "  " in text:
        text = _RUN_OF_SPACES.sub(" ", text)
    if "\n" in text:
        text = _BLANK_LINES.sub("\n\n", _SPACE_AROUND_BREAK.sub("\n", text))
    return text.strip()


def _base_letter(ch: str) -> str:
    return _MARKS.sub("", unicodedata.normalize("NFD", ch)).translate(_STROKES)


_ANY_MARK = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Every precomposed character with marks (all of Vietnamese, and "≠" or "й" alike) -> its bare form,
# so folding NFC text is one str.translate; decomposition is only needed for loose combining marks.
_FOLD = str.maketrans({ch: _base_letter(ch) for ch in map(chr, range(0xC0, 0x10000))
                       if (unicodedata.decomposition(ch) or ch in "đĐÐ") and _base_letter(ch) != ch})


def fold(text: str) -> str:
    """Text without diacritics ("Liên đoàn Lao động" -> "Lien doan Lao dong"), case kept."""
    if text.isascii():
        return text
    if _ANY_MARK.search(text):
        text = _MARKS.sub("", unicodedata.normalize("NFD", text))
    return text.translate(_FOLD)


def title_case_vi(name: str) -> str:
    """Each word with its first letter up and the rest down: "NGUYỄN THỊ ÚT" -> "Nguyễn Thị Út"."""
    # On NFC text every Vietnamese letter is one code point, so a word never splits at a mark
    # (str.title() on decomposed text would capitalise the letter after each mark).
    nfc = unicodedata.normalize("NFC", name)
    return WORD.sub(lambda m: m[0][0].upper() + m[0][1:].lower(), nfc)
