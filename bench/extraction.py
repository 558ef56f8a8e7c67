"""Extraction quality and speed: our cleaner against trafilatura, on the same real pages, in one run.

    python bench/extraction.py --vietnamese-news DIR --article-extraction DIR [-v]

- vietnamese-news (hand-made gold): scored by the benchmark's own score.py (imported from DIR),
  so the checks are exactly its checks: pages fully correct, leaks, and each field.
- article-extraction (181 real pages, mostly English): bag-of-tokens F1 of lowercased whitespace
  tokens against the gold body, averaged over pages, as its README says.
- pages per second: every page of both sets through each extractor, timed around the call only
  (files are read and un-gzipped before the clock starts), by this process's CPU time and by the
  wall clock; the extractors take turns page by page so both see the same machine load.

trafilatura is a bench-only peer (requirements-dev.txt); the project never imports it.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.extract.cleaner import extract
from archive.vietnamese.text import normalize

VN_FIELDS = ("title", "date", "author", "body-start", "body-end", "contains")


@dataclass
class Page:
    name: str
    html: str
    url: str
    gold: Any  # the vietnamese-news gold entry, or the article-extraction gold body


@dataclass
class Tally:
    """One extractor's results over both benchmarks."""

    seconds: float = 0.0  # wall clock
    cpu_seconds: float = 0.0  # this process only: steadier when other jobs share the cores
    pages: int = 0
    vn_full: int = 0
    vn_leaks: int = 0
    vn_fields: Counter = field(default_factory=Counter)
    vn_failures: list[str] = field(default_factory=list)
    vn_tone_only: int = 0  # pages whose only miss is the title's tone-mark placement
    f1: list[float] = field(default_factory=list)
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)


