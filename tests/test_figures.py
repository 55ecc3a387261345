"""Figures as Vietnamese news writes them, and the numbers that are not figures."""
from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import HEAD, article_of, build_graph, records, select

from dxkg.extract.figures import parse_number

DATED = "Cập nhật: 10/12/2023 09:00\n\n" + HEAD  # published in 2023: "Đến nay" is 2023


def figures(text: str):
    return records(article_of(DATED + text)).observations


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
    # an index's edition, a workshop's or a festival's year
    "Báo cáo DTI 2022 ghi nhận nỗ lực của Kon Tum tại Hội thảo CNTT 2023 tổ chức ở Ngày hội số Kon Tum 2023 khai mạc.",
    "Tỉnh Kon Tum triển khai Quyết định sô 512/ỌĐ-UBND của UBND tỉnh.",  # a notation with a damaged letter
    "Kon Tum cung cấp dịch vụ công mức độ 3 và 4; số 0 và 1 là hai ký hiệu của hệ nhị phân.",
    "Hội nghị của tỉnh Kon Tum lúc 15:8 (GMT+7) kết nối tới 25 điểm cầu.",
    "Qua hơn 3 năm triển khai, đây là năm thứ 5 tỉnh Kon Tum tổ chức cuộc thi này.",
])
def test_numbers_that_are_not_figures(sentence):
    article = article_of(DATED + sentence)
    assert [s.text for s in article.sentences] == [sentence]  # read as the article's body: there is something to test
    assert records(article).observations == []


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
        ("tỷ lệ hồ sơ xử lý qua dịch vụ công trực tuyến mức độ 4", "Kon Tum", "40"),
        ("tỷ lệ hồ sơ xử lý qua dịch vụ công trực tuyến mức độ 4", "Quảng Trị", "45")}
    assert len({i for i, *_ in found}) == 1


def test_a_total_and_counts_that_carry_their_own_label():
    found = figures("Năm 2023, Kon Tum xử lý trực tuyến 61% trong tổng số 12.500 hồ sơ; tỉnh có 1.020 dịch vụ công "
                    "trực tuyến (156 mức độ 3 và 864 mức độ 4).")
    assert {int(o.value) for o in found} == {61, 12500, 1020, 156, 864}


def test_a_target_heading_governs_the_list_under_it():
    found = figures("Mục tiêu phát triển xã hội số của tỉnh Kon Tum đến năm 2025:\n\n"
                    "- Tỷ lệ hộ gia đình có cáp quang đạt 85%.\n\n"
                    "- Tỷ lệ dân số có điện thoại thông minh đạt trên 90%.\n\n"
                    "Năm 2023, tỉnh đã có 1.200 hộ dùng chữ ký số.")
    assert {(int(o.value), o.status, o.period) for o in found} == {
        (85, "target", 2025), (90, "target", 2025), (1200, "actual", 2023)}


def test_phan_dau_governs_every_item_of_its_list_and_the_item_that_runs_on():
    found = figures("Giai đoạn 2021-2025, tỉnh Kon Tum phấn đấu 100% dịch vụ công trực tuyến toàn trình; 90% hồ sơ "
                    "cấp tỉnh, 80% hồ sơ cấp huyện và 60% hồ sơ cấp xã được xử lý trên môi trường mạng.\n\n"
                    "50% dữ liệu của các cơ quan nhà nước được số hóa.\n\n"
                    "Về kinh tế số, 30% doanh nghiệp dùng hóa đơn điện tử.\n\n"
                    "Hiện nay, tỉnh có 12 doanh nghiệp công nghệ số.")
    assert {(int(o.value), o.status) for o in found} == {
        (100, "target"), (90, "target"), (80, "target"), (60, "target"), (50, "target"), (30, "target"),
        (12, "actual")}


def test_a_schedule_by_year_is_a_list_of_targets_each_due_its_year():
    found = figures("Số xã hoàn thành chuyển đổi số theo từng năm của tỉnh Kon Tum, cụ thể như sau:\n\n"
                    "- Năm 2023: 40 xã, phường.\n\n- Năm 2024: 55 xã, phường.\n\n- Năm 2025: 70 xã, phường.")
    assert {(int(o.value), o.status, o.period) for o in found} == {
        (40, "target", 2023), (55, "target", 2024), (70, "target", 2025)}


