"""What changed between two versions of an article, paragraph by paragraph."""
from __future__ import annotations

import difflib


def paragraph_changes(before: str, after: str) -> list[tuple[str, str]]:
    """(kind, paragraph) pairs in reading order; kind is "same", "removed" or "added"."""
    old = [p for p in before.split("\n\n") if p.strip()]
    new = [p for p in after.split("\n\n") if p.strip()]
    changes: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            changes.extend(("same", p) for p in old[i1:i2])
            continue
        changes.extend(("removed", p) for p in old[i1:i2])
        changes.extend(("added", p) for p in new[j1:j2])
    return changes
