"""Reading files: encodings, and one clear reason for each file that is not an article."""
from __future__ import annotations

import codecs

import pytest

from dxkg.ingest.read import MAX_BYTES, ReadError, find_inputs, read

TEXT = "Chủ tịch UBND tỉnh Gia Lai Trương Hải Long chủ trì cuộc họp."


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),  # with BOM
    TEXT.encode("utf-16-le"),
    TEXT.encode("utf-16-be"),
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be"])
def test_encodings_decode_to_the_same_text(tmp_path, data):
    f = tmp_path / "a.txt"
    f.write_bytes(data)
    assert read(f).text.strip() == TEXT


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("Đà Nẵng – tỉnh".encode("latin-1", "replace") + b"\xe0\xff\xfe tr\xe1", "not UTF-8"),
])
def test_bad_files_give_a_reason(tmp_path, data, reason):
    f = tmp_path / "bad.txt"
    f.write_bytes(data)
    with pytest.raises(ReadError, match=reason):
        read(f)


def test_huge_file_is_refused_without_reading_it(tmp_path):
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(ReadError, match="too large"):
        read(f)


def test_unreadable_file(tmp_path):
    f = tmp_path / "gone.txt"
    f.symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(ReadError, match="cannot read"):
        read(f)


def test_folders_are_walked_in_a_stable_order(tmp_path):
    for name in ("b.txt", "a.html", "c.md", ".hidden.txt", "sub/z.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in find_inputs([tmp_path])] == ["a.html", "b.txt", "sub/z.txt"]


def test_html_page_gives_text_and_metadata(tmp_path):
    f = tmp_path / "page.html"
    f.write_text("""<html><head><title>Gia Lai đẩy mạnh chuyển đổi số</title>
<meta name="author" content="Phương Linh"><meta property="og:site_name" content="Báo Gia Lai">
<meta property="article:published_time" content="2022-11-24T10:00:00+07:00"></head>
<body><nav>Trang chủ | Chính trị | Xã hội</nav><article><h1>Gia Lai đẩy mạnh chuyển đổi số</h1>
<p>(GLO)- Sáng 24-11, Chủ tịch UBND tỉnh Gia Lai Trương Hải Long chủ trì cuộc họp của Ban Chỉ đạo
chuyển đổi số tỉnh. Các thành viên đánh giá kết quả năm 2022 và đề ra nhiệm vụ năm 2023.</p>
<p>Đến nay, 100% doanh nghiệp trong tỉnh đã sử dụng hóa đơn điện tử.</p></article>
<footer>Bản quyền thuộc Báo Gia Lai</footer></body></html>""", encoding="utf-8")
    raw = read(f)
    assert "Trương Hải Long" in raw.text and "Bản quyền" not in raw.text
    assert (raw.title, raw.date, raw.author) == ("Gia Lai đẩy mạnh chuyển đổi số", "2022-11-24", "Phương Linh")