def test_years_already_past_are_results_not_a_schedule():
    found = figures("Số xã hoàn thành chuyển đổi số của tỉnh Kon Tum:\n\n- Năm 2021: 20 xã.\n\n- Năm 2022: 30 xã.")
    assert {(int(o.value), o.status, o.period) for o in found} == {(20, "actual", 2021), (30, "actual", 2022)}


def test_a_target_in_brackets_speaks_only_of_the_brackets():
    found = figures("Năm 2023, khối sở, ngành của Kon Tum đạt 63% (mục tiêu 70%), còn khối huyện chỉ đạt 18% "
                    "(mục tiêu 30%).")
    assert {(int(o.value), o.status) for o in found} == {
        (63, "actual"), (70, "target"), (18, "actual"), (30, "target")}


def ranks(found):
    return {(int(o.value), o.area.name if o.area else None) for o in found if o.unit == "rank"}


def test_ranks_written_in_words_belong_to_their_subject():
    found = figures("Năm 2023, theo bảng xếp hạng DTI, tỉnh Quảng Trị tiếp tục dẫn đầu khu vực với 0,61 điểm. "
                    "Đứng thứ hai là tỉnh Kon Tum với 0,58 điểm.")
    assert ranks(found) == {(1, "Quảng Trị"), (2, "Kon Tum")}


@pytest.mark.parametrize("sentence", [
    "Năm 2023, đoàn công tác tỉnh Kon Tum do ông Trần Văn Minh dẫn đầu đã làm việc tại Hàn Quốc.",
    "Năm 2023, Kon Tum là một trong những tỉnh dẫn đầu về chuyển đổi số.",
    "Năm 2023, trong khối bộ, ngành, Bộ Tài chính đứng đầu về chỉ số chuyển đổi số.",
    "Năm 2023, Kon Tum đứng đầu đoàn đại biểu các tỉnh Tây Nguyên.",
])
def test_leading_that_is_no_first_place(sentence):
    assert ranks(figures(sentence)) == set()


def test_places_listed_take_the_listed_ranks_in_turn():
    found = figures("Năm 2023, Quảng Trị, Kon Tum, Gia Lai giữ vị trí thứ 5, 6, 7 về chuyển đổi số; Hà Nội và "
                    "Hải Phòng lần lượt tụt từ vị trí thứ 2, thứ 3 xuống vị trí thứ 9 và 10.")
    assert ranks(found) == {(5, "Quảng Trị"), (6, "Kon Tum"), (7, "Gia Lai"), (2, "Hà Nội"), (3, "Hải Phòng"),
                            (9, "Hà Nội"), (10, "Hải Phòng")}


def test_each_ranking_a_rank_is_held_in_is_its_own_figure():
    found = figures("Năm 2023, Kon Tum xếp hạng 1 ở chỉ số “hạ tầng kỹ thuật”. Ở chỉ số “nhân lực”, Kon Tum xếp "
                    "thứ 2. Ở chỉ số “ứng dụng CNTT”, Kon Tum xếp thứ 2. Kon Tum cũng xếp hạng nhất ở cả 3 trụ cột "
                    "Chính quyền số, Kinh tế số và Xã hội số.")
    assert sorted((int(o.value), o.indicator) for o in found if o.unit == "rank") == [
        (1, "xếp hạng DTI – chính quyền số"), (1, "xếp hạng DTI – kinh tế số"), (1, "xếp hạng DTI – xã hội số"),
        (1, "xếp hạng hạ tầng kỹ thuật"), (2, "xếp hạng nhân lực"), (2, "xếp hạng ứng dụng CNTT")]


def test_a_rank_with_no_ranking_named_is_in_the_index_the_article_speaks_of():
    found = figures("Bảng xếp hạng PAR Index 2022 vừa được công bố. Năm 2022, Kon Tum đứng thứ 12.")
    assert [(int(o.value), o.indicator) for o in found] == [(12, "xếp hạng PAR Index")]


