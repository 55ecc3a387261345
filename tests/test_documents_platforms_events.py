"""Documents, platforms and events, on sentences written in the styles of several outlets."""
from __future__ import annotations

import unicodedata

from conftest import HEAD, build_graph, select

DOCS = """SELECT ?n ?l ?i WHERE { ?a schema:mentions ?d . ?d a dxo:LegalDocument ; rdfs:label ?l .
    OPTIONAL { ?d skos:notation ?n } OPTIONAL { ?d dxo:issuedBy/rdfs:label ?i } }"""


def notations(g) -> set[str]:
    return {n for (n,) in select(g, "SELECT ?n WHERE { ?a schema:mentions ?d . ?d a dxo:LegalDocument ; skos:notation ?n }")}


def test_state_form_with_date_and_issuer_in_the_text(tmp_path):
    g = build_graph(tmp_path, {"a.txt": HEAD + "Năm 2023, tỉnh Thái Nguyên triển khai Quyết định số 749/QĐ-TTg ngày "
                               "3/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình chuyển đổi số quốc gia."})
    assert select(g, DOCS) == {("749/QĐ-TTg", "Quyết định số 749/QĐ-TTg", "Chính phủ"),
                               ("None", "Chương trình chuyển đổi số quốc gia", "None")}
    assert select(g, "SELECT ?d WHERE { ?x skos:notation '749/QĐ-TTg' ; schema:datePublished ?d }") == {("2020-06-03",)}


def test_issuer_from_the_symbol_completed_with_the_province(tmp_path):
    g = build_graph(tmp_path, {"b.txt": HEAD + "Năm 2024, UBND tỉnh Long An ban hành Kế hoạch số 176/KH-UBND; "
                               "Chính phủ có Nghị quyết 17/NQ-CP và Nghị định số 47/2024/NĐ-CP."})
    assert select(g, DOCS) == {("176/KH-UBND", "Kế hoạch số 176/KH-UBND", "Ủy ban nhân dân tỉnh Long An"),
                               ("17/NQ-CP", "Nghị quyết số 17/NQ-CP", "Chính phủ"),
                               ("47/2024/NĐ-CP", "Nghị định số 47/2024/NĐ-CP", "Chính phủ")}


def test_party_form_short_reference_and_implementing_plan(tmp_path):
    g = build_graph(tmp_path, {"c.txt": HEAD + "Năm 2022, Tỉnh ủy Thái Bình ban hành Nghị quyết số 111-NQ/TU về "
                               "chuyển đổi số. UBND tỉnh có Kế hoạch số 20/KH-UBND thực hiện Nghị quyết số 111-NQ/TU. "
                               "Các sở, ngành quán triệt Nghị quyết 111 của Tỉnh ủy."})
    assert notations(g) == {"111-NQ/TU", "20/KH-UBND"}
    assert select(g, "SELECT ?i WHERE { ?d skos:notation '111-NQ/TU' ; dxo:issuedBy/rdfs:label ?i }") == {
        ("Tỉnh ủy Thái Bình",)}
    assert select(g, "SELECT ?n WHERE { ?d skos:notation '20/KH-UBND' ; dxo:implements/skos:notation ?n }") == {
        ("111-NQ/TU",)}
    assert select(g, "SELECT ?s WHERE { ?d skos:notation '111-NQ/TU' ; dxo:subject ?s }") == {("chuyển đổi số",)}


def test_short_reference_without_a_full_form_stands_as_written(tmp_path):
    g = build_graph(tmp_path, {"d.txt": HEAD + "Năm 2023, tỉnh Sơn La đẩy mạnh thực hiện Đề án 06 của Chính phủ."})
    assert select(g, DOCS) == {("None", "Đề án 06", "Chính phủ")}  # no symbol was written: no notation


def test_mistyped_symbol_beside_the_correct_one_is_one_document(tmp_path):
    text = HEAD + ("Năm 2022, Hội nghị quán triệt Nghị quyết số 12-NQ/TU về kinh tế số. Các cấp triển khai "
                   "Nghị quyết số 12-NĐ/TU của Ban Chấp hành Đảng bộ tỉnh Bình Phước (khóa XI).")
    g = build_graph(tmp_path, {"e.txt": unicodedata.normalize("NFD", text)})
    assert notations(g) == {"12-NQ/TU"}


