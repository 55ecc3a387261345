"""`dxkg serve`: the graph over the SPARQL 1.1 Protocol, a query page, entity pages, a health check.

Safety, by construction rather than configuration:
- read-only: SPARQL Update is answered 403 (there is no write mode);
- no federation: a query that uses SERVICE is refused (400) before it runs, so
  the server never makes an outbound request;
- every query runs in a worker process with a time limit and a result-size
  limit; a worker that overruns is killed and replaced, the client gets a
  clear 503/413, and the other workers go on answering;
- form bodies are percent-decoded exactly once ("100%41" stays "100%41" in a
  string literal, never "100A");
- the server binds to loopback unless told otherwise; cross-origin access is
  off unless one origin is named, and never with credentials;
- queries run in Oxigraph's own engine over an on-disk read-only store that
  every worker opens.
"""
from __future__ import annotations

import html
import json
import multiprocessing as mp
import queue
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from ..rdf.vocab import PREFIXES, curie

RESULTS = {  # media type -> pyoxigraph format name, for SELECT and ASK
    "application/sparql-results+json": "JSON", "application/json": "JSON",
    "application/sparql-results+xml": "XML", "application/xml": "XML",
    "text/csv": "CSV", "text/tab-separated-values": "TSV",
}
GRAPHS = {  # media type -> pyoxigraph format name, for CONSTRUCT and DESCRIBE
    "text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES", "application/ld+json": "JSON_LD",
    "application/rdf+xml": "RDF_XML", "application/trig": "TRIG",
}
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX|BASE)\b[^{]*?)?\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
                     re.I | re.S)


@dataclass
class Limits:
    seconds: float = 10.0
    rows: int = 100_000
    workers: int = 2


def strip_literals(query: str) -> str:
    """The query without strings, IRIs and comments, so keywords can be looked for safely."""
    pattern = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|'
                         r'<[^<>"{}|^`\\\s]*>|#[^\n]*')
    return pattern.sub(" ", query)


def refusal(query: str) -> tuple[int, str] | None:
    bare = strip_literals(query)
    if re.search(r"\bSERVICE\b", bare, re.I):
        return 400, "SERVICE (federated query to another host) is not allowed on this endpoint"
    if _UPDATE.search(bare) and not re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", bare, re.I):
        return 403, "this endpoint is read-only: SPARQL Update is refused"
    return None


# ---------------------------------------------------------------- the worker processes


def _worker(store_path: str, conn) -> None:
    import pyoxigraph as ox

    store = ox.Store.read_only(store_path)
    conn.send(("ready",))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        try:
            answer = _answer(ox, store, *job)
        except Exception as e:  # noqa: BLE001 - a worker must outlive any one query
            answer = ("error", 500, f"internal error while answering ({type(e).__name__}: {e})")
        conn.send(answer)


def _answer(ox, store, query: str, results_fmt: str, graph_fmt: str, default_graphs, named_graphs, max_rows: int):
    kwargs = {"prefixes": dict(PREFIXES)}
    if default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        result = store.query(query, **kwargs)
        if isinstance(result, ox.QueryTriples):
            triples = []
            for t in result:
                triples.append(t)
                if len(triples) > max_rows:
                    return ("error", 413, f"the result has more than {max_rows:,} triples (the server's limit)")
            fmt = getattr(ox.RdfFormat, graph_fmt)
            return ("ok", fmt.media_type, ox.serialize(triples, format=fmt, prefixes=dict(PREFIXES))
                    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else ox.serialize(triples, format=fmt))
        if isinstance(result, ox.QuerySolutions):
            variables = result.variables
            rows = []
            for sol in result:
                rows.append(sol)
                if len(rows) > max_rows:
                    return ("error", 413, f"the result has more than {max_rows:,} rows (the server's limit)")
            return ("ok", MEDIA[results_fmt], _serialize_solutions(variables, rows, results_fmt))
        return ("ok", MEDIA[results_fmt], result.serialize(format=getattr(ox.QueryResultsFormat, results_fmt)))
    except SyntaxError as e:
        return ("error", 400, f"SPARQL syntax error: {e}")
    except (OSError, ValueError, RuntimeError, TypeError) as e:
        return ("error", 400, f"query failed: {e}")


