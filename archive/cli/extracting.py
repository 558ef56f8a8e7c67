"""`extract`: clean saved pages with no archive at all (one page, or thousands as JSON lines).

Every page is judged by the archive's one page-kind policy (archive.extract.page_kind), so
`extract` says what crawl and reprocess would do with it: JSON `kind`; one page that is no article
exits 3 with a one-line reason; a batch counts the kinds in its summary.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archive.cli.common import UserError

PROGRESS_EVERY = 500  # files, for a multi-file extract
NOT_AN_ARTICLE = 3  # the exit code of one page that is no article (GUIDE)
LEARN_SAMPLE = 20  # pages of one host read to learn its template: enough to tell it from one story


def register(command: Any) -> None:
    extract = command("extract", cmd_extract, "clean saved pages and print the article")
    extract.set_defaults(skip_store_check=True)  # never opens the archive
    extract.add_argument("files", nargs="+", type=Path, metavar="FILE", help="saved HTML pages")
    extract.add_argument("--url", default=None, help="the page's original URL")
    extract.add_argument("--json", action="store_true", help="print JSON (one line per file for several files)")


def cmd_extract(args: argparse.Namespace) -> int:
    from archive.article import Article
    from archive.extract.page_kind import judge
    from archive.sites import load_registry, profile_for_url

    several = len(args.files) > 1
    urls = {path: args.url or page_url(path) for path in args.files}
    learned = learn_blocks_by_host(urls) if several else {}
    registry = load_registry(args.data)
    kinds: Counter[str] = Counter()
    out = sys.stdout
    for done, path in enumerate(args.files, 1):
        if done % PROGRESS_EVERY == 0:
            print(f"  {done}/{len(args.files)} files", file=sys.stderr)
        url = urls[path]
        verdict = judge(read_page(path), url, profile_for_url(url, registry), site_blocks=learned.get(path))
        kinds[verdict.kind] += 1
        if verdict.detail:  # refused (too large, binary, too deep) or the cleaner failed: nothing to print
            if not several:
                raise UserError(f"{path}: {verdict.detail}")
            print(f"error: {path}: {verdict.detail} (skipped)", file=sys.stderr)  # one bad page of thousands
            continue
        data = (verdict.page.article if verdict.page else Article(url=url, title="")).to_dict()
        data["kind"] = verdict.kind
        if several:
            data["file"] = str(path)
            if args.json:
                out.write(json.dumps(data, ensure_ascii=False) + "\n")
        elif args.json:
            out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        if not args.json:
            out.write(f"# {data['title']}\n{data['published'] or ''} {data['author'] or ''}\n\n{data['text']}\n\n")
        if not several and verdict.kind != "article":
            print(f"{path}: {verdict.reason()}", file=sys.stderr)
            return NOT_AN_ARTICLE
    if several:
        print(f"extracted {len(args.files)} files: {summary(kinds)}; {len(learned)} cleaned of blocks repeated "
              "across pages of their site", file=sys.stderr)
    return 0


def summary(kinds: Counter[str]) -> str:
    """"2 articles, 2 not articles (home 1, not_html 1)"."""
    articles = kinds.pop("article", 0)
    others = sum(kinds.values())
    line = f"{articles} article{'' if articles == 1 else 's'}"
    if others:
        line += f", {others} not article{'' if others == 1 else 's'} (" + ", ".join(
            f"{kind} {count}" for kind, count in sorted(kinds.items())) + ")"
    return line


def read_page(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror}") from error


def page_url(path: Path) -> str:
    """The page's own URL (og:url or canonical link in its <head>), else the file's."""
    from archive.extract.cleaner import MAX_HEAD_BYTES, own_url

    try:
        with path.open("rb") as handle:
            found = own_url(handle.read(MAX_HEAD_BYTES))
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror}") from error
    return found if found and urlsplit(found).scheme in ("http", "https") else path.resolve().as_uri()


def learn_blocks_by_host(urls: dict[Path, str]) -> dict[Path, frozenset[str]]:
    """Blocks repeated across the files of one host, learned from a sample of that host's pages;
    hosts with too few pages to tell their template from one story are never parsed for it."""
    from archive.extract.page_kind import template_blocks
    from archive.extract.site_blocks import MIN_PAGES, learn_site_blocks

    files_by_host: dict[str, list[Path]] = {}
    for path, url in urls.items():
        host = urlsplit(url).hostname
        if host:
            files_by_host.setdefault(host, []).append(path)
    learned: dict[Path, frozenset[str]] = {}
    for paths in files_by_host.values():
        if len(paths) < MIN_PAGES:
            continue
        sample = paths[::max(1, len(paths) // LEARN_SAMPLE)][:LEARN_SAMPLE]
        blocks = learn_site_blocks(template_blocks(read_page(path)) for path in sample)
        if blocks:
            learned.update(dict.fromkeys(paths, blocks))
    return learned
