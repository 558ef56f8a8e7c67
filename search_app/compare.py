"""Compare: `/compare?q=&by=` draws the timeline of a search split by province (as published or
now), kind or site as small multiples on one scale (server-rendered SVG); `/compare.csv` holds the
counts per period and group, `/api/compare` is the JSON twin."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify, render_template, request, url_for

from archive.search.compare import OTHER, group_names, to_csv
from archive.search.engine import SearchError
from search_app.requests import search_args
from search_app.resources import engine, store
from search_app.timeline import timeline_bars
from search_app.views import KIND_NAMES

bp = Blueprint("compare", __name__)
GROUPING_NAMES = {"province": "tỉnh/thành (khi đăng)", "unit": "tỉnh/thành (địa giới hiện nay)", "kind": "loại nguồn",
                  "site": "nguồn"}
NO_GROUP = {"province": "Không thuộc tỉnh nào", "unit": "Không thuộc tỉnh nào", "kind": "Chưa phân loại",
            "site": "Không rõ nguồn"}


@bp.get("/compare")
def page() -> Any:
    args, result = _compared()
    charts = _charts(args, result) if result else []
    return render_template("compare.html", args=args, result=result, charts=charts, groupings=GROUPING_NAMES,
                           by=args["by"]), 400 if result is None else 200


@bp.get("/compare.csv")
def csv_file() -> Any:
    args, result = _compared()
    if result is None:
        abort(400)
    disposition = f'attachment; filename="so-sanh-theo-{args["by"]}.csv"'
    # A byte-order mark first: without it Excel reads UTF-8 Vietnamese as mojibake.
    return Response("\ufeff" + to_csv(result, _labels(args["by"])), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": disposition})


@bp.get("/api/compare")
def api() -> Any:
    args, result = _compared()
    if result is None:
        abort(400)
    names = _labels(args["by"])
    for group in result["groups"]:
        group["label"] = names.get(group["value"], group["value"])
    return jsonify(result)


def _compared() -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The request's search and grouping, and the split timeline (None for an unknown grouping)."""
    args = {**search_args(), "by": request.args.get("by", "province")}
    try:
        return args, engine().compare(args["query"], args["by"], filters=args["filters"], store=store())
    except SearchError:
        return args, None


def _charts(args: dict[str, Any], result: dict[str, Any]) -> list[dict[str, Any]]:
    """One chart per group, all on the scale of the biggest count, each bar a link to its search."""
    tallest = max((count for group in result["groups"] for count in group["counts"]), default=0)
    names = _labels(args["by"])
    charts = []
    for n, group in enumerate(result["groups"]):
        buckets = [{**period, "count": count} for period, count in zip(result["periods"], group["counts"], strict=True)]
        narrowed = {**args["filters"], **({args["by"]: group["value"]} if group["value"] not in ("", OTHER) else {})}
        charts.append({"id": f"chart-{n}", "label": names.get(group["value"], group["value"]), "total": group["total"],
                       "search_url": url_for("views.search", q=args["query"], **narrowed),
                       "page_url": _page_url(args["query"], narrowed),
                       "timeline": timeline_bars({"unit": result["unit"], "buckets": buckets}, tallest=tallest)})
    return charts


def _page_url(query: str, filters: dict[str, str]) -> Any:
    """What the timeline template calls for a bar: the group's search narrowed to the bar's period."""
    def url(**changes: Any) -> str:
        params = {k: v for k, v in {**filters, **changes}.items() if v}
        return url_for("views.search", q=query, **params)
    return url


def _labels(by: str) -> dict[str, str]:
    """The names of a grouping's values (facet forms back to names)."""
    return {**group_names(by, store().sites()), **(KIND_NAMES if by == "kind" else {}), "": NO_GROUP[by]}

