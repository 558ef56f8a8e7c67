"""The README's test command is what CI runs, word for word."""
from __future__ import annotations

import re

from tests.support import ROOT


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(block.strip() for block in re.findall(r"```sh\n(.*?)```", readme, re.S) if "pytest" in block)
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert command in ci and command.startswith("sh tests/system-packages.sh && ")
