"""Every judged query of tests/search_quality/queries.json, over the sample archive the demo builds."""
from __future__ import annotations

from pathlib import Path

import pytest

from archive.search.engine import SearchEngine
from archive.storage.store import Store
from testkit.judgments import evaluate, load, syndicate
from tests.support import free_port, run_cli

pytestmark = pytest.mark.e2e

JUDGMENTS = load()


@pytest.fixture(scope="module")
def sample_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("quality") / "data"
    run_cli("demo", "--no-serve", "--sample-port", str(free_port(3)), data=data)
    return data


@pytest.fixture(scope="module")
def engines(sample_data: Path, tmp_path_factory: pytest.TempPathFactory):
    """The sample archive, and a copy with the syndicated copies added (for the near-duplicate judgments)."""
    syndicated = tmp_path_factory.mktemp("syndicated") / "data"
    syndicate(sample_data, syndicated)
    opened = {corpus: (Store(data / "archive.sqlite3"), SearchEngine(data))
              for corpus, data in ((None, sample_data), ("syndicated", syndicated))}
    yield opened
    for store, engine in opened.values():
        engine.close()
        store.close()


def _param(judgment: dict) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=judgment["known_weak"])] if "known_weak" in judgment else []
    return pytest.param(judgment, id=f"{judgment['kind']}:{judgment['query']}", marks=marks)


def test_the_judged_set_covers_every_kind() -> None:
    kinds = {j["kind"] for j in JUDGMENTS}
    assert len(JUDGMENTS) >= 40
    assert kinds >= {"accentless", "tone", "abbreviation", "phrase", "exclusion", "or", "filter", "sort",
                     "accent_ranking", "did_you_mean", "duplicates"}


@pytest.mark.parametrize("judgment", [_param(j) for j in JUDGMENTS])
def test_judged_query(engines, judgment: dict) -> None:
    store, engine = engines[judgment.get("corpus")]
    outcome = evaluate(engine, store, judgment)
    assert outcome.passed, f"{outcome.failures}; hits: {outcome.paths[:10]}"
