"""Relations between documents (issue 18) and the dataset's VoID description, on articles of our own whose
true answers we know: a plan carries out a Politburo resolution, a decision is issued pursuant to a provincial
resolution ("Căn cứ …"), a later decision amends it and another replaces an older one."""
import csv
import io

import pytest
from conftest import build_graph
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, XSD
from typer.testing import CliRunner

VOID = Namespace("http://rdfs.org/ns/void#")
ARTICLES = {
    "plans.txt": "Gia Lai ban hành kế hoạch chuyển đổi số năm 2025\n\nCập nhật: 12/03/2025\n\n"
                 "Ngày 12/3/2025, UBND tỉnh Gia Lai ban hành Kế hoạch số 45/KH-UBND triển khai thực hiện "
                 "Nghị quyết số 57-NQ/TW của Bộ Chính trị.\n\n"
                 "Căn cứ Nghị quyết số 04-NQ/TU của Ban Chấp hành Đảng bộ tỉnh, UBND tỉnh ban hành Quyết định số "
                 "120/QĐ-UBND về chương trình chuyển đổi số.\n\n"
                 "Quyết định số 130/QĐ-UBND sửa đổi, bổ sung Quyết định số 120/QĐ-UBND; Quyết định số 140/QĐ-UBND "
                 "thay thế Quyết định số 99/QĐ-UBND.\n",
    "cited.txt": "Gia Lai rà soát văn bản\n\nCập nhật: 01/04/2025\n\n"
                 "Căn cứ Nghị quyết số 57-NQ/TW và Nghị quyết số 04-NQ/TU, các sở, ngành rà soát nhiệm vụ.\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("relations")
    return tmp / "out", build_graph(tmp, ARTICLES)


def test_each_relation_names_the_document_it_points_at(built):
    from dxkg.cli import app

    out, _ = built
    result = CliRunner().invoke(app, ["query", str(out / "dxkg.ttl"), "document-relations", "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = [(r["document"], r["relation"], r["target"]) for r in csv.DictReader(io.StringIO(result.stdout))]
    assert rows == [("Kế hoạch số 45/KH-UBND", "implements", "Nghị quyết số 57-NQ/TW"),
                    ("Quyết định số 120/QĐ-UBND", "pursuant to", "Nghị quyết số 04-NQ/TU"),
                    ("Quyết định số 130/QĐ-UBND", "amends", "Quyết định số 120/QĐ-UBND"),
                    ("Quyết định số 140/QĐ-UBND", "replaces", "Quyết định số 99/QĐ-UBND")]


def test_documents_cited_with_nothing_issued_relate_to_nothing(built):
    _, graph = built
    # "Căn cứ A và B, các sở, ngành rà soát …" issues no document: no relation comes of it
    assert len(list(graph.subject_objects(URIRef("https://w3id.org/dxkg/ontology#pursuantTo")))) == 1


def test_the_void_description_counts_what_the_turtle_holds(built):
    out, graph = built
    void = Graph().parse(out / "void.ttl")
    dataset = URIRef("https://w3id.org/dxkg/id/dataset")
    assert void.value(dataset, VOID.triples) == Literal(len(graph), datatype=XSD.integer)
    classes = {void.value(p, VOID["class"]): int(void.value(p, VOID.entities))
               for p in void.objects(dataset, VOID.classPartition)}
    dxo = Namespace("https://w3id.org/dxkg/ontology#")
    assert classes[dxo.LegalDocument] == len(set(graph.subjects(RDF.type, dxo.LegalDocument)))
    properties = {void.value(p, VOID.property): int(void.value(p, VOID.triples))
                  for p in void.objects(dataset, VOID.propertyPartition)}
    assert properties[dxo.replaces] == 1 and sum(properties.values()) == len(graph)
    # the gazetteer's units link out to Wikidata: one linkset per link property, counted
    linksets = {void.value(s, VOID.linkPredicate): int(void.value(s, VOID.triples))
                for s in void.subjects(RDF.type, VOID.Linkset)}
    wikidata = [(s, o) for s, o in graph.subject_objects(OWL.sameAs) if str(o).startswith("http://www.wikidata.org/")]
    assert linksets[OWL.sameAs] == len(wikidata) > 34


def test_the_void_description_is_the_same_for_the_same_inputs(built, tmp_path):
    out, _ = built
    build_graph(tmp_path, ARTICLES)
    assert (tmp_path / "out" / "void.ttl").read_bytes() == (out / "void.ttl").read_bytes()
