"""The credit line that closes a Vietnamese article: who wrote it, and where it came from."""

import re
from dataclasses import dataclass

from archive.vietnamese.text import fold, normalize, title_case_vi


@dataclass(frozen=True)
class Byline:
    author: str | None  # the person or staff group credited, proper-cased
    credit: str  # the line as printed (normalized)
    source: str | None  # the outlet it was taken from ("Theo TTXVN", "Nguồn: ...")


_MAX_LENGTH = 120

# "Tin, ảnh:", "Bài và ảnh:", "Ảnh:", "Tin - ảnh:", "Thực hiện:" ...
_KIND = r"(?:tin|bài|ảnh|video|clip|đồ họa)"
_LABELLED = re.compile(
    rf"(?:{_KIND}(?:\s*(?:[,/&+\-\u2013]|\s+và\s+)\s*{_KIND})*|thực hiện)\s*:\s*(?P<rest>.+)",
    re.IGNORECASE,
)
_SOURCE_LABEL = re.compile(r"nguồn(?:\s+(?:tin|ảnh))?\s*:\s*(?P<source>.+)", re.IGNORECASE)
_THEO = re.compile(r"theo\s+(?P<source>.+)", re.IGNORECASE)
_NOTE = re.compile(r"(?P<main>[^()]+?)\s*\((?P<note>[^()]+)\)")  # "NGỌC ANH (lược dịch)"
_AFFILIATION = re.compile(r"\s+-\s+|\s*[\u2013\u2014]\s*")  # "Văn Thừa - Liên đoàn Lao động huyện Cờ Đỏ"
_JOINER = re.compile(r"(\s*,\s*|\s+(?:và|&|-)\s+|\s*[\u2013\u2014]\s*)", re.IGNORECASE)  # "A và B"
_END = " .;/"  # trailing stops, including the "./." that closes many articles

_SYLLABLE = re.compile(r"[^\W\d_]{1,7}")  # no Vietnamese syllable is longer than "nghiêng"
_ABBREVIATION = re.compile(r"[A-Z]{2,}(?:/[A-Z]{2,})*")  # TTXVN, VNA, TTXVN/VNA
_AGENCY = re.compile(r"[A-Z]{3,6}(?:/[A-Z]{2,6})?")  # TTXVN, VNA, TTXVN/VNA
# Titles before a signed name ("Bác sĩ Nguyễn Trung Cấp", "PGS.TS Trương Tuyết Mai").
_HONORIFIC = re.compile(
    r"^(?:(?:PGS|GS|TS|ThS|BS|BSCKII|BSCKI|CN|KS|LS|DS|NB)\.?)(?:\.?(?:TS|BS|ThS))?\.?\s+"
    r"|^(?:bác\s+sĩ|dược\s+sĩ|luật\s+sư|nhà\s+báo|tiến\s+sĩ|thạc\s+sĩ|giáo\s+sư|phó\s+giáo\s+sư|kỹ\s+sư"
    r"|nhà\s+văn|nhà\s+thơ|nghệ\s+sĩ)\s+",
    re.IGNORECASE)
# Initials a reporter signs with after a label: "P.Y", "T.H", "N.V.A".
_INITIALS = re.compile(r"[A-ZĐ](?:\.[A-ZĐ]){1,3}\.?")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_MEDIA = ("báo ", "tạp chí ", "đài ", "cổng thông tin ", "trang tin ", "thông tấn xã ", "kênh ")

# Staff credits, which are no personal names but are what the page credits; "Nhóm PV" is one.
_STAFF = {name.lower(): name for name in ("PV", "CTV", "BTV", "Nhóm PV", "Nhóm CTV", "Nhóm phóng viên")}

# Capitalised words that are never part of a personal name.
_NOT_NAME_WORDS = {
    "và", "của", "các", "những", "với", "cho", "tại", "trong", "là", "có", "được", "không", "từ",
    "đến", "về", "này", "đã", "sẽ", "đang", "bị", "để", "vì", "theo", "nhưng", "hoặc", "thì", "mà",
    "khi", "tháng", "ngày", "tin", "bài", "ảnh", "xem", "lượt",
    # units a reporter's affiliation names: "VĂN THỪA - LĐLĐ HUYỆN CỜ ĐỎ"
    "huyện", "tỉnh", "quận", "phường", "xã", "lđlđ", "cđcs", "ubnd", "báo", "đài",
}
# Short capitalised lines that look like a pen name but are places or page furniture. Districts
# are too many to list: "Cờ Đỏ" alone on a line still reads as a name.
_NOT_NAMES = {fold(phrase).lower() for phrase in (
    "An Giang", "Bà Rịa", "Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
    "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Hồ Chí Minh", "Tiền Giang",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái", "Việt Nam", "Sài Gòn",
    "Trang Chủ", "Liên Hệ", "Giới Thiệu", "Tin Tức", "Sự Kiện", "Thông Báo", "Tin Liên Quan",
    "Tin Khác", "Tin Mới", "Xem Thêm", "Đọc Nhiều", "Bình Luận", "Chia Sẻ", "Quay Lại", "In Bài",
    "Gửi Bài", "Bản In", "Đăng Nhập", "Đăng Ký", "Tìm Kiếm", "Văn Bản", "Hình Ảnh", "Thư Viện Ảnh",
)}