MEDIA = {"JSON": "application/sparql-results+json", "XML": "application/sparql-results+xml",
         "CSV": "text/csv", "TSV": "text/tab-separated-values"}


def _serialize_solutions(variables, rows, fmt: str) -> bytes:
    """Re-serialise collected solutions (the iterator is spent once the size limit was checked)."""
    names = [v.value for v in variables]
    if fmt == "JSON":
        return json.dumps({"head": {"vars": names}, "results": {"bindings": [
            {n: _json_term(s[n]) for n in names if s[n] is not None} for s in rows]}},
            ensure_ascii=False).encode("utf-8")
    if fmt == "CSV":
        import csv
        import io
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(names)
        w.writerows([["" if s[n] is None else s[n].value for n in names] for s in rows])
        return buf.getvalue().encode("utf-8")
    if fmt == "TSV":
        lines = ["\t".join("?" + n for n in names)]
        lines += ["\t".join("" if s[n] is None else str(s[n]) for n in names) for s in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    return _xml(names, rows)


def _json_term(term) -> dict:
    kind = type(term).__name__
    if kind == "NamedNode":
        return {"type": "uri", "value": term.value}
    if kind == "BlankNode":
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _xml(names, rows) -> bytes:
    from xml.sax.saxutils import escape, quoteattr

    parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    parts += [f"<variable name={quoteattr(n)}/>" for n in names]
    parts.append("</head><results>")
    for s in rows:
        parts.append("<result>")
        for n in names:
            if s[n] is None:
                continue
            t = _json_term(s[n])
            if t["type"] == "uri":
                inner = f"<uri>{escape(t['value'])}</uri>"
            elif t["type"] == "bnode":
                inner = f"<bnode>{escape(t['value'])}</bnode>"
            else:
                attr = (f" xml:lang={quoteattr(t['xml:lang'])}" if "xml:lang" in t
                        else f" datatype={quoteattr(t['datatype'])}" if "datatype" in t else "")
                inner = f"<literal{attr}>{escape(t['value'])}</literal>"
            parts.append(f"<binding name={quoteattr(n)}>{inner}</binding>")
        parts.append("</result>")
    parts.append("</results></sparql>\n")
    return "".join(parts).encode("utf-8")


class Worker:
    def __init__(self, ctx, store_path: str):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(store_path, child), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float = 60) -> None:
        if not self.conn.poll(timeout):
            raise RuntimeError("a query worker did not start")
        self.conn.recv()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class Pool:
    """Worker processes, each with the store open read-only; a worker that overruns is replaced."""

    def __init__(self, store_path: str, limits: Limits):
        self.ctx = mp.get_context("spawn")
        self.store_path, self.limits = store_path, limits
        self.idle: queue.Queue[Worker] = queue.Queue()
        workers = [Worker(self.ctx, store_path) for _ in range(limits.workers)]
        for w in workers:
            w.wait_ready()
            self.idle.put(w)
        self.closed = False

    def run(self, job: tuple) -> tuple:
        try:
            worker = self.idle.get(timeout=self.limits.seconds)
        except queue.Empty:
            return ("error", 503, "all query workers are busy; try again shortly")
        try:
            worker.conn.send(job)
            if worker.conn.poll(self.limits.seconds):
                answer = worker.conn.recv()
                self.idle.put(worker)
                return answer
            message = (503, f"the query ran past the time limit of {self.limits.seconds:g} s and was stopped")
        except (EOFError, OSError):
            message = (500, "the query worker failed; it has been replaced")
        worker.stop()  # overran or died: end it, and start a fresh worker in its place
        threading.Thread(target=self._replace, daemon=True).start()
        return ("error", *message)

    def _replace(self) -> None:
        w = Worker(self.ctx, self.store_path)
        w.wait_ready()
        if self.closed:
            w.stop()
        else:
            self.idle.put(w)

    def close(self) -> None:
        self.closed = True
        while not self.idle.empty():
            self.idle.get_nowait().stop()


# ---------------------------------------------------------------- the HTTP side


