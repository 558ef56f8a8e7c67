"""`entities`: the most named people, organisations and places, and what a typed name means."""
from __future__ import annotations

import json
from pathlib import Path

from archive.cli import main
from archive.storage.store import Store
from testkit.entity_gold import gold, sample_article, site_provinces


def _archive(data: Path) -> None:
    with Store(data / "archive.sqlite3") as store:
        for site, province in site_provinces().items():
            store.upsert_site(site, site, province, "union", None)
        for item in gold():
            article = sample_article(item["site"], item["path"])
            article.site = item["site"]
            store.upsert_article(article)


def test_the_most_named_and_a_name_looked_up(tmp_path: Path, capsys) -> None:
    _archive(tmp_path)
    assert main(["entities", "--kind", "org", "--limit", "2", "--json", "--data", str(tmp_path)]) == 0
    top = json.loads(capsys.readouterr().out)
    assert [(e["name"], e["articles"]) for e in top["org"]] == [("Liên đoàn Lao động thành phố Cần Thơ", 8),
                                                                  ("Hội đồng nhân dân tỉnh Điện Biên", 7)]
    assert main(["entities", "lo van muon", "--data", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "1  Lò Văn Muôn  (Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh)" in out
    assert main(["entities", "--data", str(tmp_path / "nowhere")]) == 2
