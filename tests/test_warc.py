"""Reading what researchers have (issue 20, item 3): a web archive (WARC.gz) of mixed pages, streamed, builds a
graph of only the pages about digital transformation; the others are counted with their reason (`--all`
keeps them); what is no page (an image, a 404) is not an input at all."""
from __future__ import annotations

import io

from conftest import run_dxkg
from rdflib import Graph
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DX = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>Cập nhật: 10/6/2024 08:00</p>
<p>{body}</p><p>Sở Thông tin và Truyền thông cho biết tỉnh tiếp tục đẩy mạnh chuyển đổi số trong năm 2024, tập trung
phát triển chính quyền số, kinh tế số và xã hội số.</p></article></body></html>"""
SPORT = """<html><head><title>Đội tuyển thắng đậm</title></head><body><article><h1>Đội tuyển thắng đậm</h1>
<p>Tối qua, đội tuyển Việt Nam thắng 3-0 trên sân Mỹ Đình trước 40.000 khán giả cổ vũ nhiệt tình suốt trận đấu.</p>
<p>Huấn luyện viên cho biết cả đội sẽ nghỉ hai ngày trước khi bước vào trận đấu tiếp theo tại vòng loại.</p>
</article></body></html>"""


def write_warc(path, pages):
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for url, status, kind, body in pages:
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode()),
                                                          http_headers=headers))


PAGES = [
    ("https://baogialai.example/cds-1.html", "200 OK", "text/html; charset=utf-8",
     DX.format(title="Gia Lai tăng hạng chuyển đổi số", body="Năm 2023, tỉnh Gia Lai xếp thứ 22/63 về chỉ số DTI.")),
    ("https://baogialai.example/the-thao.html", "200 OK", "text/html; charset=utf-8", SPORT),
    ("https://baogialai.example/logo.png", "200 OK", "image/png", "\x89PNG"),
    ("https://baogialai.example/mat.html", "404 Not Found", "text/html", "<html>không tìm thấy</html>"),
    ("https://baokontum.example/cds-2.html", "200 OK", "text/html; charset=utf-8",
     DX.format(title="Kon Tum đẩy mạnh chuyển đổi số", body="Năm 2023, tỉnh Kon Tum xếp thứ 30/63 về chỉ số DTI.")),
]


def test_a_web_archive_of_mixed_pages_builds_only_the_pages_on_topic(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    write_warc(archive, PAGES)
    result = run_dxkg("build", str(archive), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "articles off topic, left out" in result.stderr and "no word of digital transformation" in result.stderr
    g = Graph().parse(tmp_path / "out" / "dxkg.ttl")
    files = sorted(str(o) for o in g.objects(None, g.namespace_manager.expand_curie("dxo:sourceFile")))
    assert len(files) == 2 and all(f.startswith("crawl.warc.gz@") for f in files)
    urls = {str(o) for o in g.objects(None, g.namespace_manager.expand_curie("schema:url"))}
    assert {"https://baogialai.example/cds-1.html", "https://baokontum.example/cds-2.html"} <= urls
    # --all keeps the page off topic too; the image and the 404 are no pages at all
    assert run_dxkg("build", str(archive), "-o", str(tmp_path / "all"), "--all").returncode == 0
    kept = Graph().parse(tmp_path / "all" / "dxkg.ttl")
    assert len(set(kept.objects(None, kept.namespace_manager.expand_curie("dxo:sourceFile")))) == 3


def test_a_damaged_archive_is_one_line_and_the_rest_builds(tmp_path):
    (tmp_path / "in").mkdir()
    write_warc(tmp_path / "in" / "good.warc.gz", PAGES[:1])
    (tmp_path / "in" / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00not really a gzip stream")
    result = run_dxkg("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.returncode == 3
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("skipped")]
    assert len(lines) == 1 and "broken.warc.gz" in lines[0] and "web archive" in lines[0]
    assert (tmp_path / "out" / "dxkg.ttl").exists()
