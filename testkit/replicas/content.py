"""Deterministic Vietnamese news content for the replica sites: titles, slugs, dates, bylines, bodies.

Everything is drawn from one seeded `random.Random`, article by article, so the first N articles of
a site are the same whether it is built with N or N + 20 (a recrawl sees only the new ones change).
"""
from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

VN = timezone(timedelta(hours=7))
WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")
MONTHS = ("Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười một", "Mười hai")
FIRST_DATE = datetime(2009, 3, 2, 7, 30, tzinfo=VN)

PLACES = ("huyện Lệ Thủy", "thị xã Ba Đồn", "huyện Bố Trạch", "thành phố Đồng Hới", "huyện Tuyên Hóa",
          "huyện Quảng Ninh", "huyện Minh Hóa", "khu công nghiệp Hòa Khánh", "phường Liên Chiểu",
          "huyện Phong Điền", "quận Ninh Kiều", "huyện Vĩnh Thạnh", "thị xã Điện Bàn", "huyện Duy Xuyên")
ORGS = ("LĐLĐ tỉnh", "Liên đoàn Lao động tỉnh", "Công đoàn ngành Giáo dục", "Công đoàn Viên chức tỉnh",
        "Công đoàn các Khu công nghiệp", "Thường trực HĐND tỉnh", "Ban Văn hóa - Xã hội HĐND tỉnh",
        "Đoàn đại biểu Quốc hội tỉnh", "Công đoàn ngành Y tế")
COMPANIES = ("Công ty TNHH Giày da Phong Thái", "Công ty CP May Hòa Thọ", "Nhà máy Xi măng Sông Gianh",
             "Công ty TNHH Thủy sản Minh Phú", "Công ty CP Cao su Quảng Trị", "Công ty Điện lực tỉnh")
AUTHORS = ("Minh Anh", "Thu Hà", "Hoàng Lan", "Ngọc Trâm", "Văn Dũng", "Quốc Tuấn", "Phương Thảo",
           "Lê Hùng", "Bảo Ngọc", "Thanh Tùng")
ROMAN = ("VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII")
TITLES = (
    "{org} trao {n} suất quà Tết cho đoàn viên có hoàn cảnh khó khăn {place}",
    "Đại hội Công đoàn {place} lần thứ {roman}, nhiệm kỳ {year}-{year5}",
    "{org} tập huấn nghiệp vụ công tác công đoàn cho {n} cán bộ cơ sở năm {year}",
    "Bàn giao Mái ấm Công đoàn cho đoàn viên {place}",
    "Đối thoại giữa người sử dụng lao động và {n} người lao động tại {company}",
    "Tháng Công nhân năm {year}: {org} thăm hỏi, tặng quà công nhân lao động {place}",
    "Kỳ họp thứ {k} HĐND tỉnh khóa {roman} xem xét nhiều nội dung quan trọng",
    "{org} tiếp xúc cử tri {place} trước kỳ họp thứ {k}",
    "Giám sát việc thực hiện chính sách an toàn, vệ sinh lao động tại {company}",
    "Tuyên dương {n} công nhân viên chức lao động tiêu biểu {place} năm {year}",
    "Hội nghị tổng kết phong trào thi đua lao động giỏi, lao động sáng tạo năm {year}",
    "{org} hỗ trợ {n} triệu đồng cho đoàn viên bị ảnh hưởng bởi bão lũ {place}",
)
SENTENCES = (
    "Tham dự có đại diện lãnh đạo {org}, Ban Thường vụ Công đoàn {place} cùng {n} đoàn viên, người lao động.",
    "Phát biểu tại buổi lễ, đồng chí Chủ tịch {org} ghi nhận những cố gắng của các cấp công đoàn trong thời gian qua.",
    "Theo báo cáo, trong năm {year} toàn tỉnh đã có {n} doanh nghiệp ký kết thỏa ước lao động tập thể.",
    "Dịp này, {company} đã trao tặng {n} phần quà, mỗi phần trị giá 500.000 đồng.",
    "Các đại biểu tập trung thảo luận về tiền lương, thời giờ làm việc và chế độ bảo hiểm xã hội cho người lao động.",
    "Hội nghị đã thống nhất {k} nhóm giải pháp trọng tâm để thực hiện trong thời gian tới.",
    "Đây là hoạt động thiết thực nhằm chăm lo đời sống vật chất, tinh thần cho đoàn viên, người lao động.",
    "Công đoàn {place} đã phối hợp với chính quyền địa phương rà soát, lập danh sách các trường hợp khó khăn.",
    "Kết thúc chương trình, Ban Tổ chức đã khen thưởng {k} tập thể và {n} cá nhân có thành tích xuất sắc.",
)
CAPTIONS = ("Quang cảnh hội nghị.", "Lãnh đạo {org} trao quà cho đoàn viên.", "Các đại biểu chụp ảnh lưu niệm.")


