"""Knowledge across articles (issue 18), on a corpus of our own whose true answers we know: three articles
about Kon Tum report its DTI rank (2021 twice alike, 2022 twice differently), two chairs of its People's
Committee one after the other, and Resolution 57 by short name and in full."""
import csv
import io

import pytest
from conftest import PREFIXES, build_graph
from typer.testing import CliRunner

ARTICLES = {
    "a1.txt": "Kon Tum họp Ban Chỉ đạo chuyển đổi số\n\nCập nhật: 10/03/2022\n\n"
              "Sáng 10/3/2022, Chủ tịch UBND tỉnh Kon Tum Lê Ngọc Tuấn chủ trì cuộc họp Ban Chỉ đạo chuyển đổi số tỉnh.\n\n"
              "Năm 2021, chỉ số chuyển đổi số (DTI) của tỉnh Kon Tum xếp thứ 40/63 tỉnh, thành phố.\n",
    "a2.txt": "Kon Tum đẩy mạnh chuyển đổi số\n\nCập nhật: 20/05/2023\n\n"
              "Chiều 20/5/2023, Chủ tịch UBND tỉnh Kon Tum Lê Ngọc Tuấn làm việc với Sở Thông tin và Truyền thông.\n\n"
              "Năm 2021, chỉ số chuyển đổi số (DTI) của tỉnh Kon Tum xếp thứ 40/63 tỉnh, thành phố. "
              "Năm 2022, chỉ số DTI của tỉnh Kon Tum xếp thứ 35/63.\n\n"
              "Tỉnh tiếp tục thực hiện Nghị quyết 57 về phát triển khoa học, công nghệ.\n",
    "a3.txt": "Kon Tum triển khai Nghị quyết 57\n\nCập nhật: 15/08/2024\n\n"
              "Sáng 15/8/2024, Chủ tịch UBND tỉnh Kon Tum Nguyễn Đức Tuy chủ trì hội nghị triển khai "
              "Nghị quyết số 57-NQ/TW của Bộ Chính trị.\n\n"
              "Năm 2022, chỉ số chuyển đổi số (DTI) của tỉnh Kon Tum xếp thứ 36/63 tỉnh, thành phố.\n",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("corpus")
    return tmp / "out", build_graph(tmp, ARTICLES)


def query(out, name: str, *bind: str) -> list[dict]:
    from dxkg.cli import app

    args = ["query", str(out / "dxkg.ttl"), name, "-f", "csv", *(x for b in bind for x in ("--bind", b))]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_a_figure_two_articles_report_alike_is_one_statistic_with_both_sources(corpus):
    out, _ = corpus
    rows = {r["year"]: r for r in query(out, "statistics") if r["indicator"] == "Xếp hạng DTI cấp tỉnh"}
    assert rows["2021"]["value"] == "40" and rows["2021"]["articles"] == "2" and rows["2021"]["conflict"] == "false"


def test_values_that_disagree_are_both_kept_and_the_conflict_is_shown(corpus):
    out, _ = corpus
    assert {r["year"]: (r["value"], r["conflict"]) for r in query(out, "statistics")}["2022"] == ("", "true")
    conflict = query(out, "conflicting-figures")
    assert sorted((r["value"], r["sourceFile"]) for r in conflict) == [("35", "a2.txt"), ("36", "a3.txt")]


def test_who_held_a_post_on_a_date(corpus):
    out, _ = corpus
    chair = ["postName=Chủ tịch", "bodyName=Ủy ban nhân dân tỉnh Kon Tum"]
    assert [r["holder"] for r in query(out, "holder-on-date", "on=2023-01-01", *chair)] == ["Lê Ngọc Tuấn"]
    assert [r["holder"] for r in query(out, "holder-on-date", "on=2024-09-01", *chair)] == ["Nguyễn Đức Tuy"]
    assert query(out, "holder-on-date", "on=2021-12-31", *chair) == []  # before anyone was reported in it


def test_tenures_say_first_and_last_report_and_who_came_before_and_after(corpus):
    out, g = corpus
    rows = {r["holder"]: r for r in query(out, "post-holders") if r["post"] == "Chủ tịch"}
    assert (rows["Lê Ngọc Tuấn"]["firstReported"], rows["Lê Ngọc Tuấn"]["lastReported"]) == ("2022-03-10", "2023-05-20")
    assert rows["Lê Ngọc Tuấn"]["after"] == "Nguyễn Đức Tuy" and rows["Nguyễn Đức Tuy"]["before"] == "Lê Ngọc Tuấn"
    during = g.query(PREFIXES + """PREFIX time: <http://www.w3.org/2006/time#>
        SELECT ?b WHERE { ?t a dxo:Tenure ; org:memberDuring/time:hasBeginning/time:inXSDDate ?b ;
                          org:member/rdfs:label "Lê Ngọc Tuấn"@vi }""")
    assert [str(r.b) for r in during] == ["2022-03-10"]


def test_a_short_reference_resolves_to_the_document_another_article_gives_in_full(corpus):
    out, _ = corpus
    assert [(r["shortName"], r["notation"]) for r in query(out, "same-documents")] == [("Nghị quyết 57", "57-NQ/TW")]


def test_observations_link_to_the_canonical_indicator_they_measure(corpus):
    _, g = corpus
    linked = g.query(PREFIXES + """SELECT DISTINCT ?code WHERE {
        ?o a dxo:Observation ; dxo:indicator/skos:exactMatch/skos:notation ?code }""")
    assert {str(r.code) for r in linked} == {"dti-rank"}


def test_every_unit_of_the_gazetteer_has_a_code_an_interval_and_a_wikidata_link(corpus):
    out, _ = corpus
    rows = query(out, "provinces-over-time")  # a row per unit, or per unit it absorbed
    units = list({u["unitIri"]: u for u in rows}.values())
    assert len(units) == 87  # 63 before 1 July 2025 (Thừa Thiên Huế and Huế: two) and 23 merged units after
    assert all(u["code"] and u["wikidata"].startswith("http://www.wikidata.org/entity/Q") for u in units)
    assert all(u["from"] or u["until"] or not u["mergedInto"] for u in units)
    gia_lai = {u["unit"]: u for u in units if u["unit"].startswith("Gia Lai")}
    assert gia_lai["Gia Lai (đến 30/6/2025)"]["until"] == "2025-07-01"
    assert gia_lai["Gia Lai (từ 1/7/2025)"]["from"] == "2025-07-01"
    assert {u["absorbed"] for u in rows if u["unit"] == "Gia Lai (từ 1/7/2025)"} == {
        "Bình Định (đến 30/6/2025)", "Gia Lai (đến 30/6/2025)"}


def test_figures_of_an_old_unit_roll_up_into_the_unit_that_absorbed_it(corpus):
    out, _ = corpus
    rows = query(out, "figures-by-current-unit")
    assert {(r["currentUnit"], r["reportedFor"]) for r in rows} == {("Quảng Ngãi (từ 1/7/2025)", "Kon Tum (đến 30/6/2025)")}


def test_the_canonical_indicators_name_the_document_that_defines_them(corpus):
    out, _ = corpus
    rows = {r["code"]: r for r in query(out, "canonical-indicators")}
    assert rows["dti-rank"]["definedBy"] == "1726/QĐ-BTTTT" and rows["dti-rank"]["exact"] == "4"
    assert rows["digital-economy-share"]["definedBy"] == "749/QĐ-TTg"
