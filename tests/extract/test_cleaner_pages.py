"""The cleaner on realistic whole pages (tests/fixtures/cleaner/): every date format, byline form,
boilerplate box and encoding case the archive meets, and site profiles winning over the general
algorithm.

newspaper.html is one article page of a provincial paper with slots ({date_line}, {byline},
{box}, ...) for the part under test; everything else on it (slogan, menu, breadcrumb, toolbar,
counters, sapo printed twice, headline repeated in the body, photo table, tags, comment form,
ads, most-read box, footer) stays, so each case is checked among the page's real boilerplate.
"""
from __future__ import annotations

import re
import unicodedata

import pytest

from archive.extract.cleaner import extract
from archive.sites import SiteProfile
from tests.support import FIXTURES as SHARED_FIXTURES

FIXTURES = SHARED_FIXTURES / "cleaner"
URL = "https://dongbang.example.vn/trao-45-mai-am-cong-doan-a1234.html"
TITLE = "Trao 45 Mái ấm Công đoàn cho đoàn viên khó khăn"
LEAD = ("Liên đoàn Lao động tỉnh vừa trao 45 căn Mái ấm Công đoàn cho đoàn viên, người lao động có hoàn "
        "cảnh khó khăn về nhà ở trên địa bàn tỉnh.")
LAST_PARAGRAPH = ("Dịp này, Liên đoàn Lao động tỉnh cũng trao 120 phần quà, mỗi phần trị giá 500 nghìn đồng, "
                  "cho công nhân lao động ở các khu công nghiệp.")
CAPTION = "Lãnh đạo Liên đoàn Lao động tỉnh trao quyết định hỗ trợ xây Mái ấm Công đoàn."
DEFAULTS = {"head_extra": "", "date_line": "18/01/2021 - 14:18", "byline": "Tin, ảnh: Văn Thừa - LĐLĐ huyện Cờ Đỏ",
            "inline_box": "", "box": ""}
# Headlines of two other stories, as boxes list them.
OTHER_STORIES = [("/cong-doan-to-chuc-hoi-thao-a1201.html", "Công đoàn tỉnh tổ chức hội thao công nhân năm 2023"),
                 ("/trao-hoc-bong-a1188.html", "Trao học bổng cho con đoàn viên vượt khó học giỏi")]


def newspaper(**slots: str) -> str:
    html = (FIXTURES / "newspaper.html").read_text(encoding="utf-8")
    for name, value in {**DEFAULTS, **slots}.items():
        html = html.replace("{" + name + "}", value)
    return html


def story_list() -> str:
    return "<ul>" + "".join(f'<li><a href="{href}">{title}</a></li>' for href, title in OTHER_STORIES) + "</ul>"


def test_the_page_reads_as_its_reader_sees_it() -> None:
    article = extract(newspaper().encode("utf-8"), URL)
    assert article.title == TITLE
    assert article.lead == LEAD
    assert article.paragraphs[0] == LEAD and article.paragraphs[-1] == LAST_PARAGRAPH
    assert len(article.paragraphs) == 4
    assert article.captions == [CAPTION]
    assert article.site == "dongbang.example.vn"


def test_controls_counters_and_chrome_never_reach_the_text() -> None:
    article = extract(newspaper(), URL)
    chrome = ["TOÀN ĐẢNG", "Trang chủ", "Thời sự", "Cỡ chữ", "In bài viết", "Gửi email", "Chia sẻ", "Lượt xem", "Lượt truy cập",
              "Ý kiến bạn đọc", "Gửi bình luận", "Từ khóa", "Mái ấm Công đoàn,", "Quảng cáo", "Tin đọc nhiều",
              "Công nhân khu công nghiệp đón Tết", "Cơ quan chủ quản", "Bản quyền", "Báo Đồng Bằng"]
    for phrase in chrome:
        assert phrase not in article.text and phrase not in article.title, phrase
    assert not any(re.fullmatch(r"(A\s*)+", p) for p in article.paragraphs)  # the "A A" font buttons


def test_lead_printed_twice_is_kept_once_and_the_title_repeated_in_the_body_is_dropped() -> None:
    article = extract(newspaper(), URL)
    assert article.text.count("vừa trao 45 căn Mái ấm Công đoàn") == 1
    assert TITLE not in article.text