def negotiate(accept: str, offered: dict[str, str], default: str) -> str:
    """The offered media type the Accept header prefers (q-values honoured)."""
    choices = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, i, bits[0].lower()))
    for _q, _i, media in sorted(choices):
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*") and _q < 0:
            return default
    return default


class App:
    def __init__(self, store_path: str, limits: Limits, base: str, cors_origin: str | None):
        import pyoxigraph as ox

        from ..query.store import bundled

        self.pool = Pool(store_path, limits)
        self.limits, self.base, self.cors_origin = limits, base, cors_origin
        self.local = ox.Store.read_only(store_path)  # for entity pages and the health check
        self.triples = sum(1 for _ in self.local.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        self.examples = [{"name": n, "about": a, "query": q} for n, (a, q) in bundled().items()]


def make_handler(app: App):
    class Handler(BaseHTTPRequestHandler):
        server_version = "dxkg"
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # quiet: one line a request would drown a terminal
            return

        # ------------------------------------------------ plumbing
        def send(self, status: int, body: bytes, media: str, extra: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", media if "charset" in media or not media.startswith("text/")
                             and "json" not in media else media + "; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Vary", "Accept")
            if media.startswith("text/html"):
                self.send_header("Content-Security-Policy",
                                 "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; "
                                 "connect-src 'self'; form-action 'self'")
            origin = self.headers.get("Origin")
            if app.cors_origin and origin == app.cors_origin:
                self.send_header("Access-Control-Allow-Origin", origin)  # never with credentials
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def error(self, status: int, message: str) -> None:
            self.send(status, (message + "\n").encode("utf-8"), "text/plain")

        def body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            if length > 1_000_000:
                raise ValueError("request body too large")
            return self.rfile.read(length) if length else b""

        # ------------------------------------------------ routes
        def do_OPTIONS(self):
            if app.cors_origin and self.headers.get("Origin") == app.cors_origin:
                self.send(204, b"", "text/plain", {"Access-Control-Allow-Methods": "GET, POST",
                                                    "Access-Control-Allow-Headers": "Content-Type, Accept"})
            else:
                self.error(403, "cross-origin requests are not enabled on this server")

        def do_HEAD(self):
            self.do_GET()

        def do_GET(self):
            url = urlsplit(self.path)
            params = parse_qs(url.query, keep_blank_values=True)
            if url.path == "/sparql":
                if "update" in params:
                    return self.error(403, "this endpoint is read-only: SPARQL Update is refused")
                if "query" not in params:
                    return self.send(200, page().encode("utf-8"), "text/html")
                return self.sparql(params["query"][0], params)
            if url.path == "/":
                return self.send(200, page().encode("utf-8"), "text/html")
            if url.path == "/queries.json":
                return self.send(200, json.dumps(app.examples, ensure_ascii=False).encode("utf-8"),
                                 "application/json")
            if url.path in ("/health", "/healthz"):
                return self.send(200, json.dumps({"status": "ok", "triples": app.triples}).encode(),
                                 "application/json")
            if url.path.startswith("/id/") or url.path == "/entity":
                iri = params["iri"][0] if url.path == "/entity" and "iri" in params else \
                    app.base + unquote(url.path[len("/id/"):])
                return self.entity(iri)
            self.error(404, "not found: try / (query page), /sparql, /health, /id/…")

        def do_POST(self):
            url = urlsplit(self.path)
            if url.path != "/sparql":
                return self.error(404, "not found")
            media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            try:
                raw = self.body()
            except ValueError as e:
                return self.error(413, str(e))
            params = parse_qs(url.query, keep_blank_values=True)
            if media == "application/sparql-update":
                return self.error(403, "this endpoint is read-only: SPARQL Update is refused")
            if media == "application/sparql-query":
                return self.sparql(raw.decode("utf-8", "replace"), params)
            if media == "application/x-www-form-urlencoded":
                # decoded once, here: parse_qs undoes the form's percent-encoding and nothing decodes it again
                form = parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True)
                if "update" in form:
                    return self.error(403, "this endpoint is read-only: SPARQL Update is refused")
                if "query" not in form:
                    return self.error(400, "missing 'query' parameter")
                for k in ("default-graph-uri", "named-graph-uri"):
                    params.setdefault(k, []).extend(form.get(k, []))
                return self.sparql(form["query"][0], params)
            self.error(415, "send application/sparql-query or application/x-www-form-urlencoded")

        def sparql(self, query: str, params: dict) -> None:
            refused = refusal(query)
            if refused:
                return self.error(*refused)
            accept = self.headers.get("Accept") or "*/*"
            results_media = negotiate(accept, RESULTS, "application/sparql-results+json")
            graph_media = negotiate(accept, GRAPHS, "text/turtle")
            job = (query, RESULTS[results_media], GRAPHS[graph_media], params.get("default-graph-uri", []),
                   params.get("named-graph-uri", []), app.limits.rows)
            answer = app.pool.run(job)
            if answer[0] == "ok":
                return self.send(200, answer[2], answer[1])
            self.error(answer[1], answer[2])

        def entity(self, iri: str) -> None:
            import pyoxigraph as ox

            node = ox.NamedNode(iri)
            outgoing = list(app.local.quads_for_pattern(node, None, None, ox.DefaultGraph()))
            incoming = list(app.local.quads_for_pattern(None, None, node, ox.DefaultGraph()))[:500]
            if not outgoing and not incoming:
                return self.error(404, f"no resource {iri} in this graph")
            media = negotiate(self.headers.get("Accept") or "text/html",
                              {"text/html": "", **GRAPHS}, "text/html")
            if media != "text/html":
                fmt = getattr(ox.RdfFormat, GRAPHS[media])
                triples = sorted((q.triple for q in outgoing), key=str)
                body = ox.serialize(triples, format=fmt, prefixes=dict(PREFIXES)) if fmt in (
                    ox.RdfFormat.TURTLE,) else ox.serialize(triples, format=fmt)
                return self.send(200, body, fmt.media_type)
            self.send(200, entity_page(app, iri, outgoing, incoming).encode("utf-8"), "text/html")

    return Handler


