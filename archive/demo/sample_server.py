"""A real HTTP server for the bundled sample sites (and test fixture sites): one port per site, or every
site behind one port as a forward proxy (the demo: the sites' URLs then carry no port at all)."""
from __future__ import annotations

import email.utils
import hashlib
import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

SAMPLE_ROOT = Path(__file__).parent / "sample_site"
# The demo's sites are http://<name>.sample.test/ (a reserved name that never resolves): their URLs, hence
# the articles' identity, are the same whatever port the proxy listens on.
SAMPLE_DOMAIN = "sample.test"
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8",
                 ".txt": "text/plain; charset=utf-8"}


def file_for(root: Path, target: str) -> Path | None:
    """Map a request target to a file by the sample-site rule (see archive/demo/sample_site/README.md)."""
    parts = urlsplit(target)
    path = unquote(parts.path)
    if parts.query:
        stem = path.removesuffix(".html")
        path = f"{stem}__{parts.query.replace('=', '_').replace('&', '_')}.html"
    elif path.endswith("/"):
        path += "index.html"
    candidate = (root / path.lstrip("/")).resolve()
    if not candidate.is_relative_to(root.resolve()):
        return None
    for option in (candidate, candidate.with_name(candidate.name + ".html")):
        if option.is_file():
            return option
    return None


class SiteHandler(BaseHTTPRequestHandler):
    """Serves one site's files with ETag/Last-Modified, logging each request to the server."""

    server: SiteServer

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        if "If-None-Match" in self.headers or "If-Modified-Since" in self.headers:
            self.server.conditional.append(self.path)
        root = self.site_root()
        found = file_for(root, self.path) if root else None
        if found is None:
            body = "<html><body><h1>404</h1><p>Không tìm thấy trang</p></body></html>".encode()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        body = found.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        modified = email.utils.formatdate(found.stat().st_mtime, usegmt=True)
        if self.headers.get("If-None-Match") == etag or (
                "If-None-Match" not in self.headers and self.headers.get("If-Modified-Since") == modified):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", CONTENT_TYPES.get(found.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.end_headers()
        self.wfile.write(body)

    def site_root(self) -> Path | None:
        return self.server.root

    def log_message(self, format: str, *args: object) -> None:
        return


class ProxyHandler(SiteHandler):
    """Every sample site behind one port: a request names its site by host (the absolute URI a
    client sends to a proxy, or the Host header)."""

    server: SampleProxy

    def site_root(self) -> Path | None:
        host = urlsplit(self.path).hostname or self.headers.get("Host", "").split(":")[0]
        return self.server.roots.get(host.lower())


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0,
                 handler: type[SiteHandler] = SiteHandler):
        super().__init__((host, port), handler)
        self.root = root
        self.requests: list[str] = []
        self.conditional: list[str] = []  # the requests that carried ETag/Last-Modified validators

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class SampleProxy(SiteServer):
    """Serves the site whose host a request names; `roots` maps host -> that site's directory."""

    def __init__(self, roots: dict[str, Path], host: str = "127.0.0.1", port: int = 0):
        super().__init__(SAMPLE_ROOT, host, port, ProxyHandler)
        self.roots = roots


@dataclass
class RunningSite:
    name: str
    title: str
    province: str
    kind: str
    url: str
    server: SiteServer


def serve_sample_sites(port: int = 0, root: Path = SAMPLE_ROOT, host: str = "127.0.0.1") -> list[RunningSite]:
    """Start every site listed in root/sites.json, site i on port + i (any free ports when port is 0)."""
    running = []
    for number, site in enumerate(json.loads((root / "sites.json").read_text(encoding="utf-8"))):
        server = SiteServer(root / site["name"], host, port + number if port else 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        running.append(RunningSite(site["name"], site["title"], site["province"], site["kind"],
                                   server.url + site["start_path"], server))
    return running


def serve_sample_proxy(port: int = 0, root: Path = SAMPLE_ROOT, host: str = "127.0.0.1") -> list[RunningSite]:
    """Every site of root/sites.json as http://<name>.sample.test/, through one proxy on host:port."""
    sites = json.loads((root / "sites.json").read_text(encoding="utf-8"))
    proxy = SampleProxy({f"{site['name']}.{SAMPLE_DOMAIN}": root / site["name"] for site in sites}, host, port)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    return [RunningSite(site["name"], site["title"], site["province"], site["kind"],
                        f"http://{site['name']}.{SAMPLE_DOMAIN}{site['start_path']}", proxy) for site in sites]


def stop(sites: list[RunningSite]) -> None:
    for server in {id(site.server): site.server for site in sites}.values():
        server.shutdown()
        server.server_close()