@pytest.mark.parametrize(("date_line", "published"), [
    ("Ngày 28 tháng 12 năm 2016", "2016-12-28"),
    ("18/01/2021 - 14:18", "2021-01-18T14:18:00+07:00"),
    ("Cập nhật ngày 09/07/2020 04:05:37 AM", "2020-07-09T04:05:37+07:00"),
    ("Thứ ba, ngày 25/11/2014", "2014-11-25"),
    ("09:47, 15/03/2021", "2021-03-15T09:47:00+07:00"),
    ("Cập nhật lúc: 09:24 |23/07/2014", "2014-07-23T09:24:00+07:00"),
    ("Ngày đăng: 08/07/2024 11:38", "2024-07-08T11:38:00+07:00"),
    ("05.07.2023", "2023-07-05"),
    ("Thứ Hai, 02/03/2020 - 07:05 PM", "2020-03-02T19:05:00+07:00"),  # 2 March: day before month
])
@pytest.mark.parametrize("where", ["next to the headline", "first line of the body"])
def test_visible_dates(date_line: str, published: str, where: str) -> None:
    if where == "next to the headline":
        html = newspaper(date_line=date_line)
    else:  # some CMSes print the date line inside the article container, as its first line
        html = newspaper(date_line="").replace('<div class="content-detail">',
                                               f'<div class="content-detail"><p>{date_line}</p>')
    article = extract(html, URL)
    assert article.published == published
    assert date_line not in article.text


@pytest.mark.parametrize(("head", "date_line", "published", "updated"), [
    (('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
     '"datePublished": "2021-01-18T07:18:00Z", "dateModified": "2021-01-19T09:00:00+07:00"}</script>'),
     "18/01/2021 - 14:18", "2021-01-18T14:18:00+07:00", "2021-01-19T09:00:00+07:00"),
    (('<meta property="article:published_time" content="2020-07-09T04:05:37+07:00" />'
     '<meta property="article:modified_time" content="2020-07-10T08:00:00+07:00" />'),
     "", "2020-07-09T04:05:37+07:00", "2020-07-10T08:00:00+07:00"),
    # A meta tag in US order (11 September, 3:29 PM): the visible line says which day it is.
    ('<meta name="article:published_time" content="9/11/2021 3:29:47 PM" />', "11/09/2021 15:29",
     "2021-09-11T15:29:00+07:00", None),
    # The meta tag has the day only; the page prints the time.
    ('<meta property="article:published_time" content="2014-11-25" />', "Thứ ba, ngày 25/11/2014 10:15",
     "2014-11-25T10:15:00+07:00", None),
])
def test_machine_dates_in_vietnam_time(head: str, date_line: str, published: str, updated: str | None) -> None:
    article = extract(newspaper(head_extra=head, date_line=date_line), URL)
    assert (article.published, article.updated) == (published, updated)


@pytest.mark.parametrize(("byline", "author", "credit"), [
    ("Tin, ảnh: Văn Thừa - LĐLĐ huyện Cờ Đỏ", "Văn Thừa", "Tin, ảnh: Văn Thừa - LĐLĐ huyện Cờ Đỏ"),
    ("MỸ HẠNH", "Mỹ Hạnh", "MỸ HẠNH"),
    ("Theo Vietnamnet", None, "Theo Vietnamnet"),  # a source, not an author
    ("<strong>NGỌC ANH</strong> (lược dịch)", "Ngọc Anh", "NGỌC ANH (lược dịch)"),
])
def test_bylines_close_the_article(byline: str, author: str | None, credit: str) -> None:
    article = extract(newspaper(byline=byline), URL)
    assert (article.author, article.credit) == (author, credit)
    assert article.paragraphs[-1] == LAST_PARAGRAPH


def test_author_line_then_source_line() -> None:
    article = extract(newspaper(byline="MỸ HẠNH</p><p>Theo Vietnamnet"), URL)
    assert article.author == "Mỹ Hạnh"
    assert article.paragraphs[-1] == LAST_PARAGRAPH


