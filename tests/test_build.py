"""`dxkg build` end to end, as a user runs it."""
from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import GOLD, ROOT, SEEDS, run_dxkg, write_article
from rdflib import Graph, Namespace

DXO = Namespace("https://w3id.org/dxkg/ontology#")
SCHEMA = Namespace("https://schema.org/")


def test_seed_graph_parses_and_conforms(seed_build):
    g = Graph().parse(seed_build)
    assert len(list(g.subjects(None, DXO.Article))) == 5
    result = run_dxkg("validate", str(seed_build))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "conforms" in result.stdout


def test_published_and_provinces_score_perfectly(seed_scores):
    assert seed_scores["published"]["f1"] == 1.0
    assert seed_scores["provinces"]["f1"] == 1.0


def test_one_iri_per_province_across_articles(seed_build):
    g = Graph().parse(seed_build)
    gia_lai = {o for s, o in g.subject_objects(SCHEMA.mentions) if str(o).endswith("/province/gia-lai")}
    assert len(gia_lai) == 1
    articles = {s for s, o in g.subject_objects(SCHEMA.mentions) if o in gia_lai}
    assert len(articles) == 3


def test_same_inputs_give_identical_bytes(tmp_path, seed_build):
    again = run_dxkg("build", str(SEEDS), "-o", str(tmp_path))
    assert again.returncode == 0
    assert (tmp_path / "dxkg.ttl").read_bytes() == seed_build.read_bytes()


def test_exports_are_not_stale(seed_build):
    """Every output in exports/ is what building the seeds writes now (the TriG's layout once changed while its
    Turtle stayed the same); the build's state and store beside them are not outputs."""
    exports = ROOT / "exports"
    assert (exports / "dxkg.ttl").exists(), "run `make demo` to build exports/"
    for path in sorted(exports.rglob("*")):
        name = path.relative_to(exports)
        if path.is_file() and name.parts[0] not in (".dxkg", "dxkg.oxigraph"):
            assert path.read_bytes() == (seed_build.parent / name).read_bytes(), f"exports/{name} is stale: run `make demo`"


def test_bad_files_are_skipped_and_the_rest_builds(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(next(SEEDS.glob("000_*.txt")), inputs)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (inputs / "latin1.txt").write_bytes("Chuyển đổi số".encode("utf-8") + b"\xff\xfe bad")
    out = tmp_path / "out"
    result = run_dxkg("build", str(inputs), "-o", str(out))
    assert result.returncode == 3
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("skipped")]
    assert len(lines) == 3
    assert any("empty.txt" in ln and "empty file" in ln for ln in lines)
    assert any("image.txt" in ln and "binary" in ln for ln in lines)
    assert any("latin1.txt" in ln and "not UTF-8" in ln for ln in lines)
    g = Graph().parse(out / "dxkg.ttl")
    assert len(list(g.subjects(None, DXO.Article))) == 1
    assert sorted(p.name for p in out.iterdir()) == [  # and no temporary file left behind
        ".dxkg", "documents.csv", "dxkg.html", "dxkg.oxigraph", "dxkg.trig", "dxkg.ttl", "map.html", "memberships.csv",
        "observations.csv", "provinces", "void.ttl"]


def test_a_failed_build_keeps_the_previous_output(tmp_path):
    out = tmp_path / "out"
    assert run_dxkg("build", str(SEEDS), "-o", str(out)).returncode == 0
    before = (out / "dxkg.ttl").read_bytes()
    bad = write_article(tmp_path, "empty.txt", "")
    result = run_dxkg("build", str(bad), "-o", str(out))
    assert result.returncode == 1
    assert (out / "dxkg.ttl").read_bytes() == before


def test_validate_reports_violations_readably(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("""@prefix dxo: <https://w3id.org/dxkg/ontology#> .
<https://w3id.org/dxkg/id/obs/1> a dxo:Observation ; dxo:value "many" .""", encoding="utf-8")
    result = run_dxkg("validate", str(bad))
    assert result.returncode == 4
    assert "dxo:value" in result.stderr and "Violation" in result.stderr
    assert "Traceback" not in result.stderr


def test_scorer_runs_on_the_build(scorer, seed_build):
    result = subprocess.run([sys.executable, str(scorer), "--gold", str(GOLD), str(seed_build)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "overall" in result.stdout


def test_validate_reads_the_dataset_too(tmp_path, seed_build):
    assert run_dxkg("validate", str(seed_build.parent / "dxkg.trig")).returncode == 0
    bad = tmp_path / "bad.trig"
    bad.write_text("""@prefix dxo: <https://w3id.org/dxkg/ontology#> .
<https://w3id.org/dxkg/id/article/x> { <https://w3id.org/dxkg/id/obs/1> a dxo:Observation ; dxo:value "many" . }""",
                   encoding="utf-8")
    assert run_dxkg("validate", str(bad)).returncode == 4


def test_a_range_of_one_file_is_copied_at_the_end_of_another_by_the_kernel_or_not(tmp_path, monkeypatch):
    """How the outputs are put together from kept pieces: the same bytes where the kernel copies them and where
    it cannot (another file system, an older kernel)."""
    import errno
    import os

    from dxkg.outputs.files import copy_into

    source = tmp_path / "source"
    source.write_bytes(bytes(range(256)) * 5000)

    def copied() -> bytes:
        with open(tmp_path / "out", "wb") as out, source.open("rb") as f:
            out.write(b"head")
            copy_into(out, f, 1000, 70000)
            assert out.tell() == 4 + 70000
            copy_into(out, f)
            out.write(b"tail")
        return (tmp_path / "out").read_bytes()

    expected = b"head" + source.read_bytes()[1000:71000] + source.read_bytes() + b"tail"
    assert copied() == expected

    def refused(*args):
        raise OSError(errno.EXDEV, "cross-device")

    monkeypatch.setattr(os, "copy_file_range", refused)
    assert copied() == expected
