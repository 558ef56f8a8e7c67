"""People, organisations and places in the app: filters and facets, entity pages, names on article
pages, and their JSON twins, over an archive of the 33 sample articles (the real cleaner)."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from search_app import create_app
from testkit.entity_gold import store_sample_articles

MUON = "Lò Văn Muôn"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("entities")
    store_sample_articles(data)
    app = create_app({"DATA_DIR": str(data), "TESTING": True, "RATELIMIT_ENABLED": False})
    return app.test_client()


def _search(client, **params) -> dict:
    return client.get("/api/search", query_string=params).get_json()


def test_filters_by_person_organisation_and_place(client) -> None:
    by_person = _search(client, q=f'person:"{MUON}"')
    assert [h["title"] for h in by_person["hits"]] == [
        "Chủ tịch HĐND tỉnh Lò Văn Muôn dự Hội nghị điển hình tiên tiến Liên đoàn Lao động tỉnh"]
    assert _search(client, q="person:muon")["total"] == 1  # part of a name, no accents
    assert _search(client, q="", person=MUON)["total"] == 1  # the facet links' form
    # every spelling of the union of Cờ Đỏ, its own byline included
    assert _search(client, q='org:"LĐLĐ huyện Cờ Đỏ"')["total"] == 3
    assert _search(client, q='org:"Liên đoàn Lao động huyện Cờ Đỏ" covid')["total"] == 1
    assert _search(client, q='place:"Tủa Chùa"')["total"] == 2
    assert _search(client, q='person:"Nguyễn Văn Không Có"')["total"] == 0


def test_facets_count_the_entities_of_the_matches(client) -> None:
    facets = _search(client, q="", sort="newest", site="hdnd-dienbien")["facets"]
    assert facets["org"]["Hội đồng nhân dân tỉnh Điện Biên"] == 7
    assert facets["org"]["Liên đoàn Lao động tỉnh Điện Biên"] == 6
    assert facets["person"]["Bảo An"] == 4  # a byline is a person too
    assert facets["place"]["thành phố Điện Biên Phủ"] == facets["place"]["Điện Biên"] == 4
    assert all(len(facets[kind]) <= 10 for kind in ("person", "org", "place"))


def test_entity_page_and_its_json_twin(client) -> None:
    entity = client.get("/api/entities/person/" + quote(MUON.lower())).get_json()
    assert entity["name"] == MUON and entity["kind"] == "person"
    assert entity["articles"] == entity["total"] == 1
    assert entity["roles"] == [{"role": "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh", "articles": 1}]
    assert entity["timeline"]["buckets"][0] == {"period": "2020-07", "count": 1, "from": "2020-07-01",
                                                "to": "2020-07-31"}
    assert "Tỉnh ủy Điện Biên" in entity["named_with"]["org"]
    page = client.get(entity["url"]).get_data(as_text=True)
    assert f"<h1>{MUON}</h1>" in page and "Phó Bí thư Thường trực Tỉnh ủy" in page
    assert "/articles/" in page and "<svg" in page  # its articles and timeline
    org = client.get("/api/entities/org/" + quote("liên đoàn lao động thành phố cần thơ")).get_json()
    assert org["articles"] == 8 and [h["published"] for h in org["hits"]] == sorted(
        (h["published"] for h in org["hits"]), reverse=True)
    assert client.get("/entities/person/" + quote("không có ai")).status_code == 404
    assert client.get("/api/entities/planet/mars").status_code == 404


def test_names_on_an_article_page_link_to_their_pages(client) -> None:
    hit = _search(client, q=f'person:"{MUON}"')["hits"][0]
    named = client.get(f"/api/articles/{hit['id']}").get_json()["entities"]
    muon = next(e for e in named if e["name"] == MUON)
    assert muon["kind"] == "person" and muon["role"].endswith("Chủ tịch HĐND tỉnh")
    page = client.get(f"/articles/{hit['id']}").get_data(as_text=True)
    assert f'<a href="{muon["url"]}">{MUON}</a>' in page
    assert client.get(muon["url"]).status_code == 200


def test_the_most_named_entities(client) -> None:
    top = client.get("/api/entities").get_json()
    assert top["org"][0] == {**top["org"][0], "name": "Liên đoàn Lao động thành phố Cần Thơ", "articles": 8}
    assert top["place"][0]["name"] == "Cần Thơ"
    page = client.get("/entities").get_data(as_text=True)
    assert "Liên đoàn Lao động thành phố Cần Thơ" in page
