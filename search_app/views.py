"""HTML pages: search, article, versions, citation downloads (exports: exports.py; archived copies: copies.py)."""
from __future__ import annotations

from math import ceil
from typing import Any

from flask import Blueprint, Response, abort, render_template, url_for
from markupsafe import Markup

from archive.search.citation import vietnamese_date
from archive.search.engine import FACETS, MAX_PAGE, SearchError
from archive.search.schema import facet_value, province_labels
from search_app.articles import article_or_404, citations, similar, site_title
from search_app.changes import paragraph_changes
from search_app.errors import BAD_SEARCH
from search_app.requests import search_args, search_link, search_parameters
from search_app.resources import run_search, store
from search_app.timeline import timeline_bars

bp = Blueprint("views", __name__)
bp.add_app_template_filter(vietnamese_date, "vn_date")
# The words of the glossary in README.md: "nguồn" is a site we archive, "trang" only a page.
FACET_NAMES = {"site": "Nguồn", "province": "Tỉnh/thành (khi đăng)", "unit": "Tỉnh/thành (địa giới hiện nay)",
               "kind": "Loại nguồn", "author": "Tác giả", "year": "Năm", "person": "Người", "org": "Tổ chức",
               "place": "Địa danh"}
FILTER_NAMES = {**FACET_NAMES, "from": "Từ ngày", "to": "Đến ngày"}
KIND_NAMES = {"union": "Công đoàn", "council": "HĐND", "newspaper": "Báo"}
SORT_NAMES = {"relevance": "liên quan nhất", "newest": "mới nhất", "oldest": "cũ nhất"}
CITATION_TYPES = {"bib": ("bibtex", "application/x-bibtex; charset=utf-8"),
                  "ris": ("ris", "application/x-research-info-systems; charset=utf-8")}


@bp.get("/")
def home() -> Any:
    """The search box, and every site with its article count, oldest and newest article and last crawl."""
    return render_template("search.html", result=None, args=search_args(), error=None,
                           site_totals=store().site_totals(), **_choices())


@bp.get("/search")
def search() -> Any:
    args = search_args()
    result, error = None, None
    try:
        result = run_search(args)
    except SearchError as problem:
        error = problem.vietnamese or BAD_SEARCH
    for hit in (result or {}).get("hits", []):
        hit["snippet"] = Markup(hit["snippet"])  # built from escaped text; only <mark> added
    last_page = min(ceil(result["total"] / args["limit"]), MAX_PAGE) if result else 0
    return render_template("search.html", result=result, args=args, error=error, facets=FACETS,
                           facet_names=FACET_NAMES, filter_names=FILTER_NAMES, timeline=timeline_bars((result or {}).get("timeline")),
                           last_page=last_page, page_url=page_url, **_choices()), 400 if error else 200


@bp.get("/articles/<int:article_id>")
def article(article_id: int) -> Any:
    found = article_or_404(article_id)
    return render_template("article.html", article=found, site_title=site_title(found), sites=store().sites(),
                           versions=store().versions(article_id), citation=citations(found),
                           similar=similar(article_id), args=None)


@bp.get("/articles/<int:article_id>/versions/<int:number>")
def version(article_id: int, number: int) -> Any:
    """One earlier (or the current) version, with what changed since the one before it."""
    current = article_or_404(article_id)
    shown = store().version(article_id, number)
    if shown is None:
        abort(404)
    before = store().version(article_id, number - 1)
    changes = paragraph_changes(before["text"] if before else "", shown["text"])
    return render_template("version.html", article=current, shown=shown, before=before, changes=changes,
                           versions=store().versions(article_id), args=None)


@bp.get("/articles/<int:article_id>/cite.<any(bib, ris):extension>")
def citation_file(article_id: int, extension: str) -> Any:
    style, content_type = CITATION_TYPES[extension]
    cited = citations(article_or_404(article_id))
    disposition = f'attachment; filename="{cited["key"]}.{extension}"'
    return Response(cited[style], content_type=content_type, headers={"Content-Disposition": disposition})


def page_url(**changes: Any) -> str:
    """The current search with some parameters changed (facet links, pagination, sort)."""
    params = search_parameters()
    params.update(changes)
    params = {k: v for k, v in params.items() if v not in (None, "")}
    if "page" not in changes:
        params.pop("page", None)
    return url_for("views.search", **params)


def export_url(format_name: str) -> str:
    return search_link("exports.download", drop=("page", "limit"), format_name=format_name)


def json_url() -> str:
    """The JSON twin of the current search."""
    return search_link("api.search")


def _choices() -> dict[str, Any]:
    """What the filters offer and how facet values are shown (folded values back to their names)."""
    sites = store().sites()
    labels = {
        "site": {name: site["title"] or name for name, site in sites.items()},
        **province_labels(s["province"] for s in sites.values()),
        "kind": KIND_NAMES,
        "author": {}, "year": {}, "person": {}, "org": {}, "place": {},
    }
    options = sorted({s["province"] for s in sites.values() if s["province"]}, key=facet_value)
    return {"sites": sites, "facet_labels": labels, "province_options": options, "kind_names": KIND_NAMES,
            "sort_names": SORT_NAMES, "export_url": export_url, "json_url": json_url,
            "folded": facet_value}
