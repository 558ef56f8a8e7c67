"""Timeline geometry: bars in the viewBox, heights proportional to counts, sparse labels."""
from __future__ import annotations

from search_app.timeline import HEIGHT, WIDTH, period_label, timeline_bars


def buckets(counts, unit="year"):
    if unit == "year":
        return {"unit": "year", "buckets": [{"period": str(2010 + i), "count": c, "from": f"{2010 + i}-01-01",
                                             "to": f"{2010 + i}-12-31"} for i, c in enumerate(counts)]}
    return {"unit": "month", "buckets": [{"period": f"{2000 + i // 12}-{i % 12 + 1:02d}", "count": c, "from": "",
                                          "to": ""} for i, c in enumerate(counts)]}


def test_bars_are_proportional_and_inside_the_view() -> None:
    drawn = timeline_bars(buckets([2, 8, 0, 4]))
    bars = drawn["bars"]
    assert [b["height"] for b in bars][2] == 0 and bars[1]["height"] == 4 * bars[0]["height"]
    assert bars[1]["height"] == 2 * bars[3]["height"]
    assert all(0 <= b["x"] and b["x"] + b["width"] <= WIDTH and 0 <= b["y"] <= HEIGHT for b in bars)
    assert all(round(b["y"] + b["height"], 1) == drawn["baseline"] for b in bars)
    assert bars[1]["name"] == "Năm 2011: 8 bài" and drawn["total"] == 14


def test_many_months_get_sparse_labels() -> None:
    drawn = timeline_bars(buckets([1] * 120, unit="month"))
    labelled = [b for b in drawn["bars"] if b["show_label"]]
    assert 8 <= len(labelled) <= 14 and drawn["bars"][0]["name"] == "Tháng 1/2000: 1 bài"
    assert period_label("2016-03") == "3/2016" and period_label("2016") == "2016"


def test_nothing_to_draw() -> None:
    assert timeline_bars(None) is None and timeline_bars({"unit": "year", "buckets": []}) is None
