"""What a newcomer's slips get back from the CLI (issue 17): one line that says what went wrong, not a SPARQL
parser's dump or a silently empty page."""
from __future__ import annotations

from conftest import SEEDS, run_dxkg


def test_a_mistyped_bundled_query_or_a_missing_file_is_named_as_such(seed_build):
    typo = run_dxkg("query", str(seed_build.parent), "commitee-chairs")
    assert typo.returncode == 1 and "no bundled query named 'commitee-chairs'" in typo.stderr
    assert "did you mean 'committee-chairs'" in typo.stderr and "syntax" not in typo.stderr
    missing = run_dxkg("query", str(seed_build.parent), "nosuch.rq")
    assert missing.returncode == 1 and "nosuch.rq: no such query file" in missing.stderr


def test_an_unknown_prefix_is_one_line_that_names_it(seed_build):
    result = run_dxkg("query", str(seed_build.parent), 'SELECT ?x WHERE { ?x foo:bar "a:b" }')
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "unknown prefix foo:" in result.stderr and "\\u{" not in result.stderr


def test_view_finds_a_province_or_class_however_it_is_written_and_says_when_there_is_none(seed_build, tmp_path):
    page = tmp_path / "v.html"
    found = run_dxkg("view", str(seed_build.parent), "-o", str(page), "--province", "gia lai")
    assert found.returncode == 0 and "0 nodes" not in found.stderr
    # a name without its unit's dates names both units of that name (the old and the new Gia Lai)
    assert "Gia Lai (từ 1/7/2025) + Gia Lai (đến 30/6/2025)" in found.stderr
    person = run_dxkg("view", str(seed_build.parent), "-o", str(page), "--class", "person")
    assert person.returncode == 0 and "class Person" in person.stderr
    for option, asked, hint in (("--province", "Gia Lia", "did you mean Gia Lai (từ 1/7/2025), Gia Lai (đến 30/6/2025)?"),
                                ("--class", "Persn", "did you mean Person?")):
        wrong = run_dxkg("view", str(seed_build.parent), "-o", str(tmp_path / "w.html"), option, asked)
        assert wrong.returncode == 1 and hint in wrong.stderr
        assert not (tmp_path / "w.html").exists()  # no empty page written


def test_a_missing_input_is_counted_as_skipped(tmp_path):
    seed = next(SEEDS.glob("000_*.txt"))
    result = run_dxkg("build", str(tmp_path / "no-such-folder"), str(seed), "-o", str(tmp_path / "out"))
    assert result.returncode == 3
    assert "skipped" in result.stderr and "no-such-folder: no such file or folder" in result.stderr
    assert any("articles skipped" in line and line.rstrip(" │").endswith("1") for line in result.stderr.splitlines())


def test_every_answer_ends_its_last_line(seed_build):
    for target in (seed_build.parent, seed_build):  # the build's kept answer, and the engine's
        for fmt in ("json", "xml", "csv", "tsv"):
            out = run_dxkg("query", str(target), "platforms", "-f", fmt, check=True).stdout
            assert out.endswith("\n") and not out.endswith("\n\n"), (target, fmt)
    graph = run_dxkg("query", str(seed_build), "CONSTRUCT { ?p a dxo:Province } WHERE { ?p a dxo:Province }",
                     "-f", "nt", check=True).stdout
    assert graph.endswith(" .\n")