def test_numbers_that_are_not_documents(tmp_path):
    g = build_graph(tmp_path, {"f.txt": HEAD + "Năm 2023, Ban Chỉ đạo 1287 làm việc; mạng 5G phủ 63/63 tỉnh; "
                               "trong Kế hoạch chuyển đổi số của ngành, địa phương có 12 nhiệm vụ."})
    assert select(g, DOCS) == set()
    assert select(g, "SELECT ?l WHERE { ?c a dxo:SteeringCommittee ; rdfs:label ?l }") == {("Ban Chỉ đạo 1287",)}


def test_platforms_with_and_without_addresses(tmp_path):
    g = build_graph(tmp_path, {"g.txt": HEAD + "Năm 2023, tỉnh Thái Nguyên vận hành Cổng thông tin điện tử tỉnh "
                               "Thái Nguyên (https://thainguyen.gov.vn) và ứng dụng C-ThaiNguyen. Hệ thống một cửa "
                               "điện tử liên thông kết nối Cổng Dịch vụ công quốc gia, địa chỉ: dichvucong.gov.vn. "
                               "Cả hệ thống chính trị vào cuộc; các hệ thống thông tin được nâng cấp."})
    found = select(g, "SELECT ?l ?u WHERE { ?p a dxo:Platform ; rdfs:label ?l OPTIONAL { ?p schema:url ?u } }")
    assert found == {("Cổng thông tin điện tử tỉnh Thái Nguyên", "https://thainguyen.gov.vn"),
                     ("C-ThaiNguyen", "None"), ("Hệ thống một cửa điện tử liên thông", "None"),
                     ("Cổng Dịch vụ công quốc gia", "http://dichvucong.gov.vn")}


def test_a_national_platform_is_one_iri_across_provinces(tmp_path):
    g = build_graph(tmp_path, {
        "x.txt": HEAD + "Năm 2023, tỉnh Hà Nam tích hợp 1.200 thủ tục lên Cổng Dịch vụ công quốc gia.",
        "y.txt": HEAD + "Năm 2023, tỉnh Ninh Bình kết nối hệ thống với Cổng Dịch vụ công quốc gia.",
    })
    assert len(select(g, "SELECT ?p WHERE { ?p a dxo:Platform ; rdfs:label 'Cổng Dịch vụ công quốc gia'@vi }")) == 1


PLATFORMS = "SELECT ?l WHERE { ?p a dxo:Platform ; rdfs:label ?l }"


def test_a_name_with_its_acronym_is_one_platform_the_acronym_its_alternative_label(tmp_path):
    g = build_graph(tmp_path, {"p.txt": HEAD + "Năm 2024, tỉnh Quảng Trị đưa vào vận hành Trung tâm Giám sát, điều hành "
                               "đô thị thông minh (Trung tâm IOC) tỉnh Quảng Trị; dữ liệu các sở được chia sẻ qua nền "
                               "tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP). Trung tâm IOC giúp lãnh đạo điều hành, "
                               "LGSP kết nối 40 hệ thống."})
    found = select(g, "SELECT ?l ?a WHERE { ?p a dxo:Platform ; rdfs:label ?l OPTIONAL { ?p skos:altLabel ?a } }")
    assert found == {("Trung tâm Giám sát, điều hành đô thị thông minh tỉnh Quảng Trị", "Trung tâm IOC"),
                     ("Nền tảng tích hợp, chia sẻ dữ liệu tỉnh", "LGSP")}


def test_a_brand_after_a_head_names_the_platform_and_names_it_again_alone(tmp_path):
    g = build_graph(tmp_path, {"q.txt": HEAD + "Năm 2023, người dân tỉnh Phú Yên dùng ứng dụng “Công dân Phú Yên” và "
                               "ứng dụng Tuy-Hoa để phản ánh hiện trường. Phản ánh trên Tuy-Hoa được xử lý trong ngày; "
                               "PhuYenIOC nhận cảnh báo."})
    assert select(g, PLATFORMS) == {("Công dân Phú Yên",), ("Tuy-Hoa",), ("PhuYenIOC",)}


