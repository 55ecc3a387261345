"""Cleaning: one spelling of Vietnamese, the article's own text without page furniture, metadata."""
from __future__ import annotations

import unicodedata

import pytest
from conftest import SEEDS, article_of, seed_article

from dxkg.lang.text import normalize


@pytest.mark.parametrize("written,canonical", [
    ("Tỉnh uỷ", "Tỉnh ủy"), ("hoà nhập", "hòa nhập"), ("Khoá XVI", "Khóa XVI"), ("khoẻ", "khỏe"),
    ("quý", "quý"), ("Hoàng", "Hoàng"), ("kỹ thuật", "kỹ thuật"), ("THUỶ", "THỦY"),
])
def test_one_tone_placement(written, canonical):
    assert normalize(written) == canonical


def test_nfd_spaces_and_dashes():
    nfd = unicodedata.normalize("NFD", "Trương Hải Long\u00a0—\u2011Chủ tịch")
    assert normalize(nfd) == "Trương Hải Long –-Chủ tịch"


def test_word_broken_across_lines_is_joined():
    a = article_of("Tiêu đề bài viết về chuyển đổi số tỉnh\n\nCác ngành cần ư\nu tiên chuyển đổi số trong y tế, giáo dục và du lịch.")
    assert "ưu tiên" in a.text


def test_furniture_never_reaches_the_text():
    pages = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    texts = "\n".join(seed_article(p.name[:3]).text for p in SEEDS.glob("*.txt"))
    for furniture in ("Lượt xem", "Có thể bạn quan tâm", "Tin liên quan", "Ảnh:", "Google News",
                      "Hôm nay : 1.209", "Năm 2024 : 368.098", "Ngô Việt Đức", "Ảnh tư liệu", "Tăng tương phản",
                      "19/09/2024 - 23:16", "Sao chép liên kết"):
        assert furniture in pages, f"{furniture!r} is on no seed page: this checks nothing"
        assert furniture not in texts, furniture


def test_sentences_keep_offsets_into_the_clean_text():
    for p in SEEDS.glob("*.txt"):
        a = seed_article(p.name[:3])
        assert a.sentences
        for s in a.sentences:
            assert a.text[s.start:s.end] == s.text


@pytest.mark.parametrize("prefix,headline,published,authors,outlet", [
    ("000", "Chuyển đổi số năm 2021 của Gia Lai xếp thứ 39/63 tỉnh, thành", "2022-11-24", ["Phương Linh"],
     "Báo Gia Lai"),
    ("001", "Quyết liệt chuyển đổi số để thúc đẩy phát triển kinh tế - xã hội", "2024-09-19", ["Lê Tuấn Kiệt"],
     "Thông tấn xã Việt Nam"),
    ("002", None, "2022-11", ["Đoàn Bình", "Huy Toàn"], None),
    ("003", "Gia Lai: Tạo đột phá trong ứng dụng, phát triển công nghệ thông tin", "2019", ["Hà Duy"], "Báo Gia Lai"),
    ("004", "Đẩy mạnh chuyển đổi số trên địa bàn tỉnh Hà Giang", "2024", ["Nguyễn Yến"], None),
])
def test_seed_metadata(prefix, headline, published, authors, outlet):
    a = seed_article(prefix)
    if headline:
        assert a.headline == headline
    assert a.headline and a.published.iso() == published
    assert a.authors == authors
    assert a.outlet == outlet


def test_dates_from_another_outlet_style():
    a = article_of("Cập nhật: 08/03/2022 16:27\n\nHà Nam tăng tốc chuyển đổi số năm 2022\n\n"
                   "Chiều 7/3, UBND tỉnh Hà Nam họp về chuyển đổi số.\n\nTHU HÀ")
    assert a.published.iso() == "2022-03-08"
    assert a.authors == ["Thu Hà"]
    assert "16:27" not in a.text


def test_year_inferred_from_the_text_and_a_meeting_date():
    a = article_of("Bình Định tổng kết chuyển đổi số\n\nChiều 12-7, Sở Thông tin và Truyền thông tỉnh Bình Định "
                   "đánh giá kết quả năm 2021, đề ra nhiệm vụ năm 2022 và kế hoạch năm 2022.")
    assert a.published.iso() == "2021-07-12"


def test_no_date_evidence_leaves_the_date_unknown():
    assert article_of("Tiêu đề không có ngày tháng nào cả\n\nMột đoạn văn không có năm nào.").published is None
