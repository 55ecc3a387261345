"""Provenance per mention: where each article names an entity, its sentence and offsets sit on a node of that
mention (PROV's qualified derivation), so an entity many articles name keeps each article's evidence apart."""
from __future__ import annotations

from conftest import build_graph, select, write_article

PORTAL = "Cổng Dịch vụ công quốc gia"
FIRST = ("Ngày 5/9/2023, Sở Thông tin và Truyền thông tỉnh Kon Tum cho biết 100% hồ sơ được tiếp nhận qua "
         f"{PORTAL}. Tỉnh tiếp tục triển khai Nghị quyết số 04-NQ/TU về chuyển đổi số.")
SECOND = ("Năm 2024, tỉnh Gia Lai đẩy mạnh chuyển đổi số. Người dân được hướng dẫn nộp hồ sơ trên "
          f"{PORTAL}. Tỷ lệ thanh toán trực tuyến tăng.")


def _two_articles(tmp_path):
    return build_graph(tmp_path, {"a.txt": FIRST, "b.txt": SECOND})


def test_an_entity_named_by_two_articles_keeps_each_sentence_with_its_own_offsets(tmp_path):
    g = _two_articles(tmp_path)
    rows = select(g, f"""SELECT ?file ?sentence ?start ?end WHERE {{
        ?p a dxo:Platform ; rdfs:label "{PORTAL}"@vi ; prov:qualifiedDerivation ?m .
        ?m a dxo:Mention ; prov:entity/dxo:sourceFile ?file ; dxo:evidence ?sentence ;
           dxo:evidenceStart ?start ; dxo:evidenceEnd ?end }}""")
    assert {r[0] for r in rows} == {"a.txt", "b.txt"} and len(rows) == 2  # one mention per article, not k^4
    texts = {"a.txt": FIRST, "b.txt": SECOND}
    for file, sentence, start, end in rows:
        assert PORTAL in sentence and sentence in texts[file]
        assert texts[file][int(start):int(end)] == PORTAL  # the offsets point at the name in that article
    assert not select(g, "SELECT ?e WHERE { ?e a dxo:Platform ; dxo:evidence ?s }")  # nothing on the entity


def test_bodies_people_and_documents_have_their_mention_too(tmp_path):
    g = _two_articles(tmp_path)
    named = select(g, """SELECT ?class ?start ?end WHERE {
        VALUES ?class { dxo:Organization dxo:LegalDocument dxo:Platform }
        ?x a ?class ; prov:qualifiedDerivation ?m . ?m prov:entity/dxo:sourceFile "a.txt" ;
           dxo:evidenceStart ?start ; dxo:evidenceEnd ?end . }""")
    spans = {c.rsplit("#", 1)[-1]: FIRST[int(s):int(e)] for c, s, e in named}
    assert spans == {"Organization": "Sở Thông tin và Truyền thông tỉnh Kon Tum",
                     "LegalDocument": "Nghị quyết số 04-NQ/TU về chuyển đổi số", "Platform": PORTAL}


def test_the_evidence_query_gives_one_row_per_fact_and_article(tmp_path):
    from dxkg.query.store import bundled, load, rows

    _two_articles(tmp_path)
    found = rows(load(tmp_path / "out" / "dxkg.ttl"), bundled()["evidence"][1])
    platform_rows = [r for r in found if r["class"] == "Platform"]
    assert sorted(r["sourceFile"] for r in platform_rows) == ["a.txt", "b.txt"]
    assert all(r["fact"] and r["sentence"] for r in found)  # memberships too get a readable fact
    keys = [(r["class"], r["fact"], r["sourceFile"], r["start"]) for r in found]
    assert len(keys) == len(set(keys))


def test_a_sentence_put_on_a_shared_entity_breaks_the_shapes(tmp_path):
    from dxkg.rdf.shapes import validate

    write_article(tmp_path, "bad.ttl", """@prefix dxo: <https://w3id.org/dxkg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <urn:x:doc> a dxo:LegalDocument ; rdfs:label "Nghị quyết"@vi ; dxo:evidence "một câu"@vi .""")
    report = validate(tmp_path / "bad.ttl")
    assert not report.conforms
    assert any("dxo:Mention" in v.message for v in report.errors)