def test_generic_phrases_and_common_abbreviations_are_not_platforms(tmp_path):
    g = build_graph(tmp_path, {"r.txt": HEAD + "Năm 2023, Bộ công bố mức độ ứng dụng công nghệ thông tin (CNTT) của tỉnh "
                               "Bình Thuận; hội thảo diễn ra tại Công viên phần mềm Phan Thiết, nơi đặt trung tâm trí "
                               "tuệ nhân tạo (AI) của vùng. Ứng dụng CNTT được đẩy mạnh."})
    assert select(g, PLATFORMS) == set()


def test_an_address_names_a_generic_service_and_a_bare_province_word_scopes_it(tmp_path):
    g = build_graph(tmp_path, {"s.txt": HEAD + "Năm 2022, tỉnh Thái Bình cấp 9.000 hộp thư điện tử (tên miền "
                               "mail.thaibinh.gov.vn) cho cán bộ; Cổng Thông tin điện tử (TTĐT) tỉnh được nâng cấp."})
    found = select(g, "SELECT ?l ?u WHERE { ?p a dxo:Platform ; rdfs:label ?l OPTIONAL { ?p schema:url ?u } }")
    assert found == {("Hộp thư điện tử mail.thaibinh.gov.vn", "http://mail.thaibinh.gov.vn"),
                     ("Cổng Thông tin điện tử tỉnh Thái Bình", "None")}


EVENTS = "SELECT ?d WHERE { ?e a dxo:Event ; schema:startDate ?d }"


def test_event_date_resolved_across_a_year_boundary(tmp_path):
    g = build_graph(tmp_path, {"h.txt": "Cập nhật: 05/01/2023 08:00\n\n" + HEAD + "Ngày 28/12, UBND tỉnh Phú Yên "
                               "tổ chức Hội nghị tổng kết chuyển đổi số năm 2022."})
    assert select(g, EVENTS) == {("2022-12-28",)}
    assert select(g, "SELECT ?o WHERE { ?e a dxo:Event ; schema:organizer/rdfs:label ?o }") == {
        ("Ủy ban nhân dân tỉnh Phú Yên",)}


def test_event_with_chair_place_and_document(tmp_path):
    g = build_graph(tmp_path, {"i.txt": "Cập nhật: 20/07/2023 10:00\n\n" + HEAD + "Chiều 12-7, tại TP. Vinh, "
                               "hội nghị sơ kết Nghị quyết số 09-NQ/TU do Chủ tịch UBND tỉnh Nghệ An Nguyễn Đức Trung "
                               "chủ trì đã đánh giá kết quả chuyển đổi số."})
    assert select(g, EVENTS) == {("2023-07-12",)}
    assert select(g, "SELECT ?c ?p ?n WHERE { ?e a dxo:Event ; dxo:chairedBy/rdfs:label ?c ; schema:location ?p ;"
                     " dxo:concerns/skos:notation ?n }") == {("Nguyễn Đức Trung", "TP. Vinh", "09-NQ/TU")}


def test_a_date_without_a_meeting_is_not_an_event(tmp_path):
    g = build_graph(tmp_path, {"j.txt": HEAD + "Ngày 15/3/2023, tỉnh Bến Tre đạt 80% hồ sơ trực tuyến."})
    assert select(g, EVENTS) == set()
    assert select(g, "SELECT ?v WHERE { ?o a dxo:Observation ; dxo:value ?v }") == {("80",)}  # the sentence was read


