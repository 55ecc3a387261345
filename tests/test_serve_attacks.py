"""`dxkg serve` as an attacker meets it (issue 15): each attack that once worked now fails.

Fast attacks only, all on loopback; the load attacks (bursts of clients, abusive loops) are in
bench/serve_attack.py.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse

import pytest
from conftest import wait_for
from test_serve import free_port, http


@pytest.fixture(scope="module")
def server(seed_build):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dxkg", "serve", str(seed_build), "--port", str(port),
                             "--timeout", "3", "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    wait_for(url, 30)
    yield url
    proc.terminate()
    proc.wait(10)


def raw(url: str, data: bytes, timeout: float = 10) -> bytes:
    """Bytes sent as they are to the server (no client library tidying them); what comes back."""
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as s:
        s.sendall(data)
        reply = b""
        try:
            while chunk := s.recv(65536):
                reply += chunk
                if b"\r\n\r\n" in reply and b"connection: close" not in reply.lower():
                    break
        except (ConnectionResetError, BrokenPipeError):
            pass
        return reply


def status_of(reply: bytes) -> int:
    return int(reply.split(b" ", 2)[1])


def test_a_negative_content_length_is_refused_and_nothing_is_read(server):
    head = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: -1\r\n\r\n"
    reply = raw(server, head + b"A" * 1_000_000)
    assert 400 <= status_of(reply) < 500
    assert http(server + "/health")[0] == 200


def test_a_huge_declared_body_gets_413_before_it_is_sent(server):
    head = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 300000000000\r\n\r\n")
    started = time.perf_counter()
    assert status_of(raw(server, head)) == 413
    assert time.perf_counter() - started < 5


def test_a_huge_chunked_body_gets_413(server):
    head = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"%x\r\n%s\r\n" % (65536, b"#" * 65536)
    host, port = urllib.parse.urlsplit(server).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(head)
        sent, reply = 0, b""
        try:
            while sent < 50_000_000 and not reply:  # 50 MB at most; the server stops us long before
                s.sendall(chunk)
                sent += 65536
                s.setblocking(False)
                try:
                    reply = s.recv(65536)
                except BlockingIOError:
                    pass
                s.setblocking(True)
        except (ConnectionResetError, BrokenPipeError):
            pass
        if not reply:
            s.settimeout(5)
            reply = s.recv(65536)
    assert status_of(reply) == 413 and sent < 10_000_000
    assert http(server + "/health")[0] == 200


def test_a_small_chunked_query_is_answered(server):
    q = b"ASK { ?s ?p ?o }"
    head = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nConnection: close\r\n"
            b"Accept: application/sparql-results+json\r\nTransfer-Encoding: chunked\r\n\r\n")
    reply = raw(server, head + b"%x\r\n%s\r\n0\r\n\r\n" % (len(q), q))
    assert status_of(reply) == 200 and b'"boolean":true' in reply.replace(b" ", b"")


@pytest.mark.parametrize("path", ["/id/a%20b", "/id/%3Cx%3E", "/entity?iri=not%20an%20iri"])
def test_an_invalid_iri_gets_a_4xx_reply(server, path):
    status, _h, body = http(server + path)
    assert 400 <= status < 500 and body


def test_an_invalid_default_graph_uri_gets_400(server):
    status, _h, body = http(server + "/sparql?" + urllib.parse.urlencode(
        {"query": "ASK { ?s ?p ?o }", "default-graph-uri": "not an iri"}))
    assert status == 400 and "not an iri" in body


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_server_and_removes_its_store_copy(seed_build, tmp_path, sig):
    port = free_port()
    env = dict(os.environ, TMPDIR=str(tmp_path))
    proc = subprocess.Popen([sys.executable, "-m", "dxkg", "serve", str(seed_build), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        wait_for(f"http://127.0.0.1:{port}", 30)
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith("dxkg-serve-")]
        proc.send_signal(sig)
        proc.wait(15)
    finally:
        proc.kill()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("dxkg-serve-")]


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ VALUES ?z {{ <http://x/\u00a0#f> }} SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ VALUES ?z {{ <http://x/\u3000'f> }} SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ VALUES ?z {{ <http://x/\u2028#f> }} SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "BASE <http://127.0.0.1:{port}/>\nSELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
])
def test_the_service_bypasses_are_refused_and_nothing_connects(server, template):
    from test_serve_service import Listener

    listener = Listener()
    try:
        query = template.format(port=listener.port)
        status, _h, body = http(server + "/sparql", query.encode("utf-8"),
                                {"Content-Type": "application/sparql-query"})
        assert status == 400 and listener.connections == 0
    finally:
        listener.socket.close()


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUICK = "SELECT DISTINCT ?l WHERE { ?a schema:mentions ?p . ?p a dxo:Province ; rdfs:label ?l }"


def test_one_client_looping_slow_queries_cannot_take_every_worker(server):
    from concurrent.futures import ThreadPoolExecutor

    from test_serve import get_from

    with ThreadPoolExecutor(2) as pool:
        hogs = [pool.submit(get_from, "127.0.0.3", server, SLOW) for _ in range(2)]
        time.sleep(0.5)
        started = time.perf_counter()
        status, _h, body = get_from("127.0.0.4", server, QUICK)
        waited = time.perf_counter() - started
        assert status == 200 and "Gia Lai" in body and waited < 2  # its share is one worker of two
        assert sorted(h.result()[0] for h in hogs) == [503, 503]  # each stopped at the time limit


@pytest.fixture(scope="module")
def tight(seed_build):
    """A server with one worker, a short queue, a memory cap and a small byte limit."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dxkg", "serve", str(seed_build), "--port", str(port),
                             "--workers", "1", "--timeout", "6", "--queue-seconds", "1", "--memory", "700",
                             "--max-bytes", "5000"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    wait_for(url, 30)
    yield url
    proc.terminate()
    proc.wait(10)


def test_a_result_over_the_byte_limit_gets_413_whatever_its_rows(tight):
    from test_serve import get

    status, _h, body = get(tight, "SELECT (GROUP_CONCAT(?l) AS ?all) WHERE { ?s rdfs:label ?l }")
    assert status == 413 and "5,000 bytes" in body
    assert get(tight, QUICK)[0] == 200


def test_a_worker_over_its_memory_cap_is_replaced_and_the_client_gets_503(tight):
    from test_serve import get

    started = time.perf_counter()
    status, _h, body = get(tight, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 5")
    assert status == 503 and "memory" in body and time.perf_counter() - started < 6  # the cap, not the clock
    deadline = time.time() + 20
    while (answer := get(tight, "ASK { ?s ?p ?o }"))[0] != 200 and time.time() < deadline:
        time.sleep(0.3)  # the replacement worker starting
    assert answer[0] == 200


def test_a_query_that_waits_past_the_queue_deadline_gets_503(tight):
    from concurrent.futures import ThreadPoolExecutor

    from test_serve import get_from

    with ThreadPoolExecutor(1) as pool:
        hog = pool.submit(get_from, "127.0.0.5", tight, SLOW)
        time.sleep(0.5)
        started = time.perf_counter()
        status, _h, body = get_from("127.0.0.6", tight, QUICK)
        assert status == 503 and "busy" in body and time.perf_counter() - started < 3
        assert hog.result()[0] == 503