def test_a_top_group_is_a_rank():
    found = figures("Kon Tum phấn đấu đến năm 2025 thuộc nhóm 20 tỉnh, thành phố dẫn đầu cả nước và đến năm 2030 "
                    "thuộc nhóm mười địa phương dẫn đầu về chuyển đổi số.")
    assert {(int(o.value), o.unit, o.status, o.period) for o in found} == {
        (20, "rank", "target", 2025), (10, "rank", "target", 2030)}


def test_a_group_that_only_has_a_size_is_a_count():
    found = figures("Năm 2023, ở nhóm 18 bộ, ngành cung cấp dịch vụ công, Bộ Tài chính là cơ quan dẫn đầu.")
    assert [(int(o.value), o.unit) for o in found] == [(18, "bộ")]


def test_a_rank_in_brackets_out_of_as_many_is_a_rank_too():
    found = figures("Năm 2023, Kon Tum xếp hạng 32/63, tăng 20 bậc so với DTI 2022 (52/63).")
    assert {(int(o.value), o.unit) for o in found} == {(32, "rank"), (20, "bậc"), (52, "rank")}


def test_some_of_several_is_one_figure_and_one_of_them_none():
    found = figures("Năm 2023, Kon Tum đã hoàn thành 4 trong 6 nhiệm vụ trọng tâm.")
    assert [(int(o.value), o.out_of) for o in found] == [(4, Decimal(6))]
    # "là 1 trong 6 nhiệm vụ" says which group a thing belongs to: no quantity of anything
    assert figures("Năm 2023, Kon Tum xác định chuyển đổi số là 1 trong 6 nhiệm vụ trọng tâm.") == []


def test_a_bound_stated_for_places_listed_together_holds_for_each():
    each = figures("Năm 2023, Hà Nội và TP Hồ Chí Minh chỉ đạt dưới 10% hồ sơ trực tuyến toàn trình.")
    assert {o.area.name for o in each} == {"Hà Nội", "Hồ Chí Minh"}
    together = figures("Năm 2023, Hà Nội và TP Hồ Chí Minh chiếm 40% doanh nghiệp số cả nước.")
    assert len(together) == 1


def test_what_would_happen_if_is_no_target():
    found = figures("Nếu tính theo cách cũ, năm 2023 Kon Tum sẽ giữ vị trí thứ 4 về chuyển đổi số.")
    assert [(int(o.value), o.unit, o.status) for o in found] == [(4, "rank", "actual")]


def test_a_score_is_neither_a_rank_nor_a_count_of_things():
    found = figures("Năm 2023, theo bảng xếp hạng ICT Index, Kon Tum đạt 0,6012/1 điểm, xếp thứ 20. Giá trị DTI của "
                    "Gia Lai đạt 0,5511. Quảng Trị đạt 512,4/1.000 điểm về chuyển đổi số.")
    scores = {(str(o.value), o.out_of, o.indicator, o.area.name) for o in found if o.unit == "điểm"}
    assert scores == {("0.6012", Decimal(1), "điểm ICT Index", "Kon Tum"),
                      ("0.5511", None, "điểm chỉ số chuyển đổi số cấp tỉnh (DTI)", "Gia Lai"),
                      ("512.4", Decimal(1000), "điểm chỉ số chuyển đổi số cấp tỉnh (DTI)", "Quảng Trị")}
    assert {(int(o.value), o.unit) for o in found if o.unit != "điểm"} == {(20, "rank")}


def test_points_that_are_places_are_counted():
    assert [(int(o.value), o.unit) for o in figures("Năm 2023, Kon Tum lắp đặt 120 điểm truy cập wifi công cộng.")] \
        == [(120, "điểm")]
    assert one("Năm 2023, Kon Tum lắp đặt 120 điểm truy cập wifi công cộng.").indicator.startswith("số điểm")


def test_national_and_ministry_figures_are_no_province_s():
    found = figures("Năm 2023, giá trị trung bình DTI cấp tỉnh là 0,4014, còn Kon Tum đạt 0,4512. Trong khối bộ, "
                    "ngành, Bộ Tài chính dẫn đầu với tỷ lệ 83,48%.")
    assert {(str(o.value), o.area.name if o.area else None) for o in found} == {
        ("0.4014", None), ("0.4512", "Kon Tum"), ("83.48", None)}