def test_notation_with_stray_spaces_dashes_and_a_damaged_letter(tmp_path):
    g = build_graph(tmp_path, {"k.txt": HEAD + "Năm 2021, thực hiện Quyết định số 1234/QĐ –TTg của Thủ tướng, UBND tỉnh "
                               "Lạng Sơn ban hành Quyết định số 88/ QĐ-UBND; Tỉnh ủy quán triệt Nghị quyết số 07 -NQ/TU. "
                               "Các sở áp dụng Quyết định sô 1234/ỌĐ-TTg trên toàn tỉnh."})
    assert notations(g) == {"1234/QĐ-TTg", "88/QĐ-UBND", "07-NQ/TU"}
    values = {v for (v,) in select(g, "SELECT ?v WHERE { ?o a dxo:Observation ; dxo:value ?v }")}
    assert not values & {"1234", "88", "7"}  # a decision's number is no figure


def test_a_resolution_without_a_number_is_one_document_with_its_issuer(tmp_path):
    g = build_graph(tmp_path, {"l.txt": HEAD + "Năm 2021, hội nghị góp ý dự thảo Nghị quyết của BCH Đảng bộ tỉnh Lào Cai "
                               "về Chương trình kinh tế số tỉnh Lào Cai đến năm 2025. Lào Cai là tỉnh sớm có nghị "
                               "quyết về Chương trình kinh tế số."})
    # the programme the resolution adopts stands beside it; its shorter mention is the same programme
    assert select(g, DOCS) == {("None", "Nghị quyết về Chương trình kinh tế số tỉnh Lào Cai đến năm 2025",
                                "Tỉnh ủy Lào Cai"),
                               ("None", "Chương trình kinh tế số tỉnh Lào Cai đến năm 2025", "None")}


def test_a_document_announced_without_a_number_takes_the_announcing_body(tmp_path):
    g = build_graph(tmp_path, {"m.txt": "Cập nhật: 07/06/2021 08:00\n\n" + HEAD + "Ngày 5/6, Tỉnh ủy Hà Giang tổ chức "
                               "Hội nghị công bố Nghị quyết về chuyển đổi số đến năm 2025. Các ngành thực hiện theo "
                               "Kế hoạch CĐS năm 2021 và đạt kết quả tốt."})
    assert select(g, DOCS) == {("None", "Nghị quyết về chuyển đổi số đến năm 2025", "Tỉnh ủy Hà Giang"),
                               ("None", "Kế hoạch CĐS năm 2021", "None")}


def test_a_title_followed_by_its_short_name_is_the_numbered_project(tmp_path):
    g = build_graph(tmp_path, {"n.txt": HEAD + "Năm 2023, tỉnh Sơn La triển khai Đề án phát triển dịch vụ số cho vùng "
                               "nông thôn giai đoạn 2023 - 2025, tầm nhìn đến năm 2030 (Đề án số 12) của UBND tỉnh. "
                               "Tổng kinh phí thực hiện Đề án gần 200 tỷ đồng."})
    assert select(g, DOCS) == {("None", "Đề án 12", "Ủy ban nhân dân tỉnh Sơn La")}
    assert select(g, "SELECT ?s WHERE { ?a schema:mentions ?d . ?d a dxo:LegalDocument ; dxo:subject ?s }") == {
        ("phát triển dịch vụ số cho vùng nông thôn giai đoạn 2023 - 2025, tầm nhìn đến năm 2030",)}


EVENT_KINDS = "SELECT ?d ?k WHERE { ?e a dxo:Event ; schema:startDate ?d ; dxo:eventKind ?k }"
CHAIRS = "SELECT ?d ?c WHERE { ?e a dxo:Event ; schema:startDate ?d ; dxo:chairedBy/rdfs:label ?c }"


def dated(day: str, body: str, title: str = HEAD) -> str:
    return f"Cập nhật: {day} 09:00\n\n" + title + body