@dataclass
class Category:
    id: int
    slug: str
    name: str


@dataclass
class Article:
    index: int  # 0 = the oldest
    id: int
    title: str
    slug: str  # lower-case ASCII words joined by hyphens
    title_slug: str  # the same words keeping their capitals ("Tong-Lien-doan-Lao-dong")
    published: datetime
    author: str
    category: Category
    lead: str
    paragraphs: list[str]
    caption: str | None
    views: int
    tags: list[str] = field(default_factory=list)


def fold(text: str) -> str:
    """ASCII letters for a slug: marks removed, đ/Đ spelled d/D."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def slugify(text: str, keep_case: bool = False) -> str:
    words = re.findall(r"[A-Za-z0-9]+", fold(text))
    return "-".join(words if keep_case else (w.lower() for w in words))


def articles(count: int, seed: int, first_id: int, categories: list[Category]) -> list[Article]:
    """`count` articles, oldest first, ids increasing with gaps (deleted drafts), 1 to 5 days apart."""
    rng = random.Random(seed)
    made: list[Article] = []
    seen: set[str] = set()
    number, when = first_id, FIRST_DATE
    for index in range(count):
        number += rng.randint(1, 9)
        when += timedelta(days=rng.randint(1, 9), minutes=rng.randint(-240, 240))
        values = _values(rng, when.year)
        title = rng.choice(TITLES).format(**values)
        while title in seen:  # unique titles make unique slugs: a slug-only site needs them
            title = f"{title} (tiếp theo)"
        seen.add(title)
        paragraphs = [rng.choice(SENTENCES).format(**_values(rng, when.year)) + " "
                      + rng.choice(SENTENCES).format(**_values(rng, when.year)) for _ in range(rng.randint(4, 7))]
        made.append(Article(
            index=index, id=number, title=title, slug=slugify(title), title_slug=slugify(title, keep_case=True),
            published=when, author=rng.choice(AUTHORS), category=rng.choice(categories),
            lead=f"Ngày {when.day}/{when.month}/{when.year}, tại {values['place']}, {values['org']} đã tổ chức "
                 f"chương trình với sự tham dự của {values['n']} đại biểu, đoàn viên và người lao động.",
            paragraphs=paragraphs,
            caption=rng.choice(CAPTIONS).format(**values) if rng.random() < 0.6 else None,
            views=rng.randint(40, 4000), tags=rng.sample(("cong-doan", "nguoi-lao-dong", "hdnd", "tet"), 2)))
    return made


def _values(rng: random.Random, year: int) -> dict[str, object]:
    return {"org": rng.choice(ORGS), "place": rng.choice(PLACES), "company": rng.choice(COMPANIES),
            "n": rng.randint(12, 480), "k": rng.randint(2, 14), "roman": rng.choice(ROMAN),
            "year": year, "year5": year + 5}


def date_text(style: str, when: datetime) -> str:
    """The date line as each platform prints it."""
    day = f"{when.day:02d}/{when.month:02d}/{when.year}"
    clock = f"{when.hour:02d}:{when.minute:02d}"
    weekday = WEEKDAYS[when.weekday()]
    if style == "weekday":  # "Thứ ba, 25/11/2014 08:15"
        return f"{weekday}, {day} {clock}"
    if style == "nukeviet":  # "Chủ nhật - 12/06/2022 02:33"
        return f"{weekday} - {day} {clock}"
    if style == "aspnet":  # "Ngày xuất bản: 10/02/2022 2:22:00 CH"
        hour = when.hour % 12 or 12
        return f"Ngày xuất bản: {day} {hour}:{when.minute:02d}:00 {'SA' if when.hour < 12 else 'CH'}"
    if style == "wordpress":  # "25 Tháng Mười Một, 2014"
        return f"{when.day} Tháng {MONTHS[when.month - 1]}, {when.year}"
    if style == "newspaper":  # "Thứ Ba, 25/11/2014 - 08:15"
        return f"{weekday.title()}, {day} - {clock}"
    if style == "updated":  # "Cập nhật lúc 08:15 ngày 25/11/2014"
        return f"Cập nhật lúc {clock} ngày {day}"
    return f"{day} {clock}"
