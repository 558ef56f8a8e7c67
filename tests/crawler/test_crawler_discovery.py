"""Sitemaps, sitemap indexes and feeds: what they list."""
from __future__ import annotations

from crawler.discovery import read_feed, read_sitemap, xml_kind
from crawler.state import CrawlSnapshot

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="/sitemap.xsl"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>/tin-tuc/be-mac-ky-hop-86.html</loc><lastmod>2012-12-13</lastmod></url>
<url><loc> https://hdnd.dienbien.gov.vn/tin-tuc/ky-hop-2466.html </loc></url>
</urlset>"""
INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://baoangiang.com.vn/sitemap-2024.xml</loc></sitemap></sitemapindex>"""
RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Công đoàn</title>
<item><title>Tết sum vầy</title><link>https://laodong.vn/cong-doan/tet-sum-vay-631620.bld</link></item>
<item><title>Hai</title><link>
https://laodong.vn/cong-doan/hai-631621.bld
</link></item></channel></rss>""".encode()
ATOM = """<feed xmlns="http://www.w3.org/2005/Atom"><title>HĐND</title>
<entry><title>Kỳ họp</title><link rel="alternate" href="https://hdnd.dienbien.gov.vn/tin-tuc/ky-hop-2466.html"/>
<link rel="edit" href="https://hdnd.dienbien.gov.vn/admin/2466"/></entry></feed>""".encode()


def test_documents_are_told_apart_by_their_root() -> None:
    assert [xml_kind(d) for d in (URLSET, INDEX, RSS, ATOM)] == ["sitemap", "sitemap", "feed", "feed"]
    assert xml_kind(b"<!DOCTYPE html><html><body>tin</body></html>") is None


def test_sitemap_and_index_list_pages_and_sitemaps() -> None:
    assert read_sitemap(URLSET).pages == ["/tin-tuc/be-mac-ky-hop-86.html",
                                          "https://hdnd.dienbien.gov.vn/tin-tuc/ky-hop-2466.html"]
    assert read_sitemap(URLSET).modified == {"/tin-tuc/be-mac-ky-hop-86.html": "2012-12-13"}
    listed = read_sitemap(INDEX)
    assert listed.documents == ["https://baoangiang.com.vn/sitemap-2024.xml"] and listed.pages == []
    # A sitemap cut short still lists what arrived whole; garbage lists nothing.
    assert read_sitemap(b"<urlset><url><loc>/a-1.html</loc></url><url><lo").pages == ["/a-1.html"]
    assert read_sitemap(b"\x00\x01 not a sitemap").pages == []


def test_feeds_list_their_item_links() -> None:
    assert read_feed(RSS).pages == ["https://laodong.vn/cong-doan/tet-sum-vay-631620.bld",
                                    "https://laodong.vn/cong-doan/hai-631621.bld"]
    assert read_feed(ATOM).pages == ["https://hdnd.dienbien.gov.vn/tin-tuc/ky-hop-2466.html"]
    assert read_feed(b"not xml at all").pages == []


def test_a_lastmod_after_our_fetch_means_changed() -> None:
    snapshot = CrawlSnapshot(known_pages={"https://a.vn/x-1.html": "2024-05-01T03:00:00+00:00"})
    url = "https://a.vn/x-1.html"
    assert snapshot.changed_since_fetched(url, "2024-05-01T11:00:00+07:00")  # 04:00 UTC, after the fetch
    assert not snapshot.changed_since_fetched(url, "2024-05-01T09:00:00+07:00")  # 02:00 UTC, before it
    assert not snapshot.changed_since_fetched(url, "2024-04-30")
    assert not snapshot.changed_since_fetched(url, "not a date") and not snapshot.changed_since_fetched(url, None)
    assert not snapshot.changed_since_fetched("https://a.vn/never-fetched-2.html", "2030-01-01")