def _label(store, term) -> str:
    import pyoxigraph as ox

    if not isinstance(term, ox.NamedNode):
        return term.value
    for p in ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel"):
        for q in store.quads_for_pattern(term, ox.NamedNode(p), None, ox.DefaultGraph()):
            return q.object.value
    return curie(term.value)


def _link(app: App, term) -> str:
    import pyoxigraph as ox

    text = html.escape(_label(app.local, term))
    if isinstance(term, ox.NamedNode):
        href = ("/id/" + quote(term.value[len(app.base):], safe="/")) if term.value.startswith(app.base) \
            else "/entity?iri=" + quote(term.value, safe="")
        return f'<a href="{html.escape(href)}">{text}</a>'
    return text


def entity_page(app: App, iri: str, outgoing, incoming) -> str:
    title = html.escape(_label(app.local, __import__("pyoxigraph").NamedNode(iri)))
    rows_out = "".join(f"<tr><td>{html.escape(curie(q.predicate.value))}</td><td>{_link(app, q.object)}</td></tr>"
                       for q in sorted(outgoing, key=lambda q: (q.predicate.value, str(q.object))))
    rows_in = "".join(f"<tr><td>{_link(app, q.subject)}</td><td>{html.escape(curie(q.predicate.value))}</td></tr>"
                      for q in sorted(incoming, key=lambda q: (q.predicate.value, str(q.subject))))
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;margin:1.5em;max-width:70em}}td{{padding:2px 8px;vertical-align:top}}
tr:nth-child(even){{background:#f4f4f5}}code{{font-size:90%}}</style></head><body>
<p><a href="/">dxkg</a></p><h1>{title}</h1><p><code>{html.escape(iri)}</code></p>
<h2>Facts</h2><table>{rows_out}</table><h2>Referred to by</h2><table>{rows_in}</table></body></html>"""


def page() -> str:
    from importlib.resources import files

    return files("dxkg").joinpath("templates", "query.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------- running it


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


def wait_for(url: str, seconds: float = 10) -> None:
    import urllib.request

    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/health", timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(url)
