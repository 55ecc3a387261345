"""`dxkg serve` streams a large answer as Oxigraph writes it (issue 16): what a client sees of it.

A small answer comes whole, with its Content-Length; a large one in chunks, and a SPARQL client parses
it as before. A limit met past the first megabyte cuts the answer off, and the client is told so (the
chunked body never ends), never handed a shorter answer that looks whole. A client that hangs up or
stops reading does not keep a worker.
"""
from __future__ import annotations

import csv
import http.client
import io
import json
import socket
import subprocess
import sys
import time
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
from conftest import wait_for
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.query import Result
from test_serve import free_port, get

MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
         "csv": "text/csv", "tsv": "text/tab-separated-values"}
# the seeds crossed with themselves: as many rows as asked for, several MB of them
CROSS = "SELECT * WHERE {{ ?s ?p ?o . ?a ?b ?c }} LIMIT {n}"
QUICK = "SELECT ?l WHERE { ?p a dxo:Province ; rdfs:label ?l }"
ROWS = 20_000


def serve(seed_build, *options):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dxkg", "serve", str(seed_build), "--port", str(port), *options],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    wait_for(url, 30)
    return proc, url


@pytest.fixture(scope="module")
def server(seed_build):
    proc, url = serve(seed_build, "--workers", "1", "--timeout", "5", "--max-rows", str(ROWS))
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def open_ended(seed_build):
    """No row or byte limit worth the name: an answer goes on until the time limit."""
    proc, url = serve(seed_build, "--workers", "1", "--timeout", "4", "--max-rows", "1000000000",
                      "--max-bytes", "100000000000")
    yield url
    proc.terminate()
    proc.wait(10)


def fetch(url: str, query: str, accept: str, version: int = 11):
    """(status, headers, body, complete): an answer read to its end, or to where the server cut it off."""
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    if version == 10:
        conn._http_vsn, conn._http_vsn_str = 10, "HTTP/1.0"
    try:
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})
        r = conn.getresponse()
        try:
            return r.status, r.headers, r.read(), True
        except http.client.IncompleteRead as e:
            return r.status, r.headers, e.partial, False
    finally:
        conn.close()


def rows_in(fmt: str, body: bytes) -> int:
    """Rows of a SPARQL results document, read as a client reads it."""
    if fmt == "json":
        return len(json.loads(body)["results"]["bindings"])
    if fmt == "xml":
        ns = "{http://www.w3.org/2005/sparql-results#}"
        return len(ET.fromstring(body).find(ns + "results").findall(ns + "result"))
    if fmt == "csv":
        return len(list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))) - 1
    return len(Result.parse(io.BytesIO(body), format="tsv").bindings)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_a_large_answer_streams_and_every_row_up_to_the_limit_arrives(server, fmt):
    status, headers, body, complete = fetch(server, CROSS.format(n=ROWS), MEDIA[fmt])
    assert status == 200 and complete and headers["Content-Type"].startswith(MEDIA[fmt])
    assert headers["Transfer-Encoding"] == "chunked" and "Content-Length" not in headers
    assert len(body) > 2_000_000 and rows_in(fmt, body) == ROWS
    if fmt in ("json", "xml"):  # rdflib, as a SPARQL client, reads it too
        assert len(Result.parse(io.BytesIO(body), format=fmt).bindings) == ROWS


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_one_row_past_the_limit_cuts_the_answer_off_and_the_client_knows(server, fmt):
    status, _h, body, complete = fetch(server, CROSS.format(n=ROWS + 1), MEDIA[fmt])
    assert status == 200 and not complete  # the status had gone; the chunked body never ended
    with pytest.raises(Exception):
        assert rows_in(fmt, body) == ROWS + 1
    assert get(server, QUICK)[0] == 200  # the worker is back


