"""The kept answers and the province pages are made again only where the store changed (`outputs.stale`), and
are then what a fresh build makes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SHARED, build_graph

from dxkg.build.pipeline import build, remove
from dxkg.build.store import answers_folder
from dxkg.outputs import answers, stale
from dxkg.rdf.vocab import PREFIXES, A

DEV = SHARED / "eval" / "dev" / "articles"
pytestmark = pytest.mark.skipif(not DEV.exists(), reason="../shared/eval is not beside the checkout")


def made(out: Path) -> dict[str, bytes]:
    """What the answers step makes: the kept answers, the province pages, the map."""
    files = [*answers_folder(out).iterdir(), *(out / "provinces").iterdir(), out / "map.html"]
    return {str(p.relative_to(out)): p.read_bytes() for p in files}


def assert_as_fresh(corpus: Path, out: Path, fresh: Path) -> None:
    build([corpus], fresh, jobs=1)
    assert made(out) == made(fresh)
    assert not (out / ".dxkg" / stale.STALE).exists()


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(DEV, folder)
    return folder


@pytest.mark.parametrize("large", [False, True])
def test_answers_and_pages_made_in_pieces_are_those_of_a_fresh_build(corpus, tmp_path, monkeypatch, large):
    """Articles added, edited (a province named instead of another, years changed) and removed: every kept
    answer, page and the map are byte for byte those of a fresh build of the same articles. So too in a build
    as large builds go (the corpus graph made in its own process, the store brought up to date and the answers
    begun beside the view and the Turtle)."""
    from dxkg.build import assemble, pipeline

    if large:
        for module in (assemble, pipeline):
            monkeypatch.setattr(module, "APART", 10)
    articles = sorted(corpus.iterdir())
    aside = tmp_path / "aside"
    aside.mkdir()
    for a in articles[:3]:
        a.rename(aside / a.name)
    out = tmp_path / "out"
    build([corpus], out, jobs=1)

    (aside / articles[0].name).rename(articles[0])
    build([corpus], out, jobs=2)
    assert_as_fresh(corpus, out, tmp_path / "fresh1")

    edited = articles[10]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("2024", "2022").replace("Gia Lai", "Kon Tum").replace("Đà Nẵng", "Huế"),
                      encoding="utf-8")
    remove(out, articles[20].name)
    articles[20].unlink()
    (aside / articles[1].name).rename(articles[1])
    build([corpus], out, jobs=1)
    assert_as_fresh(corpus, out, tmp_path / "fresh2")


def test_only_what_a_change_reaches_is_made_again(corpus, tmp_path):
    """An added article draws again the pages of the provinces it touches and asks `evidence` again for its
    own rows and those it shares an entity with; the other pages and rows are kept as they were (marked here,
    so that being kept shows)."""
    added = sorted(corpus.iterdir())[0]
    added.rename(tmp_path / added.name)
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    pages = sorted((out / "provinces").iterdir())
    for page in pages:
        page.write_bytes(page.read_bytes() + b"<!-- kept -->")
    evidence = answers.kept(answers_folder(out), answers.bundled()["evidence"][1], "tsv")
    header, *rows = evidence.read_text(encoding="utf-8").splitlines()
    evidence.write_text("\n".join([header, *(r.replace('"', '"(kept) ', 1) for r in rows)]) + "\n",
                        encoding="utf-8")

    (tmp_path / added.name).rename(added)
    build([corpus], out, jobs=1)
    kept = [p for p in pages if p.read_bytes().endswith(b"<!-- kept -->")]
    assert 0 < len(kept) < len(pages)
    header, *rows = evidence.read_text(encoding="utf-8").splitlines()
    marked = [r for r in rows if '"(kept) ' in r]
    assert len(rows) / 2 < len(marked) < len(rows)
    assert not any(added.name in r for r in marked)  # the added article's rows are new
    assert any(added.name in r for r in rows)


EACH = 6  # triples taken away of each kind


@pytest.mark.parametrize("graph", ["development set", "chairs one after another"])
def test_each_reach_finds_every_key_whose_rows_a_triple_changes(graph, dev_build, tmp_path):
    """Each output kept in pieces, on the development set's graph and on articles of our own in which one chair
    follows another (which the development set has not): a triple of each kind (its subject's class and its
    predicate) taken away changes the rows of no key its reach does not find, before or after."""
    from pyoxigraph import RdfFormat, Store
    from test_corpus import ARTICLES

    from dxkg.outputs import provinces

    if graph == "chairs one after another":
        build_graph(tmp_path, ARTICLES)
    store = Store()
    store.load(path=str((dev_build if graph == "development set" else tmp_path / "out") / "dxkg.ttl"),
               format=RdfFormat.TURTLE)
    reaches = stale.reaches()
    outputs = {name: ([answers.bundled()[name][1]], stale.key_of(reach)) for name, reach in stale.bundled_reaches().items()}
    outputs[provinces.FOLDER] = ([q.replace("AREA", "") for q in (provinces.FIGURES, provinces.TENURES,
                                  provinces.DOCUMENTS, provinces.MEETINGS, provinces.NAMES)], "area")
    assert {"evidence", "officials"} <= outputs.keys()

    def rows(name: str) -> dict[bytes, list[bytes]]:
        queries, key = outputs[name]
        by_key: dict[bytes, list[bytes]] = {}
        for query in queries:
            header, lines = stale._rows(store.query(query, prefixes=PREFIXES))
            column = header.split(b"\t").index(b"?" + key.encode())
            for line in lines:
                by_key.setdefault(line.split(b"\t")[column], []).append(line)
        return by_key

    kinds: dict[tuple[str, str], list] = {}  # the triples of each kind, in a stable order
    for t in sorted(store.quads_for_pattern(None, None, None), key=str):
        kind = (min((str(c.object) for c in store.quads_for_pattern(t.subject, A, None)), default=""), str(t.predicate))
        kinds.setdefault(kind, []).append(t)
    sampled = [t for ts in kinds.values() for t in ts[::max(1, len(ts) // EACH)]]
    # and what the sampling above may miss, every triple about each: a figure the articles disagree on and its
    # article, a tenure another follows and its holder, a province and an indicator a target is set for, the
    # document that sets it, and the canonical indicator its indicator is; a steering committee and its chair
    for query in ("SELECT ?x ?y { ?s dxo:inConflict true ; dxo:consolidates ?x . ?x prov:wasDerivedFrom ?y }",
                  "SELECT ?x ?y { ?s dxo:precededBy ?x . ?x org:member ?y }",
                  "SELECT ?x ?y { ?s dxo:status dxo:Target ; dxo:refArea ?x ; dxo:indicator ?y }",
                  "SELECT ?x ?y { ?s dxo:status dxo:Target ; dxo:setBy ?x ; dxo:indicator ?y }",
                  "SELECT ?x ?y { ?s dxo:status dxo:Target ; dxo:indicator ?x . ?x skos:exactMatch ?y }",
                  "SELECT ?x ?y { ?x a dxo:SteeringCommittee . ?m org:organization ?x ; org:member ?y }"):
        for row in list(store.query(query + " ORDER BY ?x ?y LIMIT 2", prefixes=PREFIXES)):
            sampled += [*store.quads_for_pattern(row["x"], None, None), *store.quads_for_pattern(row["y"], None, None)]
    before = {name: rows(name) for name in outputs}
    for t in sampled:
        line = f"{t.subject} {t.predicate} {t.object}"
        reached = {name: stale.reach(store, reaches[name], {line}) for name in outputs}
        store.remove(t)
        for name in outputs:
            after = rows(name)
            changed = {k.decode() for k in before[name].keys() | after.keys() if before[name].get(k) != after.get(k)}
            missed = changed - reached[name] - stale.reach(store, reaches[name], {line})
            assert not missed, f"{name}: taking away {line} changes the rows of {missed}"
        store.add(t)


def test_a_build_killed_once_the_store_changed_leaves_the_next_to_finish(corpus, tmp_path):
    """The record of what the store changed is written before the store changes and removed once everything
    is made again: a build killed in between leaves it, and the next build makes what it names."""
    from test_incremental import kill_build_when

    added = sorted(corpus.iterdir())[5]
    added.rename(tmp_path / added.name)
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    (tmp_path / added.name).rename(added)
    kill_build_when(corpus, out, lambda: (out / ".dxkg" / stale.STALE).exists())
    assert (out / ".dxkg" / stale.STALE).exists()
    build([corpus], out, jobs=1)  # the store holds what it wants: only the record says what is left to make
    assert_as_fresh(corpus, out, tmp_path / "fresh")


def test_rows_are_merged_in_the_engines_order_or_not_spliced():
    """Names, years, months, days and numbers are merged as the engine orders them (9 before 10, a year before
    its months); kinds it orders by rules of its own (a number against a name or a year) stop the splice: the
    query is answered whole."""
    from pyoxigraph import Store

    xsd = "http://www.w3.org/2001/XMLSchema#"
    cells = ['"2024-05-20"^^<{0}date>', '"2024"^^<{0}gYear>', '"2023-12"^^<{0}gYearMonth>', '"2023"^^<{0}gYear>',
             '"2024-01"^^<{0}gYearMonth>', '"2024-01-01"^^<{0}date>', "10", "9", "2.5", '"Hà Nội"@vi',
             '"Gia Lai"@vi', "<urn:b>", "<urn:a>"]
    for group in (cells[:6], cells[6:9], cells[9:]):
        group = [c.format(xsd) for c in group]
        engine = [str(row["v"]) for row in Store().query(f"SELECT ?v {{ VALUES ?v {{ {' '.join(group)} }} }} ORDER BY ?v")]
        ours = sorted(group, key=lambda c: stale._order(c.encode()))
        assert [str(stale.terms({c})[0]) for c in ours] == engine
    for a, b in (("10", '"Gia Lai"@vi'), ("10", f'"2024"^^<{xsd}gYear>')):
        with pytest.raises(TypeError):
            sorted([stale._order(a.encode()), stale._order(b.encode())])
    with pytest.raises(ValueError):
        stale._order(f'"P1Y"^^<{xsd}duration>'.encode())
