"""Links from the dev set's observations to the canonical indicators (issue 18), against a hand-checked sample.

tests/data/canonical_links_checked.tsv holds every link of the dev build as it was checked by hand: the
article file, the figure's offset and value, the canonical code and match, the verdict and a short reason
(no article text: the texts are read from ../shared). The floors are the figures of the last closing note:
the share of observations linked, and the share of checked links that are right, only move up.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store

LINKED_FLOOR = 0.805  # observations of the dev build with a canonical indicator, last reported
PRECISION_FLOOR = 0.986  # checked links that are right, last reported
SAMPLE = Path(__file__).parent / "data" / "canonical_links_checked.tsv"
LINKS = """PREFIX dxo: <https://w3id.org/dxkg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?o ?file ?start ?value ?match ?code WHERE {
  ?o a dxo:Observation ; dxo:value ?value ; prov:wasDerivedFrom/dxo:sourceFile ?file ; dxo:indicator ?i .
  OPTIONAL { ?o dxo:evidenceStart ?start }
  OPTIONAL { ?i ?match ?code . FILTER(?match IN (skos:exactMatch, skos:broadMatch)) } }"""


@pytest.fixture(scope="module")
def links(dev_build) -> dict:
    """(file, offset, value) -> {(code, "exact" | "broad")} of the dev build, and the observations counted."""
    store = Store()
    store.load(path=str(dev_build / "dxkg.ttl"), format=RdfFormat.TURTLE)
    found: dict = {}
    observations = set()
    for r in store.query(LINKS):
        observations.add(r["o"])
        key = (r["file"].value, r["start"].value if r["start"] else "", r["value"].value)
        if r["code"] is not None:
            match = "exact" if r["match"].value.endswith("exactMatch") else "broad"
            found.setdefault(key, set()).add((r["code"].value.rsplit("/", 1)[-1], match))
    return {"links": found, "observations": len(observations),
            "linked": len({r["o"] for r in store.query(LINKS) if r["code"] is not None})}


def _sample() -> list[dict]:
    with SAMPLE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_the_share_of_observations_linked_does_not_drop(links):
    share = links["linked"] / links["observations"]
    assert share >= LINKED_FLOOR, f"{links['linked']}/{links['observations']} = {share:.3f} < {LINKED_FLOOR}"


def test_the_checked_sample_is_the_links_the_build_makes(links):
    """A link the build no longer makes, or makes differently, needs checking again before the sample counts."""
    rows = _sample()
    assert len(rows) >= 100
    stale = [r for r in rows if (r["code"], r["match"]) not in
             links["links"].get((r["file"], r["start"], r["value"]), set())]
    assert not stale, f"{len(stale)} checked links changed, first: {stale[0]}"


def test_the_checked_links_are_right_at_least_as_often_as_reported():
    rows = _sample()
    right = sum(r["verdict"] == "right" for r in rows)
    assert right / len(rows) >= PRECISION_FLOOR, f"{right}/{len(rows)} right"
    assert all(r["verdict"] in ("right", "wrong", "unsure") and len(r["reason"]) <= 120 for r in rows)
