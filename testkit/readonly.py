"""Commands run over a data directory they cannot write, as on a read-only medium or mount.

As root, chmod stops nothing: the command runs in a mount namespace of its own where the directory is
bind-mounted read-only (`unshare`). Anyone else gets the directory's write bits removed meanwhile.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_BIND_READ_ONLY = 'mount --bind -o ro "$0" "$0" && exec "$@"'


@contextmanager
def read_only(directory: Path) -> Iterator[list[str]]:
    """Yields the prefix to put before a command line so it sees `directory` read-only."""
    if os.geteuid() == 0:
        yield ["unshare", "--mount", "--propagation", "private", "sh", "-c", _BIND_READ_ONLY, str(directory)]
        return
    paths = [directory, *directory.rglob("*")]
    modes = {path: path.lstat().st_mode for path in paths if not path.is_symlink()}
    for path, mode in modes.items():
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        yield []
    finally:
        for path, mode in modes.items():
            path.chmod(mode)
