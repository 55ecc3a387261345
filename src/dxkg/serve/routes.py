"""The routes: path -> handler. A handler takes a `Request` and returns a `Response`, whatever serves HTTP."""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

from ..outputs import map as map_page
from ..outputs import provinces
from ..outputs.answers import bundled
from ..outputs.formats import GRAPHS, RESULTS, by_media_type, named, write_graph
from ..query.store import GraphError, bound, given
from ..rdf.vocab import PREFIXES
from . import pages
from .guard import READ_ONLY, refusal
from .results import Job

RESULT_MEDIA = by_media_type(RESULTS)  # for SELECT and ASK
GRAPH_MEDIA = by_media_type(GRAPHS)  # for CONSTRUCT, DESCRIBE and entities
HTML = "text/html"


@dataclass
class Request:
    method: str
    path: str  # percent-decoded, as ASGI gives it
    params: dict[str, list[str]]  # the query string, decoded once
    headers: dict[str, str]  # names in lower case
    app: object  # the App: the worker pool, the store, the settings
    body: Callable[[], bytes] = lambda: b""  # read when a handler asks (ValueError past the size limit)
    path_params: dict[str, str] = field(default_factory=dict)
    client: str = "?"  # the peer's address: queries are shared fairly between addresses

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower()) or default


@dataclass
class Response:
    status: int
    body: bytes = b""
    media: str = "text/plain"
    headers: dict[str, str] = field(default_factory=dict)
    rest: Iterator[bytes] | None = None  # the rest of the body, streamed after `body` (a query's large answer)

    @property
    def content_type(self) -> str:
        """Text and JSON are declared UTF-8; other types (XML, N-Triples) carry their own encoding rules."""
        wants = "charset" not in self.media and (self.media.startswith("text/") or "json" in self.media)
        return self.media + "; charset=utf-8" if wants else self.media


def text(status: int, message: str) -> Response:
    return Response(status, (message + "\n").encode("utf-8"), "text/plain")


# ---------------------------------------------------------------- handlers


def query_page(request: Request) -> Response:
    return Response(200, pages.query_page().encode("utf-8"), HTML)


def examples(request: Request) -> Response:
    return Response(200, json.dumps(request.app.examples, ensure_ascii=False).encode("utf-8"), "application/json")


def health(request: Request) -> Response:
    return Response(200, json.dumps({"status": "ok"}).encode(), "application/json")


def sparql_get(request: Request) -> Response:
    if "update" in request.params:
        return text(403, READ_ONLY)
    if "query" not in request.params:
        return query_page(request)
    return run_query(request, request.params["query"][0], request.params)


def sparql_post(request: Request) -> Response:
    media = request.header("content-type").split(";")[0].strip().lower()
    try:
        raw = request.body()
    except ValueError as e:
        return text(413, str(e))
    if media == "application/sparql-update":
        return text(403, READ_ONLY)
    if media == "application/sparql-query":
        return run_query(request, raw.decode("utf-8", "replace"), request.params)
    if media == "application/x-www-form-urlencoded":
        from urllib.parse import parse_qs

        # decoded once, here: parse_qs undoes the form's percent-encoding and nothing decodes it again
        form = parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True)
        if "update" in form:
            return text(403, READ_ONLY)
        if "query" not in form:
            return text(400, "missing 'query' parameter")
        params = {k: list(v) for k, v in request.params.items()}
        for k in ("default-graph-uri", "named-graph-uri", "bind", "format"):
            params.setdefault(k, []).extend(form.get(k, []))
        return run_query(request, form["query"][0], params)
    return text(415, "send application/sparql-query or application/x-www-form-urlencoded")


def run_query(request: Request, query: str, params: dict[str, list[str]]) -> Response:
    binds = params.get("bind", [])
    try:
        query = given_values(query, binds)
    except GraphError as e:
        return text(400, str(e))
    refused = refusal(query)  # what runs is read, the values with it
    if refused:
        return text(*refused)
    app = request.app
    bad = invalid_iris(params.get("default-graph-uri", []) + params.get("named-graph-uri", []))
    if bad:
        return text(400, f"default-graph-uri and named-graph-uri take IRIs; not an IRI: {bad!r}")
    accept = request.header("accept", "*/*")
    asked = (params.get("format") or [""])[0].lower()  # ?format=csv: what a link can ask for, beside Accept
    if asked:
        try:
            accept = named(asked[:20], RESULTS).media_type
        except KeyError as e:
            return text(400, e.args[0])
    job = Job(query, RESULT_MEDIA[negotiate(accept, RESULT_MEDIA, "application/sparql-results+json")].name,
              GRAPH_MEDIA[negotiate(accept, GRAPH_MEDIA, "text/turtle")].name,
              tuple(params.get("default-graph-uri", [])), tuple(params.get("named-graph-uri", [])), app.limits.rows, app.limits.bytes,
              bound=bool(binds))
    answer = app.pool.run(job, request.client)
    return Response(answer.status, answer.body, answer.media, rest=answer.rest)


def given_values(query: str, binds: list[str]) -> str:
    """QUERY with the values its `bind=NAME=VALUE` parameters give its variables, as `dxkg query --bind NAME=VALUE`
    gives them (`query.store.given` and `bound`); GraphError for a bad bind or a query without WHERE."""
    return bound(query, given(binds)) if binds else query


