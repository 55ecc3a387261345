"""The identity stage: one record per real thing in an article, and the reason for every merge."""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import HEAD, ROOT, article_of, records


def test_mentions_of_one_thing_become_one_record_with_the_reasons():
    ex = records(article_of(HEAD + "Tỉnh ủy Kon Tum ban hành Nghị quyết số 04-NQ/TU về chuyển đổi số. "
                            "Ban Chỉ đạo chuyển đổi số tỉnh Kon Tum họp. Nghị quyết 04 đặt mục tiêu 80% hồ sơ "
                            "trực tuyến. Ban Chỉ đạo tỉnh giao các sở thực hiện Nghị quyết 04.\n"
                            "Đến nay, 80% hồ sơ được xử lý trực tuyến."))
    assert [d.notation for d in ex.documents] == ["04-NQ/TU"]
    committees = [o.label for o in ex.organizations if o.is_steering_committee]
    assert committees == ["Ban Chỉ đạo chuyển đổi số tỉnh Kon Tum"]
    reasons = {(m.kind, m.mention): m.reason for m in ex.merges}
    assert "short reference" in reasons[("document", "Nghị quyết 04")]
    assert "committee named without its topic" in reasons[("organization", "Ban Chỉ đạo tỉnh Kon Tum")]


def test_every_entity_leaves_the_stage_with_an_identity():
    ex = records(article_of(HEAD + "Phó Chủ tịch UBND tỉnh Kon Tum Nguyễn Ngọc Sâm chủ trì Hội nghị ngày "
                            "10/11/2022. Tỉnh đạt 70% hồ sơ trực tuyến."))
    assert ex.identity is not None and ex.scheme is not None
    for record in [*ex.organizations, *ex.documents, *ex.platforms, *ex.events, *ex.observations,
                   *ex.memberships, *(p.person for p in ex.persons)]:
        assert record.identity is not None, record
    sam = next(p.person for p in ex.persons if p.person.name == "Nguyễn Ngọc Sâm")
    assert sam.scope is not None and sam.scope.name == "Kon Tum"  # the province of the body she serves


def _document_identity(text: str):
    ex = records(article_of(HEAD + text))
    return {d.notation: d.identity for d in ex.documents}


def test_a_provincial_document_number_is_one_document_per_province_and_a_national_one_is_one():
    """Each province's bodies number their plans anew: "Kế hoạch số 234/KH-UBND" of Phú Yên and of Bắc Giang are
    two documents, and two articles about Phú Yên naming it name one; a national decision is one everywhere."""
    said = "Thực hiện Kế hoạch số 234/KH-UBND của UBND tỉnh {0} và Quyết định số 749/QĐ-TTg, tỉnh {0} đạt 80% hồ sơ trực tuyến."
    phu_yen, again = _document_identity(said.format("Phú Yên")), _document_identity(said.format("Phú Yên") + " Tỉnh họp.")
    bac_giang = _document_identity(said.format("Bắc Giang"))
    assert phu_yen["234/KH-UBND"] == again["234/KH-UBND"]
    assert phu_yen["234/KH-UBND"].key != bac_giang["234/KH-UBND"].key
    assert phu_yen["749/QĐ-TTg"] == bac_giang["749/QĐ-TTg"]


STAGES = ["lang", "lexicon", "ingest", "extract", "identity", "rdf", "outputs", "build", "query", "serve"]


def _imports(folder: Path) -> set[str]:
    """The dxkg packages a stage's modules import (relative imports resolved to their top folder)."""
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level >= 2 and node.module:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.ImportFrom) and node.level == 1 and folder.name == "dxkg":
                found.add((node.module or "").split(".")[0])
    return found


def test_no_stage_imports_a_later_stage():
    src = ROOT / "src" / "dxkg"
    for i, stage in enumerate(STAGES):
        later = set(STAGES[i + 1:]) & _imports(src / stage)
        assert not later, f"{stage} imports the later stage(s) {sorted(later)}"


def test_the_rdf_layer_reads_no_lexicon_and_no_vietnamese_rules():
    assert not {"lexicon", "lang", "extract", "ingest"} & _imports(ROOT / "src" / "dxkg" / "rdf")


def test_a_fact_read_in_the_headline_gives_its_sentence_but_no_offsets_into_the_text(tmp_path):
    from conftest import build_graph, select

    g = build_graph(tmp_path, {"h.txt": "Bí thư Tỉnh ủy Kon Tum Dương Văn Trang làm việc với Sở Thông tin\n\n"
                                        "Ngày 5/9/2023, đoàn công tác làm việc về chuyển đổi số tại tỉnh Kon Tum."})
    rows = select(g, """SELECT ?e ?s WHERE { ?m a org:Membership ; org:member/rdfs:label "Dương Văn Trang"@vi ;
                        prov:qualifiedDerivation ?n . ?n dxo:evidence ?e . OPTIONAL { ?n dxo:evidenceStart ?s } }""")
    assert rows == {("Bí thư Tỉnh ủy Kon Tum Dương Văn Trang làm việc với Sở Thông tin", "None")}
