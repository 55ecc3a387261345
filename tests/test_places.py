"""The article's province, which unit a name denotes on the article's date, and where each figure is."""
from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

from conftest import ROOT, records

from dxkg.extract.places import Places, unit_for
from dxkg.ingest import ingest
from dxkg.ingest.read import RawArticle
from dxkg.model import PartialDate


def read(page: str, published: PartialDate | None = None, outlet: str | None = None):
    """An article as the pipeline reads it from a page; date and outlet as the metadata would give them."""
    article = ingest(RawArticle(Path("t.txt"), page))
    return replace(article, published=published, outlet=outlet or article.outlet)


def main(article) -> str | None:
    p = Places(article).main
    return p.name if p else None


# ------------------------------------------------------------------ the province the article is about

def test_headline_beats_the_name_menus_repeat():
    page = ("Trang chủ\nHà Nội\nĐà Nẵng\nTư tưởng Hồ Chí Minh\n\n"
            "Lạng Sơn tăng 12 bậc về chỉ số chuyển đổi số năm 2023\n\n"
            "Năm 2023, tỉnh xếp thứ 30/63, tăng 12 bậc. Hà Nội và Đà Nẵng vẫn dẫn đầu cả nước, "
            "Hà Nội đạt 0,81 điểm, Đà Nẵng đạt 0,79 điểm; Hà Nội giữ vị trí đầu bảng.")
    a = read(page)
    assert main(a) == "Lạng Sơn"
    # the President's name in a menu is no city
    assert "Hồ Chí Minh" not in [p.name for p in Places(a).provinces()]


def test_lead_and_the_bodies_officials_serve_beat_places_compared():
    page = ("Đẩy mạnh chuyển đổi số trong cơ quan nhà nước\n\n"
            "Sáng 5/6, UBND tỉnh Nghệ An tổ chức hội nghị sơ kết chuyển đổi số 6 tháng đầu năm. "
            "Ông Lê Văn An, Giám đốc Sở Thông tin và Truyền thông tỉnh Nghệ An, cho biết tỉnh đã số hóa "
            "hồ sơ. Tỷ lệ này còn thấp so với Hà Nội, so với TP.HCM và so với Hải Phòng; đoàn sẽ học tập "
            "kinh nghiệm tại Hà Nội và TP.HCM.")
    assert main(read(page)) == "Nghệ An"


def test_a_place_compared_or_visited_is_not_the_unnamed_province():
    page = ("Đoàn công tác học tập kinh nghiệm chuyển đổi số\n\n"
            "Năm 2024, toàn tỉnh có 350 thủ tục hành chính trực tuyến toàn trình. Đoàn công tác của tỉnh "
            "đã học tập kinh nghiệm tại Quảng Ninh về trung tâm điều hành thông minh trên địa bàn tỉnh.")
    assert main(read(page)) is None


def test_the_outlet_tells_the_province_the_text_never_writes():
    body = ("Năm 2024, tỉnh đã cung cấp 1.200 dịch vụ công trực tuyến toàn trình; "
            "UBND tỉnh giao các sở hoàn thành số hóa hồ sơ trên địa bàn tỉnh.")
    # a paper whose name does not say the province: its tag opens the lead
    a = read("Kết quả chuyển đổi số năm 2024\n\nBDK - " + body)
    assert main(a) == "Bến Tre"
    assert [p.name for p in Places(a).provinces()] == ["Bến Tre"]
    # a portal's own name, even without diacritics, under a date line
    assert main(read("Cải thiện chỉ số chuyển đổi số của tỉnh\n\n9:05, Thứ Hai, 04-12-2023\n"
                     "(Lang Son Portal) - " + body)) == "Lạng Sơn"
    # the outlet as the metadata names it, or as the furniture does
    assert main(read("Kết quả chuyển đổi số năm 2024\n\n" + body, outlet="Báo Ấp Bắc")) == "Tiền Giang"
    assert main(read("Theo dõi Báo Hậu Giang trên\nKết quả chuyển đổi số năm 2024\n\n" + body)) == "Hậu Giang"
    assert main(read("Kết quả chuyển đổi số năm 2024\n\n" + body + "\nTheo Báo Cà Mau")) == "Cà Mau"
    # a portal's footer names its owner
    assert main(read("Kết quả chuyển đổi số năm 2024\n\n" + body +
                     "\nCơ quan chủ quản: UBND tỉnh Trà Vinh | Địa chỉ: số 1 đường 2")) == "Trà Vinh"
    # a national agency says nothing of the province
    assert main(read("Kết quả chuyển đổi số năm 2024\n\n(TTXVN) - " + body)) is None


def test_the_outlet_gives_way_to_the_province_the_headline_names():
    page = "Đồng Tháp ra mắt ứng dụng công dân số\n\nBDK - Tỉnh Đồng Tháp vừa ra mắt ứng dụng công dân số."
    assert main(read(page)) == "Đồng Tháp"


# ------------------------------------------------------------------ which unit a name denotes