def test_an_order_or_a_weekday_is_no_rank():
    assert figures("Năm 2023, Kon Tum là tỉnh thứ 5 ban hành nghị quyết về chuyển đổi số.") == []
    assert [(int(o.value), o.unit) for o in figures("Sáng thứ 6, tỉnh Kon Tum công bố 3 nền tảng số.")] == [
        (3, "nền tảng")]


def test_a_rank_in_something_else_is_named_after_it():
    found = figures("Năm 2023, Lâm Đồng dẫn đầu cả nước về số lượng hợp tác xã ứng dụng công nghệ số; Kon Tum "
                    "xếp thứ 5 về tỷ lệ hồ sơ trực tuyến và thứ 7 về chuyển đổi số.")
    assert {(int(o.value), o.indicator) for o in found} == {
        (1, "xếp hạng số lượng hợp tác xã ứng dụng công nghệ số"), (5, "xếp hạng tỷ lệ hồ sơ trực tuyến"),
        (7, "xếp hạng chỉ số chuyển đổi số cấp tỉnh (DTI)")}


def test_what_is_achieved_against_a_plan_is_actual():
    found = figures("Năm 2023, tỉnh Kon Tum đã hoàn thành 95% kế hoạch đề ra, vượt 5% so với chỉ tiêu.")
    assert {(int(o.value), o.status) for o in found} == {(95, "actual"), (5, "actual")}


def test_a_lead_restating_a_figure_of_the_body_is_one_figure_of_the_body_s_year():
    found = figures("Với tỷ lệ 68,54%, tỉnh Kon Tum vượt qua nhiều địa phương lớn.\n\n"
                    "Theo số liệu của hệ thống giám sát, trong năm 2022, Kon Tum đã xử lý trực tuyến toàn trình "
                    "68,54% hồ sơ.")
    assert [(str(o.value), o.period) for o in found] == [("68.54", 2022)]


def test_round_figures_are_not_merged_for_sharing_a_value():
    found = figures("Năm 2023, Kon Tum có 100% xã có cáp quang và 100% trường học dùng sổ điểm điện tử.")
    assert len(found) == 2


def test_a_vision_s_horizon_is_not_when_targets_are_due():
    found = figures("Đến năm 2025, tầm nhìn đến năm 2030, kinh tế số của Kon Tum chiếm tối thiểu 20% GRDP.")
    assert [(int(o.value), o.status, o.period) for o in found] == [(20, "target", 2025)]


@pytest.mark.parametrize("line", ["[“Chiến dịch 50 ngày đêm” và câu chuyện vươn lên top 1 của Kon Tum]",
                                  "Xem thêm: Kon Tum có 120 xã đạt chuẩn nông thôn mới"])
def test_a_related_article_s_title_has_no_figures_of_this_one(line):
    from dxkg.extract.component import Context
    from dxkg.extract.figures import FigureReader
    from dxkg.model import Article, Sentence

    article = Article("t.txt", line, [Sentence(line, 0, 0)])  # as if the page's furniture had stayed in the text
    assert FigureReader(Context.of(article)).read(article.sentences[0]) == []


def test_what_is_counted_is_a_whole_word():
    found = figures("Năm 2023, Kon Tum có 1.500 tổ công nghệ số cộng đồng với hơn 7.500 thành viên; hội nghị có "
                    "150 đại biểu.")
    assert [o.unit for o in found] == ["tổ", "thành viên", "đại biểu"]


def test_percentages_listed_go_to_places_listed_in_turn():
    found = figures("Năm 2023, Hà Nội, TP Hồ Chí Minh, Đà Nẵng lần lượt đạt 80%, 75% và 70% hồ sơ trực tuyến.")
    assert {(int(o.value), o.area.name) for o in found} == {(80, "Hà Nội"), (75, "Hồ Chí Minh"), (70, "Đà Nẵng")}


def test_an_index_s_edition_is_the_year_of_its_figures():
    found = figures("Quảng Ninh tiếp tục giữ vững vị trí dẫn đầu về chỉ số PAR Index 2022; Kon Tum xếp thứ 12 "
                    "năm 2021.")
    assert {(int(o.value), o.unit, o.period, o.indicator) for o in found} == {
        (1, "rank", 2022, "xếp hạng PAR Index"), (12, "rank", 2021, "xếp hạng PAR Index")}


