"""20 concurrent HTTP clients for 30 seconds against the served app while another process keeps
storing and indexing articles and rebuilding the index: no errors, every response complete and valid."""
from __future__ import annotations

from pathlib import Path

import pytest

from testkit.load import query_mix, run_clients, serve
from tests.support import copy_archive, spawn

pytestmark = pytest.mark.e2e

WRITER = """
import sys
from pathlib import Path
from archive.search.index import rebuild_index, update_index
from archive.storage.store import Store
from tests.support import add_articles
data = Path(sys.argv[1])
for batch in range(10_000):
    add_articles(data, 100_000 + batch * 40, 40, "dongthoi")
    with Store(data / "archive.sqlite3") as store:
        if batch % 4 == 3:
            rebuild_index(store, data)
            print("reindexed", flush=True)
        else:
            update_index(store, data)
            print("indexed", flush=True)
"""


def test_twenty_clients_for_thirty_seconds_while_indexing_and_reindexing(sample_archive: Path,
                                                                          tmp_path: Path) -> None:
    data = copy_archive(sample_archive, tmp_path / "data")
    paths = query_mix(data) + ["/api/search?q=dongthoi", "/search?q=dongthoi&sort=newest"] * 20
    with serve(data) as url:
        writer = spawn("-c", WRITER, str(data))
        try:
            load = run_clients(url, paths, clients=20, seconds=30)
        finally:
            writer.kill()
            done = writer.communicate()[0].split()
    assert load.errors == [], load.errors[:5]
    assert load.requests > 20 * 30  # well over one answer per client per second, all of them valid
    assert done.count("reindexed") >= 1 and done.count("indexed") >= 2  # the index really changed under load