def test_article_header_inside_the_body() -> None:
    # OneCMS-style: section label, headline and "author • date" line inside the article container.
    header = (f'<div class="longform-header"><span class="category">Công đoàn</span><h1>{TITLE}</h1>'
              f'<p class="author-date">MỸ HẠNH • 18/01/2021 14:18</p><p class="sapo">{LEAD}</p></div>')
    page = newspaper(byline="")
    sapo = page[page.index('<div class="detail-desc">'):page.index('<div class="content-detail">')]
    html = page.replace(f'<div class="detail-title"><h1>{TITLE}</h1></div>', "").replace(sapo, "").replace(
        '<div class="content-detail">', f'<div class="content-detail">{header}')
    article = extract(html, URL)
    assert article.title == TITLE
    assert (article.author, article.published) == ("Mỹ Hạnh", "2021-01-18T14:18:00+07:00")
    assert article.paragraphs[0] == LEAD and article.paragraphs[-1] == LAST_PARAGRAPH
    assert "MỸ HẠNH" not in article.text and "Công đoàn\n" not in article.text + "\n"


RELATED = ["Tin liên quan", "Tin khác", "Các tin khác", "Bài liên quan", "Đọc thêm", "Bạn có thể quan tâm"]
SITE_WIDE = ["Cùng chuyên mục", "Các tin đã đưa", "Tin đọc nhiều", "Tiêu điểm"]


@pytest.mark.parametrize("label", RELATED + SITE_WIDE)
@pytest.mark.parametrize("where", ["after the article", "inside the article container"])
def test_boxes_of_other_stories_never_reach_the_text(label: str, where: str) -> None:
    box = f'<div class="box-news"><h3>{label}</h3>{story_list()}</div>'
    slots = {"box": box} if where == "after the article" else {"inline_box": f"<p><strong>{label}:</strong></p>{story_list()}"}
    article = extract(newspaper(**slots), URL)
    assert label not in article.text
    for _, title in OTHER_STORIES:
        assert title not in article.text
    assert article.paragraphs[-1] == LAST_PARAGRAPH and article.author == "Văn Thừa"
    if label in RELATED:  # links about this story are kept as metadata, resolved against the page, not <base>
        urls = [r["url"] for r in article.related]
        assert urls == ["https://dongbang.example.vn" + href for href, _ in OTHER_STORIES]


def test_pointer_lines_are_related_links() -> None:
    lines = "".join(f'<p>&gt;&gt; <a href="{href}">{title}</a></p>' for href, title in OTHER_STORIES)
    article = extract(newspaper(inline_box=lines), URL)
    assert ">>" not in article.text and OTHER_STORIES[0][1] not in article.text
    assert [r["title"] for r in article.related] == [title for _, title in OTHER_STORIES]


def test_teaser_card_of_another_story_inside_the_body() -> None:
    href, title = OTHER_STORIES[0]
    card = (f'<div class="inner-article"><a href="{href}"><img src="thumb.jpg" alt=""></a><h4><a href="{href}">'
            f'{title}</a></h4><p>Hơn 300 vận động viên là công nhân các doanh nghiệp tham gia tranh tài.</p></div>')
    article = extract(newspaper(inline_box=card), URL)
    assert title not in article.text and "Hơn 300 vận động viên" not in article.text


# --- encodings -----------------------------------------------------------------------------------

def test_meta_charset_beats_a_wrong_http_header() -> None:
    article = extract(newspaper().encode("utf-8"), URL, header_charset="iso-8859-1")
    assert article.title == TITLE and article.lead == LEAD


def test_undeclared_utf8_is_detected() -> None:
    html = newspaper().replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />', "")
    assert "charset" not in html
    assert extract(html.encode("utf-8"), URL).title == TITLE


PORTAL_URL = "http://ldld-thoilai.example.vn/tintuc.asp?id=312"
PORTAL_TITLE = "HỘI NGHỊ TỔNG KẾT CÔNG TÁC CÔNG ĐOÀN NĂM 2009"


