"""Incremental builds on small corpora: nothing re-extracted twice, changes replace, removal, a killed build."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from conftest import generate, person_names, run_dxkg, select
from pyoxigraph import DefaultGraph, Quad
from rdflib import Graph

from dxkg.build.pipeline import build, remove
from dxkg.rdf.reference import is_reference_graph


def test_unchanged_inputs_are_not_extracted_again(tmp_path):
    corpus = tmp_path / "in"
    generate(6, corpus)
    out = tmp_path / "out"
    first = build([corpus], out, jobs=1)
    written = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    second = build([corpus], out, jobs=1)
    assert (first.extracted, second.extracted) == (6, 0)
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == written  # nothing rewritten
    assert (second.triples, second.classes, second.articles) == (first.triples, first.classes, first.articles)
    (out / "dxkg.html").unlink()
    build([corpus], out, jobs=1)
    assert (out / "dxkg.html").exists()  # a missing output is written again


def test_an_added_article_is_the_only_one_extracted(tmp_path):
    corpus = tmp_path / "in"
    generate(5, corpus)
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    generate(1, corpus, seed=7)
    result = build([corpus], out, jobs=1)
    assert (result.extracted, result.articles) == (1, 6)
    assert_as_fresh(corpus, out, tmp_path / "fresh")


def test_a_changed_article_replaces_its_old_facts(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    article = corpus / "a.txt"
    article.write_text("Tiêu đề về chuyển đổi số tỉnh Nam Định năm 2023\n\nNăm 2023, Giám đốc Sở Nội vụ tỉnh "
                       "Nam Định Trần Văn Cũ báo cáo.", encoding="utf-8")
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    article.write_text("Tiêu đề về chuyển đổi số tỉnh Nam Định năm 2023\n\nNăm 2023, Giám đốc Sở Nội vụ tỉnh "
                       "Nam Định Lê Thị Mới báo cáo.", encoding="utf-8")
    result = build([corpus], out, jobs=1)
    assert result.extracted == 1 and person_names(Graph().parse(out / "dxkg.ttl")) == {"Lê Thị Mới"}


def test_an_edit_that_keeps_the_size_and_the_modification_time_is_still_seen(tmp_path):
    """A build reads again only the files whose size, times or inode changed: an edit of the same length
    with its modification time put back (as `cp -p` or a sync tool leaves it) changes the inode's ctime."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    article = corpus / "a.txt"
    text = ("Tiêu đề về chuyển đổi số tỉnh Nam Định năm 2023\n\nNăm 2023, Giám đốc Sở Nội vụ tỉnh Nam Định "
            "{} báo cáo.")
    article.write_text(text.format("Trần Văn Cũ"), encoding="utf-8")
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    before = article.stat()
    time.sleep(0.05)
    article.write_text(text.format("Trần Văn Cú"), encoding="utf-8")  # as many bytes
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (article.stat().st_size, article.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    result = build([corpus], out, jobs=1)
    assert result.extracted == 1 and person_names(Graph().parse(out / "dxkg.ttl")) == {"Trần Văn Cú"}


def test_remove_drops_an_article_and_the_entities_only_it_mentioned(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Tiêu đề về chuyển đổi số tỉnh Hà Nam năm 2023\n\nNăm 2023, Chủ tịch UBND tỉnh "
                                  "Hà Nam Trương Quốc Huy chủ trì họp.", encoding="utf-8")
    (corpus / "b.txt").write_text("Tiêu đề về chuyển đổi số tỉnh Hà Nam năm 2023\n\nNăm 2023, Giám đốc Sở Y tế "
                                  "tỉnh Hà Nam Phạm Văn Khoa báo cáo.", encoding="utf-8")
    out = tmp_path / "out"
    assert run_dxkg("build", str(corpus), "-o", str(out)).returncode == 0
    assert person_names(Graph().parse(out / "dxkg.ttl")) == {"Trương Quốc Huy", "Phạm Văn Khoa"}
    assert "Phạm Văn Khoa" in (out / "memberships.csv").read_text(encoding="utf-8")
    result = run_dxkg("remove", "b.txt", "-o", str(out))
    assert result.returncode == 0, result.stderr
    g = Graph().parse(out / "dxkg.ttl")
    assert person_names(g) == {"Trương Quốc Huy"}
    assert select(g, "SELECT ?l WHERE { ?a schema:mentions ?p . ?p a dxo:Province ; rdfs:label ?l }") == {("Hà Nam",)}
    assert "Phạm Văn Khoa" not in (out / "memberships.csv").read_text(encoding="utf-8")
    assert run_dxkg("remove", "b.txt", "-o", str(out)).returncode == 1


def test_parallel_and_serial_builds_are_identical(tmp_path):
    corpus = tmp_path / "in"
    generate(8, corpus)
    build([corpus], tmp_path / "one", jobs=1)
    build([corpus], tmp_path / "two", jobs=2)
    for name in ("dxkg.ttl", "dxkg.trig", "observations.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def article_parts(parts):
    """The articles' cached parts, not those of the reference and corpus graphs beside them."""
    return [p for p in parts.glob("*.json") if not p.name.startswith(("reference-", "corpus-"))]


def test_a_killed_build_leaves_usable_outputs_and_the_next_build_completes(tmp_path):
    corpus = tmp_path / "in"
    generate(4, corpus)
    out = tmp_path / "out"
    assert run_dxkg("build", str(corpus), "-o", str(out), "-j", "1").returncode == 0
    previous = (out / "dxkg.ttl").read_bytes()
    generate(120, corpus, seed=5)
    parts = out / ".dxkg" / "articles"
    kill_build_when(corpus, out, lambda: len(article_parts(parts)) >= 10)  # 4 old parts and 6 new ones
    assert (out / "dxkg.ttl").read_bytes() == previous  # the old outputs stand, whole
    cached = len(article_parts(parts))  # a part's .json is written last: each is whole
    assert 10 <= cached < 124
    result = build([corpus], out, jobs=2)
    assert not list(out.rglob("*.tmp"))  # what the killed build was writing is cleared away
    # it went on from the parts already cached: only the others are extracted
    assert (result.articles, result.extracted) == (124, 124 - cached)
    assert_as_fresh(corpus, out, tmp_path / "fresh")


def test_a_build_killed_while_writing_its_outputs_is_finished_by_the_next(tmp_path):
    corpus = tmp_path / "in"
    generate(150, corpus)
    out = tmp_path / "out"
    build([corpus], out, jobs=2)
    previous = (out / "dxkg.ttl").read_bytes()
    generate(1, corpus, seed=11)
    kill_build_when(corpus, out, lambda: bool(list((out / ".dxkg").glob(".assemble.*"))))  # while assembling
    left = (out / "dxkg.ttl").read_bytes()
    result = build([corpus], out, jobs=2)
    assert (result.articles, result.extracted) == (151, 0)  # the new article was extracted before assembling
    assert not list(out.rglob("*.tmp"))
    assert_as_fresh(corpus, out, tmp_path / "fresh", "dxkg.ttl", "dxkg.trig", "observations.csv", "dxkg.html")
    assert left in (previous, (out / "dxkg.ttl").read_bytes())  # the killed build left the old graph or the new, whole


def test_a_damaged_cache_is_reported_in_one_line_and_mended_by_the_next_build(tmp_path):
    corpus = tmp_path / "in"
    generate(3, corpus)
    out = tmp_path / "out"
    assert run_dxkg("build", str(corpus), "-o", str(out), "-j", "1").returncode == 0
    before = (out / "dxkg.ttl").read_bytes()
    damaged = sorted((out / ".dxkg" / "articles").glob("*.json"))[0]
    damaged.write_text('{"graph": ', encoding="utf-8")  # as a power cut may leave it
    generate(1, corpus, seed=3)  # the outputs must be assembled again
    failed = run_dxkg("build", str(corpus), "-o", str(out), "-j", "1")
    assert failed.returncode == 1 and "unreadable" in failed.stderr and "Traceback" not in failed.stderr
    assert (out / "dxkg.ttl").read_bytes() == before
    assert build([corpus], out, jobs=1).extracted == 1  # only the article whose part was damaged
    assert_as_fresh(corpus, out, tmp_path / "fresh")


def test_rebuild_starts_over(tmp_path):
    corpus = tmp_path / "in"
    generate(3, corpus)
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    assert build([corpus], out, jobs=1, rebuild=True).extracted == 3
    assert Path(out / ".dxkg" / "manifest.json").exists()


def assert_as_fresh(corpus: Path, out: Path, fresh: Path, *names: str) -> None:
    """The outputs in `out` are those of a build of `corpus` from scratch."""
    build([corpus], fresh)
    for name in names or ("dxkg.ttl",):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name


def edit_one_and_remove_another(corpus: Path, out: Path, removed: int) -> None:
    """The years of the fourth article changed; the article at place REMOVED dropped by `dxkg remove`, its file
    deleted."""

    edited = sorted(corpus.iterdir())[3]
    edited.write_text(edited.read_text(encoding="utf-8").replace("2023", "2021"), encoding="utf-8")
    gone = sorted(corpus.iterdir())[removed]
    remove(out, gone.name)
    gone.unlink()


def assert_union_counted(out: Path) -> None:
    """The corpus graph's lines are those of its shards, once each, and the record counts those in several."""
    from dxkg.build import shared

    folder = out / ".dxkg" / shared.FOLDER
    record = json.loads((folder / shared.RECORD).read_text())
    lines = Counter(line for name, (digest, *_) in record["shards"].items()
                    for line in (folder / f"{name}-{digest}.nt").read_text(encoding="utf-8").splitlines())
    assert record["repeated"] == {line: n for line, n in lines.items() if n > 1}
    union = out / ".dxkg" / "articles" / f"{record['union'][0]}.nt"
    assert union.read_text(encoding="utf-8").splitlines() == sorted(lines, key=lambda line: line.encode("utf-8"))


def cut_short(paths) -> None:
    """Each file without its last 30 bytes, as a power cut may leave a file written without fsync."""
    for path in paths:
        path.write_bytes(path.read_bytes()[:-30])


def kill_build_when(corpus: Path, out: Path, ready, timeout: float = 120) -> None:
    """Start `dxkg build -j 2`, SIGKILL it as soon as `ready()`, and check that it was killed at that moment
    (not before, not after it ended) and that none of its processes is left."""
    proc = subprocess.Popen([sys.executable, "-m", "dxkg", "build", str(corpus), "-o", str(out), "-j", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + timeout
    while not (came := ready()) and proc.poll() is None and time.time() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    code = proc.wait()
    assert came, f"the moment to kill the build never came (the build {'ended' if code >= 0 else 'timed out'})"
    assert code == -signal.SIGKILL, f"the build had already ended with {code} when it was to be killed"
    time.sleep(2.5)  # its workers notice and end
    assert [p for p in Path("/proc").glob("[0-9]*/cmdline") if str(out).encode() in _read(p)] == []


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def test_the_corpus_graph_made_apart_is_the_one_made_in_the_build(tmp_path, monkeypatch):
    """A large build makes its corpus graph in a process of its own while it writes the tables, and with two
    jobs the store and the Turtle take its lines as soon as they are saved, while the rest of its part is made:
    the same outputs, byte for byte, built afresh and with an article added."""
    from dxkg.build import assemble, pipeline

    corpus = tmp_path / "in"
    generate(8, corpus)
    build([corpus], tmp_path / "here", jobs=1)
    for module in (assemble, pipeline):
        monkeypatch.setattr(module, "APART", 4)
    build([corpus], tmp_path / "apart", jobs=1)
    for name in assemble.OUTPUTS:
        assert (tmp_path / "apart" / name).read_bytes() == (tmp_path / "here" / name).read_bytes(), name
    build([corpus], tmp_path / "two", jobs=2)
    generate(1, corpus, seed=5)
    build([corpus], tmp_path / "two", jobs=2)
    assert_as_fresh(corpus, tmp_path / "two", tmp_path / "fresh", *assemble.OUTPUTS)


def test_a_large_build_writes_what_its_turtle_says(tmp_path, monkeypatch):
    """The outputs assembled from the articles' parts (triples sorted in runs spilled to disk, a summary view
    merged from each article's share, tables merged) equal those computed from the whole Turtle at once."""
    from dxkg.build import turtle
    from dxkg.outputs import view
    from dxkg.outputs.entities import entity_graph
    from dxkg.outputs.files import merged_graph
    from dxkg.outputs.tables import write_tables
    from dxkg.query.store import load

    monkeypatch.setattr(turtle, "RUN_LINES", 500)  # a few hundred lines per run: many runs to merge
    monkeypatch.setattr(view, "SUMMARY_ABOVE", 120)  # past this many entities the view is a summary
    corpus = tmp_path / "in"
    generate(12, corpus)
    out = tmp_path / "out"
    result = build([corpus], out, jobs=1)
    lines = (out / "dxkg.ttl").read_text(encoding="utf-8")
    assert result.triples == len(Graph().parse(data=lines, format="turtle")) > 2 * 500
    store = load(out / "dxkg.trig")  # without the reference graph, which the view does not draw
    store.remove_graph(next(g for g in store.named_graphs() if is_reference_graph(g.value)))
    store.clear_graph(DefaultGraph())
    store.extend([Quad(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None)])
    again = tmp_path / "again"
    again.mkdir()
    nodes, _edges, note = view.write_view(entity_graph(merged_graph(store)), again / "dxkg.html", title="dxkg")
    assert "summary of" in str(note) and nodes > 0
    write_tables(merged_graph(store), again)
    for name in ("dxkg.html", "observations.csv", "memberships.csv", "documents.csv"):
        assert (out / name).read_bytes() == (again / name).read_bytes(), name


def test_the_turtle_is_patched_piece_by_piece_and_equals_a_fresh_build(tmp_path, monkeypatch):
    """dxkg.ttl is kept in pieces of whole subjects: an added, edited or removed article rewrites the pieces
    its triples fall in (a damaged piece, all of them), and dxkg.ttl and void.ttl are those of a fresh build."""
    from dxkg.build import turtle

    monkeypatch.setattr(turtle, "PIECE", 40)  # small pieces: new subjects between pieces, pieces split
    corpus = tmp_path / "in"
    generate(30, corpus)
    out = tmp_path / "out"
    build([corpus], out, jobs=2)
    pieces = out / ".dxkg" / turtle.FOLDER

    def written() -> set[str]:
        return {p.name for p in pieces.iterdir()}

    first = written()
    generate(1, corpus, seed=7)  # added
    build([corpus], out, jobs=2)
    assert len(written() - first) < len(first) / 4  # most pieces are kept as they were
    for name in ("dxkg.ttl", "void.ttl"):
        assert_as_fresh(corpus, out, tmp_path / "fresh1", name)
    edit_one_and_remove_another(corpus, out, 5)
    build([corpus], out, jobs=1)
    cut_short(sorted(p for p in pieces.iterdir() if p.name != turtle.INDEX)[:1])
    generate(1, corpus, seed=8)
    build([corpus], out, jobs=1)
    for name in ("dxkg.ttl", "void.ttl"):
        assert_as_fresh(corpus, out, tmp_path / "fresh2", name)


def test_the_corpus_graph_is_made_again_only_where_the_articles_changed_it(tmp_path, monkeypatch):
    """The corpus graph is kept in shards (by province, by body, the documents): an added, edited or removed
    article makes again only the shards it reports in (a damaged shard, all of them), the union of the
    shards' graphs is the last one patched with what those shards lost and gained (lines several shards
    have counted), and the TriG and the Turtle are byte for byte those of a fresh build."""
    from dxkg.build import shared

    corpus = tmp_path / "in"
    generate(30, corpus)
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    folder = out / ".dxkg" / shared.FOLDER
    record = json.loads((folder / shared.RECORD).read_text())
    assert record["repeated"] and all(n > 1 for n in record["repeated"].values())
    unions = []  # the builds that read every shard to make the union
    whole = shared.Shards._whole
    monkeypatch.setattr(shared.Shards, "_whole", lambda self: unions.append(1) or whole(self))

    def shards() -> set[str]:
        return {p.name for p in folder.glob("*.reports.json")}

    first = shards()
    assert len(first) > 10
    generate(1, corpus, seed=7)  # added
    build([corpus], out, jobs=1)
    assert 0 < len(shards() - first) < len(first) / 3  # most shards are kept as they were
    assert not unions  # patched
    assert_as_fresh(corpus, out, tmp_path / "fresh1", "dxkg.trig", "dxkg.ttl")
    edit_one_and_remove_another(corpus, out, 5)
    build([corpus], out, jobs=1)
    assert_as_fresh(corpus, out, tmp_path / "fresh2", "dxkg.trig", "dxkg.ttl", "dxkg.html")
    unions.clear()
    for gone in sorted(corpus.iterdir())[::3]:  # lines several shards had lose one after another
        remove(out, gone.name)
    assert_union_counted(out)
    build([corpus], out, jobs=1)  # and gain them back
    assert_union_counted(out)
    assert not unions
    cut_short(folder.glob("*.nt"))
    generate(1, corpus, seed=8)
    build([corpus], out, jobs=1)
    assert unions  # a damaged shard: all made again
    assert_as_fresh(corpus, out, tmp_path / "fresh3", "dxkg.trig", "dxkg.ttl", "dxkg.html")


def test_a_line_two_shards_have_stays_in_the_corpus_graph_while_either_has_it(tmp_path):
    """One official named in two articles, on two bodies (two shards of posts): the person's lines are in
    both shards, and in the corpus graph as long as one article is in the build, once."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    texts = {"a.txt": "Tiêu đề về chuyển đổi số tỉnh Nam Định năm 2023\n\nNăm 2023, Giám đốc Sở Nội vụ tỉnh Nam "
                      "Định Trần Văn Cũ báo cáo kết quả chuyển đổi số.",
             "b.txt": "Chuyển đổi số tỉnh Nam Định năm 2024\n\nNgày 5/3/2024, Trưởng ban Tuyên giáo Tỉnh ủy Nam "
                      "Định Trần Văn Cũ phát biểu về chuyển đổi số."}
    out = tmp_path / "out"
    for step, names in enumerate([["a.txt"], ["a.txt", "b.txt"], ["b.txt"], ["a.txt", "b.txt"], ["a.txt"]]):
        for name, text in texts.items():
            if name in names:
                (corpus / name).write_text(text, encoding="utf-8")
            else:
                (corpus / name).unlink(missing_ok=True)
        build([corpus], out, jobs=1)
        assert_union_counted(out)
        assert_as_fresh(corpus, out, tmp_path / f"fresh{step}", "dxkg.ttl")
        assert person_names(Graph().parse(out / "dxkg.ttl")) == {"Trần Văn Cũ"}


def test_an_article_named_after_all_others_makes_again_one_bounded_group():
    """Crawls name files in the order they were fetched, so new articles sort last: they fall in the last run
    and the last group, which no checksum closes; those are bounded like the others (at 10,000 articles the
    last group had held 47 chunks, merged again at every build), and the groups before them stay as they were."""
    from dxkg.build import chunks

    keys = [f"{i:06d}" for i in range(20_000)]
    grouped = chunks.groups(keys)
    assert max(len(run) for group in grouped for run in group) <= 2 * chunks.SIZE
    assert max(len(group) for group in grouped) <= chunks.GROUP_MOST
    assert [key for group in grouped for run in group for key in run] == keys
    for n in range(1, 200):
        later = chunks.groups(keys + [f"x{i:05d}" for i in range(n)])
        assert later[:len(grouped) - 1] == grouped[:-1]


def test_the_outputs_are_assembled_from_chunks_only_one_of_which_an_article_changes(tmp_path, monkeypatch):
    """The articles' parts are merged in chunks of consecutive articles, and the chunks in groups, kept: an
    added, edited or removed article makes again the chunk and the group it falls in (a damaged chunk,
    itself and its group), and every output is byte for byte that of a fresh build."""
    from dxkg.build import assemble, chunks
    from dxkg.outputs import view

    monkeypatch.setattr(chunks, "SIZE", 2)  # 15 chunks in 7 or 8 groups, whatever the keys
    monkeypatch.setattr(chunks, "GROUP", 2)
    monkeypatch.setattr(view, "SUMMARY_ABOVE", 120)  # past this many entities the view is a summary
    corpus = tmp_path / "in"
    generate(30, corpus)
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    folder = out / ".dxkg" / chunks.FOLDER

    def made(kind: str = "") -> set[str]:
        return {p.name for p in folder.glob(f"{kind}*.json") if not p.name.endswith(".entities.json")
                and p.name.startswith("group-") == bool(kind)}

    first, groups = made(), made("group-")
    assert len(first) >= 3 and len(groups) >= 2
    generate(1, corpus, seed=7)  # added
    build([corpus], out, jobs=1)
    assert 0 < len(made() - first) <= 2 and 0 < len(made("group-") - groups) <= 2
    assert_as_fresh(corpus, out, tmp_path / "fresh1", *assemble.OUTPUTS)
    before = made()
    edit_one_and_remove_another(corpus, out, 9)
    build([corpus], out, jobs=1)
    assert 0 < len(made() - before) <= 3  # the edited article's chunk (cut in two, at most), the removed one's
    cut_short(folder.glob("*.csv"))
    generate(1, corpus, seed=8)
    build([corpus], out, jobs=1)
    assert_as_fresh(corpus, out, tmp_path / "fresh2", *assemble.OUTPUTS)