def parse_byline(line: str) -> Byline | None:
    """The byline printed on this line, or None when the line is anything else.

    Labelled credits ("Tin, ảnh: Văn Thừa - LĐLĐ huyện Cờ Đỏ"), a bare name of 2-4 syllables
    ("Bảo An", "MỸ HẠNH", "NGỌC ANH (lược dịch)"), sources ("Theo TTXVN", "Nguồn: ...").
    """
    credit = normalize(line)
    if not credit or "\n" in credit or len(credit) > _MAX_LENGTH:
        return None
    if match := _SOURCE_LABEL.fullmatch(credit):
        source = _strip(match["source"])
        return Byline(None, credit, source) if source else None
    inner = credit[1:-1] if credit.startswith("(") and credit.endswith(")") else credit
    if match := _THEO.fullmatch(inner):
        source = _source(match["source"])
        return Byline(None, credit, source) if source else None
    if match := _LABELLED.fullmatch(credit):
        name, source = _split_note(_without_affiliation(_strip(match["rest"])))
        author = name if _INITIALS.fullmatch(name) else _names(name, standalone=False)
    elif _AGENCY.fullmatch(_strip(credit)):  # "TTXVN" alone: the agency wrote it
        return Byline(_strip(credit), credit, None)
    else:
        name, source = _split_note(_strip(credit))
        author = _names(_HONORIFIC.sub("", name, count=1), standalone=True)
    return Byline(author, credit, source) if author else None


def _without_affiliation(text: str) -> str:
    """"Văn Thừa - LĐLĐ huyện Cờ Đỏ" is a name and its unit; "HÀ ANH - QUẾ CHI" two reporters
    (names set in capitals on both sides of the dash)."""
    parts = _AFFILIATION.split(text)
    if len(parts) > 1 and all(part.isupper() and _name(part, (1, 5)) for part in parts):
        return text
    return parts[0]


def _strip(text: str) -> str:
    return text.strip().rstrip(_END)


def _split_note(text: str) -> tuple[str, str | None]:
    """Name and source of "MINH HIỂN (Theo Lao Động)"; a note such as "(lược dịch)" is dropped."""
    match = _NOTE.fullmatch(text)
    if not match:
        return text, None
    note = match["note"].strip()
    if theo := _THEO.fullmatch(note):
        return match["main"], _source(theo["source"])
    return match["main"], note if _ABBREVIATION.fullmatch(note) else None


def _source(text: str) -> str | None:
    """The outlet after "Theo", or None when "Theo" opens a sentence ("Theo kế hoạch, ...")."""
    text = _strip(text)
    words = text.split()
    if not 1 <= len(words) <= 8 or re.search(r"[,;:!?]", text):
        return None
    if _DOMAIN.fullmatch(text) or text.lower().startswith(_MEDIA):  # "laodong.vn", "Báo Lao động"
        return text
    initials = [word.lstrip("(")[:1] for word in words]  # "PV (TTXVN/Vietnam+)"
    return text if all(c.isupper() or c.isdigit() for c in initials) else None


def _names(text: str, standalone: bool) -> str | None:
    """The credited name(s), proper-cased, or None when the text is not a name.

    Standalone, every part must be a 2-4 syllable name and commas read as prose ("TOÀN ĐẢNG,
    TOÀN DÂN"); after a label, a 1-5 syllable name leads and whatever follows the first
    non-name part ("Văn Thừa, LĐLĐ huyện") is dropped.
    """
    text = text.strip()
    if staff := _STAFF.get(text.lower()):
        return staff
    if standalone and "," in text:
        return None
    parts = _JOINER.split(text)  # names at even positions, joiners between
    kept: list[str] = []
    for index in range(0, len(parts), 2):
        name = _name(parts[index], (2, 4) if standalone else (1, 5))
        if name is None:
            if standalone or not kept:
                return None
            break
        kept += [parts[index - 1], name] if kept else [name]
    return "".join(kept)


def _name(text: str, sizes: tuple[int, int]) -> str | None:
    words = text.split()
    if not sizes[0] <= len(words) <= sizes[1] or not all(map(_is_name_word, words)):
        return None
    if all(len(word) == 1 for word in words) or fold(text).lower() in _NOT_NAMES:  # "A A"
        return None
    # A lone uppercase word is an abbreviation ("TTXVN"), not a shouted name.
    return title_case_vi(text) if len(words) > 1 and text.isupper() else text


def _is_name_word(word: str) -> bool:
    rest = word[1:]
    cased = word[0].isupper() and (not rest or rest.islower() or rest.isupper())  # not "McCain"
    return cased and bool(_SYLLABLE.fullmatch(word)) and word.lower() not in _NOT_NAME_WORDS
