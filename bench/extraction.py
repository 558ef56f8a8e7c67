"""Extraction quality and speed: our cleaner against trafilatura, on the same real pages, in one run.

    python bench/extraction.py --vietnamese-news DIR --article-extraction DIR [-v] [--cli-runs N]

- vietnamese-news (hand-made gold): scored by the benchmark's own score.py (imported from DIR),
  so the checks are exactly its checks: pages fully correct, leaks, and each field.
- article-extraction (181 real pages, mostly English): bag-of-tokens F1 of lowercased whitespace
  tokens against the gold body, averaged over pages, as its README says.
- two feeds: each extractor gets every page once as decoded text and once as the raw bytes (its
  own charset detection); trafilatura's F1 differs between the two, so both are reported.
- pages per second in-process: every page of both sets through each extractor, timed around the
  call only (files are read and un-gzipped before the clock starts), by this process's CPU time
  and by the wall clock; the extractors take turns page by page so all see the same machine load.
- the batch path as users run it, end to end: every page written to a folder, then
  `python -m archive extract FILES... --json > out.jsonl` (a new process: start-up, reading the
  files, site templates, cleaning, JSON lines), against trafilatura reading the same files,
  extracting with metadata and writing JSON lines in this process (no start-up counted for it).
  Best of --cli-runs runs each, by CPU time (the child's for ours) and by wall clock.

trafilatura is a bench-only peer (requirements-dev.txt); the project never imports it.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
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


ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Page:
    name: str
    html: str
    url: str
    gold: Any  # the vietnamese-news gold entry, or the article-extraction gold body
    raw: bytes = b""  # the page as saved: what the "bytes" feed gets

    def feed(self, kind: str) -> str | bytes:
        return self.raw if kind == "bytes" else self.html


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
        raw = (folder / entry["file"]).read_bytes()
        with open(folder / entry["file"], encoding="utf-8", newline="") as handle:
            pages.append(Page(Path(entry["file"]).name, handle.read(), entry.get("url") or "", entry, raw))
    return pages


def article_extraction_pages(folder: Path) -> list[Page]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, entry in sorted(truth.items()):
        raw = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append(Page(page_id, raw.decode("utf-8", "replace"), entry["url"], entry["articleBody"], raw))
    return pages


def token_scores(gold: str, got: str) -> tuple[float, float, float]:
    """Precision, recall, F1 of the bags of lowercased whitespace tokens."""
    want, have = Counter(gold.lower().split()), Counter(got.lower().split())
    overlap = sum((want & have).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(have.values()), overlap / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def ours_vn(html: str | bytes, url: str) -> dict[str, Any]:
    return extract(html, url).to_dict()


def ours_text(html: str | bytes, url: str) -> str:
    return extract(html, url).text


def trafilatura_vn(html: str | bytes, url: str) -> dict[str, Any]:
    import trafilatura

    # The benchmark README's baseline call.
    document = trafilatura.bare_extraction(html, url=url or None, with_metadata=True)
    return document.as_dict() if document is not None else {}


def trafilatura_text(html: str | bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


@dataclass
class Extractor:
    name: str
    vn_call: Callable[[str | bytes, str], dict[str, Any]]
    text_call: Callable[[str | bytes, str], str]
    feed: str  # "text" or "bytes"
    tally: Tally = field(default_factory=Tally)


def timed(extractor: Extractor, function: Callable[[str | bytes, str], Any], page: Page) -> Any:
    tally, html = extractor.tally, page.feed(extractor.feed)
    start, cpu = time.perf_counter(), time.process_time()
    result = function(html, page.url)
    tally.seconds += time.perf_counter() - start
    tally.cpu_seconds += time.process_time() - cpu
    tally.pages += 1
    return result


def score_vn(extractor: Extractor, page: Page, scorer: ModuleType) -> None:
    tally = extractor.tally
    result = timed(extractor, extractor.vn_call, page)
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
    precision, recall, f1 = token_scores(page.gold, timed(extractor, extractor.text_call, page))
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


def table(extractors: list[Extractor], vn: list[Page], ae: list[Page]) -> str:
    """One column per extractor and feed: ours and trafilatura, each on decoded text and on raw bytes."""
    import trafilatura

    n = len(vn)
    megabytes = sum(len(p.raw) for p in vn + ae) / 1e6
    tallies = [e.tally for e in extractors]

    def row(label: str, value: Callable[[Tally], str]) -> tuple[str, list[str]]:
        return label, [value(t) for t in tallies]

    rows = [row("vietnamese-news pages fully correct", lambda t: f"{t.vn_full}/{n}"),
            row("vietnamese-news leaks (boilerplate phrases)", lambda t: str(t.vn_leaks))]
    rows += [row(f"  {k}", lambda t, k=k: f"{t.vn_fields[k]}/{n}") for k in VN_FIELDS]
    rows += [row("  pages missed only by the title's tone-mark placement", lambda t: str(t.vn_tone_only)),
             row(f"article-extraction mean token F1 ({len(ae)} pages)", lambda t: f"{mean(t.f1):.3f}"),
             row("  mean precision", lambda t: f"{mean(t.precision):.3f}"),
             row("  mean recall", lambda t: f"{mean(t.recall):.3f}"),
             row(f"pages per second, CPU time ({tallies[0].pages} pages, {megabytes:.1f} MB)",
                 lambda t: f"{t.pages / t.cpu_seconds:.1f}"),
             row("pages per second, wall clock", lambda t: f"{t.pages / t.seconds:.1f}")]
    width = max(len(label) for label, _ in rows)
    names = [f"{e.name} ({e.feed})" for e in extractors]
    head = f"{'':<{width}}" + "".join(f"  {name:>19}" for name in names)
    lines = [f"machine: {machine()}; trafilatura {trafilatura.__version__}",
             f"pages: vietnamese-news {n}, article-extraction {len(ae)}; {megabytes:.1f} MB of HTML in all",
             head, "-" * len(head)]
    lines += [f"{label:<{width}}" + "".join(f"  {v:>19}" for v in values) for label, values in rows]
    by_feed = {(e.name, e.feed): e.tally for e in extractors}
    for feed in ("text", "bytes"):
        ours, peer = by_feed[("ours", feed)], by_feed[("trafilatura", feed)]
        lines.append(f"in-process speed, ours / trafilatura, {feed} feed: {peer.cpu_seconds / ours.cpu_seconds:.2f}x "
                     f"by CPU time, {peer.seconds / ours.seconds:.2f}x by wall clock; "
                     f"F1 {mean(ours.f1):.3f} vs {mean(peer.f1):.3f}")
    lines.append(f"load average {os.getloadavg()[0]:.1f}")
    return "\n".join(lines)


@dataclass
class BatchRun:
    pages: int
    seconds: float  # wall clock
    cpu_seconds: float


def write_pages(folder: Path, pages: list[Page]) -> list[Path]:
    """Every page as a saved file, bytes as fetched, as a user's folder of pages holds them."""
    files = []
    for number, page in enumerate(pages):
        path = folder / f"{number:04d}-{page.name.removesuffix('.html')}.html"
        path.write_bytes(page.raw)
        files.append(path)
    return files


