"""The entity rules on sentences of the kinds the sample articles print."""
from archive.vietnamese.entities import extract_entities, org_key, person_key, place_key


def _names(entities, kind):
    return {e.name for e in entities if e.kind == kind}


def test_a_person_with_the_role_printed_after_the_name():
    found = extract_entities(None, "Dự Hội nghị có đồng chí Lò Văn Muôn, Phó Bí thư Thường trực Tỉnh ủy, "
                                   "Chủ tịch HĐND tỉnh; đại diện lãnh đạo một số Sở.", province="Điện Biên")
    muon = next(e for e in found if e.kind == "person")
    assert muon.name == "Lò Văn Muôn"
    assert muon.role == "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh"
    assert {"Tỉnh ủy Điện Biên", "Hội đồng nhân dân tỉnh Điện Biên"} <= _names(found, "org")


def test_a_role_before_the_name_and_a_place_in_between():
    found = extract_entities(None, "Về dự có Phó Chủ tịch LĐLĐ tỉnh Võ Thị Kim Loan và lãnh đạo Huyện ủy, "
                                   "UBND huyện Chợ Mới.", province="An Giang")
    assert _names(found, "person") == {"Võ Thị Kim Loan"}
    assert _names(found, "org") == {"Liên đoàn Lao động tỉnh An Giang", "Huyện ủy Chợ Mới",
                                    "Ủy ban nhân dân huyện Chợ Mới"}
    assert "Võ Thị Kim Loan" not in {e.name for e in found if e.kind == "place"}


def test_streets_cities_and_titles_are_not_people():
    found = extract_entities(None, "Đoàn viên diễu hành trên các tuyến đường Hòa Bình, Trần Hưng Đạo. "
                                   "Công nhân làm việc tại TP. Hồ Chí Minh. Kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh.")
    assert _names(found, "person") == {"Hồ Chí Minh"}
    assert _names(found, "place") == {"Hồ Chí Minh"}  # the city, named with its unit


def test_a_bare_level_means_the_last_place_of_that_level_named():
    found = extract_entities(None, "Sáng 28/4, LĐLĐ quận Ninh Kiều tổ chức lễ phát động. Tham dự có ông "
                                   "Nguyễn Hoàng Phong – Phó Chủ tịch HĐND quận; đại diện UBND quận.",
                             province="Cần Thơ")
    assert _names(found, "org") == {"Liên đoàn Lao động quận Ninh Kiều", "Hội đồng nhân dân quận Ninh Kiều",
                                    "Ủy ban nhân dân quận Ninh Kiều"}
    phong = next(e for e in found if e.kind == "person")
    assert phong.role == "Phó Chủ tịch HĐND quận"


def test_a_union_of_a_company_names_the_company_too():
    found = extract_entities(None, "Giải nhất thuộc về CĐCS Công ty Cổ phần Xuất nhập khẩu Thủy sản Cần Thơ.")
    assert _names(found, "org") == {"Công đoàn cơ sở Công ty Cổ phần Xuất nhập khẩu Thủy sản Cần Thơ",
                                    "Công ty Cổ phần Xuất nhập khẩu Thủy sản Cần Thơ"}


def test_listed_places_share_their_unit():
    found = extract_entities(None, "Đoàn viên đóng góp làm đường ở các xã Nhơn Nghĩa, Tân Thới, Giai Xuân. "
                                   "Khảo sát tại các KCN Trà Nóc 1, Trà Nóc 2 (quận Bình Thủy).")
    assert _names(found, "place") == {"xã Nhơn Nghĩa", "xã Tân Thới", "xã Giai Xuân", "khu công nghiệp Trà Nóc 1",
                                      "khu công nghiệp Trà Nóc 2", "quận Bình Thủy"}


def test_bylines_and_source_credits():
    found = extract_entities("Đồng Tháp trao 45 Mái ấm công đoàn", "LĐLĐ tỉnh Đồng Tháp cho biết.",
                             credit="Theo TTXVN")
    assert "Thông tấn xã Việt Nam" in _names(found, "org")
    byline = extract_entities(None, "Tin ngắn.", author="Thu Hương", credit="Thu Hương")
    assert [(e.name, e.role) for e in byline] == [("Thu Hương", "tác giả")]


def test_keys_equate_the_spellings_of_one_entity():
    assert org_key("LĐLĐ TP. Cần Thơ") == org_key("Liên đoàn Lao động thành phố Cần Thơ")
    assert org_key("Công đoàn An Giang") == org_key("Liên đoàn Lao động tỉnh An Giang")
    assert org_key("Tổng LĐLĐVN") == org_key("Tổng Liên đoàn Lao động Việt Nam")
    assert place_key("huyện Cờ Đỏ") == place_key("Cờ Đỏ") == "cờ đỏ"
    assert person_key("Lò Văn Muôn") == "lò văn muôn" != person_key("Lò Văn Muộn")
