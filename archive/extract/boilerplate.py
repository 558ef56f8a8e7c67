"""What boilerplate looks like on Vietnamese news and government pages: names, labels, lines."""
from __future__ import annotations

import re

# A dash opening a lead or a line ("- Chiều 5/3, ...").
LEADING_DASH = re.compile(r"^[-–—]\s+")
# Tags that never hold article text.
# <form> is not here: ASP.NET portals wrap the whole page in one; small forms go by size.
JUNK_TAGS = ("script", "style", "noscript", "iframe", "button", "input", "select", "textarea",
             "svg", "object", "embed", "nav", "marquee", "map", "canvas", "video", "audio", "link", "meta")

# class/id words of boilerplate containers, matched as whole words of the attribute
# (split on spaces, '-', '_'), so "image_desc" or "content" never match "desc" or "tent".
BOILERPLATE_WORDS = {
    "menu", "nav", "navbar", "navigation", "breadcrumb", "breadcrumbs", "banner", "slogan", "marquee",
    "share", "sharing", "social", "print", "fontsize", "toolbar", "tools", "tool", "comment",
    "comments", "binhluan", "tags", "tag", "keyword", "keywords", "tukhoa", "related", "relate", "other",
    "others", "lienquan", "tinlienquan", "tinkhac", "cactinkhac", "samecategory", "cungchuyenmuc",
    "docnhieu", "xemnhieu", "mostview", "mostread", "tieudiem", "sidebar", "widget", "advertisement",
    "advert", "ads", "ad", "quangcao", "qc", "footer", "counter", "visitor", "online", "poll", "thamdo",
    "login", "search", "timkiem", "topbar", "copyright", "pagination", "paging", "phantrang",
    "rightcol", "leftcol", "weather", "subscribe", "newsletter", "rss", "hotline", "modal", "popup", "overlay",
    "promo", "promotion",
}
# A "header" container with one of these words is the article's own header (headline, sapo,
# date), not the page's: "detail-header", "sc-longform-header", "post-header".
ARTICLE_WORDS = {"detail", "article", "post", "longform", "news", "entry", "story", "content", "chitiet",
                 "baiviet", "single"}
ATTRIBUTE_WORDS = re.compile(r"[\s_\-]+")

# Headings of boxes about this article's story: removed, their links kept as `related`.
RELATED_LABELS = {
    "tin lien quan", "tin khac", "cac tin khac", "bai lien quan", "doc them", "ban co the quan tam",
    "xem them", "cac bai viet khac", "bai viet lien quan", "tin tuc lien quan", "co the ban quan tam",
    "cac tin lien quan", "tin bai lien quan", "cac bai khac",
    # topic and series boxes: "Về trang Chủ đề", "Đọc tiếp"
    "ve trang chu de", "chu de", "cung chu de", "tin cung chu de", "doc tiep", "xem tiep", "chuoi bai", "dong su kien",
}
# Headings of site-wide boxes (latest, most read, same section): removed, links not kept.
OTHER_BOX_LABELS = {
    "cung chuyen muc", "tin cung chuyen muc", "cac tin da dua", "tin doc nhieu", "doc nhieu",
    "tieu diem", "tin moi", "tin moi nhat", "tin moi hon", "tin cu hon", "tin noi bat", "tin xem nhieu",
    "xem nhieu", "cac tin moi", "cac tin cu hon", "cac tin moi hon", "tin cung loai", "tin anh",
    "video", "thong bao", "lien ket website", "lien ket", "thong ke truy cap", "doc nhieu nhat", "xem nhieu nhat",
    "tham do y kien", "tham do", "binh chon",
}
BOX_LABELS = RELATED_LABELS | OTHER_BOX_LABELS

# Whole lines that are controls, counters or labels, never text (matched on normalized lines).
BOILERPLATE_LINE = re.compile(
    r"""^(?:
        (?:A\s*){2,3}[+\-]?                       # font-size buttons "A A", "A A A", "A+"
      | (?:Cỡ\s+chữ|Kích\s+thước\s+chữ|Phông\s+chữ)\b.*
      | (?:In\s+bài(?:\s+viết)?|In\s+trang|Bản\s+in|Gửi\s+(?:email|e-mail|bài\s+viết|cho\s+bạn\s+bè)
         |Chia\s+sẻ|Quay\s+lại|Trở\s+về|Lên\s+đầu\s+trang|Về\s+đầu\s+trang|Lưu\s+bài|Bình\s+luận
         |Theo\s+dõi|Tweet|Like|Zalo|Facebook|Email|Print)(?:\s*[|/·•:,]\s*.*)?
      | (?:Lượt\s+xem|Lượt\s+truy\s+cập|Số\s+lượt\s+xem|Đang\s+(?:online|truy\s+cập)|Lượt\s+đọc)\s*:?.*
      | (?:Từ\s+khóa|Từ\s+khoá|Tags?)\s*:.*
      | >>.*
      | Xem\s+thêm\s*:.*
      | \*?\s*Mời\s+(?:bạn\s+đọc|quý\s+(?:vị|độc\s+giả)|độc\s+giả)\b.*   # "* Mời bạn đọc vào chuyên mục ..."
      | (?:Trang\s+chủ|Home)\s*[>»/›].*          # breadcrumbs
      | (?:Cơ\s+quan\s+chủ\s+quản|Chịu\s+trách\s+nhiệm\s+chính|Ghi\s+rõ\s+nguồn|Bản\s+quyền\s+thuộc
         |Copyright|©).*                          # site footers
    )$""",
    re.VERBOSE | re.IGNORECASE,
)

# Lines that only carry the posting date or time: their date is harvested, the line dropped.
DATE_LINE = re.compile(
    r"^(?:(?:Cập\s+nhật|Ngày\s+đăng|Đăng\s+ngày|Ngày\s+cập\s+nhật|Thời\s+gian|Đăng\s+lúc|Cập\s+nhật\s+lúc)"
    r"[^\n]{0,60}|(?:Thứ\s+\w+|Chủ\s+nhật)[, ]+[^\n]{0,40}|[\d\s/.:\-|,hgAPMamp]{8,40}"
    r"|Ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}[\d\s/.:\-|,hgAPMamp]{0,20})$",
    re.IGNORECASE,
)

# class/id words that mark captions and leads.
CAPTION_WORDS = {"caption", "figcaption", "image_desc", "imagedesc", "desc", "img-desc", "chuthich",
                 "photo-caption", "pcaption", "note", "expnote", "imgcaption", "captionimage"}
LEAD_WORDS = {"sapo", "lead", "summary", "description", "chapeau", "intro", "tomtat", "teaser",
              "abstract", "tomluoc", "hometext"}

# class/id words of the element an article header prints its byline in.
AUTHOR_WORDS = {"author", "authors", "byline", "tacgia", "writer", "butdanh"}

# A date (and time) printed after a byline on the same line, from the weekday on.
TRAILING_DATE = re.compile(
    r"\s*[-|,•·]?\s*(?:(?:Thứ\s+\w+|Chủ\s+nhật)\s*,?\s*)?(?:ngày\s+)?\d{1,2}[/.-]\d{1,2}[/.-]\d{4}[\d\s:hAPMapm()GMT+-]*$",
    re.IGNORECASE)
