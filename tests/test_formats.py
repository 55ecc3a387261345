"""The one format registry: every format `dxkg query`, `dxkg export` and `dxkg serve` offer is read back
by pyoxigraph as the answer or graph it stands for."""
from __future__ import annotations

import csv
import io
import urllib.parse

import pyoxigraph as ox
import pytest
from conftest import run_dxkg
from test_serve import http, server  # noqa: F401 - a server of the seed build, for this module

from dxkg.outputs.formats import EXPORTS, GRAPHS, RESULTS
from dxkg.query.store import load
from dxkg.rdf.vocab import PREFIXES

SELECT = "SELECT ?p ?l WHERE { ?p a dxo:Province ; rdfs:label ?l }"
CONSTRUCT = "CONSTRUCT { ?p a dxo:Person ; rdfs:label ?l } WHERE { ?p a dxo:Person ; rdfs:label ?l }"


def solutions(body: bytes, fmt) -> set[tuple[str, ...]]:
    """The rows of a SELECT answer, each term in N-Triples form (CSV, which pyoxigraph cannot read, by value)."""
    if fmt.name == "csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
        return {tuple(r) for r in rows[1:]}
    parsed = ox.parse_query_results(body, fmt.results)
    return {tuple(str(s[v]) for v in parsed.variables) for s in parsed}


def expected_solutions(graph, fmt) -> set[tuple[str, ...]]:
    result = load(graph).query(SELECT, prefixes=PREFIXES)
    term = (lambda t: t.value) if fmt.name == "csv" else str
    return {tuple(term(s[v]) for v in result.variables) for s in result}


def triples(body: bytes, fmt) -> set[ox.Triple]:
    return {q.triple for q in ox.parse(body, fmt.rdf)}


@pytest.mark.parametrize("fmt", RESULTS, ids=lambda f: f.name)
def test_query_results_in_every_offered_format_read_back_as_the_same_rows(seed_build, fmt):
    result = run_dxkg("query", str(seed_build), SELECT, "--format", fmt.name)
    assert result.returncode == 0, result.stderr
    rows = solutions(result.stdout.encode("utf-8"), fmt)
    assert len(rows) >= 5 and rows == expected_solutions(seed_build, fmt)


@pytest.mark.parametrize("fmt", GRAPHS, ids=lambda f: f.name)
def test_construct_in_every_offered_graph_format_reads_back_as_the_same_triples(seed_build, fmt):
    result = run_dxkg("query", str(seed_build), CONSTRUCT, "--format", fmt.name)
    assert result.returncode == 0, result.stderr
    got = triples(result.stdout.encode("utf-8"), fmt)
    assert len(got) >= 18 and got == set(load(seed_build).query(CONSTRUCT, prefixes=PREFIXES))


@pytest.mark.parametrize("fmt", [f for f in EXPORTS if f.rdf], ids=lambda f: f.name)
def test_every_rdf_export_reads_back_as_the_graph(tmp_path, seed_build, fmt):
    source = seed_build.parent / "dxkg.trig"
    target = tmp_path / f"g.{fmt.suffix}"
    result = run_dxkg("export", str(source), "--format", fmt.name, "-o", str(target))
    assert result.returncode == 0, result.stderr
    written = list(ox.parse(path=str(target), format=fmt.rdf))
    # term for term the built Turtle: one lexical form for a decimal in both (issue 17 item 12)
    graph = {q.triple for q in ox.parse(path=str(seed_build), format=ox.RdfFormat.TURTLE)}
    assert len(graph) > 1000 and {q.triple for q in written} == graph
    if fmt.name == "trig":  # the per-article graphs are kept, beside the reference and corpus graphs
        assert len({q.graph_name for q in written}) == 5 + 2


def test_export_without_a_format_name_lists_the_choices(seed_build):
    result = run_dxkg("export", str(seed_build), "--format", "xlsx")
    assert result.returncode == 1 and all(f.name in result.stderr for f in EXPORTS)


@pytest.mark.parametrize("fmt", RESULTS, ids=lambda f: f.name)
def test_the_server_answers_select_in_every_results_media_type(server, seed_build, fmt):  # noqa: F811
    for media in fmt.media_types:
        status, headers, body = http(server + "/sparql?" + urllib.parse.urlencode({"query": SELECT}),
                                     headers={"Accept": media})
        assert status == 200 and headers["Content-Type"].split(";")[0] == fmt.media_type
        assert solutions(body.encode("utf-8"), fmt) == expected_solutions(seed_build, fmt), media


@pytest.mark.parametrize("fmt", GRAPHS, ids=lambda f: f.name)
def test_the_server_answers_construct_and_entities_in_every_graph_media_type(server, fmt):  # noqa: F811
    status, headers, body = http(server + "/sparql?" + urllib.parse.urlencode({"query": CONSTRUCT}),
                                 headers={"Accept": fmt.media_type})
    assert status == 200 and headers["Content-Type"].split(";")[0] == fmt.media_type
    assert len(triples(body.encode("utf-8"), fmt)) >= 18
    status, headers, body = http(server + "/id/province/gia-lai", headers={"Accept": fmt.media_type})
    assert status == 200 and headers["Content-Type"].split(";")[0] == fmt.media_type
    labels = {t.object.value for t in triples(body.encode("utf-8"), fmt)
              if t.predicate.value.endswith("#label")}
    assert "Gia Lai" in labels

