"""Only a bare capture file name inside warc/ is ever opened: a WARC path stored in the database
(`../..`, an absolute path, /dev/zero, a symlink or a FIFO planted in warc/) is refused, never read."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from archive.storage.store import Capture
from archive.storage.warc import CapturePathError, WarcWriter, iter_responses, read_capture

URL = "https://congdoan.cantho.gov.vn/tin-tuc/bai.html"


@pytest.fixture()
def warc_dir(tmp_path: Path) -> Path:
    return tmp_path / "data" / "warc"


@pytest.fixture()
def capture(warc_dir: Path) -> Capture:
    writer = WarcWriter(warc_dir)
    captured = writer.write(URL, 200, "OK", [("Content-Type", "text/html; charset=utf-8")],
                            "<h1>Bài gốc</h1>".encode(), [("User-Agent", "test")])
    writer.close()
    return captured


def test_a_bare_name_in_the_warc_dir_is_read(warc_dir: Path, capture: Capture) -> None:
    assert read_capture(warc_dir, capture).url == URL


@pytest.mark.parametrize("name", ["../outside.warc.gz", "../../outside.warc.gz", "sub/../../outside.warc.gz",
                                  "OUTSIDE", "/dev/zero", "/etc/passwd", "", ".", "..", "a\x00b.warc.gz",
                                  "warc/../../outside.warc.gz", "..\\outside.warc.gz"])
def test_stored_paths_that_leave_the_warc_dir_are_refused(warc_dir: Path, capture: Capture, name: str) -> None:
    outside = warc_dir.parent.parent / "outside.warc.gz"
    shutil.copyfile(warc_dir / capture.warc_file, outside)  # a real, readable capture: only the path is wrong
    name = str(outside) if name == "OUTSIDE" else name
    with pytest.raises(CapturePathError):
        read_capture(warc_dir, Capture(name, capture.offset))


def test_a_symlink_or_a_fifo_planted_in_the_warc_dir_is_refused(warc_dir: Path, capture: Capture) -> None:
    outside = warc_dir.parent.parent / "outside.warc.gz"
    shutil.copyfile(warc_dir / capture.warc_file, outside)
    (warc_dir / "link.warc.gz").symlink_to(outside)
    (warc_dir / "zero.warc.gz").symlink_to("/dev/zero")
    os.mkfifo(warc_dir / "fifo.warc.gz")  # opening it would block the request (or verify) forever
    for name in ("link.warc.gz", "zero.warc.gz", "fifo.warc.gz"):
        with pytest.raises(CapturePathError):
            read_capture(warc_dir, Capture(name, capture.offset))
    # Listing the captures (verify, reprocess) reads the real file only, and does not hang on the FIFO.
    assert [(c.url, c.capture.warc_file) for c in iter_responses(warc_dir)] == [(URL, capture.warc_file)]


def test_capture_path_error_is_a_value_error(warc_dir: Path, capture: Capture) -> None:
    # Callers that treat an unreadable capture as "no capture" (the app's archived copy) keep doing so.
    with pytest.raises(ValueError):
        read_capture(warc_dir, Capture("/dev/zero", 0))
