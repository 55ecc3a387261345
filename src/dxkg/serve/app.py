"""The server: the App (what every handler reads), the policy headers, and uvicorn as the web server.

The handlers in routes.py are plain functions (Request in, Response out); `asgi` wraps the App as an
ASGI application and `Server` runs it under uvicorn, which brings what http.server lacked: a listen
backlog for bursts of clients, time-outs for idle and half-sent connections, and a graceful shutdown.
"""
from __future__ import annotations

import asyncio
import logging
import shutil
import signal
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import parse_qs

from ..query.store import store_folder
from .pool import CutOff, Limits, Pool
from .routes import Request, Response, dispatch, text

MAX_BODY = 1_000_000  # bytes of a POSTed query
BODY_SECONDS = 30.0  # a body sent slower than this is cut off (408)
HEADER_SECONDS = 10.0  # a connection that has not sent a whole request head by then is closed
IDLE_SECONDS = 5.0  # keep-alive: an idle connection is closed after this
BACKLOG = 4096  # connections the kernel holds for us while we accept (http.server had 5)
MAX_HEADER_BYTES = 16_384
CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; "
       "connect-src 'self'; form-action 'self'")


class BodyTooLarge(ValueError):
    pass


class App:
    def __init__(self, store_path: str, limits: Limits, base: str, cors_origin: str | None):
        import pyoxigraph as ox

        from ..query.store import bundled

        self.pool = Pool(store_path, limits)
        self.limits, self.base, self.cors_origin = limits, base, cors_origin
        self.local = ox.Store.read_only(store_path)  # for entity pages
        self.search_index = None  # read from the store at the first search
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


def asgi(app: App, threads: int = 1024):
    """App as an ASGI application. Handlers block (a query waits for its worker), so they run in threads,
    many of them: a thread waiting its turn sleeps, and the pool's per-address queue limit (128) needs
    eight busy addresses to take them all;
    the body is read here first, within MAX_BODY whatever Content-Length says and however it is chunked.
    A large answer is streamed (see `respond`), its parts read from the worker in these threads too."""
    executor = ThreadPoolExecutor(threads, thread_name_prefix="dxkg-request")

    async def application(scope, receive, send):
        if scope["type"] == "lifespan":
            return await lifespan(receive, send)
        if scope["type"] != "http":
            return
        headers: dict[str, str] = {}
        for k, v in scope["headers"]:
            headers.setdefault(k.decode("latin-1").lower(), v.decode("latin-1"))
        body, problem = await read_body(scope, receive, headers)
        params = parse_qs(scope["query_string"].decode("latin-1"), keep_blank_values=True)
        request = Request(scope["method"], scope["path"], params, headers, app, lambda: _body(body, problem))
        request.client = (scope.get("client") or ("?", 0))[0]
        if problem == "slow":
            response = app.policy(request, text(408, "the request body did not arrive in time"))
        else:
            try:
                response = await asyncio.get_running_loop().run_in_executor(executor, app.handle, request)
            except Exception as e:  # noqa: BLE001 - a client always gets a reply, never a dropped connection
                response = app.policy(request, text(500, f"internal error ({type(e).__name__})"))
        await respond(send, response, scope["method"], receive, executor, scope.get("http_version", "1.1"))

    async def lifespan(receive, send):
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                # a streamed answer cut off is ended by returning early (see `stream`); we log it ourselves
                logging.getLogger("uvicorn.error").addFilter(_not_incomplete)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                executor.shutdown(wait=False, cancel_futures=True)
                await send({"type": "lifespan.shutdown.complete"})
                return

    return application


