"""Fast validation (issue 20, item 1): pyshifty, the engine the build uses, gives pySHACL's verdicts. Both run
on the seeds' graph and on deliberately broken copies of it; they must agree on whether each conforms and on
which nodes break which shapes (severity and focus)."""
from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, parse

from dxkg.rdf.shapes import validate_triples

DXO, ID = "https://w3id.org/dxkg/ontology#", "https://w3id.org/dxkg/id/"
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
XSD = "http://www.w3.org/2001/XMLSchema#"


def _first(triples, predicate: str, subject_has: str = "") -> Triple:
    return next(t for t in triples if t.predicate.value == predicate and subject_has in t.subject.value)


def _replace(triples, old: Triple, new: Triple | None) -> list[Triple]:
    return [t for t in triples if t != old] + ([new] if new else [])


def _object(triples, predicate: str, subject_has: str, value) -> list[Triple]:
    old = _first(triples, predicate, subject_has)
    return _replace(triples, old, Triple(old.subject, old.predicate, value))


def _without(triples, predicate: str, subject_has: str = "") -> list[Triple]:
    old = _first(triples, predicate, subject_has)
    return [t for t in triples if not (t.subject == old.subject and t.predicate == old.predicate)]


def _add(triples, predicate: str, subject_has: str, value) -> list[Triple]:
    return triples + [Triple(_first(triples, predicate, subject_has).subject, NamedNode(predicate), value)]


BROKEN = {  # what is broken -> how
    "a province named with its kind": lambda g: _object(g, str(RDFS_LABEL.value), "/province/gia-lai",
                                                        Literal("tỉnh Gia Lai", language="vi")),
    "a province code of one digit": lambda g: _object(g, DXO + "provinceCode", "/province/", Literal("6")),
    "two province codes": lambda g: _add(g, DXO + "provinceCode", "/province/gia-lai", Literal("99")),
    "a Wikidata link that is not one": lambda g: _object(g, "http://www.w3.org/2002/07/owl#sameAs", "/province/",
                                                         NamedNode("http://example.org/x")),
    "an observation without its value": lambda g: _without(g, DXO + "value", "/observation/"),
    "an observation's value as text": lambda g: _object(g, DXO + "value", "/observation/", Literal("ba mươi")),
    "a status that is none": lambda g: _object(g, DXO + "status", "/observation/", NamedNode(DXO + "Maybe")),
    "a member who is an organization": lambda g: _object(
        g, "http://www.w3.org/ns/org#member", "/membership/",
        _first(g, "http://www.w3.org/ns/org#organization", "/membership/").object),
    "a document number that is no number": lambda g: _object(g, "http://www.w3.org/2004/02/skos/core#notation",
                                                             "/document/", Literal("NQ-04")),
    "an article without its file": lambda g: _without(g, DXO + "sourceFile", "/article/"),
    "a publication date as text": lambda g: _object(g, "https://schema.org/datePublished", "/article/",
                                                    Literal("hôm qua")),
    "an article without a headline (a warning)": lambda g: _without(g, "https://schema.org/headline", "/article/"),
    "a person named in English": lambda g: _object(g, str(RDFS_LABEL.value), "/person/",
                                                   Literal("Mr Long", language="en")),
    "a statistic in conflict with one value": lambda g: _object(g, DXO + "inConflict", "/statistic/",
                                                                Literal("true", datatype=NamedNode(XSD + "boolean"))),
    "a tenure without what it consolidates": lambda g: _without(g, DXO + "consolidates", "/tenure/"),
    "an instant without its date": lambda g: [t for t in g if not t.predicate.value.startswith(
        "http://www.w3.org/2006/time#inXSD")],
    # not broken: a steering committee publishes (a subclass of dxo:Organization, by the ontology)
    "a steering committee as publisher": lambda g: _object(g, "https://schema.org/publisher", "/article/", next(
        t.subject for t in g if t.object == NamedNode(DXO + "SteeringCommittee"))),
}


