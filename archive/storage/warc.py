"""Raw capture: every fetched response goes to gzipped WARC files, kept forever."""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive import __version__
from archive.storage.store import Capture

# The body is kept as transferred (still gzip or br when the server compressed it, so a replay tool
# serves it with its Content-Encoding), but the HTTP client has already removed the chunked framing:
# Transfer-Encoding no longer describes it, and Content-Length is the length of the bytes kept.
FRAMING_HEADERS = {"transfer-encoding", "content-length"}
# Reading decodes the body (warcio's content stream undoes Content-Encoding), but never past this:
# a decompression bomb is kept in the WARC as it came, and must not inflate when read back.
READ_LIMIT = 32 * 1024 * 1024
WARC_SUFFIXES = (".warc.gz", ".warc")


@dataclass
class CapturedResponse:
    """A response read back: its headers as transferred, its body decoded."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    capture: Capture


class WarcWriter:
    """Appends request/response pairs to one WARC file per process run."""

    def __init__(self, warc_dir: Path, robots_policy: str = "obey"):
        warc_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        self.name = f"archive-{stamp}-{os.getpid()}.warc.gz"
        self.path = warc_dir / self.name
        self.file = open(self.path, "ab")
        self.writer = WARCWriter(self.file, gzip=True)
        info = {
            "software": f"vn-union-archive/{__version__} (Scrapy, warcio)",
            "format": "WARC File Format 1.1",
            "robots": robots_policy,
        }
        self.writer.write_record(self.writer.create_warcinfo_record(self.name, info))
        self.file.flush()

    def write(self, url: str, status: int, reason: str, headers: list[tuple[str, str]], body: bytes,
              request_headers: list[tuple[str, str]], method: str = "GET") -> Capture:
        """Write the response as transferred (headers, and the body before any decoding) and its
        request; returns where the response record starts."""
        kept = [(k, v) for k, v in headers if k.lower() not in FRAMING_HEADERS]
        kept.append(("Content-Length", str(len(body))))
        http_headers = StatusAndHeaders(f"{status} {reason}".strip(), kept, protocol="HTTP/1.1")
        offset = self.file.tell()
        response = self.writer.create_warc_record(url, "response", payload=BytesIO(body),
                                                  http_headers=http_headers)
        self.writer.write_record(response)
        path = url.split("/", 3)[3] if url.count("/") >= 3 else ""
        request = self.writer.create_warc_record(
            url, "request", payload=BytesIO(b""),
            http_headers=StatusAndHeaders(f"{method} /{path} HTTP/1.1", request_headers, is_http_request=True),
        )
        request.rec_headers.add_header("WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID"))
        self.writer.write_record(request)
        # Flushed per record so a killed crawl loses at most the response in flight.
        self.file.flush()
        return Capture(self.name, offset)

    def close(self) -> None:
        self.file.close()


class CapturePathError(ValueError):
    """A capture file name that is not a bare WARC file name in warc/, or a file there that is not a
    regular file of its own (a symlink, a FIFO, a device): never opened."""


def capture_path(warc_dir: Path, name: str) -> Path:
    """The path of a capture file named in the store, or CapturePathError: stored names come from a
    database anyone with the data dir can edit, and must never lead out of warc/."""
    if not name or Path(name).name != name or "\\" in name or "\x00" in name or not name.endswith(WARC_SUFFIXES):
        raise CapturePathError(f"not a capture file name: {name!r}")
    path = warc_dir / name
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise CapturePathError(f"not a regular capture file: {name!r}")
    return path


def read_capture(warc_dir: Path, capture: Capture) -> CapturedResponse:
    """Read one response record back, by file and offset."""
    with open(capture_path(warc_dir, capture.warc_file), "rb") as stream:
        stream.seek(capture.offset)
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                break
            return _captured(record, capture, _body(record))
    raise LookupError(f"no response record at {capture.warc_file}:{capture.offset}")


def iter_responses(warc_dir: Path, names: set[str] | None = None) -> Iterator[CapturedResponse]:
    """Every response in every WARC file (or in the files named), oldest file first."""
    for path in sorted(warc_dir.glob("*.warc.gz")):
        if (names is not None and path.name not in names) or path.is_symlink() or not path.is_file():
            continue  # a link or a FIFO planted in warc/ is no capture of ours
        with open(path, "rb") as stream:
            iterator = ArchiveIterator(stream)
            try:
                for record in iterator:
                    if record.rec_type == "response":
                        body = _body(record)  # before get_record_offset(), which skips the rest
                        yield _captured(record, Capture(path.name, iterator.get_record_offset()), body)
            except Exception:  # noqa: BLE001 - a file cut short by a kill ends early, the rest still counts
                continue


def _body(record: ArcWarcRecord) -> bytes:
    """The decoded body (what the cleaner reads), at most READ_LIMIT bytes."""
    return record.content_stream().read(READ_LIMIT)


def _captured(record: ArcWarcRecord, capture: Capture, body: bytes) -> CapturedResponse:
    headers = record.http_headers
    return CapturedResponse(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        status=int(headers.get_statuscode()),
        headers=list(headers.headers),
        body=body,
        capture=capture,
    )