def test_a_graph_past_the_triple_limit_is_cut_off(server):
    q = "CONSTRUCT { ?s ?p ?c . ?a ?b ?o } WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT {n}"  # two triples a solution
    status, _h, body, complete = fetch(server, q.replace("{n}", str(ROWS // 2)), "application/n-triples")
    assert status == 200 and complete and len(body) > 1_000_000
    assert ROWS / 2 < len(Graph().parse(data=body.decode("utf-8"), format="nt")) == body.count(b"\n") <= ROWS
    status, _h, _b, complete = fetch(server, q.replace("{n}", str(2 * ROWS)), "application/n-triples")
    assert status == 200 and not complete  # some 50,000 distinct triples asked for, 20,000 allowed


def test_rows_without_values_count_too(server):
    status, _h, body, _c = get(server, CROSS.format(n=ROWS + 1).replace("SELECT *", "SELECT ?nothing")) + (None,)
    assert status == 413 and f"{ROWS:,} rows" in body  # 60 KB of `{}`: found before the answer started


def test_a_small_answer_keeps_its_length(server):
    status, headers, body, complete = fetch(server, QUICK, MEDIA["json"])
    assert status == 200 and complete and int(headers["Content-Length"]) == len(body)
    assert "Gia Lai" in body.decode("utf-8")


def test_an_http_1_0_client_gets_a_length_or_the_error(server):
    status, headers, body, complete = fetch(server, CROSS.format(n=ROWS), MEDIA["csv"], version=10)
    assert status == 200 and complete and int(headers["Content-Length"]) == len(body)
    assert rows_in("csv", body) == ROWS
    status, _h, body, _c = fetch(server, CROSS.format(n=ROWS + 1), MEDIA["csv"], version=10)
    assert status == 413 and b"rows" in body  # it cannot tell a cut-off body from a whole one: it waits


def test_a_client_that_hangs_up_mid_answer_frees_its_worker(open_ended):
    host, port = urllib.parse.urlsplit(open_ended).netloc.split(":")
    endless = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c . ?d ?e ?f }"})
    for _ in range(3):  # more hang-ups than workers
        with socket.create_connection((host, int(port)), timeout=10) as s:
            s.sendall(f"GET /sparql?{endless} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            assert s.recv(65536).startswith(b"HTTP/1.1 200")
        started = time.perf_counter()
        assert get(open_ended, QUICK)[0] == 200
        assert time.perf_counter() - started < 2  # the one worker was freed, not held to the 4 s limit


def test_a_client_that_stops_reading_is_cut_off_at_the_time_limit(open_ended):
    host, port = urllib.parse.urlsplit(open_ended).netloc.split(":")
    endless = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c . ?d ?e ?f }"})
    with socket.create_connection((host, int(port)), timeout=15) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        s.sendall(f"GET /sparql?{endless} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        time.sleep(1)
        started = time.perf_counter()
        status, _h, body = get(open_ended, QUICK)  # waits for the one worker: freed at the time limit
        assert status == 200 and "Gia Lai" in body and time.perf_counter() - started < 6
        received = b""
        while chunk := s.recv(1 << 20):
            received += chunk
    assert received.startswith(b"HTTP/1.1 200") and not received.endswith(b"\r\n0\r\n\r\n")  # no last chunk


# ---------------------------------------------------------------- the row count, on values that look like markup

TRICKY = ['"', "\\", "\\\\", '\\"', "},{", "[{", ',{"', "{}", "<result>", "</result>", "\n", "\r\n", ",", "\t",
          "'", "a", "Hà Nội", "&", "]", "\\u0022"]


@settings(max_examples=150, deadline=None)
@given(values=st.lists(st.one_of(st.none(), st.lists(st.sampled_from(TRICKY), max_size=6).map("".join)),
                       min_size=0, max_size=40),
       cuts=st.lists(st.integers(min_value=1, max_value=5000), max_size=30),
       fmt=st.sampled_from(["json", "xml", "csv", "tsv"]))
def test_the_row_limit_counts_rows_whatever_their_values_hold(values, cuts, fmt):
    """--max-rows is kept by counting rows in the bytes pyoxigraph writes, cut into pieces anywhere: values
    holding quotes, backslashes, newlines or what looks like the format's own markup count as one row."""
    import pyoxigraph as ox

    from dxkg.outputs.formats import RESULTS, named
    from dxkg.serve.results import Overrun, RowCount

    store = ox.Store()
    for i, v in enumerate(values):
        subject = ox.NamedNode(f"http://example.org/{i}")
        store.add(ox.Quad(subject, ox.NamedNode("http://example.org/n"), ox.Literal(i)))
        if v is not None:  # a row whose ?v is unbound otherwise
            store.add(ox.Quad(subject, ox.NamedNode("http://example.org/v"), ox.Literal(v, language="vi")))
    query = "SELECT ?v ?s WHERE { ?s <http://example.org/n> ?n OPTIONAL { ?s <http://example.org/v> ?v } }"
    body = store.query(query).serialize(format=named(fmt, RESULTS).results)
    pieces, start = [], 0
    for cut in sorted(set(cuts)) + [len(body)]:
        pieces.append(body[start:cut])
        start = max(start, cut)
    exact = RowCount.of(fmt, len(values))
    for piece in pieces:
        exact.feed(piece)
    assert exact.rows == len(values)
    if values:
        one_short = RowCount.of(fmt, len(values) - 1)
        with pytest.raises(Overrun):
            for piece in pieces:
                one_short.feed(piece)
