import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.vietnamese.text import fold, normalize, title_case_vi


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(("old", "new"), [
    ("hoà", "hòa"), ("hoá", "hóa"), ("hoả", "hỏa"), ("hoã", "hõa"), ("hoạ", "họa"),
    ("khoẻ", "khỏe"), ("xoè", "xòe"), ("loè", "lòe"), ("nhoè", "nhòe"),
    ("thuỷ", "thủy"), ("huỷ", "hủy"), ("tuỳ", "tùy"), ("luỹ", "lũy"), ("nguỵ", "ngụy"),
    ("suý", "súy"), ("truỵ", "trụy"), ("loà", "lòa"), ("toà", "tòa"), ("goá", "góa"),
    ("Uỷ", "Ủy"), ("UỶ", "ỦY"), ("uỷ", "ủy"), ("HOÀ", "HÒA"), ("Hoà", "Hòa"), ("KHOẺ", "KHỎE"),
    ("THUỶ", "THỦY"), ("Thuỷ", "Thủy"), ("NGUỴ", "NGỤY"),
])
def test_open_oa_oe_uy_take_the_tone_on_the_first_vowel(old: str, new: str) -> None:
    assert normalize(old) == new
    assert normalize(nfd(old)) == new


@pytest.mark.parametrize("word", [
    "hoàn", "toán", "khoản", "hoằng", "hoặc", "khuyến", "thuyền", "huỳnh", "Huỳnh", "quyết",
    "quý", "Quý", "QUÝ", "quỳnh", "Quỳnh", "quả", "quỹ", "ngoài", "hoài", "xoáy", "ngoáy",
    "khuỷu", "khuya", "khuyên", "gì", "già", "giữa", "mùa", "của", "thuế", "huệ", "Nguyễn",
    "hòa", "khỏe", "thủy", "Ủy", "ỦY", "hóa", "đoàn", "Đoàn",
])
def test_other_syllables_are_left_alone(word: str) -> None:
    assert normalize(word) == word


@pytest.mark.parametrize(("text", "expected"), [
    ("Uỷ ban nhân dân tỉnh Khánh Hoà", "Ủy ban nhân dân tỉnh Khánh Hòa"),
    ("UỶ BAN MẶT TRẬN TỔ QUỐC", "ỦY BAN MẶT TRẬN TỔ QUỐC"),
    ("Chăm lo sức khoẻ cho người lao động", "Chăm lo sức khỏe cho người lao động"),
    ("công trình thuỷ lợi; hoà giải, hoá chất.", "công trình thủy lợi; hòa giải, hóa chất."),
    ("Tỉnh uỷ Thanh Hoá (Quý I)", "Tỉnh ủy Thanh Hóa (Quý I)"),
    ("hoà-bình «hoà» \"thuỷ\"", "hòa-bình «hòa» \"thủy\""),
    ("Huỳnh Thị Quỳnh, Nguyễn Văn Quý", "Huỳnh Thị Quỳnh, Nguyễn Văn Quý"),
])
def test_tones_in_running_text(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Liên\u00a0đoàn\u00a0Lao\u00a0động", "Liên đoàn Lao động"),
    ("\ufeffNgày 28 tháng 12", "Ngày 28 tháng 12"),
    ("công\u200b nhân\u200c\u200d\u2060", "công nhân"),
    ("lao\u00ad động", "lao động"),
    ("a  \t b\t\tc", "a b c"),
    ("a\u2003b\u202fc\u3000d", "a b c d"),
    ("  dòng một  \n\t dòng hai \t", "dòng một\ndòng hai"),
    ("một\r\nhai\rba", "một\nhai\nba"),
    ("một\n\nhai", "một\n\nhai"),
    ("một\n\n\nhai\n \n\t\n\n ba", "một\n\nhai\n\nba"),
    ("\n\n  mở đầu\n\n", "mở đầu"),
    ("", ""),
    (" \u00a0\u200b\n\n", ""),
])
def test_spaces_and_invisible_characters(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_decomposed_text_comes_out_composed() -> None:
    text = "Liên đoàn Lao động Cần Thơ tổ chức Hội nghị"
    assert normalize(nfd(text)) == text


def test_a_mark_freed_by_an_invisible_character_composes() -> None:
    assert normalize("a\u200b\u0301") == "á"


def test_normalize_is_stable_on_a_real_paragraph() -> None:
    page = (
        "HỘI NGHỊ TỔNG KẾT\u00a0CỤM THI ĐUA\n\n\n\n"
        "Ngày 28 tháng 12 năm 2016, tại huyện Cờ Đỏ, Cụm thi đua  Liên đoàn Lao động\t"
        "các huyện tổ chức Hội nghị; Uỷ ban nhân dân huyện chăm lo sức khoẻ, hoà giải.\n"
        "Tin, ảnh: Văn Thừa - Liên đoàn Lao động huyện Cờ Đỏ.  "
    )
    once = normalize(page)
    assert once == (
        "HỘI NGHỊ TỔNG KẾT CỤM THI ĐUA\n\n"
        "Ngày 28 tháng 12 năm 2016, tại huyện Cờ Đỏ, Cụm thi đua Liên đoàn Lao động "
        "các huyện tổ chức Hội nghị; Ủy ban nhân dân huyện chăm lo sức khỏe, hòa giải.\n"
        "Tin, ảnh: Văn Thừa - Liên đoàn Lao động huyện Cờ Đỏ."
    )
    assert normalize(once) == once


@pytest.mark.parametrize(("text", "expected"), [
    ("Liên đoàn Lao động Cần Thơ", "Lien doan Lao dong Can Tho"),
    ("ĐẠI HỘI CÔNG ĐOÀN VIỆT NAM", "DAI HOI CONG DOAN VIET NAM"),
    ("Điện Biên, Đắk Lắk, đồng chí Đặng", "Dien Bien, Dak Lak, dong chi Dang"),
    ("ươ ƯƠ ă Ă â ê ô ơ ư ỹ Ỹ", "uo UO a A a e o o u y Y"),
    ("hoà hòa thuỷ thủy", "hoa hoa thuy thuy"),
    ("62.300.000 đồng (18/01/2021)!", "62.300.000 dong (18/01/2021)!"),
    ("\u00d0ẠI HỘI", "DAI HOI"),  # Icelandic eth standing in for Đ
    ("Crème brûlée", "Creme brulee"),
    ("", ""),
])
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected
    assert fold(nfd(text)) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("MỸ HẠNH", "Mỹ Hạnh"),
    ("NGUYỄN THỊ ÚT", "Nguyễn Thị Út"),
    ("ĐẶNG VĂN ĐẠT", "Đặng Văn Đạt"),
    ("LÒ VĂN MUÔN", "Lò Văn Muôn"),
    ("ỦY BAN", "Ủy Ban"),
    ("ngọc anh", "Ngọc Anh"),
    ("bảo AN", "Bảo An"),
    ("Huỳnh Thị Hiền", "Huỳnh Thị Hiền"),
    ("MINH  HIỂN", "Minh  Hiển"),
    ("ÊĐÊ Ơ", "Êđê Ơ"),
])
def test_title_case_vi(name: str, expected: str) -> None:
    assert title_case_vi(name) == expected
    assert title_case_vi(nfd(name)) == expected


