"""`dxkg build` against inputs an attacker (or an unlucky user) hands it: each must fail alone, quickly, with its
reason, while the rest of the batch builds. Every subprocess runs under a time-out, so a regression hangs no suite."""
from __future__ import annotations

import fcntl
import os
import resource
import shutil
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import DXKG, HEAD, SEEDS, article_of, records
from rdflib import Graph, Namespace, URIRef

from dxkg.build import pipeline
from dxkg.build.pipeline import Budget, DiskFull, Locked, build

DXO = Namespace("https://w3id.org/dxkg/ontology#")
SCHEMA = Namespace("https://schema.org/")
LIMIT = 120  # seconds any one command here may take; the slowest takes a few


def dxkg(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ, COLUMNS="200")
    return subprocess.run([*DXKG, *args], capture_output=True, text=True, env=env, timeout=LIMIT, check=False,
                          **kwargs)


def seed(folder: Path, name: str | bytes = "seed.txt") -> Path:
    """A real article under a name of our choosing (bytes: a name that need not be UTF-8)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = os.path.join(os.fsencode(folder), name) if isinstance(name, bytes) else folder / name
    shutil.copy(next(SEEDS.glob("000_*.txt")), target)
    return Path(os.fsdecode(target))


def articles_in(out: Path) -> list[str]:
    g = Graph().parse(out / "dxkg.ttl")
    return sorted(str(g.value(a, DXO.sourceFile)) for a in g.subjects(None, DXO.Article))


# ---------------------------------------------------------------- size and time


def test_a_line_of_ten_thousand_percentages_is_skipped_fast_and_the_rest_builds(tmp_path):
    inputs = tmp_path / "in"
    seed(inputs)
    (inputs / "run-on.txt").write_text(" ".join(f"{i}%" for i in range(10_000)) + "\n", encoding="utf-8")
    start = time.perf_counter()
    result = dxkg("build", str(inputs), "-o", str(tmp_path / "out"), "-j", "1")
    assert time.perf_counter() - start < 30  # was 3 minutes and 6.8 GB
    assert result.returncode == 3, result.stderr
    assert "run-on.txt: more than 2,000 numbers in one article" in result.stderr
    assert articles_in(tmp_path / "out") == ["seed.txt"]


def test_a_long_run_on_sentence_is_read_in_linear_time_with_short_evidence():
    # 1,500 figures in one "sentence": under the article's budget, so every one is read
    text = HEAD + "Năm 2024, tỉnh Gia Lai đạt các tỷ lệ " + ", ".join(f"{i}%" for i in range(1, 1_501)) + ".\n"
    start = time.perf_counter()
    found = records(article_of(text)).observations
    took = time.perf_counter() - start
    assert len({o.value for o in found}) == 1_500
    # each figure's evidence is its window of the sentence, not the whole 9 KB sentence (was 1,500 copies of it)
    assert max(len(o.evidence.sentence) for o in found) <= pipeline_window()
    assert took < 15, f"{took:.1f} s"  # quadratic, this took over 10 s on its own; linear, about 1 s


def pipeline_window() -> int:
    from dxkg.extract.figures import WINDOW

    return WINDOW


@pytest.mark.parametrize("jobs", [1, 2])  # in the build's own process; in worker processes
def test_an_article_over_its_time_budget_is_skipped_with_its_reason(tmp_path, monkeypatch, jobs):
    inputs = tmp_path / "in"
    seed(inputs, "a.txt")
    seed(inputs, "b.txt")
    monkeypatch.setattr(pipeline, "BUDGET", Budget(seconds=0.01))
    result = build([inputs], tmp_path / "out", jobs=jobs)
    assert [s.reason for s in result.skipped] == ["took longer than 0.01 s (the time budget of one article)"] * 2


def test_an_article_over_its_output_budget_is_skipped_and_the_others_build(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    seed(inputs, "big.txt")
    (inputs / "small.txt").write_text(HEAD + "Tỉnh Gia Lai có 12 xã.\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "BUDGET", Budget(quads=150))
    result = build([inputs], tmp_path / "out", jobs=1)
    assert [(s.path.name, s.reason.split(" (")[0]) for s in result.skipped] == [
        ("big.txt", f"its graph would have {result_quads(inputs / 'big.txt'):,} quads")]
    assert result.articles == 1


def result_quads(path: Path) -> int:
    from dxkg.identity import resolve
    from dxkg.rdf.mapping import article_quads
    from dxkg.rdf.mint import Minter
    from dxkg.rdf.vocab import DEFAULT_BASE

    return len(article_quads(resolve(pipeline.process(path)), Minter(DEFAULT_BASE)))


# ---------------------------------------------------------------- what is read


def test_fifos_and_devices_are_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody writes to it: reading it would block for ever
    good = seed(tmp_path / "in")
    result = dxkg("build", str(fifo), "/dev/zero", str(good), "-o", str(tmp_path / "out"))
    assert result.returncode == 3, result.stderr
    assert f"skipped {fifo}: not a regular file" in result.stderr
    assert "skipped /dev/zero: not a regular file" in result.stderr
    assert articles_in(tmp_path / "out") == ["seed.txt"]


def test_file_names_in_any_bytes_and_with_markup_build(tmp_path):
    inputs = tmp_path / "in"
    seed(inputs, b"t\xffn.txt")  # not UTF-8: the OS gives Python a lone surrogate for the byte
    seed(inputs / "a[", "]b.txt")  # the path holds "[/]", rich's closing tag
    result = dxkg("build", str(inputs), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "articles read" in result.stderr and "Traceback" not in result.stderr  # the summary was printed
    assert articles_in(tmp_path / "out") == ["]b.txt", "t\ufffdn.txt"]
    again = build([inputs], tmp_path / "out", jobs=1)  # the manifest kept the names as they are on disk
    assert (again.articles, again.extracted, again.skipped) == (2, 0, [])


def test_a_missing_path_with_markup_is_named_as_written(tmp_path):
    missing = tmp_path / "x[/]y[bold]z.txt"
    result = dxkg("build", str(missing), str(seed(tmp_path / "in")), "-o", str(tmp_path / "out"))
    assert f"skipped {missing}: no such file or folder" in result.stderr
    assert result.returncode == 3


def test_a_canonical_url_with_a_space_is_kept_escaped(tmp_path):
    page = tmp_path / "in" / "page.html"
    page.parent.mkdir()
    body = "".join(f"<p>{s}</p>" for s in [
        "Năm 2024, tỉnh Gia Lai đã đưa 120 dịch vụ công trực tuyến toàn trình vào hoạt động phục vụ người dân.",
        "Tỷ lệ hồ sơ được xử lý trực tuyến đạt 85%, tăng mạnh so với năm trước nhờ hạ tầng số được đầu tư.",
        "Sở Thông tin và Truyền thông cho biết tỉnh tiếp tục mở rộng mạng cáp quang đến các thôn, làng.",
    ])
    page.write_text(f"""<!doctype html><html><head><meta charset="utf-8"><title>Chuyển đổi số ở Gia Lai</title>