@pytest.fixture(scope="module")
def seeds(seed_build) -> list[Triple]:
    return list(parse(path=str(seed_build), format=RdfFormat.TURTLE))


def verdict(report) -> tuple[bool, set[tuple[str, str]]]:
    return report.conforms, {(v.severity, v.focus) for v in report.violations}


def test_both_engines_find_the_seeds_conform(seeds):
    assert verdict(validate_triples(seeds, "shifty")) == verdict(validate_triples(seeds, "pyshacl")) == (True, set())


@pytest.mark.parametrize("broken", sorted(BROKEN))
def test_both_engines_give_the_same_verdict_on_a_broken_graph(seeds, broken):
    graph = BROKEN[broken](seeds)
    fast, reference = verdict(validate_triples(graph, "shifty")), verdict(validate_triples(graph, "pyshacl"))
    assert fast == reference
    if broken == "a steering committee as publisher":
        assert fast == (True, set())
    else:
        assert fast[1], "the mutation broke nothing: it tests nothing"


@pytest.mark.parametrize("broken", sorted(BROKEN))
def test_a_large_graph_validated_in_pieces_gets_the_verdict_of_the_whole(seeds, broken):
    """What the build does with a corpus graph too large to validate at once in memory: pieces of whole
    subjects, each with the classes of what it points to. (The mentions, whose shape looks at what points
    to them, are left out: they are never in the corpus graph.)"""
    from pyoxigraph import serialize

    from dxkg.rdf.shapes import validate_ntriples

    graph = [t for t in BROKEN[broken](seeds) if "/mention/" not in t.subject.value + t.object.value]
    data = b"".join(sorted(line + b"\n" for line in serialize(graph, format=RdfFormat.N_TRIPLES).split(b"\n")
                           if line))
    whole, pieces = validate_ntriples(data), validate_ntriples(data, chunk=4_000)
    assert len(data) > 20 * 4_000  # many pieces
    assert [str(v) for v in pieces.violations] == [str(v) for v in whole.violations]
    assert pieces.conforms == whole.conforms
    assert bool(whole.violations) == (broken != "a steering committee as publisher")


def _sorted_ntriples(graph) -> bytes:
    from pyoxigraph import serialize

    graph = [t for t in graph if "/mention/" not in t.subject.value + t.object.value]
    return b"".join(sorted(line + b"\n" for line in serialize(graph, format=RdfFormat.N_TRIPLES).split(b"\n") if line))


@pytest.mark.parametrize("broken", sorted(BROKEN))
def test_a_graph_validated_again_where_it_changed_gets_the_verdict_of_the_whole(seeds, broken):
    """What the build does when the corpus graph changes by a few triples: only the nodes whose triples
    changed (and those pointing to a node whose classes changed) are validated again; every other verdict
    is kept. Breaking and mending the graph both give the verdicts of validating it whole."""
    ok, bad = _sorted_ntriples(seeds), _sorted_ntriples(BROKEN[broken](seeds))
    _same_verdicts_again(ok, bad)


def test_a_node_whose_class_changed_is_judged_again_where_it_is_pointed_at(seeds):
    """A membership's own triples are unchanged when its person loses its class; it is judged again."""
    person = next(t.object for t in seeds if t.predicate.value == "http://www.w3.org/ns/org#member")
    untyped = [t for t in seeds if not (t.subject == person and t.predicate.value.endswith("#type"))]
    _same_verdicts_again(_sorted_ntriples(seeds), _sorted_ntriples(untyped))


def _same_verdicts_again(ok: bytes, bad: bytes) -> None:
    from dxkg.lines import sorted_difference
    from dxkg.rdf.shapes import revalidate_ntriples, validate_ntriples

    for before, after in ((ok, bad), (bad, ok)):
        changed = set().union(*sorted_difference(before.splitlines(), after.splitlines()))
        again = revalidate_ntriples(after, changed, validate_ntriples(before).violations)
        assert [str(v) for v in again.violations] == [str(v) for v in validate_ntriples(after).violations]
        assert again.conforms == validate_ntriples(after).conforms