def test_dates_in_the_shapes_news_writes_them_take_the_year_of_the_article(tmp_path):
    g = build_graph(tmp_path, {
        "t1.txt": dated("14/09/2023", "Sáng nay (14/9), UBND tỉnh Hà Tĩnh tổ chức hội nghị trực tuyến về chuyển "
                        "đổi số năm 2023."),
        "t2.txt": dated("28/08/2019", "Trong khuôn khổ Hội thảo An toàn thông tin 2019 tổ chức tại tỉnh Khánh Hòa "
                        "ngày 23.8 vừa qua, Hiệp hội công bố báo cáo."),
        "t3.txt": dated("27/07/2022", "Chiều ngày 25/7 vừa qua, Chủ tịch UBND tỉnh Lào Cai đã về xã Bản Vược dự "
                        "lễ tổng kết mô hình “xã chuyển đổi số”."),
        "t4.txt": dated("10/05/2024", "Theo kế hoạch, từ ngày 22 - 24.5.2024, tại TP. Cần Thơ sẽ diễn ra Tuần lễ "
                        "Chuyển đổi số vùng Đồng bằng sông Cửu Long."),
        "t5.txt": dated("12/10/2022", "Tỉnh tổ chức nhiều hoạt động: ngày 10/10 là Ngày CĐS Quốc gia; tổ chức hội "
                        "thảo chuyển đổi số ngành y tế tại TP. Cao Lãnh vào ngày 7/10/2022 với 200 đại biểu."),
    })
    assert select(g, EVENT_KINDS) == {("2023-09-14", "Hội nghị trực tuyến"), ("2019-08-23", "Hội thảo"),
                                      ("2022-07-25", "Lễ tổng kết"), ("2024-05-22", "Tuần lễ"),
                                      ("2022-10-07", "Hội thảo")}


def test_a_lead_that_opens_with_its_date_reports_with_a_verb_or_a_weak_noun(tmp_path):
    g = build_graph(tmp_path, {
        "u1.txt": dated("24/03/2023", "Mới đây, chiều 22/3/2023, UBND tỉnh Phú Yên và Tập đoàn VNPT ký kết thỏa "
                        "thuận hợp tác về chuyển đổi số."),
        "u2.txt": dated("06/10/2024", "Ngày 5/10, tỉnh Bạc Liêu tổ chức chương trình “Bạc Liêu hưởng ứng ngày "
                        "chuyển đổi số quốc gia”."),
        "u3.txt": dated("21/12/2025", "Sáng 20/12, tại Nhà Văn hóa tỉnh, hàng nghìn người dân đến trải nghiệm các "
                        "gian hàng công nghệ.", title="Quảng Trị mở ngày hội công nghệ số 2025\n\n"),
    })
    assert select(g, EVENT_KINDS) == {("2023-03-22", "Lễ ký kết"), ("2024-10-05", "Chương trình"),
                                      ("2025-12-20", "Ngày hội")}


def test_a_meeting_written_twice_is_one_event_chaired_by_who_the_text_says(tmp_path):
    lead = ("Sáng ngày 13/4, Ban Chỉ đạo về chuyển đổi số tỉnh Nam Định họp nghe báo cáo kết quả quý I/2023. "
            "Đồng chí Phạm Đình Nghị, Chủ tịch UBND tỉnh, Trưởng ban Chỉ đạo chủ trì cuộc họp. Cùng dự có đồng chí "
            "Trần Anh Dũng, Phó Chủ tịch UBND tỉnh.")
    g = build_graph(tmp_path, {"v.txt": dated("14/04/2023", lead + "\n\n" + lead)})
    assert select(g, CHAIRS) == {("2023-04-13", "Phạm Đình Nghị")}


def test_a_caption_without_a_date_adds_its_chair_to_the_meeting_the_article_dates(tmp_path):
    g = build_graph(tmp_path, {"w.txt": dated("04/03/2024", "Chiều 3/3, UBND tỉnh Lai Châu tổ chức Hội nghị tổng "
                                              "kết chuyển đổi số năm 2023.\n\nPhó Chủ tịch UBND tỉnh Lai Châu Nguyễn "
                                              "Văn Hải chủ trì hội nghị.\n\nToàn cảnh hội nghị.")})
    assert select(g, CHAIRS) == {("2024-03-03", "Nguyễn Văn Hải")}


