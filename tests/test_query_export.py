"""`dxkg query`, `dxkg export` and `dxkg stats` on the seed graph, as users run them."""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import networkx as nx
import pytest
from conftest import run_dxkg
from rdflib import RDF, Dataset, Graph, Namespace

from dxkg.query.store import bundled

DXO = Namespace("https://w3id.org/dxkg/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")


def test_at_least_ten_bundled_queries_each_saying_what_it_asks():
    queries = bundled()
    assert len(queries) >= 10
    assert all(about for about, _text in queries.values())
    listed = run_dxkg("query", "--list").stdout
    assert all(name in listed for name in queries)


@pytest.mark.parametrize("name", sorted(bundled()))
def test_every_bundled_query_returns_rows_on_the_seed_graph(seed_build, name):
    result = run_dxkg("query", str(seed_build), name, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["results"]["bindings"], f"{name} returned no rows"


def test_results_formats(seed_build):
    ask = "SELECT ?chair WHERE { ?m org:role/rdfs:label 'Trưởng ban'@vi ; org:member/rdfs:label ?chair }"
    rows = list(csv.reader(io.StringIO(run_dxkg("query", str(seed_build), ask, "-f", "csv").stdout)))
    assert rows[0] == ["chair"] and ["Trương Hải Long"] in rows
    assert run_dxkg("query", str(seed_build), ask, "-f", "tsv").stdout.splitlines()[0] == "?chair"
    table = run_dxkg("query", str(seed_build), ask).stdout
    assert "Trương Hải Long" in table and "rows" in table
    construct = run_dxkg("query", str(seed_build), "CONSTRUCT { ?p a dxo:Person } WHERE { ?p a dxo:Person }", "-f", "ttl")
    assert len(Graph().parse(data=construct.stdout, format="turtle")) >= 9


def test_a_query_file(tmp_path, seed_build):
    rq = tmp_path / "provinces.rq"
    text = "SELECT ?l WHERE { ?p a dxo:Province ; rdfs:label ?l } ORDER BY ?l"
    rq.write_text(text, encoding="utf-8")
    rows = list(csv.reader(io.StringIO(run_dxkg("query", str(seed_build), str(rq), "-f", "csv").stdout)))
    assert rows[:2] == [["l"], ["Bạc Liêu"]]  # the file's query ran, in its order
    assert rows == list(csv.reader(io.StringIO(run_dxkg("query", str(seed_build), text, "-f", "csv").stdout)))


def test_bad_sparql_gets_the_parsers_message_not_a_traceback(seed_build):
    result = run_dxkg("query", str(seed_build), "SELECT ?x WHERE {\n  ?x ?y }")
    assert result.returncode == 1
    assert "2:" in result.stderr and "syntax" in result.stderr.lower()
    assert "Traceback" not in result.stderr


def test_exports_for_other_tools(tmp_path, seed_build):
    trig = seed_build.parent / "dxkg.trig"
    for fmt in ("nt", "jsonld", "trig", "graphml"):
        result = run_dxkg("export", str(trig), "--format", fmt, "-o", str(tmp_path / f"g.{fmt}"))
        assert result.returncode == 0, result.stderr
    turtle = Graph().parse(seed_build)
    assert len(Graph().parse(tmp_path / "g.nt", format="nt")) == len(turtle)
    assert len(Graph().parse(tmp_path / "g.jsonld", format="json-ld")) == len(turtle)
    assert "@context" in json.loads((tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    ds = Dataset()
    ds.parse(tmp_path / "g.trig", format="trig")
    named = {str(c.identifier) for c in ds.graphs() if "/article/" in str(c.identifier)}
    assert len(named) == 5  # one named graph per article
    gml = nx.read_graphml(tmp_path / "g.graphml")
    assert any(d.get("label") == "Trương Hải Long" for _n, d in gml.nodes(data=True))
    assert any(d.get("label") == "Chủ tịch" for _s, _o, d in gml.edges(data=True))


def test_trig_needs_named_graphs(tmp_path, seed_build):
    result = run_dxkg("export", str(seed_build), "--format", "trig", "-o", str(tmp_path / "x.trig"))
    assert result.returncode == 1 and "named graphs" in result.stderr


def test_csv_tables_have_english_columns_and_vietnamese_values(seed_build):
    folder = seed_build.parent
    obs = list(csv.DictReader(open(folder / "observations.csv", encoding="utf-8")))
    assert list(obs[0]) == ["province", "indicator", "value", "max_value", "out_of", "unit", "status", "year",
                            "qualifier", "document", "article", "sentence"]
    assert any(r["value"] == "39" and r["out_of"] == "63" and r["unit"] == "rank" and r["province"] == "Gia Lai"
               for r in obs)
    assert any(r["document"] == "Nghị quyết số 04-NQ/TU" and r["status"] == "target" for r in obs)
    members = list(csv.DictReader(open(folder / "memberships.csv", encoding="utf-8")))
    assert {"Trương Hải Long", "Chủ tịch", "Ủy ban nhân dân tỉnh Gia Lai"} <= set(
        next(r for r in members if r["post"] == "Chủ tịch" and r["person"] == "Trương Hải Long").values())
    docs = list(csv.DictReader(open(folder / "documents.csv", encoding="utf-8")))
    assert {r["notation"] for r in docs} >= {"04-NQ/TU", "36-NQ/TW"}


def test_stats(seed_build):
    result = run_dxkg("stats", str(seed_build))
    assert result.returncode == 0, result.stderr
    for expected in ("Entities by class", "Facts by province", "Gia Lai", "Most connected", "SHACL: conforms"):
        assert expected in result.stdout
    by_class = result.stdout.split("Entities by class")[1].split("Facts by")[0]
    reported = {m[1]: int(m[2]) for m in re.finditer(r"│ (\w+) +│ (\d+) +│", by_class)}
    g = Graph().parse(seed_build)
    counted = Counter(str(c).split("#")[1] for c in g.objects(None, RDF.type) if c in DXO or c == ORG.Membership)
    assert reported == counted  # every class, with as many entities as the graph holds
