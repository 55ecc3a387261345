"""The server: the App (what every handler reads), the policy headers, and http.server as the transport."""
from __future__ import annotations

import shutil
import tempfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .pool import Limits, Pool
from .routes import Request, Response, dispatch, text

MAX_BODY = 1_000_000  # bytes of a POSTed query
CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; "
       "connect-src 'self'; form-action 'self'")


class App:
    def __init__(self, store_path: str, limits: Limits, base: str, cors_origin: str | None):
        import pyoxigraph as ox

        from ..query.store import bundled

        self.pool = Pool(store_path, limits)
        self.limits, self.base, self.cors_origin = limits, base, cors_origin
        self.local = ox.Store.read_only(store_path)  # for entity pages and the health check
        self.triples = sum(1 for _ in self.local.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        self.examples = [{"name": n, "about": a, "query": q} for n, (a, q) in bundled().items()]

    def handle(self, request: Request) -> Response:
        """The response to REQUEST, with the headers every response carries."""
        response = self.preflight(request) if request.method == "OPTIONS" else dispatch(request)
        return self.policy(request, response)

    def preflight(self, request: Request) -> Response:
        if self.cors_origin and request.header("origin") == self.cors_origin:
            return Response(204, b"", "text/plain", {"Access-Control-Allow-Methods": "GET, POST",
                                                      "Access-Control-Allow-Headers": "Content-Type, Accept"})
        return text(403, "cross-origin requests are not enabled on this server")

    def policy(self, request: Request, response: Response) -> Response:
        """No sniffing, a strict CSP on pages, and cross-origin access for the one named origin (no credentials)."""
        headers = {"X-Content-Type-Options": "nosniff", "Vary": "Accept"}
        if response.media.startswith("text/html"):
            headers["Content-Security-Policy"] = CSP
        origin = request.header("origin")
        if self.cors_origin and origin == self.cors_origin:
            headers["Access-Control-Allow-Origin"] = origin
        response.headers = {**headers, **response.headers}
        return response


def make_handler(app: App):
    """http.server's handler: a Request in, the App's Response out."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "dxkg"
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # quiet: one line a request would drown a terminal
            return

        def do_GET(self):
            self.answer()

        do_HEAD = do_POST = do_OPTIONS = do_GET  # other methods get http.server's 501

        def answer(self) -> None:
            url = urlsplit(self.path)
            headers: dict[str, str] = {}
            for k, v in self.headers.items():
                headers.setdefault(k.lower(), v)
            request = Request(self.command, unquote(url.path), parse_qs(url.query, keep_blank_values=True),
                              headers, app, self.body)
            self.send(app.handle(request))

        def body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                raise ValueError("request body too large")
            return self.rfile.read(length) if length else b""

        def send(self, response: Response) -> None:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            for k, v in response.headers.items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.body)

    return Handler


def prepare_store(graphs: list[Path], folder: Path) -> None:
    """An on-disk store laid out as store.load lays it out, for the workers to open read-only."""
    import pyoxigraph as ox

    from ..query.store import load

    loaded = load(graphs)
    disk = ox.Store(str(folder))
    disk.bulk_extend(loaded.quads_for_pattern(None, None, None, None))
    disk.flush()
    del disk


class Server:
    def __init__(self, graphs: list[Path], host: str = "127.0.0.1", port: int = 7878, limits: Limits | None = None,
                 base: str = "https://w3id.org/dxkg/id/", cors_origin: str | None = None):
        self.folder = Path(tempfile.mkdtemp(prefix="dxkg-serve-"))
        prepare_store(graphs, self.folder / "store")
        self.app = App(str(self.folder / "store"), limits or Limits(), base, cors_origin)
        self.httpd = ThreadingHTTPServer((host, port), make_handler(self.app))
        self.httpd.daemon_threads = True

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def serve_forever(self) -> None:
        self.httpd.serve_forever(poll_interval=0.2)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.app.pool.close()
        shutil.rmtree(self.folder, ignore_errors=True)