def test_a_label_word_is_a_whole_word():
    # "cung cấp 2.345" holds the letters of "ấp" (a hamlet, whose number is a label) but not the word
    found = figures("Năm 2023, cổng dịch vụ công tỉnh Kon Tum cung cấp 2.345 thủ tục hành chính.")
    assert [(int(o.value), o.unit) for o in found] == [(2345, "thủ tục hành chính")]


def test_a_number_after_a_level_with_a_label_of_its_own_is_a_count():
    found = figures("Năm 2023, Kon Tum có 215 dịch vụ công trực tuyến mức độ 3 và 97 dịch vụ mức độ 4.")
    assert [(int(o.value), o.unit) for o in found] == [(215, "dịch vụ công trực tuyến"), (97, "dịch vụ")]
    assert figures("Năm 2023, Kon Tum cung cấp thủ tục ở mức độ 3 và 4 trong năm 2023.") == []


def test_a_plan_named_in_a_heading_sets_no_target_for_the_achieved_list():
    found = figures("Năm 2023, tỉnh Kon Tum đã hoàn thành 18/20 chỉ tiêu theo Kế hoạch số 12/KH-UBND ngày 3/2/2023, "
                    "cụ thể:\n\n- Tỷ lệ văn bản điện tử đạt 97,5%;\n\n- Hơn 210.000 tài khoản định danh được kích hoạt.")
    assert [(o.value, o.status) for o in found] == [
        (Decimal(18), "actual"), (Decimal("97.5"), "actual"), (Decimal(210000), "actual")]


def test_a_figure_right_after_the_noun_of_a_target_is_that_target():
    found = figures("Năm 2023, tỷ lệ hồ sơ trực tuyến của Kon Tum chỉ đạt 31,2%, thấp hơn mức trung bình cả nước "
                    "(40,1%) và còn xa so với chỉ tiêu 60% mà tỉnh đặt ra.")
    assert [(o.value, o.status, o.area and o.area.name) for o in found] == [
        (Decimal("31.2"), "actual", "Kon Tum"), (Decimal("40.1"), "actual", None), (Decimal(60), "target", "Kon Tum")]


def test_an_ordinal_in_brackets_after_a_province_is_its_rank():
    found = figures("Trong khu vực Tây Nguyên, Kon Tum xếp sau Gia Lai (thứ 14) và Đắk Lắk (thứ 20) về chỉ số DTI "
                    "2022.")
    assert [(int(o.value), o.unit, o.area.name) for o in found] == [(14, "rank", "Gia Lai"), (20, "rank", "Đắk Lắk")]
    assert figures("Kon Tum là tỉnh (thứ 5) ban hành kế hoạch.") == []


def test_pillar_ranks_are_of_the_index_edition_named_before():
    found = figures("Theo Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2022, Kon Tum xếp thứ 40/63.\n\n"
                    "Ở các trụ cột, chính quyền số đứng thứ 35; kinh tế số đứng thứ 50.")
    assert [(int(o.value), o.period, o.indicator) for o in found] == [
        (40, 2022, "xếp hạng chỉ số chuyển đổi số cấp tỉnh (DTI)"), (35, 2022, "xếp hạng DTI – chính quyền số"),
        (50, 2022, "xếp hạng DTI – kinh tế số")]


def test_a_rank_before_the_first_dti_is_no_dti_rank():
    o = one("Năm 2018, Kon Tum xếp thứ 41/63 tỉnh, thành phố.")
    assert (int(o.value), o.unit, o.period, o.indicator) == (41, "rank", 2018, "xếp hạng")
    o = one("Năm 2022, Kon Tum xếp thứ 41/63 tỉnh, thành phố.")
    assert o.indicator == "xếp hạng chỉ số chuyển đổi số cấp tỉnh (DTI)"


def test_the_items_of_a_list_take_the_year_of_its_heading():
    found = figures("Năm 2022, tỉnh Kon Tum đã đạt nhiều kết quả, cụ thể:\n\n- Tỷ lệ văn bản điện tử đạt 97,5%;\n\n"
                    "- Có 310 tổ công nghệ số cộng đồng.")
    assert [(o.value, o.period) for o in found] == [(Decimal("97.5"), 2022), (Decimal(310), 2022)]


