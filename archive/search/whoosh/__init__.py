"""The only code that touches Whoosh internals: the bulk segment writer, the postings reader, the
document columns table and the counted-text field format.

These read and write Whoosh's private file formats, so they are pinned to the version they were
written against; importing this package fails with a clear message on any other version. The
postings round-trip test (tests/search/test_postings.py: plain Whoosh reads back what the bulk
writer wrote) is the gate an upgrade must pass before the pin moves.
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

SUPPORTED_WHOOSH = "2.7.5"  # whoosh-reloaded, the maintained import-compatible fork


def installed_whoosh() -> str | None:
    """The installed whoosh-reloaded version, or None when it is missing."""
    try:
        return version("whoosh-reloaded")
    except PackageNotFoundError:
        return None


if installed_whoosh() != SUPPORTED_WHOOSH:
    raise ImportError(
        f"archive.search.whoosh reads Whoosh's private formats and supports whoosh-reloaded=={SUPPORTED_WHOOSH} "
        f"only (installed: {installed_whoosh() or 'none'}); install that version "
        "(pip install -r requirements.txt) or pass the postings round-trip test before moving the pin")
