"""What a newcomer's slips get back from the CLI (issue 17): one line that says what went wrong, not a SPARQL
parser's dump or a silently empty page."""
from __future__ import annotations

import os
import subprocess

from conftest import DXKG, SEEDS, run_dxkg


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


def _at_80_columns(*args: str):
    """As a user runs dxkg with its output in a log or a pipe, on an 80-column setting."""
    env = dict(os.environ, COLUMNS="80")
    return subprocess.run([*DXKG, *args], capture_output=True, text=True, env=env)


def test_every_error_is_one_line_in_one_style():
    """click's own errors (an unknown command, a missing argument or option value) look like dxkg's: one
    "error: …" line on stderr naming where to look, not "Error:" after a usage block or a boxed panel."""
    for args in (["buld"], ["view"], ["query", "out", "-f"], ["validate", "/no/such.ttl"]):
        result = _at_80_columns(*args)
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 2 and len(lines) == 1 and lines[0].startswith("error: "), (args, lines)
        assert "--help" in lines[0] and "╭" not in result.stderr


def test_help_lists_every_format_and_no_bool_placeholder():
    shown = _at_80_columns("query", "--help").stdout
    assert "<bool>" not in shown and "--list" in shown
    assert all(name in shown for name in ("csv", "tsv", "json", "xml", "ttl", "nt", "jsonld", "trig"))


def test_the_bundled_list_is_one_aligned_line_per_query():
    from dxkg.query.store import bundled

    lines = _at_80_columns("query", "--list").stdout.splitlines()
    assert len(lines) == len(bundled())  # nothing wrapped
    starts = {len(line) - len(line.split("  ", 1)[1].lstrip()) for line in lines}
    assert len(starts) == 1  # the descriptions begin in one column


def test_construct_asked_as_turtle_prints_turtle(seed_build):
    result = run_dxkg("query", str(seed_build), "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a dxo:Province ; "
                      "rdfs:label ?l }", "-f", "ttl")
    assert result.returncode == 0 and "@prefix rdfs:" in result.stdout and " rdfs:label " in result.stdout
    assert result.stdout.endswith("\n")


def test_export_without_o_writes_beside_the_graph_and_never_over_the_builds_files(seed_build):
    folder = seed_build.parent
    tables = {p.name: p.read_bytes() for p in folder.glob("*.csv")}
    result = run_dxkg("export", str(folder), "-f", "csv")
    assert result.returncode == 0 and "dxkg-csv" in result.stderr
    assert {p.name for p in (folder / "dxkg-csv").glob("*.csv")} == set(tables)
    assert {p.name: p.read_bytes() for p in folder.glob("*.csv")} == tables  # the build's own, untouched
    assert "Default:" in run_dxkg("export", "--help").stdout
    itself = run_dxkg("export", str(seed_build), "-f", "ttl")
    assert itself.returncode == 1 and "over itself" in itself.stderr


def test_validate_on_a_file_that_is_no_rdf_says_where_in_one_line(tmp_path):
    text = tmp_path / "notes.ttl"
    text.write_text("hello world\n", encoding="utf-8")
    result = run_dxkg("validate", str(text))
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1
    assert "notes.ttl: cannot parse" in lines[0] and "line 1" in lines[0] and "b'" not in lines[0]


def test_the_build_summary_is_not_wrapped_off_a_terminal(tmp_path):
    out = tmp_path / "a-folder-with-a-name-long-enough" / "to-wrap-at-eighty-columns-in-a-log"
    result = _at_80_columns("build", str(next(SEEDS.glob("000_*.txt"))), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert f"dxkg build -> {out / 'dxkg.ttl'}" in result.stderr.splitlines()