def ours_batch(files: list[Path], out: Path) -> BatchRun:
    """`python -m archive extract FILES --json > out.jsonl`, timed from the outside: start-up, reading,
    learning site templates, cleaning and writing JSON lines. CPU time is the child's."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with out.open("wb") as handle:
        subprocess.run([sys.executable, "-m", "archive", "extract", *map(str, files), "--json"], cwd=ROOT,
                       stdout=handle, stderr=subprocess.DEVNULL, check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return BatchRun(sum(1 for _ in out.open(encoding="utf-8")), seconds, cpu)


def trafilatura_batch(files: list[Path], out: Path) -> BatchRun:
    """trafilatura over the same files in this process: read, extract with metadata, write JSON lines."""
    import trafilatura

    start, cpu = time.perf_counter(), time.process_time()
    with out.open("w", encoding="utf-8") as handle:
        for path in files:
            found = trafilatura.extract(path.read_bytes(), output_format="json", with_metadata=True)
            handle.write((found or "{}").replace("\n", " ") + "\n")
    return BatchRun(len(files), time.perf_counter() - start, time.process_time() - cpu)


def batch_table(ours: BatchRun, peer: BatchRun, runs: int) -> str:
    return "\n".join([
        f"batch, end to end (best of {runs}): pages/s by CPU time ours {ours.pages / ours.cpu_seconds:.1f}, "
        f"trafilatura {peer.pages / peer.cpu_seconds:.1f}; by wall clock ours {ours.pages / ours.seconds:.1f}, "
        f"trafilatura {peer.pages / peer.seconds:.1f}",
        f"batch speed, ours (CLI) / trafilatura: {peer.cpu_seconds / ours.cpu_seconds:.2f}x by CPU time, "
        f"{peer.seconds / ours.seconds:.2f}x by wall clock; {ours.pages} JSON lines written"])


def best(runs: list[BatchRun]) -> BatchRun:
    return min(runs, key=lambda r: r.cpu_seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vietnamese-news", type=Path, required=True, help="folder with gold.json, score.py, pages/")
    parser.add_argument("--article-extraction", type=Path, required=True,
                        help="folder with ground-truth.json and html/*.html.gz")
    parser.add_argument("-v", "--verbose", action="store_true", help="explain every vietnamese-news failure")
    parser.add_argument("--cli-runs", type=int, default=3, help="runs of each batch (the best counts); 0 skips it")
    args = parser.parse_args(argv)
    for folder, needed in ((args.vietnamese_news, "gold.json"), (args.article_extraction, "ground-truth.json")):
        if not (folder / needed).is_file():
            print(f"error: {folder} has no {needed}", file=sys.stderr)
            return 2
    scorer = load_scorer(args.vietnamese_news)
    vn, ae = vietnamese_pages(args.vietnamese_news), article_extraction_pages(args.article_extraction)
    extractors = [Extractor(name, vn_call, text_call, feed) for feed in ("text", "bytes")
                  for name, vn_call, text_call in (("ours", ours_vn, ours_text),
                                                   ("trafilatura", trafilatura_vn, trafilatura_text))]
    # One warm-up page each, so imports and first-call set-up are not timed.
    for extractor in extractors:
        extractor.vn_call(vn[0].feed(extractor.feed), vn[0].url)
    print(f"running ours and trafilatura on {len(vn) + len(ae)} pages, text and bytes feeds", file=sys.stderr)
    run(extractors, vn, ae, scorer)
    if args.verbose:
        for extractor in extractors:
            for failure in extractor.tally.vn_failures:
                print(f"[{extractor.name} ({extractor.feed})] {failure}")
    print(table(extractors, vn, ae))
    if args.cli_runs > 0:
        print(f"batch: {args.cli_runs} runs each of the CLI and trafilatura over {len(vn) + len(ae)} files",
              file=sys.stderr)
        with tempfile.TemporaryDirectory() as folder:
            files = write_pages(Path(folder), vn + ae)
            out = Path(folder) / "out.jsonl"
            ours_runs, peer_runs = [], []
            for _ in range(args.cli_runs):  # taking turns: both see the same machine load
                ours_runs.append(ours_batch(files, out))
                peer_runs.append(trafilatura_batch(files, out))
        print(batch_table(best(ours_runs), best(peer_runs), args.cli_runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
