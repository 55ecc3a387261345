"""Figures as Vietnamese news writes them, and the numbers that are not figures."""
from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import HEAD, article_of, build_graph, select

from dxkg.extract import extract
from dxkg.extract.figures import parse_number

DATED = "Cập nhật: 10/12/2023 09:00\n\n" + HEAD  # published in 2023: "Đến nay" is 2023


def figures(text: str):
    return extract(article_of(DATED + text)).observations


def one(text: str):
    found = figures(text)
    assert len(found) == 1, [(o.value, o.unit) for o in found]
    return found[0]


@pytest.mark.parametrize("written,value", [
    ("1.196", "1196"), ("89,66", "89.66"), ("3,31", "3.31"), ("8.619", "8619"), ("12.345.678", "12345678"),
    ("0,7314", "0.7314"), ("3.0", None), ("1.6", None), ("1,6", "1.6"),
])
def test_strict_vietnamese_numbers(written, value):
    assert parse_number(written) == (Decimal(value) if value else None)


@pytest.mark.parametrize("sentence,value,unit,extra", [
    ("Tỉnh Kon Tum có 1.196 đơn vị giao dịch điện tử.", "1196", "đơn vị", {}),
    ("Tỷ lệ hồ sơ trực tuyến của tỉnh Kon Tum đạt 89,66%.", "89.66", "percent", {}),
    ("Tỉnh Kon Tum số hóa hơn 3,31 triệu trang tài liệu.", "3310000", "trang", {"qualifier": "hơn"}),
    ("Năm 2023, doanh thu thương mại điện tử tỉnh Kon Tum đạt 8.619 tỷ đồng.", "8619000000000", "đồng", {}),
    ("Tỉnh Kon Tum có 2.418 trạm BTS phủ sóng toàn tỉnh.", "2418", "trạm BTS", {}),
    ("Năm 2023, tỉnh Kon Tum xếp thứ 39/63 về chỉ số chuyển đổi số.", "39", "rank", {"out_of": Decimal(63)}),
    ("Kon Tum đứng thứ 3/5 tỉnh Tây Nguyên về chuyển đổi số năm 2023.", "3", "rank", {"out_of": Decimal(5)}),
    ("Kon Tum có 17/17 huyện, thành phố kết nối cáp quang.", "17", "huyện", {"out_of": Decimal(17)}),
    ("Kinh tế số của tỉnh Kon Tum tăng 5-10% mỗi năm.", "5", "percent", {"max_value": Decimal(10)}),
    ("Tỷ lệ sử dụng dịch vụ trực tuyến của Kon Tum đạt 90%-93%.", "90", "percent", {"max_value": Decimal(93)}),
    ("Chỉ số DTI năm 2023 của tỉnh Kon Tum đạt 0,7314/1 điểm.", "0.7314", "điểm", {"out_of": Decimal(1)}),
    ("Năm 2023, tỉnh Kon Tum lọt Top 10 về chỉ số chuyển đổi số.", "10", "rank", {}),
    ("Tỷ lệ người dân có điện thoại thông minh của Kon Tum đạt khoảng 58,2%.", "58.2", "percent",
     {"qualifier": "khoảng"}),
])
def test_number_forms(sentence, value, unit, extra):
    o = one(sentence)
    assert (o.value, o.unit) == (Decimal(value), unit)
    for field, expected in extra.items():
        assert getattr(o, field) == expected


