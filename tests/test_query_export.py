"""`dxkg query`, `dxkg export` and `dxkg stats` on the seed graph, as users run them."""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import networkx as nx
import pyoxigraph as ox
import pytest
from conftest import run_dxkg
from rdflib import RDF, RDFS, SKOS, Dataset, Graph, Literal, Namespace, URIRef

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
    text = "SELECT DISTINCT ?l WHERE { ?a schema:mentions ?p . ?p a dxo:Province ; rdfs:label ?l } ORDER BY ?l"
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
    assert list(obs[0]) == ["observation", "province", "indicator", "value", "max_value", "out_of", "unit", "status",
                            "year", "qualifier", "document", "article", "sentence",
                            "province_iri", "indicator_iri", "document_iri", "article_iri"]
    assert any(r["value"] == "39" and r["out_of"] == "63" and r["unit"] == "rank"
               and r["province"] == "Gia Lai (đến 30/6/2025)" for r in obs)
    assert any(r["document"] == "Nghị quyết số 04-NQ/TU" and r["status"] == "target" for r in obs)
    members = list(csv.DictReader(open(folder / "memberships.csv", encoding="utf-8")))
    assert {"Trương Hải Long", "Chủ tịch", "Ủy ban nhân dân tỉnh Gia Lai"} <= set(
        next(r for r in members if r["post"] == "Chủ tịch" and r["person"] == "Trương Hải Long").values())
    assert {(len(r["reported_on"]), r["reported_on_precision"]) for r in members} <= {
        (4, "year"), (7, "month"), (10, "day")}
    docs = list(csv.DictReader(open(folder / "documents.csv", encoding="utf-8")))
    assert {r["notation"] for r in docs} >= {"04-NQ/TU", "36-NQ/TW"}


def test_every_csv_row_carries_the_iris_of_what_it_names(seed_build):
    """Rows join back to the graph (issue 17 item 7): each IRI cell is a subject of the graph, and the label
    beside it is that subject's display label."""
    g = Graph().parse(seed_build)
    subjects = {str(s) for s in g.subjects()}
    shown = {str(s): str(o) for s, o in g.subject_objects(SKOS.prefLabel) if o.language == "vi"}
    shown.update({str(s): str(o) for s, o in g.subject_objects(RDFS.label) if str(s) not in shown})
    for table, own in (("observations", "observation"), ("memberships", "membership"), ("documents", "document")):
        rows = list(csv.DictReader(open(seed_build.parent / f"{table}.csv", encoding="utf-8")))
        assert rows and all(r[own] in subjects for r in rows), table
        for r in rows:
            for column, iri in r.items():
                for one in iri.split() if column.endswith(("_iri", "_iris")) else ():
                    assert one in subjects, (table, column, one)
                label = column[:-4] if column.endswith("_iri") else None
                if label in r and iri and label not in ("article", "post", "document", "implements"):
                    assert r[label] == shown[iri], (table, column)


def test_old_and_new_units_of_one_name_are_told_apart_by_their_display_label(seed_build):
    g = Graph().parse(seed_build)
    gia_lai = {str(s) for s in g.subjects(RDFS.label, Literal("Gia Lai", lang="vi"))}
    assert len(gia_lai) == 2  # rdfs:label stays the name
    shown = {str(o) for s in gia_lai for o in g.objects(URIRef(s), SKOS.prefLabel) if o.language == "vi"}
    assert shown == {"Gia Lai (đến 30/6/2025)", "Gia Lai (từ 1/7/2025)"}
    english = {str(o) for s in gia_lai for o in g.objects(URIRef(s), SKOS.prefLabel) if o.language == "en"}
    assert english == {"Gia Lai (until 30 June 2025)", "Gia Lai (from 1 July 2025)"}
    answer = run_dxkg("query", str(seed_build), "SELECT ?l WHERE { ?p a dxo:Province ; skos:prefLabel ?l "
                      'FILTER(LANG(?l) = "vi") }', "-f", "csv").stdout.splitlines()
    assert len(answer) == len(set(answer))  # the README's example: no name twice


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


@pytest.mark.parametrize("source", ["dxkg.trig", "dxkg.ttl"])
def test_json_ld_holds_what_its_source_holds_named_graphs_too(tmp_path, seed_build, source):
    """Read by another JSON-LD processor (pyld), the export from the TriG gives the TriG's quads, each article
    in its named graph (issue 17 item 12: they were dropped); from the Turtle, the Turtle's triples."""
    from pyld import jsonld

    given = seed_build.parent / source
    assert run_dxkg("export", str(given), "-f", "jsonld", "-o", str(tmp_path / "g.jsonld")).returncode == 0
    doc = json.loads((tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    read = ox.parse(jsonld.to_rdf(doc, {"format": "application/n-quads"}).encode(), format=ox.RdfFormat.N_QUADS)
    expected = set(ox.parse(path=str(given)))
    assert {(q.subject, q.predicate, q.object, q.graph_name) for q in read} == {
        (q.subject, q.predicate, q.object, q.graph_name) for q in expected}
    assert len({q.graph_name for q in expected}) == (5 + 2 if source == "dxkg.trig" else 1)  # and the reference and corpus graphs
