"""A real misbehaving web site on 127.0.0.1, for crawling in tests.

Its good part is the Cần Thơ sample site (a real listing and its articles); around it every trap
a hostile or broken site sets: redirect loops and endless chains, endless pagination, a huge body
(declared and undeclared), a slow drip, a 500 storm, a gzip bomb, binary and pathological pages
served as HTML, malformed links, links and redirects to another server (which logs every request
it gets: the test asserts it got none) and links with non-HTTP schemes. A second site, `trap`,
invents ten new links per page forever: only the per-site request budget stops it. A third is
down: every article answers 500. Two are slow or greedy: every article of `drip` trickles in a byte
at a time, and `robots` serves an 18 MB robots.txt of 480,000 rules.
"""
from __future__ import annotations

import functools
import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from archive.demo.sample_server import SAMPLE_ROOT, file_for
from testkit.hostile_html import PATHOLOGICAL_BUILDERS

GOOD_ROOT = SAMPLE_ROOT / "congdoan-cantho"
GOOD_LISTING = "/tin-tuc.html"
STORM_PAGES = 10
HUGE_BYTES = 100 * 1024 * 1024
BOMB_MEMBERS = 16  # each member inflates to 64 MiB: about 1 MB on the wire, 1 GiB inflated


def gzip_bomb() -> bytes:
    member = gzip.compress(bytes(64 * 1024 * 1024), compresslevel=9)
    return member * BOMB_MEMBERS


class RecordingServer(ThreadingHTTPServer):
    """A server that records every request target; the handler decides what it serves."""

    daemon_threads = True

    def __init__(self, handler: type[BaseHTTPRequestHandler]):
        super().__init__(("127.0.0.1", 0), handler)
        self.requests: list[str] = []
        self.other_url = ""  # where the hostile site sends links and redirects that must not be followed
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class QuietHandler(BaseHTTPRequestHandler):
    server: RecordingServer

    def log_message(self, format: str, *args: object) -> None:
        return

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def drip(self) -> None:
        """Headers at once, then a byte every tenth of a second, forever (until the client hangs up)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        try:
            while True:
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            return


class OtherHostHandler(QuietHandler):
    """Another site: anything it serves would be a leak, so it only records and answers."""

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        self.send(200, b"<html><body><h1>Another host</h1><a href='/more'>more</a></body></html>")


def page(title: str, links: list[str], extra: str = "") -> bytes:
    anchors = "".join(f'<li><a href="{href}">link {number}</a></li>' for number, href in enumerate(links))
    return f"<html><head>{extra}<title>{title}</title></head><body><h1>{title}</h1><ul>{anchors}</ul></body></html>".encode()


class HostileHandler(QuietHandler):
    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        other = self.server.other_url
        if path == "/":
            # A <base> on another host: relative links must still resolve against this page.
            self.send(200, page("Trang chủ", self.index_links(other), f'<base href="{other}/">'))
        elif path == "/loop/a":
            self.send(302, b"", headers={"Location": "/loop/b"})
        elif path == "/loop/b":
            self.send(302, b"", headers={"Location": "/loop/a"})
        elif path.startswith("/chain/"):
            self.send(302, b"", headers={"Location": f"/chain/{int(path.rsplit('/', 1)[1]) + 1}"})
        elif path == "/away":
            self.send(302, b"", headers={"Location": other + "/stolen-by-redirect"})
        elif path == "/away-by-name":
            self.send(301, b"", headers={"Location": other.replace("127.0.0.1", "localhost") + "/by-name"})
        elif path in NON_HTTP_REDIRECTS:
            self.send(302, b"", headers={"Location": NON_HTTP_REDIRECTS[path].format(host=other.split("//", 1)[1])})
        elif path == "/meta-away":
            refresh = f'<meta http-equiv="refresh" content="0;url={other}/stolen-by-meta-refresh">'
            self.send(200, page("Chuyển trang", [], refresh))
        elif path == "/list":
            number = int(query.get("page", ["1"])[0])
            self.send(200, page(f"Trang {number}", [f"/list?page={number + 1}"]))
        elif path.startswith("/storm/"):
            self.send(500, b"<html><body>Internal Server Error</body></html>")
        elif path == "/huge":
            self.stream(declared=True)
        elif path == "/huge-undeclared":
            self.stream(declared=False)
        elif path == "/drip":
            self.drip()
        elif path == "/bomb":
            self.send(200, BOMB, headers={"Content-Encoding": "gzip"})
        elif path in PATHOLOGICAL_PATHS:
            self.send(200, PATHOLOGICAL_PATHS[path])
        else:
            self.serve_good(self.path)

    def index_links(self, other: str) -> list[str]:
        return [
            GOOD_LISTING, "/loop/a", "/chain/1", "/away", "/away-by-name", "/meta-away", *NON_HTTP_REDIRECTS,
            "/list?page=1",
            *(f"/storm/{n}" for n in range(STORM_PAGES)), "/huge", "/huge-undeclared", "/drip", "/bomb",
            *PATHOLOGICAL_PATHS,
            # Malformed: a broken IPv6 host, a port out of range, a non-numeric port.
            "http://[::1", "http://127.0.0.1:99999/x", "http://127.0.0.1:port/x",
            # Other hosts: another port of the same address, another name, protocol-relative, userinfo.
            other + "/by-link", other.replace("127.0.0.1", "localhost") + "/by-name",
            "//" + other.split("//", 1)[1] + "/protocol-relative", other.replace("//", "//user@") + "/userinfo",
            # Not HTTP at all.
            "javascript:alert(1)", " JavaScript:void(0)", "java\tscript:alert(2)", "mailto:bandoc@example.vn",
            "tel:+842923812345", "data:text/html,<script>alert(3)</script>",
            "ftp://" + other.split("//", 1)[1] + "/file", "file:///etc/passwd",
        ]

    def serve_good(self, target: str) -> None:
        found = file_for(GOOD_ROOT, target)
        if found is None:
            self.send(404, b"<html><body><h1>404</h1></body></html>")
        else:
            self.send(200, found.read_bytes())

    def stream(self, declared: bool) -> None:
        """A body of HUGE_BYTES, sent until done or the client hangs up."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if declared:
            self.send_header("Content-Length", str(HUGE_BYTES))
        self.end_headers()
        chunk = b"<p>" + b"x" * (1024 * 1024 - 7) + b"</p>\n"
        try:
            for _ in range(HUGE_BYTES // len(chunk)):
                self.wfile.write(chunk)
        except OSError:
            return
        self.close_connection = True


class TrapHandler(QuietHandler):
    """Ten new links on every page, forever: a calendar or session-URL trap."""

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        last = self.path.rstrip("/").rsplit("/", 1)[-1] or "0"
        if not last.isdigit():
            self.send(404, b"<html><body><h1>404</h1></body></html>")
            return
        number = int(last)
        self.send(200, page(f"Lịch {number}", [f"/ngay/{number * 10 + k + 1}" for k in range(10)]))


# Redirects Scrapy must not follow: other schemes (a local file!), and a Location that is no URL.
NON_HTTP_REDIRECTS = {"/to-file": "file:///etc/passwd", "/to-data": "data:text/html,<script>alert(1)</script>",
                      "/to-ftp": "ftp://{host}/file", "/to-broken": "http://[::1/x"}
class DownHandler(QuietHandler):
    """A site in a 500 storm: the front page lists DOWN_PAGES articles, each of them answers 500."""

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        if self.path == "/":
            self.send(200, page("Trang chủ", [f"/bai/{n}.html" for n in range(DOWN_PAGES)]))
        else:
            self.send(500, b"<html><body>Service Unavailable</body></html>")


class DripHandler(QuietHandler):
    """A site whose front page lists DRIP_PAGES articles, each of them a slow drip."""

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        if self.path == "/":
            self.send(200, page("Trang chủ", [f"/bai/{n}.html" for n in range(DRIP_PAGES)]))
        elif self.path.startswith("/bai/"):
            self.drip()
        else:
            self.send(404, b"")


class GreedyRobotsHandler(QuietHandler):
    """A site whose robots.txt is 18 MB: ROBOTS_EARLY is refused by its first rule, ROBOTS_LATE by
    rule 300,000. It records how many bytes of robots.txt it got out before the client hung up."""

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        if self.path == "/":
            self.send(200, page("Trang chủ", [ROBOTS_EARLY, ROBOTS_LATE]))
        elif self.path == "/robots.txt":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(greedy_robots())))
            self.end_headers()
            self.server.robots_bytes = 0
            try:
                for start in range(0, len(greedy_robots()), 64 * 1024):
                    self.wfile.write(greedy_robots()[start:start + 64 * 1024])
                    self.server.robots_bytes = start + 64 * 1024
            except OSError:
                return
        else:
            self.send(200, page("Bài viết", []))


