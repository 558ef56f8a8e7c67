"""The index directory as Whoosh lays it out on disk: which files make the current generation, and
whether a live writer holds its lock. Backup and verify ask here instead of reading Whoosh's files."""
from __future__ import annotations

from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

INDEX_NAME = "MAIN"  # Whoosh's default index name inside the directory
WRITE_LOCK = f"{INDEX_NAME}_WRITELOCK"


def generation_files(path: Path) -> list[str]:
    """File names of the index's current generation: its table of contents and its segments' files.
    Raises FileNotFoundError when a commit replaces the generation meanwhile."""
    toc = TOC.read(FileStorage(str(path)), INDEX_NAME)
    names = [TOC._filename(INDEX_NAME, toc.generation)]
    prefixes = tuple(segment.segment_id() + "." for segment in toc.segments)
    return names + [entry.name for entry in path.iterdir() if entry.name.startswith(prefixes)]


def writer_holds(path: Path) -> bool:
    """True while a live process holds the index's write lock (a lock file left by a killed one is free)."""
    if not (path / WRITE_LOCK).exists():
        return False
    lock = FileStorage(str(path)).lock(WRITE_LOCK)
    if lock.acquire(blocking=False):
        lock.release()
        return False
    return True
