"""The Whoosh internals are pinned: the package asserts the version it reads, and that version is
the one requirements.txt installs (a pin moved in one place only would fail at import)."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from archive.search.whoosh import SUPPORTED_WHOOSH, installed_whoosh
from tests.support import ROOT


def test_the_pin_matches_requirements_and_the_installed_version() -> None:
    pinned = re.search(r"^whoosh-reloaded==(\S+)", (ROOT / "requirements.txt").read_text(), re.MULTILINE)
    assert pinned and pinned.group(1) == SUPPORTED_WHOOSH == installed_whoosh()


@pytest.mark.e2e
def test_another_version_is_refused_at_import_with_a_clear_message() -> None:
    code = ("import importlib.metadata as m; real = m.version; "
            "m.version = lambda name: '9.9.9' if name == 'whoosh-reloaded' else real(name); "
            "import archive.search.whoosh")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert f"supports whoosh-reloaded=={SUPPORTED_WHOOSH} only (installed: 9.9.9)" in done.stderr