@functools.cache
def greedy_robots() -> bytes:
    rules = [f"Disallow: /kho-luu-tru/tai-lieu-{n}/\n" for n in range(ROBOTS_RULES)]
    rules[0] = f"Disallow: {ROBOTS_EARLY}\n"
    rules[300_000] = f"Disallow: {ROBOTS_LATE}\n"
    return ("User-agent: *\n" + "".join(rules)).encode()


ROBOTS_RULES = 480_000
ROBOTS_EARLY = "/rieng/bai-1.html"
ROBOTS_LATE = "/muon/bai-2.html"
DRIP_PAGES = 30
DOWN_PAGES = 80
BOMB = gzip_bomb()
PATHOLOGICAL_PATHS = {
    "/anh-png.html": PATHOLOGICAL_BUILDERS["PNG served as HTML"][0](),
    "/long-nhau.html": PATHOLOGICAL_BUILDERS["100,000 nested divs"][0](),
    "/trang-3mb.html": b"<html><body>" + b"<p>Trang rat lon.</p>\n" * (3 * 1024 * 1024 // 22),
}


def serve_hostile_sites() -> tuple[RecordingServer, RecordingServer, RecordingServer, RecordingServer]:
    """The hostile site, the trap site, the site that is down, and the other host none may reach."""
    other = RecordingServer(OtherHostHandler)
    hostile = RecordingServer(HostileHandler)
    hostile.other_url = other.url
    return hostile, RecordingServer(TrapHandler), RecordingServer(DownHandler), other