@pytest.mark.parametrize("sentence", [
    "Sáng 24-11, UBND tỉnh Kon Tum họp; chiều 25.11 tiếp tục làm việc.",
    "Lúc 16:27, 08/03/2022, Sở Thông tin và Truyền thông tỉnh Kon Tum đăng tin.",
    "Năm 2025, tỉnh Kon Tum tổng kết giai đoạn 2021 - 2025.",
    "Tỉnh Kon Tum thực hiện Nghị quyết số 04-NQ/TU và Ban Chỉ đạo 1287 họp.",
    "Kon Tum phòng chống Covid-19 và ứng dụng Cách mạng công nghiệp 4.0 trên mạng 5G, IP version 6.",
    "Tỉnh Kon Tum phổ cập kỹ năng số cho người từ 15 tuổi trở lên.",
    "Dịch vụ công trực tuyến mức độ 3, 4 của Kon Tum theo phiên bản 3.0 khung kiến trúc.",
])
def test_numbers_that_are_not_figures(sentence):
    article = article_of(DATED + sentence)
    assert [s.text for s in article.sentences] == [sentence]  # read as the article's body: there is something to test
    assert extract(article).observations == []


def test_targets_with_due_year_and_the_document_that_set_them():
    found = figures("Nghị quyết số 09-NQ/TU của Tỉnh ủy Kon Tum đặt ra chỉ tiêu: đến năm 2025, kinh tế số "
                    "chiếm tối thiểu 20% GRDP; 80% hồ sơ được xử lý trực tuyến.")
    assert {(o.value, o.status, o.period, o.set_by, o.qualifier) for o in found} == {
        (Decimal(20), "target", 2025, "09-NQ/TU", "tối thiểu"), (Decimal(80), "target", 2025, "09-NQ/TU", None)}
    assert next(o for o in found if o.value == 20).indicator == "tỷ trọng kinh tế số trong GRDP"


def test_achieved_values_take_the_year_of_the_sentence_or_the_article():
    found = figures("Năm 2022, tỉnh Kon Tum đạt 75% hồ sơ trực tuyến. Đến nay, 100% xã có cáp quang.")
    assert {(o.value, o.status, o.period) for o in found} == {(Decimal(75), "actual", 2022),
                                                            (Decimal(100), "actual", 2023)}


def test_phan_dau_makes_a_target_and_da_dat_an_achieved_value():
    found = figures("Tỉnh Kon Tum phấn đấu năm 2025 có 90% người dân dùng điện thoại thông minh; "
                    "hiện tỷ lệ này đã đạt 70%.")
    assert {(o.value, o.status) for o in found} == {(Decimal(90), "target"), (Decimal(70), "actual")}


def test_ranking_pillars_are_their_own_indicators():
    found = figures("Năm 2022, Kon Tum xếp thứ 40/63 về chuyển đổi số; chính quyền số đứng thứ 20/63, "
                    "kinh tế số đứng thứ 50/63, xã hội số đứng thứ 45/63.")
    assert {(int(o.value), o.indicator_en) for o in found} == {
        (40, "Provincial Digital Transformation Index (DTI) ranking"), (20, "DTI ranking – digital government"),
        (50, "DTI ranking – digital economy"), (45, "DTI ranking – digital society")}


def test_the_same_indicator_in_two_provinces_is_one_concept(tmp_path):
    g = build_graph(tmp_path, {
        "a.txt": DATED + "Năm 2023, tỷ lệ hồ sơ xử lý qua dịch vụ công trực tuyến mức độ 4 của Kon Tum đạt 40%.",
        "b.txt": DATED + "Năm 2023, tỷ lệ hồ sơ được xử lý qua dịch vụ công trực tuyến mức độ 4 ở Quảng Trị đạt 45%."})
    found = select(g, """SELECT ?i ?l ?area ?v WHERE { ?o a dxo:Observation ; dxo:value ?v ;
        dxo:refArea/rdfs:label ?area ; dxo:indicator ?i . ?i a skos:Concept ; rdfs:label ?l }""")
    assert {(label, area, v) for _i, label, area, v in found} == {
        ("tỷ lệ hồ sơ xử lý qua dịch vụ công trực tuyến mức độ 4", "Kon Tum", "40.0"),
        ("tỷ lệ hồ sơ xử lý qua dịch vụ công trực tuyến mức độ 4", "Quảng Trị", "45.0")}
    assert len({i for i, *_ in found}) == 1