def _not_incomplete(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("ASGI callable returned without completing response")


def _body(body: bytes, problem: str | None) -> bytes:
    if problem == "large":
        raise BodyTooLarge(f"request body too large (the limit is {MAX_BODY:,} bytes)")
    return body


async def read_body(scope, receive, headers: dict[str, str]) -> tuple[bytes, str | None]:
    """The request's body and what went wrong reading it: None, "large" (past MAX_BODY), "slow"."""
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        return b"", "large"  # refused before a byte is read
    chunks, size = [], 0
    try:
        async with asyncio.timeout(BODY_SECONDS):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    break
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > MAX_BODY:
                    return b"", "large"  # a chunked body past the limit: stop reading, answer 413
                chunks.append(chunk)
                if not message.get("more_body"):
                    break
    except TimeoutError:
        return b"", "slow"
    return b"".join(chunks), None


async def respond(send, response: Response, method: str, receive=None, executor=None,
                  http_version: str = "1.1") -> None:
    """RESPONSE to the client: whole, with its Content-Length, or streamed when it has a `rest`."""
    if response.rest is not None:
        return await stream(send, response, method, receive, executor, http_version)
    headers = [(b"content-type", response.content_type.encode("latin-1")),
               (b"content-length", str(len(response.body)).encode())]
    headers += [(k.lower().encode("latin-1"), str(v).encode("latin-1")) for k, v in response.headers.items()]
    if response.status == 413:
        headers.append((b"connection", b"close"))  # the rest of an unread body is not worth reading
    await send({"type": "http.response.start", "status": response.status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if method == "HEAD" else response.body})


async def stream(send, response: Response, method: str, receive, executor, http_version: str) -> None:
    """A large answer, sent as its worker writes it (chunked transfer, no Content-Length).

    Its first part is already here (pool.Limits.held bytes); each next part is read in a thread. Should
    the worker fail past that point (a limit, the time limit, a worker out of memory), the status line
    has gone: the connection is closed without the chunked body's last chunk, which every HTTP client
    reports as an incomplete answer (curl: "transfer closed with outstanding read data remaining";
    Python: IncompleteRead, requests: ChunkedEncodingError), never as a shorter whole one; the server
    logs why (Fuseki ends a failed stream the same way). The time limit holds for the whole
    answer: a client that reads too slowly to take it within the limit is cut off the same way. A client
    that goes away has its worker told to stop; the worker is back in the pool once it has (or is
    replaced at the deadline).
    An HTTP/1.0 client cannot tell a cut-off body from a whole one (no chunked transfer), so its
    answer is read whole first and sent with its length, or as the error it ended in."""
    loop = asyncio.get_running_loop()
    rest = response.rest
    try:
        if http_version == "1.0":
            return await respond(send, await _whole(response, executor), method)
        headers = [(b"content-type", response.content_type.encode("latin-1"))]
        headers += [(k.lower().encode("latin-1"), str(v).encode("latin-1")) for k, v in response.headers.items()]
        await send({"type": "http.response.start", "status": response.status, "headers": headers})
        if method == "HEAD":
            return await send({"type": "http.response.body", "body": b""})
        await send({"type": "http.response.body", "body": response.body, "more_body": True})
        await _pour(send, rest, len(response.body), receive, executor)
    finally:
        try:
            await loop.run_in_executor(executor, rest.close)  # frees the worker, however the answer ended
        except RuntimeError:  # the executor is shut down: the server is stopping, and its workers with it
            rest.close()


async def _whole(response: Response, executor) -> Response:
    """RESPONSE read to its end: with its whole body, or as the error it ended in."""
    try:
        parts = await asyncio.get_running_loop().run_in_executor(executor, list, response.rest)
    except CutOff as e:
        return Response(e.status, (str(e) + "\n").encode("utf-8"), "text/plain", response.headers)
    return Response(response.status, response.body + b"".join(parts), response.media, response.headers)


async def _pour(send, rest, sent: int, receive, executor) -> None:
    """The parts of REST to the client as they come, each read in a thread, until the answer ends, is cut
    off, or the client goes (`receive` says http.disconnect)."""
    loop = asyncio.get_running_loop()
    gone = asyncio.ensure_future(receive())
    try:
        while True:
            part = loop.run_in_executor(executor, next, rest, None)
            await asyncio.wait({part, gone}, return_when=asyncio.FIRST_COMPLETED)
            if gone.done():
                rest.cancel()  # the worker stops at its next chunk; the part being read is dropped
                await asyncio.wait({part})
                part.exception()  # retrieved, so that asyncio does not report it
                return
            try:
                chunk = part.result()
            except CutOff as e:
                return _cut_off(sent, str(e))  # uvicorn closes the connection, the body unfinished
            if chunk is None:
                return await send({"type": "http.response.body", "body": b""})
            try:  # a client that does not read holds the worker (it waits for us to take its chunks)
                async with asyncio.timeout(max(0.0, rest.deadline - time.monotonic())):
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
            except TimeoutError:
                return _cut_off(sent, "the client read it too slowly for the time limit")
            sent += len(chunk)
    finally:
        gone.cancel()


def _cut_off(sent: int, why: str) -> None:
    logging.getLogger("uvicorn.error").warning("an answer was cut off after %s bytes: %s", f"{sent:,}", why)


def _protocol():
    """uvicorn's HTTP/1.1 protocol, with a deadline for the request head: a client that connects and sends
    nothing (or one header byte a minute) is closed, so held connections cannot use up the file descriptors."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class Protocol(H11Protocol):
        head_timer = None

        def connection_made(self, transport):
            super().connection_made(transport)
            _no_delay(transport)
            self.arm()

        def arm(self):
            self.disarm()
            self.head_timer = self.loop.call_later(HEADER_SECONDS, self.head_overdue)

        def disarm(self):
            if self.head_timer is not None:
                self.head_timer.cancel()
                self.head_timer = None

        def data_received(self, data):
            super().data_received(data)
            if self.conn.their_state is not h11.IDLE:
                self.disarm()  # the head has arrived

        def on_response_complete(self):
            super().on_response_complete()
            self.arm()

        def connection_lost(self, exc):
            self.disarm()
            super().connection_lost(exc)

        def head_overdue(self):
            self.head_timer = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

    return Protocol


def _no_delay(transport) -> None:
    """Send small writes at once (TCP_NODELAY). asyncio sets it only on sockets whose `proto` is
    IPPROTO_TCP, and a socket from `socket.create_server` has proto 0: without it a response's head and
    body, two writes, met the client's delayed ACK, and every request on a kept-alive connection after
    the first took 40 ms more (curl, requests, SPARQL clients with sessions)."""
    import socket

    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass


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
        import socket

        import uvicorn

        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _terminated)  # from here on a SIGTERM unwinds, so the store copy goes
        built = store_folder(graphs[0]) if len(graphs) == 1 else None
        # a build's store is opened where it is (read-only); graph files are loaded into a temporary one
        self.folder = None if built else Path(tempfile.mkdtemp(prefix="dxkg-serve-"))
        try:
            if self.folder:
                prepare_store(graphs, self.folder / "store")
            self.app = App(str(built or self.folder / "store"), limits or Limits(), base, cors_origin)
            # bound here, so a port in use is an OSError now and not a log line later
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            self.socket = socket.create_server((host, port), family=family, backlog=BACKLOG)
        except BaseException:
            self._remove_copy()
            raise
        config = uvicorn.Config(asgi(self.app), http=_protocol(), lifespan="on", log_level="warning",
                                access_log=False, backlog=BACKLOG, timeout_keep_alive=IDLE_SECONDS,
                                h11_max_incomplete_event_size=MAX_HEADER_BYTES, timeout_graceful_shutdown=5,
                                server_header=False, date_header=True)
        self.uvicorn = uvicorn.Server(config)

    @property
    def url(self) -> str:
        host, port = self.socket.getsockname()[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    def serve_forever(self) -> None:
        """Serve until SIGINT or SIGTERM; uvicorn finishes the requests under way, then we clean up."""
        # uvicorn re-raises the signal it caught once it has shut down; a SIGTERM would then end the process
        # before `close` removed the store copy, so SIGTERM is an exception (see __init__), as SIGINT already is
        try:
            self.uvicorn.run(sockets=[self.socket])
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.close()

    def close(self) -> None:
        if getattr(self, "closed", False):
            return
        self.closed = True
        self.socket.close()
        self.app.pool.close()
        self._remove_copy()

    def _remove_copy(self) -> None:
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)


def _terminated(signum, frame):
    raise SystemExit(0)
