"""The replica sites serve what their manifests claim (real HTTP on 127.0.0.x, marked e2e; no crawling)."""
from __future__ import annotations

import gzip
import html
import re
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from testkit.replicas import ARTICLE_KINDS, FAMILIES, ReplicaServer, ReplicaSite, judge, serve
from testkit.replicas.site import target_key

HREF = re.compile(r'href="([^"]+)"')
NEXT = "›"


def fetch(url: str, gzipped: bool = False) -> tuple[int, str, dict[str, str]]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzipped else {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request) as response:
            body = response.read()
            status, headers = response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)
    if headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return status, body.decode(), headers


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object) -> None:
        return None


def links(page: str) -> list[str]:
    return [html.unescape(href) for href in HREF.findall(page) if href.startswith("/") and not href.startswith("//")]


def linked_articles(site: ReplicaSite, page: str) -> set[int]:
    routes = (site.route(href) for href in links(page))
    return {r.article.id for r in routes if r.kind in ARTICLE_KINDS and r.article is not None}


def next_page(page: str) -> str | None:
    found = re.search(r'<a href="([^"]+)">' + NEXT + "</a>", page)
    return html.unescape(found[1]) if found else None


@pytest.fixture(scope="module", params=sorted(FAMILIES))
def replica(request: pytest.FixtureRequest) -> Iterator[ReplicaServer]:
    with serve(request.param) as server:
        yield server


@pytest.mark.e2e
def test_every_platform_family_of_the_issue_has_a_replica_on_its_own_host() -> None:
    assert set(FAMILIES) == {"dnn", "nukeviet", "liferay", "sharepoint", "websphere", "3cms", "wordpress",
                             "bai-viet", "detailview", "tin-chi-tiet", "post", "dated"}
    with serve("dnn") as one, serve("post") as other:
        assert one.url.split(":")[1] != other.url.split(":")[1]  # 127.0.0.2 and 127.0.0.12


@pytest.mark.e2e
def test_manifest_lists_100_articles_over_15_listing_pages_each_once(replica: ReplicaServer) -> None:
    truth = replica.manifest()
    articles = truth["articles"]
    assert len(articles) >= 100 and truth["listing_pages"] >= 15
    assert len({a["id"] for a in articles}) == len(articles)
    urls = [u for a in articles for u in (a["url"], *a["aliases"], *a["redirects"], a["print"])]
    assert len(set(urls)) == len(urls)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00\+07:00", a["published"]) for a in articles)


@pytest.mark.e2e
def test_listings_walk_to_every_article_and_old_ones_only_deep(replica: ReplicaServer) -> None:
    site, truth = replica.site, replica.manifest()
    status, home, _ = fetch(truth["start_url"])
    assert status == 200
    url, seen, number, shallow = truth["listings"][0], set(), 0, linked_articles(site, home)
    while url:
        number += 1
        status, page, _ = fetch(replica.url + url if url.startswith("/") else url)
        assert status == 200 and site.classify(url).kind == "listing"
        found = linked_articles(site, page)
        seen |= found
        if number < 10:
            shallow |= found
        url = next_page(page)
    assert number == truth["listing_pages"]
    assert seen == {a["id"] for a in truth["articles"]}
    first_page = {a["id"] for a in truth["articles"] if a["listing_page"] == 1}
    assert first_page <= linked_articles(site, home)  # the home page repeats the first listing page
    for category in truth["categories"]:
        for page_url in category["pages"]:
            shallow |= linked_articles(site, fetch(page_url)[1])
    old = {a["id"] for a in truth["articles"] if not a["in_category"]}
    assert len(old) >= 40 and not old & shallow
    assert all(a["listing_page"] >= 10 for a in truth["articles"] if not a["in_category"])