def _units(article) -> set[tuple[str, str]]:
    return {(p.id, p.name) for p in Places(article).provinces()}


def test_thua_thien_hue_is_the_province_until_2025_and_hue_the_city_after():
    y2021 = read("Thừa Thiên Huế đứng thứ hai về chỉ số chuyển đổi số\n\n"
                 "Chiều 19/10, tỉnh Thừa Thiên Huế được công bố xếp thứ 2. Huế tiếp tục đầu tư hạ tầng số.",
                 published=PartialDate(2021, 10))
    assert _units(y2021) == {("thua-thien-hue", "Thừa Thiên Huế")}
    assert unit_for("Huế", y2021).name == "Thừa Thiên Huế"  # the short form, as the people reader sees it
    y2025 = read("Huế mở rộng đô thị thông minh\n\nNăm 2025, thành phố Huế có 2 triệu lượt dùng ứng dụng số.",
                 published=PartialDate(2025, 9, 29))
    assert _units(y2025) == {("hue", "Huế")}
    # before 2025 "thành phố Huế" beside the province's full name is its capital, a smaller unit
    y2019 = read("Thừa Thiên Huế đầu tư đô thị thông minh\n\n"
                 "Năm 2019, tỉnh Thừa Thiên Huế khai trương trung tâm giám sát tại thành phố Huế.",
                 published=PartialDate(2019, 5))
    assert _units(y2019) == {("thua-thien-hue", "Thừa Thiên Huế")}


def test_after_the_first_of_july_2025_names_are_the_merged_units():
    page = "Gia Lai phát triển hạ tầng số\n\nTỉnh Gia Lai hợp nhất dữ liệu của Bình Định vào kho dữ liệu chung."
    before = read(page, published=PartialDate(2025, 6, 30))
    after = read(page, published=PartialDate(2025, 7, 1))
    assert ("gia-lai", "Gia Lai") in _units(before)
    assert ("gia-lai-2025", "Gia Lai") in _units(after)
    # a unit that no longer exists is named as the former province
    assert ("binh-dinh", "Bình Định") in _units(after)


def test_undated_article_takes_the_map_its_own_words_name():
    new = read("An Giang sau sáp nhập đẩy mạnh chuyển đổi số\n\n"
               "Sau sáp nhập, tỉnh An Giang (mới) kế thừa các nền tảng số của tỉnh Kiên Giang (cũ).")
    assert {("an-giang-2025", "An Giang"), ("kien-giang", "Kiên Giang")} <= _units(new)
    old = read("An Giang đẩy mạnh chuyển đổi số\n\nTỉnh An Giang hoàn thành trung tâm điều hành thông minh.")
    assert _units(old) == {("an-giang", "An Giang")}


def test_names_that_are_not_provinces():
    a = read("Chuyển đổi số ở nông thôn\n\nTỉnh Quảng Nam thí điểm xã thông minh tại xã Long An và "
             "thành phố Tam Kỳ; ông Nguyễn Thái Bình giới thiệu cáp quang biển Thái Bình Dương "
             "theo Tư tưởng Hồ Chí Minh.")
    assert {p.name for p in Places(a).provinces()} == {"Quảng Nam"}


# ------------------------------------------------------------------ the province of each figure

def _areas(page: str) -> dict[str, str | None]:
    a = read("Cập nhật: 10/12/2023 09:00\n\nBảng xếp hạng chuyển đổi số các địa phương\n\n" + page)
    return {str(o.value.normalize()): (o.area.name if o.area else None) for o in records(a).observations}


def test_a_figure_goes_to_the_province_named_beside_it():
    areas = _areas("Năm 2023, Cần Thơ xếp thứ 5 (0,61 điểm), sau Vĩnh Long (0,64 điểm) và trước "
                   "Sóc Trăng (0,58 điểm).")
    assert areas == {"5": "Cần Thơ", "0.61": "Cần Thơ", "0.64": "Vĩnh Long", "0.58": "Sóc Trăng"}


def test_a_place_compared_does_not_take_the_figure():
    areas = _areas("Sau khi hợp nhất với Bạc Liêu, tỉnh Cà Mau xếp thứ 12 năm 2023.")
    assert areas == {"12": "Cà Mau"}


def test_listed_provinces_take_a_list_of_figures_in_turn():
    areas = _areas("Năm 2023, Nghệ An, Hà Tĩnh và Quảng Trị lần lượt xếp thứ 21, 22 và 23.")
    assert areas == {"21": "Nghệ An", "22": "Hà Tĩnh", "23": "Quảng Trị"}


# ------------------------------------------------------------------ the gazetteer

def test_the_gazetteer_is_what_its_script_makes(tmp_path):
    spec = importlib.util.spec_from_file_location("make_gazetteer", ROOT / "scripts" / "make_gazetteer.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    out = tmp_path / "provinces.tsv"
    script.main(out)
    assert out.read_text("utf-8") == (ROOT / "src" / "dxkg" / "data" / "provinces.tsv").read_text("utf-8")