def test_adults_are_no_smartphone_measure_by_themselves():
    o = one("Năm 2023, 92,4% dân số trưởng thành của Kon Tum có tài khoản định danh điện tử.")
    assert "điện thoại" not in o.indicator
    o = one("Năm 2023, tỷ lệ dân số trưởng thành của Kon Tum có điện thoại thông minh đạt 86%.")
    assert o.indicator == "tỷ lệ dân số trưởng thành có điện thoại thông minh"


def test_relative_years_count_from_the_articles_year():
    found = figures("Năm ngoái, tỉnh Kon Tum đạt 60% hồ sơ trực tuyến; năm nay tỷ lệ này đạt 75%.")
    assert {(o.value, o.period) for o in found} == {(Decimal(60), 2022), (Decimal(75), 2023)}
    # "những năm qua" is a span of years, not last year
    spans = figures("Những năm qua, tỉnh Kon Tum đã đưa 85% hồ sơ lên môi trường mạng.")
    assert [o.period for o in spans] == [2023]


def test_shares_that_name_who_reached_them_are_values_of_the_rate_the_paragraph_names():
    found = figures("Năm 2024, tỷ lệ hồ sơ trực tuyến toàn trình của cả nước vẫn chưa đạt mục tiêu. "
                         "Khối bộ, ngành đạt 63,47%, còn khối tỉnh, thành chỉ đạt 18,54%. "
                         "Đà Nẵng (58,89%) và Hà Giang (55,76%) là những địa phương xếp sau.\n")
    assert {(str(o.value), o.indicator) for o in found} == {
        (v, "tỷ lệ hồ sơ trực tuyến toàn trình") for v in ("63.47", "18.54", "58.89", "55.76")}


def test_a_share_of_a_total_is_named_by_what_is_counted():
    (share, total) = figures("Năm 2024, tỉnh đã xử lý trực tuyến toàn trình 68,54% trong tổng số "
                                  "168.000 hồ sơ thủ tục hành chính.\n")
    assert share.indicator == "tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến toàn trình"


def test_list_items_count_what_their_heading_names():
    found = figures("Số xã, phường hoàn thành chuyển đổi số theo từng năm, cụ thể như sau:\n\n"
                         "- Năm 2024: 94 xã, phường.\n\n- Năm 2025: 132 xã, phường.\n")
    assert [(str(o.value), o.indicator) for o in found] == [
        ("94", "số xã phường hoàn thành chuyển đổi số từng năm"), ("132", "số xã phường hoàn thành chuyển đổi số từng năm")]


def test_the_size_of_a_framework_is_not_a_figure():
    assert figures("Chỉ số DTI của tỉnh dựa trên 3 trụ cột và 4 chỉ tiêu thành phần.\n") == []


def _linked(o):
    from dxkg.identity.indicators import canonical

    return canonical(o)


def test_steps_a_ranking_moved_are_named_by_that_ranking():
    rank, steps = figures("Năm 2023, Tuyên Quang xếp hạng chuyển đổi số thứ 38/63, tăng 10 bậc so với năm 2022.")
    assert steps.indicator == "số bậc tăng " + rank.indicator and steps.period == 2023
    assert _linked(rank) == ("dti-rank", "exact") and _linked(steps) == ("dti", "broad")


def test_a_rank_within_a_region_is_a_ranking_of_its_own():
    country, region = figures("Năm 2022, Kon Tum đạt 0,54 điểm, xếp thứ 45 trong cả nước và xếp thứ 2 trong khu vực "
                              "Tây Nguyên về chuyển đổi số.")[1:]
    assert region.indicator == country.indicator + " trong khu vực Tây Nguyên"
    assert _linked(country) == ("dti-rank", "exact") and _linked(region) == ("dti-rank", "broad")


def test_a_change_of_a_figure_measures_a_change_of_what_it_measures():
    level, change = figures("Năm 2023, tỷ lệ người dân Hậu Giang sử dụng dịch vụ công trực tuyến đạt gần 87%, tăng "
                            "hơn 36% so với năm 2022.")
    assert (change.change_of.value, change.change_of.indicator) == (level.value, level.indicator)
    assert change.indicator == "mức tăng " + level.indicator
    assert change.area == level.area and _linked(change) == (_linked(level)[0], "broad")