def test_a_meeting_the_text_does_not_date_is_the_meeting_of_the_articles_month(tmp_path):
    g = build_graph(tmp_path, {"x.txt": dated("16/03/2022", "Đồng chí Lê Văn Nam, Chủ tịch UBND tỉnh Kon Tum, chủ "
                                              "trì phiên họp thứ nhất của Ban Chỉ đạo về chuyển đổi số tỉnh.")})
    assert select(g, CHAIRS) == {("2022-03", "Lê Văn Nam")}


def test_venues_cut_off_dates_and_meetings_only_referred_to_are_no_events(tmp_path):
    g = build_graph(tmp_path, {"y.txt": dated("20/12/2021", "Tính đến ngày 16/12/2021, tỉnh Gia Lai đã tích hợp "
                                              "1.020 dịch vụ công; tỉnh được biểu dương tại Hội nghị chuyên đề về "
                                              "dịch vụ công.\n\nNgày 15/12, Trung tâm Hội nghị tỉnh đã sửa chữa xong.")})
    assert select(g, EVENTS) == set()


def test_a_meeting_still_to_come_without_a_date_is_no_event(tmp_path):
    g = build_graph(tmp_path, {"z.txt": dated("20/06/2023", "Năm 2023, tỉnh Hòa Bình sẽ tổ chức hội nghị sơ kết "
                                              "chuyển đổi số; Ban Chỉ đạo dự kiến tổ chức Hội thảo chuyên đề.")})
    assert select(g, EVENTS) == set()


def test_a_head_before_a_known_name_reads_the_name_whole(tmp_path):
    g = build_graph(tmp_path, {"pp.txt": HEAD + "Năm 2023, hệ thống mạng truyền số liệu chuyên dùng của các cơ quan Đảng, "
                               "Nhà nước của tỉnh Tây Ninh kết nối đến 100% xã."})
    assert select(g, PLATFORMS) == {("Hệ thống mạng truyền số liệu chuyên dùng của các cơ quan Đảng, Nhà nước "
                                     "tỉnh Tây Ninh",)}


def test_a_deadline_set_at_a_meeting_is_not_the_meetings_date(tmp_path):
    g = build_graph(tmp_path, {"dl.txt": dated("20/06/2023", "Chiều 19/6, UBND tỉnh Hòa Bình tổ chức hội nghị sơ kết "
                                               "chuyển đổi số.\n\nKết luận hội nghị, Chủ tịch UBND tỉnh yêu cầu đến "
                                               "ngày 30/9/2023 hoàn thành kết nối Trung tâm điều hành thông minh.")})
    assert select(g, EVENTS) == {("2023-06-19",)}


def test_a_description_joined_by_va_runs_to_its_acronym(tmp_path):
    g = build_graph(tmp_path, {"va.txt": HEAD + "Năm 2024, tỉnh Kon Tum dùng Hệ thống thu thập, phân tích và cảnh báo "
                               "rủi ro an toàn thông tin (CBR) của tỉnh; Cổng dịch vụ công và Hệ thống một cửa điện tử (MCĐT) "
                               "được nâng cấp."})
    labels = {label for (label,) in select(g, PLATFORMS)}
    assert "Hệ thống thu thập, phân tích và cảnh báo rủi ro an toàn thông tin tỉnh Kon Tum" in labels
    assert not any(label.startswith("Cổng dịch vụ công và") for label in labels)


def test_a_quoted_brand_a_few_words_after_the_head_names_the_platform(tmp_path):
    g = build_graph(tmp_path, {"qb.txt": HEAD + "Năm 2023, ứng dụng công dân số “Quảng Bình Số” có 80.000 lượt tải; "
                               "ứng dụng có chức năng “Phản ánh hiện trường” được người dân dùng nhiều."})
    assert select(g, PLATFORMS) == {("Quảng Bình Số",)}


def test_an_issuer_code_ending_in_the_legislatures_term(tmp_path):
    g = build_graph(tmp_path, {"tv.txt": HEAD + "Năm 2020, tỉnh Sơn La còn 204 xã theo Nghị quyết số 831/NQ-UBTVQH14; "
                               "Luật số 24/2018/QH14 có hiệu lực."})
    assert {"831/NQ-UBTVQH14", "24/2018/QH14"} <= notations(g)
