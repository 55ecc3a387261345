"""The build's on-disk store (OUT/dxkg.oxigraph): what query, view, export and serve open instead of parsing Turtle."""
from __future__ import annotations

import json
import shutil

import pyoxigraph as ox
import pytest
from conftest import SEEDS, run_dxkg

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _default_and_named(out):
    """The store's default graph and named graphs, beside the Turtle's triples and the TriG's quads (each
    loaded into a store, so literals are compared as the store keeps them)."""
    built = ox.Store.read_only(str(out / "dxkg.oxigraph"))
    ttl, trig = ox.Store(), ox.Store()
    ttl.bulk_load(path=str(out / "dxkg.ttl"), format=ox.RdfFormat.TURTLE)
    trig.bulk_load(path=str(out / "dxkg.trig"), format=ox.RdfFormat.TRIG)
    default = {str(q) for q in built.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    named = {str(q) for q in built if not isinstance(q.graph_name, ox.DefaultGraph)}
    return (default, {str(q) for q in ttl}), (named, {str(q) for q in trig})


def _build(inputs, out):
    result = run_dxkg("build", *map(str, inputs), "-o", str(out))
    assert result.returncode == 0, result.stderr


def test_the_store_holds_the_turtle_and_the_trig_through_additions_and_removals(tmp_path):
    out = tmp_path / "out"
    _build(SEED_FILES[:3], out)
    for (got, want) in _default_and_named(out):
        assert got == want and got
    _build(SEED_FILES, out)  # two articles more: added to the store, not reloaded
    for (got, want) in _default_and_named(out):
        assert got == want
    run_dxkg("remove", SEED_FILES[1].name, "-o", str(out), check=True)
    (default, ttl), (named, trig) = _default_and_named(out)
    assert default == ttl and named == trig  # the triples only that article stated left the default graph too
    assert not any(SEED_FILES[1].stem.replace("_", "-") in q for q in named)


def test_an_edited_article_is_patched_into_the_store(tmp_path):
    """An article edited keeps its graph's name, as the corpus graph does after any change: the store is
    patched with the lines the two parts differ by, and still holds exactly the Turtle and the TriG."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for f in SEED_FILES:
        shutil.copy(f, inputs / f.name)
    out = tmp_path / "out"
    _build([inputs], out)
    edited = inputs / SEED_FILES[0].name
    text = edited.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines()[3:] if "%" in line)
    edited.write_text(text.replace(first, ""), encoding="utf-8")  # a sentence with a figure gone
    before = json.loads((out / ".dxkg" / "store.json").read_text())["parts"]
    _build([inputs], out)
    after = json.loads((out / ".dxkg" / "store.json").read_text())["parts"]
    assert set(before.values()) == set(after.values()) and before.keys() != after.keys()
    for (got, want) in _default_and_named(out):
        assert got == want


def test_a_build_killed_while_updating_the_store_is_put_right_by_the_next(tmp_path):
    out = tmp_path / "out"
    _build(SEED_FILES[:4], out)
    record = out / ".dxkg" / "store.json"
    held = json.loads(record.read_text())["parts"]
    dropped = next(iter(held))
    # a build of SEED_FILES[1:] killed just after it wrote its record and before it touched the store: the
    # record lists the graph it was about to drop as changing, and the store still holds it
    kept = {k: g for k, g in held.items() if k != dropped}
    record.write_text(json.dumps({"parts": kept, "changing": [held[dropped]]}))
    _build(SEED_FILES[1:], out)
    for (got, want) in _default_and_named(out):
        assert got == want


def test_query_reads_the_store_and_not_the_turtle(seed_build, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seed_build.parent, out)
    by_file = run_dxkg("query", str(out / "dxkg.ttl"), "committee-chairs", "-f", "csv", check=True).stdout
    (out / "dxkg.ttl").unlink()  # nothing left to parse: the answer comes from the store
    by_store = run_dxkg("query", str(out), "committee-chairs", "-f", "csv", check=True).stdout
    assert by_store == by_file and "Trương Hải Long" in by_store
    missing = run_dxkg("query", str(tmp_path / "nothing-here"), "platforms")
    assert missing.returncode != 0 and "nothing-here" in missing.stderr


def test_serve_opens_the_build_folder_in_place(seed_build, tmp_path):
    from test_serve import get, start

    from dxkg.query.store import bundled

    out = tmp_path / "out"
    shutil.copytree(seed_build.parent, out)
    (out / "dxkg.ttl").unlink()
    (out / "dxkg.trig").unlink()
    proc, url = start(out, "--max-rows", "1")
    try:
        status, _h, body = get(url, "SELECT ?l WHERE { ?p a dxo:Province ; rdfs:label ?l } ORDER BY ?l", "text/csv")
        assert status == 413  # a query of the client's: the row limit holds
        status, _h, body = get(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "text/csv")
        assert status == 200 and int(body.split()[-1]) > 0  # the articles' named graphs are there too
        text = bundled()["committee-chairs"][1]
        for accept, fmt in (("text/csv", "csv"), ("text/tab-separated-values", "tsv")):
            status, _h, body = get(url, text, accept)  # the build's kept answer (a file read: sent whole)
            cli = run_dxkg("query", str(seed_build), "committee-chairs", "-f", fmt, check=True).stdout
            assert status == 200 and body.replace("\r\n", "\n") == cli.replace("\r\n", "\n")
    finally:
        proc.terminate()
        proc.wait(10)


def test_kept_answers_are_the_engine_answers_and_follow_the_store(tmp_path):
    from dxkg.query.store import bundled

    out = tmp_path / "out"
    _build(SEED_FILES[:2], out)
    before = run_dxkg("query", str(out), "committee-chairs", "-f", "csv", check=True).stdout
    _build(SEED_FILES, out)  # a build that changes the store answers again
    for name in bundled():
        for fmt in ("csv", "json", "tsv"):
            kept = run_dxkg("query", str(out), name, "-f", fmt, check=True).stdout
            engine = run_dxkg("query", str(out / "dxkg.ttl"), name, "-f", fmt, check=True).stdout
            assert kept == engine, (name, fmt)
    after = run_dxkg("query", str(out), "committee-chairs", "-f", "csv", check=True).stdout
    assert after != before and len(after.splitlines()) > len(before.splitlines())


def test_view_of_a_build_folder_draws_the_page_the_build_drew(seed_build, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seed_build.parent, out)

    def drawn(name):
        page = tmp_path / name
        run_dxkg("view", str(out), "-o", str(page), check=True)
        return page.read_text(encoding="utf-8").replace(f"dxkg — {out.name}", "dxkg")

    built = (out / "dxkg.html").read_text(encoding="utf-8")
    assert drawn("from-parts.html") == built  # the build's cached shares of the projection
    shutil.rmtree(out / ".dxkg" / "articles")
    assert drawn("from-store.html") == built  # no cache: each article graph of the store, merged the same way


def test_answers_and_pages_drawn_apart_are_those_drawn_in_the_build(seed_build, tmp_path):
    """A large build answers and draws in a process of its own (`answered.beside`): the same files."""
    from dxkg.build import answered
    from dxkg.build.pipeline import fingerprint
    from dxkg.build.store import answers_folder

    out = tmp_path / "out"
    shutil.copytree(seed_build.parent, out)
    drawn = {p.relative_to(out): p.read_bytes() for p in [*answers_folder(out).iterdir(), out / "map.html",
                                                         *(out / "provinces").iterdir()]}
    shutil.rmtree(answers_folder(out))
    shutil.rmtree(out / "provinces")
    (out / "map.html").unlink()
    answered.beside(out, 2, True, fingerprint(("templates", "queries"))).run()
    assert {p: (out / p).read_bytes() for p in drawn} == drawn


def test_a_process_apart_that_fails_says_what_it_was_doing(tmp_path):
    from dxkg.build import answered

    shutil.copytree(SEEDS, tmp_path / "not-a-build")
    with pytest.raises(RuntimeError, match="answering the bundled queries and drawing the pages of .*not-a-build"):
        answered.beside(tmp_path / "not-a-build", 1, True, "").run()


def test_small_updates_are_written_plainly_and_compacted_once_they_add_up(tmp_path, monkeypatch):
    """An article added or removed is written into the store as plain writes, compacted every COMPACT_AFTER
    updates; an update past BATCH bytes is bulk-loaded and compacted at once. Either way the store holds
    exactly the Turtle and the TriG."""
    from dxkg.build import store
    from dxkg.build.pipeline import build

    monkeypatch.setattr(store, "COMPACT_AFTER", 2)
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for f in SEED_FILES[:4]:
        shutil.copy(f, inputs / f.name)

    def built(writes):
        build([inputs], out, jobs=2)
        assert json.loads((out / ".dxkg" / "store.json").read_text())["writes"] == writes
        for (got, want) in _default_and_named(out):
            assert got == want

    built(0)  # loaded afresh, compacted
    shutil.copy(SEED_FILES[4], inputs / SEED_FILES[4].name)
    built(1)  # one small update, not compacted
    (inputs / SEED_FILES[0].name).unlink()
    built(0)  # the second: compacted
    monkeypatch.setattr(store, "BATCH", 1)
    shutil.copy(SEED_FILES[0], inputs / SEED_FILES[0].name)
    built(0)  # larger than a batch: bulk-loaded and compacted


def test_an_answer_that_asks_of_today_is_not_kept_from_the_day_of_the_build(seed_build):
    """`holder-on-date` without ?on asks who holds a post today: it is asked afresh each time, not read from the
    day of the build; every other bundled query's answer is kept."""
    from dxkg.build.store import answers_folder
    from dxkg.outputs import answers

    folder = answers_folder(seed_build.parent)
    lasting = {name for name, (_about, text) in answers.bundled().items() if answers.lasting(text)}
    assert "holder-on-date" not in lasting and len(lasting) == len(answers.bundled()) - 1
    assert len(list(folder.glob("*.tsv"))) == len(lasting)
    assert answers.kept(folder, answers.bundled()["holder-on-date"][1], "tsv") is None