def test_a_percentage_after_a_count_is_the_share_that_count_makes():
    count, share = figures("Năm 2024, cấp tỉnh thực hiện số hóa 57.877 hồ sơ đầu vào (đạt 99,1%).")
    assert share.indicator == "tỷ lệ cấp tỉnh thực hiện số hóa hồ sơ đầu vào"
    assert _linked(share) == ("e-results-share", "broad")  # at one level: a part


def test_list_items_at_another_level_share_the_first_items_words():
    found = figures("Năm 2024, việc xử lý văn bản trên môi trường điện tử cấp tỉnh đạt 93,46%, cấp huyện đạt "
                    "87,15%, cấp xã đạt 87,11%.")
    assert [o.indicator.rsplit(" ", 2)[-2:] for o in found] == [["cấp", "tỉnh"], ["cấp", "huyện"], ["cấp", "xã"]]
    assert len({o.indicator.rsplit(" cấp ", 1)[0] for o in found}) == 1


def test_what_was_done_to_the_things_a_percentage_heads_names_it():
    done = one("Năm 2025, An Giang đã tích hợp 100% dịch vụ công trực tuyến của tỉnh.")
    assert done.indicator.startswith("tỷ lệ tích hợp dịch vụ công trực tuyến")
    assert _linked(done) == ("online-services-national-portal-share", "exact")
    # the items of a list share what was done to the first ("cáp quang phủ …")
    found = figures("Năm 2023, hạ tầng mạng cáp quang phủ 100% trường học và 80% hộ gia đình ở Cà Mau.")
    assert all("cáp quang phủ" in o.indicator for o in found)
    assert _linked(found[1]) == ("fibre-households-share", "exact")
    # a subject before the figure is no action: "tỉnh Bến Tre phấn đấu 100% …"
    target = one("Giai đoạn 2020-2025, tỉnh Bến Tre phấn đấu 100% dịch vụ công trực tuyến đảm bảo mức độ 4.")
    assert "Bến Tre" not in target.indicator and target.indicator.endswith("mức độ 4")


def test_a_rate_named_by_its_verb_is_the_rate_of_what_the_paragraph_counted():
    found = figures("Năm 2025, 121.000 phản ánh của người dân Huế được xác minh, xử lý. Tỷ lệ xử lý đạt 98,9%.")
    assert found[-1].indicator == "tỷ lệ xử lý phản ánh"


def test_a_sub_index_named_before_its_rank_is_not_the_whole_index():
    found = figures("Năm 2021, Vĩnh Long xếp hạng 32/63, trong đó chỉ số về an toàn thông tin mạng xếp thứ 8/63.")
    assert [(int(o.value), o.indicator) for o in found][-1] == (8, "xếp hạng an toàn thông tin mạng")
    assert _linked(found[-1]) is None


def test_a_count_whose_noun_the_text_cuts_off_is_no_figure():
    assert figures("Năm 2025, chức năng cảnh báo trên Hue-S thu hút gần 2 tri") == []
    assert len(figures("Năm 2025, chức năng cảnh báo trên Hue-S thu hút gần 2 triệu lượt truy cập.")) == 1


def test_a_figure_in_brackets_after_the_year_compared_with_is_that_years():
    now, steps, then = figures("Năm 2021, Vĩnh Long xếp hạng DTI 32/63, tăng 20 bậc so với DTI 2020 (52/63).")
    assert (int(now.value), now.period) == (32, 2021) and (int(then.value), then.period) == (52, 2020)


def test_ranks_moved_to_from_a_years_ranks_are_the_editions():
    found = figures("Theo bảng xếp hạng ICT Index 2019, TP Đà Nẵng dẫn đầu. Hai thành phố lớn là TP.Hồ Chí Minh và "
                    "Hà Nội lần lượt tụt hạng từ vị trí thứ 2, thứ 3 của năm 2018 xuống vị trí thứ 7 và 8.")
    assert [(int(o.value), o.period) for o in found[1:]] == [(2, 2018), (3, 2018), (7, 2019), (8, 2019)]