@pytest.mark.e2e
def test_every_url_of_an_article_shows_it(replica: ReplicaServer) -> None:
    shape, truth = replica.site.shape, replica.manifest()
    for article in truth["articles"][::25]:
        title = html.escape(article["title"], quote=False)
        for url in (article["url"], *article["aliases"]):
            status, page, _ = fetch(url)
            assert status == 200 and title in page
            assert (f'<link rel="canonical" href="{html.escape(article["url"])}">' in page) == shape.canonical
            assert (f'<meta property="og:url" content="{html.escape(article["url"])}">' in page) == shape.og_url
            assert "Tin liên quan" in page and "Lượt xem" in page and ">A-</a>" in page
        status, page, _ = fetch(article["print"])
        assert status == 200 and title in page and "window.print()" in page
        for url in article["redirects"]:
            status, _, headers = fetch(url)
            assert status == 301 and headers["Location"] == article["url"]


@pytest.mark.e2e
def test_links_carry_a_token_that_changes_on_every_response(replica: ReplicaServer) -> None:
    """A fresh session per response; SharePoint's Source= names the page the link is on instead."""
    listings = replica.manifest()["listings"]
    first, second = (listings[1], listings[2]) if replica.site.shape.token == "source" else (listings[1], listings[1])
    spellings: dict[str, set[str]] = {}
    for page in (fetch(first)[1], fetch(second)[1]):
        for url in links(page):
            if replica.site.route(url).kind != "missing":
                spellings.setdefault(target_key(url), set()).add(url)
    assert sum(len(found) > 1 for found in spellings.values()) >= 10


@pytest.mark.e2e
def test_the_calendar_never_ends(replica: ReplicaServer) -> None:
    site = replica.site
    url = replica.manifest()["calendar_example"]
    visited = set()
    for _ in range(4):
        status, page, _ = fetch(url if url.startswith("http") else replica.url + url)
        assert status == 200 and site.classify(url).kind == "calendar"
        visited.add(site.classify(url).day)
        url = next(u for u in links(page) if "Ngày trước" in page.split(html.escape(u), 1)[1][:60])
    assert len(visited) == 4
    status, _, _ = fetch(replica.url + site.shape.calendar(site.articles[0].published.date().replace(year=1900)))
    assert status == 200


@pytest.mark.e2e
def test_answers_like_a_web_server(replica: ReplicaServer) -> None:
    truth = replica.manifest()
    before = len(replica.requests)
    status, page, headers = fetch(truth["articles"][0]["url"], gzipped=True)
    assert status == 200 and headers["Content-Encoding"] == "gzip" and "<html" in page
    assert fetch(replica.url + "/khong-co-trang-nay.html")[0] == 404
    status, robots, _ = fetch(replica.url + "/robots.txt")
    assert status == 200 and robots.startswith("User-agent: *")
    assert len(replica.requests) == before + 3


def test_sites_are_deterministic_and_grow_at_the_new_end() -> None:
    small, big = ReplicaSite("nukeviet", 130), ReplicaSite("nukeviet", 150)
    assert ReplicaSite("nukeviet", 130).manifest("http://x")["articles"] == small.manifest("http://x")["articles"]
    stable = ("id", "url", "title", "published", "aliases", "print")
    assert [{k: a[k] for k in stable} for a in big.manifest("http://x")["articles"][:130]] == \
        [{k: a[k] for k in stable} for a in small.manifest("http://x")["articles"]]
    assert ReplicaSite("nukeviet", 130, seed=1).articles[0].paragraphs != small.articles[0].paragraphs


def test_judge_counts_missing_duplicated_and_non_article_records() -> None:
    site = ReplicaSite("dnn", 100)
    base = "http://127.0.0.2:8000"
    everything = [base + site.shape.article(a) for a in site.articles]
    assert judge(site, everything).exact
    first = site.articles[0]
    verdict = judge(site, [*everything[1:], base + "/(S(abc))" + site.shape.aliases(site.articles[1])[1],
                           base + site.shape.print_view(first), base + site.shape.listing(12)])
    assert verdict.missing == [first.id] and verdict.duplicated == {site.articles[1].id: 2}
    assert set(verdict.not_articles.values()) == {"print", "listing"} and not verdict.exact