@pytest.mark.parametrize("declared", [True, False])
def test_windows_1258_with_combining_tone_marks_comes_out_composed(declared: bool) -> None:
    raw = (FIXTURES / "portal-windows-1258.html").read_bytes()
    assert b"\xcc" in raw or b"\xde" in raw  # cp1258 tone marks are separate bytes after the letter
    if not declared:
        raw = raw.replace(b" charset=windows-1258", b"")
    article = extract(raw, PORTAL_URL, header_charset="utf-8" if declared else None)
    assert article.title == PORTAL_TITLE
    assert article.published == "2010-01-14T08:30:00+07:00"
    assert article.author == "Minh Thủy"
    assert article.paragraphs[0].startswith("Sáng ngày 13/01/2010, Liên đoàn Lao động huyện Thới Lai")
    assert len(article.paragraphs) == 3
    everything = article.title + article.text
    assert unicodedata.normalize("NFC", everything) == everything
    assert not re.search("[\u0300-\u036f]", everything)
    assert "Thống kê truy cập" not in article.text and "Đang online" not in article.text


def test_word_paste_nested_documents_and_a_stray_html_end() -> None:
    article = extract((FIXTURES / "word-paste.html").read_bytes(),
                      "https://hdnd.dienbien.gov.vn/tin-tuc/dien-bien-phat-dong-thang-cong-nhan-nam-2015-437.html")
    assert article.title == "Điện Biên phát động Tháng Công nhân năm 2015"
    assert article.published == "2015-05-05T09:15:20+07:00"
    assert article.author == "Lò Thị Hằng"
    assert article.paragraphs[0].startswith("Sáng ngày 04/5, Liên đoàn Lao động tỉnh tổ chức lễ phát động")
    # Text after the stray </html> and inside the nested <p> is kept; Word's <o:p> leaves nothing.
    assert article.paragraphs[-1] == "Các hoạt động sẽ kéo dài đến hết ngày 31/5/2015."
    assert "và đối thoại giữa người sử dụng lao động" in article.text
    assert "o:p" not in article.text and "Cơ quan chủ quản" not in article.text


def test_control_characters_of_word_pastes_never_break_the_page() -> None:
    # Word's manual line break (\v) between words, stray C0 controls, and a box after the text
    # whose removal moves its tail next to them.
    html = newspaper(inline_box='<div class="share">Chia sẻ</div>tiếp tục\x08 hỗ trợ\x1f.').replace(
        "khó khăn về chỗ ở", "khó khăn\x0bvề chỗ ở\x01")
    article = extract(html, URL)
    assert "khó khăn về chỗ ở để được hỗ trợ trong năm tới." in article.text
    assert not any(ord(ch) < 32 and ch != "\n" for ch in article.text)
    assert "Chia sẻ" not in article.text


# --- site profiles -------------------------------------------------------------------------------

PROFILE = SiteProfile(name="ldld-haugiang", selectors={"title": "#ctl00_ContentPlaceHolder1_lblTieuDe",
                                                       "body": "#ctl00_ContentPlaceHolder1_pnlTinKhac"})
ASPNET_URL = "https://ldld.haugiang.example.vn/ChiTiet.aspx?ID=1523"


def test_profile_selectors_win_over_the_general_algorithm() -> None:
    raw = (FIXTURES / "aspnet-portal.html").read_bytes()
    general = extract(raw, ASPNET_URL)
    # Without the profile: the banner's site name passes for a headline and the body panel, named
    # like an "other news" box (pnlTinKhac), goes as boilerplate.
    assert general.title != "Công đoàn Khu công nghiệp Sông Hậu tổ chức Ngày hội công nhân"
    assert "hơn 500 đoàn viên" not in general.text
    article = extract(raw, ASPNET_URL, PROFILE)
    assert article.title == "Công đoàn Khu công nghiệp Sông Hậu tổ chức Ngày hội công nhân"
    assert article.paragraphs == [
        ("Ngày 07/7, Công đoàn Khu công nghiệp Sông Hậu tổ chức Ngày hội công nhân với nhiều hoạt động thể thao, "
        "văn nghệ cho hơn 500 đoàn viên."), "Dịp này, ban tổ chức trao 50 phần quà cho công nhân có hoàn cảnh khó khăn."]
    assert (article.author, article.published, article.site) == ("Phương Nam", "2024-07-08T11:38:00+07:00",
                                                                 "ldld-haugiang")


def test_profile_remove_selector() -> None:
    profile = SiteProfile(name="dongbang", selectors={"remove": ".content-detail table.image-box"})
    article = extract(newspaper(), URL, profile)
    assert article.captions == [] and article.paragraphs[-1] == LAST_PARAGRAPH
