"""Article identity on the URL shapes of real provincial portals: one spelling, one article."""
from __future__ import annotations

import pytest

from archive.extract.identity import Identity, article_key, canonical_url, identify

LIFERAY = ("http://baobacninh.com.vn/web/bbn/lao-ong-viec-lam?p_p_auth={token}&p_p_id=newsbycategory_WAR_"
           "bacninhportlet_INSTANCE_6gFsxWuFPNPh&p_p_lifecycle=0&p_p_state=normal&p_p_mode=view&p_p_col_id="
           "column-2&p_p_col_pos=13&p_p_col_count=21&_newsbycategory_WAR_bacninhportlet_INSTANCE_6gFsxWuFPNPh_"
           "categoryId=22185")


@pytest.mark.parametrize(("first", "second"), [
    (LIFERAY.format(token="VRZM6sM7"), LIFERAY.format(token="Mgm74ftN")),  # Liferay's per-session token
    ("http://site.vn/tin/bai-1.html;jsessionid=8F3A0B", "http://site.vn/tin/bai-1.html;jsessionid=77CC01"),
    ("http://hdnd.dongthap.gov.vn/wps/portal/hdnd2/tin-tuc/!ut/p/z1/04_Sj9CPykssy0x/dz/d5/L2dBISEvZ0FBIS9nQSEh/",
     "http://hdnd.dongthap.gov.vn/wps/portal/hdnd2/tin-tuc/!ut/p/z1/rZLLDoIwEEV_ZZcuSGpbaVliYnxEdaHG2I1pyQ/"),
    ("http://hdnd.vn/Default.aspx?tabid=5&__VIEWSTATE=dDwtMTA4&__EVENTTARGET=ctl00%24pager",
     "http://hdnd.vn/Default.aspx?__EVENTVALIDATION=xyz&tabid=5"),
    ("https://congdoanbrvt.org.vn/li%cc%a3ch-su%cc%89/", "https://congdoanbrvt.org.vn/li%CC%A3ch-su%CC%89/"),
    ("http://SITE.vn:80/a?b=2&a=1#x", "http://site.vn/a?a=1&b=2"),
    ("https://site.vn/bai-post571006.html?gidzl=AbC1", "https://site.vn/bai-post571006.html?gidzl=XyZ2"),  # Zalo
    ("http://hdnd.vn/tin-tuc/Pages/chi-tiet-tin-tuc.aspx?ItemID=708&Source=%2Ftin-tuc%2FPages%2Fdefault.aspx",
     "http://hdnd.vn/tin-tuc/Pages/chi-tiet-tin-tuc.aspx?ItemID=708&Source=http%3A%2F%2Fhdnd.vn%2F"),
])
def test_tokens_that_change_on_every_response_never_multiply_pages(first: str, second: str) -> None:
    assert canonical_url(first) == canonical_url(second)
    assert canonical_url(canonical_url(first)) == canonical_url(first)


def test_what_names_a_page_is_kept() -> None:
    liferay = canonical_url(LIFERAY.format(token="x"))
    assert "categoryId=22185" in liferay and "p_p_id=newsbycategory" in liferay
    assert canonical_url("http://site.vn/Default.aspx?tabid=74&NID=3456") != canonical_url(
        "http://site.vn/Default.aspx?tabid=74&NID=3457")


@pytest.mark.parametrize(("url", "key"), [
    ("http://congdoanquangnam.org.vn/Default.aspx?tabid=656&Group=10&NID=1373&ldld-tinh-trao&language=en-US",
     "nid:1373"),
    ("https://ldld.quangbinh.gov.vn/3cms/Ban-in-507.htm?art=13969217229087", "art:13969217229087"),
    ("http://site.vn/web/x?_news_WAR_portlet_articleId=55&p_p_id=news_WAR_portlet", "articleid:55"),
    ("https://baolongan.vn/kien-giang-sap-nhap-a193883.html", "a:193883"),
    ("https://www.sggp.org.vn/124-gia-dinh-cong-nhan-post838133.html", "post:838133"),
    ("https://congdoantuyenquang.vn/DetailView/86264/4/Tong-Lien-doan.html", "detail:86264"),
    ("http://congdoankh.org.vn/tin-chi-tiet/id/2585/Hon-300-doan-vien", "detail:2585"),
    ("https://baokhanhhoa.vn/chinh-tri/202111/phien-hop-thuong-truc-8235921", "id:8235921"),
    ("https://congdoandanang.org.vn/tin-tuc/123/cong-doan-phuong-lien-chieu", "/tin-tuc/123"),
    ("https://congdoandanang.org.vn/tin-tuc/123", "/tin-tuc/123"),
    ("https://congdoandanang.org.vn/bai-viet/cong-doan-phuong-lien-chieu", None),
    ("https://example.vn/nam/2024", None),
    ("https://congdoan.quangtri.gov.vn/Lien-doan-Lao-dong-tinh/tong-lien-doan-gap-go-2817.html", "slug:tong-lien-doan-gap-go-2817"),
    ("https://congdoan.quangtri.gov.vn/index.php?language=vi&nv=tin-tuc&op=lien-doan/tong-lien-doan-gap-go-2817",
     "slug:tong-lien-doan-gap-go-2817"),
    ("http://hdnd.vn/wps/portal/hdnd/tin-tuc/tiep-xuc-cu-tri/giam-sat", "wcm:/hdnd/tin-tuc/tiep-xuc-cu-tri/giam-sat"),
    ("http://hdnd.vn/wps/wcm/connect/hdnd/tin-tuc/tiep-xuc-cu-tri/giam-sat/", "wcm:/hdnd/tin-tuc/tiep-xuc-cu-tri/giam-sat"),
    ("http://hdnd.vn/wps/portal/hdnd/chi-tiet?urile=wcm%3Apath%3A%2Fhdnd%2Ftin-tuc%2Ftiep-xuc-cu-tri%2Fgiam-sat",
     "wcm:/hdnd/tin-tuc/tiep-xuc-cu-tri/giam-sat"),
])
def test_platform_article_ids(url: str, key: str | None) -> None:
    assert article_key(url) == key


def test_the_page_names_its_article_unless_its_claim_is_implausible() -> None:
    fetched = "http://site.vn/tin-tuc/123"
    own = "/tin-tuc/123/cong-doan-phuong-lien-chieu"

    def on_site(url: str) -> bool:
        return url.startswith("http://site.vn/")

    found = identify(fetched, own, on_site, requested_url=fetched + ";jsessionid=1")
    assert found == Identity("http://site.vn" + own, (fetched, fetched + ";jsessionid=1"), "/tin-tuc/123")
    assert identify(fetched, None, on_site).url == fetched
    assert identify(fetched, "http://other.vn" + own, on_site).url == fetched
    assert identify(fetched, "/", on_site).url == fetched  # the home page as every page's canonical link
    assert identify(fetched, "/chuyen-muc/tin-tuc", on_site).url == fetched
    # A canonical link naming another article (a template bug) is not believed.
    assert identify("http://site.vn/bai-a123.html", "/bai-khac-a999.html", on_site) == \
        Identity("http://site.vn/bai-a123.html", (), "a:123")