def load_scorer(folder: Path) -> ModuleType:
    """The benchmark's own score.py, so its normalisation and checks are used unchanged."""
    spec = importlib.util.spec_from_file_location("vn_news_score", folder / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"error: no score.py in {folder}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def vietnamese_pages(folder: Path) -> list[Page]:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    pages = []
    for entry in gold["pages"]:
        # As score.py reads them: UTF-8 text, line ends untouched.
        with open(folder / entry["file"], encoding="utf-8", newline="") as handle:
            pages.append(Page(Path(entry["file"]).name, handle.read(), entry.get("url") or "", entry))
    return pages


def article_extraction_pages(folder: Path) -> list[Page]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, entry in sorted(truth.items()):
        html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        pages.append(Page(page_id, html, entry["url"], entry["articleBody"]))
    return pages


def token_scores(gold: str, got: str) -> tuple[float, float, float]:
    """Precision, recall, F1 of the bags of lowercased whitespace tokens."""
    want, have = Counter(gold.lower().split()), Counter(got.lower().split())
    overlap = sum((want & have).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(have.values()), overlap / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def ours_vn(html: str, url: str) -> dict[str, Any]:
    return extract(html, url).to_dict()


def ours_text(html: str, url: str) -> str:
    return extract(html, url).text


def trafilatura_vn(html: str, url: str) -> dict[str, Any]:
    import trafilatura

    # The benchmark README's baseline call.
    document = trafilatura.bare_extraction(html, url=url or None, with_metadata=True)
    return document.as_dict() if document is not None else {}


def trafilatura_text(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


@dataclass
class Extractor:
    name: str
    vn_call: Callable[[str, str], dict[str, Any]]
    text_call: Callable[[str, str], str]
    tally: Tally = field(default_factory=Tally)


def timed(tally: Tally, function: Callable[[str, str], Any], page: Page) -> Any:
    start, cpu = time.perf_counter(), time.process_time()
    result = function(page.html, page.url)
    tally.seconds += time.perf_counter() - start
    tally.cpu_seconds += time.process_time() - cpu
    tally.pages += 1
    return result


def score_vn(extractor: Extractor, page: Page, scorer: ModuleType) -> None:
    tally = extractor.tally
    result = timed(tally, extractor.vn_call, page)
    checks, details = scorer.score(page.gold, result)
    failed = [k for k in VN_FIELDS if not checks[k]]
    tally.vn_fields.update(k for k in VN_FIELDS if checks[k])
    tally.vn_leaks += checks["leaks"]
    if not failed and not checks["leaks"]:
        tally.vn_full += 1
        return
    if failed == ["title"] and normalize(details["title"] or "") == normalize(page.gold["title"]):
        tally.vn_tone_only += 1  # the gold keeps the page's tone placement, we store the canonical one
    tally.vn_failures.append(f"{page.name}: failed {failed or '-'}; leaked {details['leaked']}" + "".join(
        f"\n      {k}: {details[k]!r}" for k in ("title", "published", "author", "text_head", "text_tail")))


def score_text(extractor: Extractor, page: Page) -> None:
    precision, recall, f1 = token_scores(page.gold, timed(extractor.tally, extractor.text_call, page))
    extractor.tally.precision.append(precision)
    extractor.tally.recall.append(recall)
    extractor.tally.f1.append(f1)


def run(extractors: list[Extractor], vn: list[Page], ae: list[Page], scorer: ModuleType) -> None:
    """Page by page, each extractor in turn: on a shared machine both see the same load."""
    for page in vn:
        for extractor in extractors:
            score_vn(extractor, page, scorer)
    for done, page in enumerate(ae, 1):
        for extractor in extractors:
            score_text(extractor, page)
        if done % 50 == 0:
            print(f"  {done}/{len(ae)} article-extraction pages", file=sys.stderr)


def machine() -> str:
    model = ""
    try:
        model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                      if line.startswith("model name")), "")
    except OSError:
        pass
    return (f"{platform.node()}: {model or platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}")


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def table(ours: Tally, peer: Tally, vn: list[Page], ae: list[Page]) -> str:
    import trafilatura

    n = len(vn)
    megabytes = sum(len(p.html.encode("utf-8")) for p in vn + ae) / 1e6
    rows = [("vietnamese-news pages fully correct", f"{ours.vn_full}/{n}", f"{peer.vn_full}/{n}"),
            ("vietnamese-news leaks (boilerplate phrases)", str(ours.vn_leaks), str(peer.vn_leaks))]
    rows += [(f"  {k}", f"{ours.vn_fields[k]}/{n}", f"{peer.vn_fields[k]}/{n}") for k in VN_FIELDS]
    rows += [("  pages missed only by the title's tone-mark placement", str(ours.vn_tone_only), str(peer.vn_tone_only))]
    rows += [(f"article-extraction mean token F1 ({len(ae)} pages)", f"{mean(ours.f1):.3f}", f"{mean(peer.f1):.3f}"),
             ("  mean precision", f"{mean(ours.precision):.3f}", f"{mean(peer.precision):.3f}"),
             ("  mean recall", f"{mean(ours.recall):.3f}", f"{mean(peer.recall):.3f}"),
             (f"pages per second, CPU time ({ours.pages} pages, {megabytes:.1f} MB)",
              f"{ours.pages / ours.cpu_seconds:.1f}", f"{peer.pages / peer.cpu_seconds:.1f}"),
             ("pages per second, wall clock", f"{ours.pages / ours.seconds:.1f}", f"{peer.pages / peer.seconds:.1f}")]
    width = max(len(r[0]) for r in rows)
    head = f"{'':<{width}}  {'ours':>10}  {'trafilatura ' + trafilatura.__version__:>18}"
    lines = [f"machine: {machine()}",
             f"pages: vietnamese-news {n}, article-extraction {len(ae)}; {megabytes:.1f} MB of HTML in all",
             head, "-" * len(head)]
    lines += [f"{label:<{width}}  {a:>10}  {b:>18}" for label, a, b in rows]
    lines.append(f"speed, ours / trafilatura: {peer.cpu_seconds / ours.cpu_seconds:.2f}x by CPU time, "
                 f"{peer.seconds / ours.seconds:.2f}x by wall clock; load average {os.getloadavg()[0]:.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vietnamese-news", type=Path, required=True, help="folder with gold.json, score.py, pages/")
    parser.add_argument("--article-extraction", type=Path, required=True,
                        help="folder with ground-truth.json and html/*.html.gz")
    parser.add_argument("-v", "--verbose", action="store_true", help="explain every vietnamese-news failure")
    args = parser.parse_args(argv)
    for folder, needed in ((args.vietnamese_news, "gold.json"), (args.article_extraction, "ground-truth.json")):
        if not (folder / needed).is_file():
            print(f"error: {folder} has no {needed}", file=sys.stderr)
            return 2
    scorer = load_scorer(args.vietnamese_news)
    vn, ae = vietnamese_pages(args.vietnamese_news), article_extraction_pages(args.article_extraction)
    extractors = [Extractor("ours", ours_vn, ours_text), Extractor("trafilatura", trafilatura_vn, trafilatura_text)]
    # One warm-up page each, so imports and first-call set-up are not timed.
    for extractor in extractors:
        extractor.vn_call(vn[0].html, vn[0].url)
    print(f"running ours and trafilatura on {len(vn) + len(ae)} pages", file=sys.stderr)
    run(extractors, vn, ae, scorer)
    ours, peer = extractors[0].tally, extractors[1].tally
    if args.verbose:
        for extractor in extractors:
            for failure in extractor.tally.vn_failures:
                print(f"[{extractor.name}] {failure}")
    print(table(ours, peer, vn, ae))
    return 0


if __name__ == "__main__":
    sys.exit(main())
