"""Judge an archive against a replica's truth: every article exactly once, nothing else stored."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from testkit.replicas.site import ARTICLE_KINDS, ReplicaSite


@dataclass
class Verdict:
    articles: int  # on the site
    stored: int  # records in the archive
    missing: list[int] = field(default_factory=list)  # article ids never stored
    duplicated: dict[int, int] = field(default_factory=dict)  # article id -> records (more than one)
    not_articles: dict[str, str] = field(default_factory=dict)  # stored URL -> what it really is

    @property
    def exact(self) -> bool:
        return not (self.missing or self.duplicated or self.not_articles)

    def __str__(self) -> str:
        return (f"{self.stored} stored for {self.articles} articles: {len(self.missing)} missing, "
                f"{len(self.duplicated)} stored more than once, {len(self.not_articles)} not articles"
                + (f" (e.g. {next(iter(self.not_articles.items()))})" if self.not_articles else ""))


def judge(site: ReplicaSite, stored_urls: list[str]) -> Verdict:
    """`stored_urls`: the URL of each archived record (one per record, as the store keeps them)."""
    counts: Counter[int] = Counter()
    verdict = Verdict(len(site.articles), len(stored_urls))
    for url in stored_urls:
        route = site.classify(url)
        if route.kind in ARTICLE_KINDS and route.article is not None:
            counts[route.article.id] += 1
        else:
            verdict.not_articles[url] = route.kind
    verdict.missing = [a.id for a in site.articles if a.id not in counts]
    verdict.duplicated = {number: n for number, n in counts.items() if n > 1}
    return verdict
