"""Cleaning: one spelling of Vietnamese, the article's own text without page furniture, metadata."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import SEEDS

from dxkg.ingest.clean import clean
from dxkg.ingest.metadata import annotate
from dxkg.ingest.read import RawArticle, read
from dxkg.lang.text import normalize


def article_of(text: str, name: str = "t.txt"):
    raw = RawArticle(Path(name), text)
    article, page = clean(raw)
    annotate(article, page, raw)
    return article


def seed(prefix: str):
    path = next(SEEDS.glob(prefix + "_*.txt"))
    raw = read(path)
    article, page = clean(raw)
    annotate(article, page, raw)
    return article


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
    texts = {p.name: seed(p.name[:3]).text for p in SEEDS.glob("*.txt")}
    joined = "\n".join(texts.values())
    for furniture in ("Lượt xem", "Có thể bạn quan tâm", "Tin liên quan", "Ảnh:", "Google News",
                      "Hôm nay : 1.209", "Năm 2024 : 368.098", "Ngô Việt Đức", "Ảnh tư liệu", "Tăng tương phản",
                      "19/09/2024 - 23:16", "Sao chép liên kết"):
        assert furniture not in joined, furniture


def test_sentences_keep_offsets_into_the_clean_text():
    for p in SEEDS.glob("*.txt"):
        a = seed(p.name[:3])
        assert a.sentences
        for s in a.sentences:
            assert a.text[s.start:s.end] == s.text


@pytest.mark.parametrize("prefix,headline,published,authors,outlet", [
    ("000", "Chuyển đổi số năm 2021 của Gia Lai xếp thứ 39/63 tỉnh, thành", "2022-11", ["Phương Linh"], "Báo Gia Lai"),
    ("001", "Quyết liệt chuyển đổi số để thúc đẩy phát triển kinh tế - xã hội", "2024-09-19", ["Lê Tuấn Kiệt"],
     "Thông tấn xã Việt Nam"),
    ("002", None, "2022-11", ["Đoàn Bình", "Huy Toàn"], None),
    ("003", "Gia Lai: Tạo đột phá trong ứng dụng, phát triển công nghệ thông tin", "2019", ["Hà Duy"], "Báo Gia Lai"),
    ("004", "Đẩy mạnh chuyển đổi số trên địa bàn tỉnh Hà Giang", "2024", ["Nguyễn Yến"], None),
])
def test_seed_metadata(prefix, headline, published, authors, outlet):
    a = seed(prefix)
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
    assert a.published.iso() == "2021-07"


def test_no_date_evidence_leaves_the_date_unknown():
    assert article_of("Tiêu đề không có ngày tháng nào cả\n\nMột đoạn văn không có năm nào.").published is None
