import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.vietnamese.bylines import Byline, parse_byline


@pytest.mark.parametrize(("line", "author", "source"), [
    # Labelled credits; an affiliation after a dash is not part of the name.
    ("Tin, ảnh: Văn Thừa - Liên đoàn Lao động huyện Cờ Đỏ.", "Văn Thừa", None),
    ("Tin: Văn Thừa – Liên đoàn Lao động huyện Cờ Đỏ", "Văn Thừa", None),
    ("Tin, ảnh: Hoàn Vũ – LĐLĐ quận Ninh Kiều", "Hoàn Vũ", None),
    ("Tin, ảnh: Hoàn Vũ—LĐLĐ quận Ninh Kiều", "Hoàn Vũ", None),
    ("Bài, ảnh: Ngọc Hân", "Ngọc Hân", None),
    ("Bài và ảnh: Ngọc Hân", "Ngọc Hân", None),
    ("Tin và ảnh: Minh Thư", "Minh Thư", None),
    ("Tin - ảnh: Minh Thư", "Minh Thư", None),
    ("Bài/ảnh: Minh Thư", "Minh Thư", None),
    ("Ảnh: Minh Hiển", "Minh Hiển", None),
    ("Bài: Nguyễn Thị Ngọc Hân", "Nguyễn Thị Ngọc Hân", None),
    ("Thực hiện: Bảo An", "Bảo An", None),
    ("TIN, ẢNH: VĂN THỪA", "Văn Thừa", None),
    ("Tin : Văn Thừa.", "Văn Thừa", None),
    ("Tin: Văn Thừa./.", "Văn Thừa", None),
    ("Tin, ảnh: Văn Thừa (LĐLĐ huyện Cờ Đỏ)", "Văn Thừa", None),
    ("Tin, ảnh: Văn Thừa, LĐLĐ huyện Cờ Đỏ", "Văn Thừa", None),
    ("Tin: Văn Thừa, Ngọc Hân", "Văn Thừa, Ngọc Hân", None),
    ("Bài, ảnh: Văn Thừa và Ngọc Hân - LĐLĐ huyện Cờ Đỏ", "Văn Thừa và Ngọc Hân", None),
    ("Ảnh: TTXVN", "TTXVN", None),
    ("Tin: Minh Anh (Theo TTXVN)", "Minh Anh", "TTXVN"),
    ("Tin, ảnh: PV", "PV", None),
    # A bare name; shouted names are proper-cased, a note in brackets is left out.
    ("MỸ HẠNH", "Mỹ Hạnh", None),
    ("NGỌC ANH (lược dịch)", "Ngọc Anh", None),
    ("BẢO AN (tổng hợp)", "Bảo An", None),
    ("Bảo An", "Bảo An", None),
    ("Lò Văn Muôn", "Lò Văn Muôn", None),
    ("Nguyễn Thị Ngọc Hân", "Nguyễn Thị Ngọc Hân", None),
    ("Như Ý", "Như Ý", None),
    ("MỸ HẠNH - BẢO AN", "Mỹ Hạnh - Bảo An", None),
    ("Mỹ Hạnh.", "Mỹ Hạnh", None),
    ("MINH HIỂN (Theo Lao Động)", "Minh Hiển", "Lao Động"),
    ("ĐỨC ANH (TTXVN)", "Đức Anh", "TTXVN"),
    # A title before a signed name is not part of it.
    ("Bác sĩ Nguyễn Trung Cấp", "Nguyễn Trung Cấp", None),
    ("PGS.TS Trương Tuyết Mai", "Trương Tuyết Mai", None),
    ("Luật sư Trần Văn Hùng", "Trần Văn Hùng", None),
    # An agency alone on the last line wrote the story.
    ("TTXVN", "TTXVN", None),
    ("TTXVN/VNA", "TTXVN/VNA", None),
    # Staff credits are kept as the page gives them.
    ("Nhóm PV", "Nhóm PV", None),
    ("NHÓM PV", "Nhóm PV", None),
    ("CTV", "CTV", None),
    # Sources only.
    ("Theo Vietnamnet", None, "Vietnamnet"),
    ("Theo TTXVN", None, "TTXVN"),
    ("Theo TTXVN.", None, "TTXVN"),
    ("(Theo Lao Động)", None, "Lao Động"),
    ("Theo Báo Lao động", None, "Báo Lao động"),
    ("Theo Tuổi Trẻ Online", None, "Tuổi Trẻ Online"),
    ("Theo laodong.vn", None, "laodong.vn"),
    ("Theo PV (TTXVN/Vietnam+)", None, "PV (TTXVN/Vietnam+)"),
    ("Nguồn: Báo Điện Biên Phủ", None, "Báo Điện Biên Phủ"),
    ("Nguồn: Internet.", None, "Internet"),
    ("Nguồn tin: Cổng thông tin điện tử tỉnh An Giang", None, "Cổng thông tin điện tử tỉnh An Giang"),
])
def test_bylines(line: str, author: str | None, source: str | None) -> None:
    assert parse_byline(line) == Byline(author=author, credit=line.strip(), source=source)


