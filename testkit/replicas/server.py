"""Replica sites over real HTTP: one ThreadingHTTPServer per site, each on its own 127.0.0.x host.

Answers like the platform's server: gzip when the client accepts it, 301 for redirecting
aliases, 404 for anything else, the platform's robots.txt and Server header. Every request
target is logged in `requests` (for counting), and `site` may be swapped for a bigger one to
publish new articles between crawls.
"""
from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from testkit.replicas.pages import render
from testkit.replicas.shapes import SHAPES
from testkit.replicas.site import ReplicaSite, target_key

HOSTS = {shape.family: f"127.0.0.{number}" for number, shape in enumerate(SHAPES, start=2)}
NOT_FOUND = "<html><head><title>404</title></head><body><h1>Không tìm thấy trang</h1></body></html>".encode()


class ReplicaHandler(BaseHTTPRequestHandler):
    server: ReplicaServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        server = self.server
        with server.lock:
            server.requests.append(self.path)
        site = server.site
        if self.path == "/robots.txt":
            self.send(200, site.shape.robots.encode(), "text/plain; charset=utf-8")
            return
        route = site.route(self.path)
        if route.kind == "missing":
            self.send(404, NOT_FOUND)
        elif route.kind == "redirect":
            assert route.article is not None
            self.send(301, b"", headers={"Location": server.url + site.shape.article(route.article)})
        else:
            self.send(200, render(site, route, target_key(self.path), server.url).encode())

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Server", self.server.site.shape.server)
        if len(body) > 512 and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


class ReplicaServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: ReplicaSite, host: str | None = None, port: int = 0):
        super().__init__((host or HOSTS[site.shape.family], port), ReplicaHandler)
        self.site = site
        self.requests: list[str] = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def manifest(self) -> dict:
        return self.site.manifest(self.url)

    def start(self) -> ReplicaServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


@contextmanager
def serve(family: str, articles: int = 130, seed: int = 0) -> Iterator[ReplicaServer]:
    """A running replica of one family for the length of the block."""
    server = ReplicaServer(ReplicaSite(family, articles, seed)).start()
    try:
        yield server
    finally:
        server.stop()