def invalid_iris(iris: list[str]) -> str | None:
    """The first of IRIS that is not an IRI, if any (it would fail inside the worker otherwise)."""
    from pyoxigraph import NamedNode

    for iri in iris:
        try:
            NamedNode(iri)
        except ValueError:
            return iri
    return None


def entity(request: Request) -> Response:
    """A resource of the graph: its page, or its facts in an RDF format the client asks for."""
    from pyoxigraph import DefaultGraph, NamedNode

    app = request.app
    if "rest" in request.path_params:
        iri = app.base + request.path_params["rest"]
    elif "iri" in request.params:
        iri = request.params["iri"][0]
    else:
        return text(404, "no resource named: give its IRI as /entity?iri=…")
    try:
        node = NamedNode(iri)
    except ValueError as e:
        return text(400, f"not an IRI: {iri!r} ({e})")
    outgoing = list(app.local.quads_for_pattern(node, None, None, DefaultGraph()))
    incoming = list(app.local.quads_for_pattern(None, None, node, DefaultGraph()))[:500]
    if not outgoing and not incoming:
        return text(404, f"no resource {iri} in this graph")
    media = negotiate(request.header("accept", HTML), {HTML: None, **GRAPH_MEDIA}, HTML)
    wants_page = media == HTML and "/province/" in iri
    province = provinces.gather(app.local, iri).get(iri.rsplit("/", 1)[-1]) if wants_page else None
    if province:  # a province something is said of has its own page
        return Response(200, provinces.page(province, links="served").encode("utf-8"), HTML)
    if media == HTML:
        return Response(200, pages.entity_page(app.local, app.base, iri, outgoing, incoming).encode("utf-8"), HTML)
    fmt = GRAPH_MEDIA[media]
    return Response(200, write_graph(sorted((q.triple for q in outgoing), key=str), fmt.rdf), fmt.media_type)


def not_found(request: Request) -> Response:
    if request.method in ("GET", "HEAD"):
        return text(404, "not found: try / (query page), /sparql, /health, /id/…")
    return text(404, "not found")


def negotiate(accept: str, offered, default: str) -> str:
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


# ---------------------------------------------------------------- the table


@dataclass(frozen=True)
class Route:
    path: str  # "/health", or with a parameter as Starlette writes it: "/id/{rest:path}"
    endpoint: Callable[[Request], Response]
    methods: tuple[str, ...] = ("GET",)  # GET routes answer HEAD too

    def match(self, method: str, path: str) -> dict[str, str] | None:
        if method not in self.methods and not (method == "HEAD" and "GET" in self.methods):
            return None
        found = _pattern(self.path).fullmatch(path)
        return found.groupdict() if found else None


@cache
def _pattern(path: str) -> re.Pattern:
    """"/id/{rest:path}" -> a regex: {name} matches one segment, {name:path} the rest of the path."""
    out, pos = [], 0
    for m in re.finditer(r"\{(\w+)(:path)?\}", path):
        out += [re.escape(path[pos:m.start()]), f"(?P<{m[1]}>{'.*' if m[2] else '[^/]+'})"]
        pos = m.end()
    return re.compile("".join(out) + re.escape(path[pos:]))


def search_page(request: Request) -> Response:
    return Response(200, pages.search_page().encode("utf-8"), HTML)


def search(request: Request) -> Response:
    """Things whose label or sentences hold the words of ?q=, narrowed by ?class=, ?province=, ?year=,
    ?indicator=, with the facet counts (JSON). The index is read from the store at the first search."""
    from ..query.search import FACETS

    app = request.app
    if app.search_index is None:
        from ..query.search import Index

        app.search_index = Index(app.local)
    given = {k: v[0] for k, v in request.params.items()}
    answer = app.search_index.search(given.get("q", "")[:200], {f: given.get(f, "") for f in FACETS})
    return Response(200, json.dumps(answer, ensure_ascii=False).encode("utf-8"), "application/json")


def map_shapes(request: Request) -> Response:
    """The province shapes (63 and 34 units) and which shape each unit is drawn with, for the query page's maps."""
    body = json.dumps({**map_page.shapes(), "drawn": map_page.drawn_as()}, ensure_ascii=False)
    return Response(200, body.encode("utf-8"), "application/json")


def national_map(request: Request) -> Response:
    """The national map of the served graph, its provinces linked to their pages here."""
    text = bundled()[map_page.QUERY][1]
    rows = map_page.figures(request.app.local.query(text, prefixes=dict(PREFIXES)))
    return Response(200, map_page.render(rows, province_href="/id/province/{}").encode("utf-8"), HTML)


ROUTES = (
    Route("/", query_page),
    Route("/map", national_map),
    Route("/map-shapes.json", map_shapes),
    Route("/search", search_page),
    Route("/search.json", search),
    Route("/sparql", sparql_get),
    Route("/sparql", sparql_post, ("POST",)),
    Route("/queries.json", examples),
    Route("/health", health),
    Route("/healthz", health),
    Route("/entity", entity),
    Route("/id/{rest:path}", entity),
)


def dispatch(request: Request, routes=ROUTES) -> Response:
    for route in routes:
        found = route.match(request.method, request.path)
        if found is not None:
            request.path_params = found
            return route.endpoint(request)
    return not_found(request)
