"""The cleaner on hard cases: broken markup, encodings, boxes, bylines, and random input."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archive.extract.cleaner import extract
from archive.extract.page_kind import judge

PARAGRAPHS = "".join(f"<p>Đoạn văn thứ {i} nói về hoạt động công đoàn, chăm lo cho đoàn viên và người lao động "
                     f"trong tỉnh, với nhiều kết quả nổi bật.</p>" for i in range(1, 5))


def page(body: str, head: str = '<meta charset="utf-8">') -> str:
    return f"<html><head>{head}<title>Trang</title></head><body>{body}</body></html>"


def test_related_boxes_become_metadata_never_text() -> None:
    html = page('<h1>Hội nghị tổng kết công tác công đoàn năm 2020</h1><div class="content">' + PARAGRAPHS +
                '<p>Bảo An</p></div><div><h3>Tin liên quan</h3><ul>'
                '<li><a href="/tin-tuc/a-1.html">Đại hội Công đoàn cơ sở nhiệm kỳ mới</a></li>'
                '<li><a href="/tin-tuc/b-2.html">Tháng Công nhân năm 2021 ở Điện Biên</a></li></ul></div>')
    article = extract(html, "https://hdnd.dienbien.gov.vn/tin-tuc/x-3.html")
    assert [r["url"] for r in article.related] == ["https://hdnd.dienbien.gov.vn/tin-tuc/a-1.html",
                                                   "https://hdnd.dienbien.gov.vn/tin-tuc/b-2.html"]
    assert "Tin liên quan" not in article.text and "Đại hội Công đoàn cơ sở" not in article.text
    assert article.author == "Bảo An" and len(article.paragraphs) == 4


def test_base_href_does_not_resolve_related_links() -> None:
    html = page('<h1>Hội nghị tổng kết công tác công đoàn năm 2020</h1><div class="content">' + PARAGRAPHS +
                '</div><div class="box"><h3>Tin liên quan</h3><a href="other-story-a12.html">Một tin khác '
                'về công đoàn tỉnh</a></div>', '<meta charset="utf-8"><base href="https://static.cdn.vn/">')
    article = extract(html, "https://baoangiang.com.vn/story-a11.html")
    assert article.related[0]["url"] == "https://baoangiang.com.vn/other-story-a12.html"


def test_word_debris_nested_paragraphs_and_stray_html_end() -> None:
    html = ('<html><body><h1>Tập huấn an toàn vệ sinh lao động năm 2014</h1><div class="news-content">'
            '<p class="MsoNormal">Ngày 21/8/2014, LĐLĐ quận tổ chức tập huấn<o:p></o:p> cho cán bộ công đoàn cơ sở '
            'trên địa bàn quận, với hơn 100 học viên tham dự.<p>Đoạn lồng trong đoạn, về nội dung '
            'tập huấn và kết quả đạt được của lớp học.</p></p></html><p>Đoạn sau thẻ html đóng, vẫn là bài '
            'viết và phải được giữ lại trong văn bản.</p></div></body></html>')
    article = extract(html, "https://congdoan.cantho.gov.vn/tin-tuc/tap-huan")
    assert article.published == "2014-08-21"
    assert "o:p" not in article.text
    assert article.paragraphs[:2] == [
        ("Ngày 21/8/2014, LĐLĐ quận tổ chức tập huấn cho cán bộ công đoàn cơ sở trên địa bàn quận, với hơn "
        "100 học viên tham dự."), "Đoạn lồng trong đoạn, về nội dung tập huấn và kết quả đạt được của lớp học."]


def test_listing_page_is_not_an_article() -> None:
    items = "".join(f'<li><a href="/tin-{i}.html">Tiêu đề bài viết số {i} về công đoàn</a><p>Tóm tắt bài '
                    f'viết số {i} về hoạt động công đoàn...</p></li>' for i in range(8))
    verdict = judge(page(f'<div class="list"><ul>{items}</ul></div>'), "https://x.vn/tin-tuc?page=2")
    assert verdict.kind == "listing" and verdict.article is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' pdivahbrtleĐđàấ&;#x0123:o")), max_size=400))
def test_random_markup_never_raises(markup: str) -> None:
    extract(markup, "https://x.vn/a")
    extract(markup.encode("utf-8", "surrogatepass"), "https://x.vn/a")


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=2000))
def test_truncated_real_page_never_raises(cut: int) -> None:
    html = page('<h1>Hội nghị tổng kết công tác công đoàn năm 2020</h1><div class="content">' + PARAGRAPHS)
    extract(html.encode()[:cut], "https://x.vn/a")
