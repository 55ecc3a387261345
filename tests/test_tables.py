"""An article's table rows and entity share, read from its quads, are those its loaded graph gives."""
from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import SEEDS
from pyoxigraph import DefaultGraph, NamedNode, Quad, Store

from dxkg import identity
from dxkg.build.pipeline import process
from dxkg.outputs.entities import Entities
from dxkg.outputs.files import merged_graph
from dxkg.outputs.tables import table_rows
from dxkg.rdf.mapping import article_quads, decimal_literal
from dxkg.rdf.mint import Minter


def loaded(quads: list[Quad]) -> Store:
    """The article as `dxkg export` and `dxkg view` see it: its triples in a store's default graph."""
    store = Store()
    store.extend(Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in quads)
    return store


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_an_articles_rows_and_share_are_those_of_its_loaded_graph(path):
    quads = article_quads(identity.resolve(process(path)), Minter())  # as a build's worker makes them
    rows = table_rows(quads)
    assert rows["observations"] or rows["memberships"], "the seed should give rows to compare"
    assert rows == table_rows(merged_graph(loaded(quads)))
    assert Entities.of(quads).to_json() == Entities.of(merged_graph(loaded(quads))).to_json()


@pytest.mark.parametrize("text", ["8.0", "8", "0.7125", "1.50", "-0.0", "5.", "1E+3", "63.000", "0.05"])
def test_a_decimal_is_written_as_a_store_gives_it_back(text):
    """One lexical form everywhere (issue 17 item 12): "63.0" in the Turtle and "63" from the store were two
    terms, so a tool merging the Turtle with an export held each figure twice."""
    term = decimal_literal(Decimal(text))
    store = loaded([Quad(NamedNode("urn:x:s"), NamedNode("urn:x:p"), term)])
    assert term == next(iter(store)).object