<link rel="canonical" href="https://tin.example.vn/chuyen doi so/gia-lai.html"></head>
<body><article><h1>Chuyển đổi số ở Gia Lai</h1>{body}</article></body></html>""", encoding="utf-8")
    result = build([page.parent], tmp_path / "out", jobs=1)
    assert not result.skipped and result.articles == 1
    g = Graph().parse(tmp_path / "out" / "dxkg.ttl")
    assert (None, SCHEMA.url, URIRef("https://tin.example.vn/chuyen%20doi%20so/gia-lai.html")) in g


# ---------------------------------------------------------------- the build's own folder


def test_a_second_build_into_the_same_folder_stops_at_once(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    seed(inputs)
    (out / ".dxkg").mkdir(parents=True)
    with open(out / ".dxkg" / "lock", "a") as held:  # as a running build holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        start = time.perf_counter()
        with pytest.raises(Locked, match="another dxkg build is writing there"):
            build([inputs], out, jobs=1)
        result = dxkg("build", str(inputs), "-o", str(out))
        assert time.perf_counter() - start < 30
        assert result.returncode == 1
        assert result.stderr.strip() == f"error: {out}: another dxkg build is writing there; wait for it to finish"
    assert build([inputs], out, jobs=1, rebuild=True).articles == 1  # released: the next build runs, --rebuild too
    assert (out / ".dxkg" / "lock").exists()
    with open(out / ".dxkg" / "lock", "a") as held:  # removing an article rewrites the outputs: locked too
        fcntl.flock(held, fcntl.LOCK_EX)
        removed = dxkg("remove", "seed.txt", "-o", str(out))
        assert removed.returncode == 1 and "another dxkg build is writing there" in removed.stderr
    assert articles_in(out) == ["seed.txt"]


def _small_files(limit: int):
    def apply() -> None:  # a disk that fills up: writes past `limit` bytes fail (EFBIG; Python ignores SIGXFSZ)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


@pytest.mark.parametrize("room", [16_000, 150_000])  # full while writing the parts; while writing the outputs
def test_a_full_disk_gives_one_line_and_leaves_no_partial_cache(tmp_path, room):
    inputs, out = tmp_path / "in", tmp_path / "out"
    for name in ("a.txt", "b.txt"):
        seed(inputs, name)
    result = dxkg("build", str(inputs), "-o", str(out), preexec_fn=_small_files(room))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: no space left to write the build"), result.stderr
    # no part, no manifest; the store's record may remain (the store is loaded beside the build, and the
    # record says what it holds once it holds it), and the record that the answers are to be made again
    assert {p.name for p in (out / ".dxkg").rglob("*") if p.is_file()} <= {"lock", "store.json", "stale.json"}
    assert [p for p in out.rglob("*") if ".tmp" in p.name] == []  # no half-written output
    assert dxkg("build", str(inputs), "-o", str(out)).returncode == 0  # room again: the build is whole
    store = ox.Store.read_only(str(out / "dxkg.oxigraph"))
    turtle = {str(t) for t in ox.parse(path=str(out / "dxkg.ttl"), format=ox.RdfFormat.TURTLE)}
    assert {str(q.triple) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())} == turtle


def test_disk_full_is_its_own_error():
    assert issubclass(DiskFull, pipeline.StateError)  # the command line reports it in one line, like the others


# ---------------------------------------------------------------- spreadsheets


FORMULAS = ["=HYPERLINK(\"http://x.example/\";\"bấm\")", "+84 cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("cell", FORMULAS)
def test_a_cell_a_spreadsheet_would_run_is_quoted(cell):
    from dxkg.outputs.tables import spreadsheet_safe

    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-3", "+84", "12.5", "Gia Lai", "", "https://w3id.org/dxkg/id/x", "1-2"])
def test_plain_cells_are_left_as_they_are(cell):
    from dxkg.outputs.tables import spreadsheet_safe

    assert spreadsheet_safe(cell) == cell


def test_article_text_reaches_the_csv_tables_as_text(tmp_path):
    import csv

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "t.txt").write_text(HEAD + "Năm 2024, tỉnh Gia Lai có 85% hồ sơ được xử lý trực tuyến.\n"
                                  "=HYPERLINK(\"http://x.example/\") tỷ lệ xã có cáp quang của tỉnh Gia Lai đạt 90%.\n"
                                  "- Năm 2025: 118 xã, phường của tỉnh Gia Lai có điểm phục vụ số.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert build([inputs], out, jobs=1).articles == 1
    rows = list(csv.DictReader((out / "observations.csv").open(encoding="utf-8")))
    sentences = {r["sentence"] for r in rows}
    assert any(s.startswith("'=HYPERLINK(") for s in sentences), sentences
    assert any(s.startswith("'- Năm 2025") for s in sentences), sentences
    every = [c for name in ("observations", "memberships", "documents")
             for row in csv.reader((out / f"{name}.csv").open(encoding="utf-8")) for c in row]
    assert not [c for c in every if c[:1] in ("=", "+", "@", "\t", "\r") or c.startswith("-") and not c[1:].isdigit()]
    exported = dxkg("export", str(out / "dxkg.ttl"), "-f", "csv", "-o", str(tmp_path / "exported"))
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "exported" / "observations.csv").read_text(encoding="utf-8") == \
        (out / "observations.csv").read_text(encoding="utf-8")
