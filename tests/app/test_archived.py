"""The archived copy: nothing that runs, embeds, submits or leaves the web survives."""
from __future__ import annotations

from lxml import html as lxml_html

from search_app.archived import inert_copy

HOSTILE = """<html><head><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">
<script>alert(1)</script><link rel="stylesheet" href="/x.css"><style>p{color:red}</style></head>
<body onload="alert(2)"><form action="https://evil.example/steal"><div id="content">
<h1 onclick="alert(3)">Tiêu đề bài</h1><p>Đoạn <a href="javascript:alert(4)">một</a>,
<a href=" JaVa&#x09;script:alert(5)">hai</a>, <a href="/tin-tuc/khac.html">bài khác</a>.</p>
<img src="x" onerror="alert(6)" srcset="data:image/svg+xml,<svg onload=alert(7)> 1x">
<iframe src="https://evil.example" srcdoc="<script>alert(8)</script>"></iframe>
<svg><script>alert(9)</script><a xlink:href="javascript:alert(10)"><text>x</text></a></svg>
<object data="x.swf"></object><embed src="x.swf"><input name="q" autofocus onfocus="alert(11)">
<!-- <script>alert(12)</script> --></div></form></body></html>"""


def test_hostile_page_is_made_inert_but_keeps_its_text() -> None:
    copy = inert_copy(HOSTILE, "https://congdoan.cantho.gov.vn/tin-tuc/bai.html")
    document = lxml_html.document_fromstring(copy)
    assert document.xpath("//script|//iframe|//object|//embed|//form|//input|//base|//link") == []
    assert document.xpath("//meta/@http-equiv") == []
    assert all(not name.lower().startswith("on") for el in document.iter() if isinstance(el.tag, str)
               for name in el.attrib)
    links = document.xpath("//@href|//@src|//@srcset|//@action|//@data|//@*[local-name()='href']")
    assert links == ["https://congdoan.cantho.gov.vn/tin-tuc/khac.html", "https://congdoan.cantho.gov.vn/tin-tuc/x"]
    assert "javascript" not in copy.lower() and "alert(" not in copy
    assert document.xpath("string(//h1)") == "Tiêu đề bài" and "bài khác" in copy  # the form's content stays
    assert copy.startswith("<!doctype html>") and '<meta charset="utf-8">' in copy


def test_empty_or_broken_pages_still_give_a_document() -> None:
    for page in ["", "\x00\x00", "<<<>>>", "<html>"]:
        assert inert_copy(page, "https://ex.vn/").startswith("<!doctype html>")
