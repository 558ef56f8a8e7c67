"""`entities`: the most named people, organisations and places, and what a typed name means."""
from __future__ import annotations

import json
from pathlib import Path

from archive.cli import main
from testkit.entity_gold import store_sample_articles


def test_the_most_named_and_a_name_looked_up(tmp_path: Path, capsys) -> None:
    store_sample_articles(tmp_path)
    assert main(["entities", "--kind", "org", "--limit", "2", "--json", "--data", str(tmp_path)]) == 0
    top = json.loads(capsys.readouterr().out)
    assert [(e["name"], e["articles"]) for e in top["org"]] == [("Liên đoàn Lao động thành phố Cần Thơ", 8),
                                                                  ("Hội đồng nhân dân tỉnh Điện Biên", 7)]
    assert main(["entities", "lo van muon", "--data", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "1  Lò Văn Muôn  (Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh)" in out
    assert main(["entities", "--data", str(tmp_path / "nowhere")]) == 2