# Vietnamese-ish text: syllables built from real initials, rimes and tones, in any case, any
# normalization form, separated the way prose is.
INITIALS = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
            "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]
RIMES = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uy", "uê", "ua",
         "ia", "ưa", "iê", "ươ", "oai", "oay", "uya", "uyê", "ai", "ao", "au", "ay", "oi", "ui",
         "ưu", "an", "oan", "ong", "uyn", "anh", "uynh", "ương", "iêt", "oc", "uât", "ach"]
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]


@st.composite
def syllables(draw: st.DrawFn) -> str:
    rime = draw(st.sampled_from(RIMES))
    vowels = [i for i, ch in enumerate(rime) if unicodedata.normalize("NFD", ch)[0] in "aeiouy"]
    at = draw(st.sampled_from(vowels))  # the tone may sit on any vowel, as real pages vary
    rime = rime[: at + 1] + draw(st.sampled_from(TONES)) + rime[at + 1:]
    word = draw(st.sampled_from(INITIALS)) + rime
    word = draw(st.sampled_from([word, word.upper(), word.capitalize()]))
    return unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), word)


clean_text = st.lists(st.tuples(syllables(), st.sampled_from([" ", ", ", ". ", "\n", "-", " ("])),
                      max_size=40).map(lambda parts: "".join(w + s for w, s in parts).strip())
noise = st.sampled_from([" ", "  ", "\t", "\u00a0", "\u200b", "\u00ad", "\ufeff", "\n", "\n\n\n",
                         "\r\n", " \n ", "\u0301", "."])
noisy_text = st.lists(st.one_of(syllables(), noise), max_size=60).map("".join)


@given(st.one_of(noisy_text, st.text()))
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert once == unicodedata.normalize("NFC", once)


@given(clean_text)
def test_normalize_only_moves_marks(text: str) -> None:
    assert fold(normalize(text)) == fold(text)


@given(st.one_of(noisy_text, st.text()))
def test_fold_leaves_no_marks(text: str) -> None:
    folded = fold(text)
    assert not re.search("[\u0300-\u036f]", nfd(folded))
    assert not re.search("[đĐ]", folded)
    assert fold(folded) == folded
