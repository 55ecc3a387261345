"""SERVICE cannot run on `dxkg serve`, by any spelling (issue 15): a loopback listener records any
connection a query makes, and none is ever made."""
from __future__ import annotations

import socket
import subprocess
import sys
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxkg.serve.guard import NO_SERVICE, refusal

SPACES = [" ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2028", "\u2029", "\u0085", "\ufeff", "\u200b", "\f"]


class Listener:
    """A loopback port that records every connection made to it (and answers none)."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                conn, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()


@pytest.fixture(scope="module")
def listener():
    found = Listener()
    yield found
    found.socket.close()


def spellings(port: int):
    """Queries that ask for SERVICE to the listener, or look as if they might, in the ways a filter is fooled."""
    ws = st.lists(st.sampled_from(SPACES), min_size=1, max_size=3).map("".join)
    keyword = st.sampled_from(["SERVICE", "service", "SeRvIcE", "SERVICE SILENT", "service silent"])
    url = f"http://127.0.0.1:{port}/"
    target = st.sampled_from([(f"<{url}>", ""), ("p:sparql", f"PREFIX p: <{url}>\n"), ("<sparql>", f"BASE <{url}>\n"),
                              (f"<{url}#x>", ""), (f"<{url}sp\\u0061rql>", ""), (":", f"PREFIX : <{url}>\n"),
                              ("<>", f"BASE <{url}>\n")])
    filler = st.sampled_from(["", "VALUES ?z { <http://x/\u00a0#f> }", "VALUES ?z { <http://x/\u3000'f> }",
                              "# a comment\n", '?s <http://x/p> "a # \\" SERVICE" .', "?s <http://x/p> '''\n#'''  .",
                              "BIND(<#> AS ?r)", 'BIND("\\u0022" AS ?q)', "FILTER(?s != <http://x/\u2028>)",
                              'BIND("""SERVICE <x> { }""" AS ?t)', "?s <http://x/p> 'it''s' ."])
    wrap = st.sampled_from(["{}", "{ SELECT * WHERE {} }", "OPTIONAL {}", "FILTER EXISTS {}", "MINUS {}",
                            "{ ?a ?b ?c } UNION {}", "GRAPH ?g {}"])
    return st.builds(lambda w1, k, w2, t, f1, f2, w: (
        t[1] + "SELECT * WHERE {" + w1 + f1 + w1 + w.replace("{}", "{" + k + w2 + t[0] + w2 + "{ ?s ?p ?o } }")
        + w2 + f2 + "}"), ws, keyword, ws, target, filler, filler, wrap)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_service_never_runs_by_any_spelling(listener, data):
    import pyoxigraph as ox

    query = data.draw(spellings(listener.port))
    before = listener.connections
    if refusal(query) is None:  # let through: then Oxigraph must not call out when it runs it
        try:
            list(ox.Store().query(query))
        except (SyntaxError, OSError, ValueError, RuntimeError):
            pass
    assert listener.connections == before, query


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { VALUES ?z { <http://x/\u00a0#f> } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "PREFIX r: <http://127.0.0.1:9/>\nSELECT * { { SELECT * { service\u3000r:x { ?s ?p ?o } } } }",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
])
def test_service_is_refused_however_written(query):
    assert refusal(query)[0] == 400


@pytest.mark.parametrize("query", ['SELECT ?x WHERE { BIND("SERVICE" AS ?x) }',
                                   "SELECT ?s WHERE { ?s <http://x/service> ?o } # SERVICE <http://x/> { }",
                                   "SELECT ?l WHERE { ?p a dxo:Province ; rdfs:label ?l }"])
def test_the_word_outside_a_pattern_is_no_service(query):
    assert refusal(query) is None


def test_the_parser_gives_line_and_column():
    status, reason = refusal("SELECT ?x WHERE {\n ?x ?y }")
    assert status == 400 and "2:" in reason and reason != NO_SERVICE


def test_updates_are_refused_as_updates():
    assert refusal("INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }")[0] == 403
    assert refusal("PREFIX e: <http://e/> DELETE WHERE { ?s e:p ?o }")[0] == 403


def test_a_query_worker_has_no_network(listener):
    """The second wall: a worker process cannot reach even loopback (where the OS allows namespaces)."""
    probe = ("import socket, sys\nfrom dxkg.serve.pool import without_network\n"
             "if not without_network(): sys.exit(3)\n"
             f"socket.create_connection(('127.0.0.1', {listener.port}), timeout=2)\n")
    before = listener.connections
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    if result.returncode == 3:
        pytest.skip("this OS does not let an unprivileged process leave the network")
    assert result.returncode != 0 and "unreachable" in result.stderr.lower()
    assert listener.connections == before


def test_queries_checked_in_parallel_are_all_read_alike():
    """The request threads check queries at once; rdflib's parser is not thread-safe on its own."""
    from concurrent.futures import ThreadPoolExecutor

    queries = [f"SELECT (COUNT(DISTINCT ?p) AS ?n{i}) WHERE {{ ?p a dxo:Person }}" for i in range(200)]
    with ThreadPoolExecutor(32) as pool:
        assert list(pool.map(refusal, queries)) == [None] * 200


def test_a_query_asked_again_is_not_held_up_by_a_slow_new_one():
    """Decisions are remembered by query text: a dashboard's query asked again is let through at once, even
    while the parser (one parse at a time) is busy with a long new query."""
    import time

    known = "SELECT ?l WHERE { ?p a dxo:Province ; rdfs:label ?l } # asked again"
    assert refusal(known) is None
    slow = "SELECT * WHERE { ?s ?p ?x FILTER(" + " || ".join(f'CONTAINS(STR(?x), "{i}")' for i in range(400)) + ") }"
    parsing = threading.Thread(target=refusal, args=(slow,))
    parsing.start()
    time.sleep(0.1)  # the slow parse under way (it takes over a second)
    started = time.perf_counter()
    assert refusal(known) is None
    waited = time.perf_counter() - started
    still_parsing = parsing.is_alive()
    parsing.join()
    assert still_parsing and waited < 0.1