@pytest.mark.parametrize(("line", "credit", "author"), [
    ("Tin,\u00a0ảnh:\u00a0Văn Thừa  -  Liên đoàn Lao động huyện Cờ Đỏ. ",
     "Tin, ảnh: Văn Thừa - Liên đoàn Lao động huyện Cờ Đỏ.", "Văn Thừa"),
    ("  Bảo\u00a0An\u200b\t", "Bảo An", "Bảo An"),
    ("\u00a0MỸ\u00a0HẠNH\u00a0", "MỸ HẠNH", "Mỹ Hạnh"),
    ("Tin: Thu Thuỷ", "Tin: Thu Thủy", "Thu Thủy"),
])
def test_credit_is_the_normalized_line(line: str, credit: str, author: str) -> None:
    assert parse_byline(line) == Byline(author=author, credit=credit, source=None)


@pytest.mark.parametrize("line", [
    "Đến dự Hội nghị có đồng chí Huỳnh Thị Hiền.",
    "Liên đoàn Lao động huyện Phong Điền.",
    "bàn giao Trưởng Cụm thi đua năm 2017 cho Mặt trận Tổ quốc.",
    "chương trình ưu đãi, giảm giá cho đoàn viên…",
    "giai đoạn 2015 - 2020./.",
    "Cần Thơ",
    "CẦN THƠ",
    "Khánh Hoà",
    "Hà Nội, 18/01/2021",
    "Trang Chủ",
    "TIN LIÊN QUAN",
    "HỘI NGHỊ TỔNG KẾT CỤM THI ĐUA LIÊN ĐOÀN LAO ĐỘNG CÁC HUYỆN NĂM 2016",
    "TOÀN ĐẢNG, TOÀN DÂN, TOÀN QUÂN",
    "THƯ GỬI CÁC VỊ ĐẠI BIỂU QUỐC HỘI",
    "Tin liên quan",
    "Tin tức & sự kiện",
    "Lượt xem: 256",
    "A A",
    "A- A A+",
    "Bảo",
    "Ảnh: minh họa",
    "Ảnh: Lãnh đạo tỉnh trao quà cho công nhân.",
    "Tin: ",
    "Theo kế hoạch, năm 2021 Liên đoàn Lao động tỉnh sẽ tổ chức",
    "Theo ông Nguyễn Văn A",
    "Theo Quyết định số 123/QĐ-UBND",
    "Nguồn: ",
    "Văn Thừa, LĐLĐ huyện Cờ Đỏ",
    "McCain Obama",
    "Bác sĩ khuyên",
    "HĐND",
    "OK",
    "Bảo An\nMỹ Hạnh",
    "Tin, ảnh: Văn Thừa - " + "Liên đoàn Lao động huyện Cờ Đỏ " * 4,
    "",
    "   ",
])
def test_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


def test_length_limit() -> None:
    line = "Tin, ảnh: Văn Thừa - " + "x" * 99
    assert len(line) == 120
    assert parse_byline(line) == Byline("Văn Thừa", line, None)
    assert parse_byline(line + "x") is None


names = st.lists(st.sampled_from(["Văn", "Thừa", "MỸ", "HẠNH", "Bảo", "An", "Theo", "Tin", "ảnh:",
                                  "(lược", "dịch)", "-", "–", ",", "và", "Cần", "Thơ", "PV", "."]),
                 max_size=8).map(" ".join)


@given(st.one_of(st.text(), names))
def test_never_raises(line: str) -> None:
    byline = parse_byline(line)
    if byline is not None:
        assert 0 < len(byline.credit) <= 120
        assert byline.author or byline.source
