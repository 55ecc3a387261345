"""The ontology in an OWL 2 DL reasoner, as a Protégé user opens it (issue 17, item 4).

HermiT accepts only the OWL 2 datatype map, so the ontology's axioms must stay inside it
(precise literal types such as xsd:gYear live in the SHACL shapes), and no property may be
both an annotation property and a data property.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal

owlready2 = pytest.importorskip("owlready2")

ONTOLOGY = Path(__file__).resolve().parents[1] / "src" / "dxkg" / "ontology" / "dxkg.ttl"
# Literal types the graph uses (vocabulary.md) that lie outside the OWL 2 datatype map; Protégé's
# HermiT tolerates them in data, the command-line HermiT refuses them, so they are left out here.
OUTSIDE_OWL2 = {rdflib.XSD.date, rdflib.XSD.gYear, rdflib.XSD.gYearMonth}

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime")


def _hermit(tmp_path: Path, *sources: Path, capfd) -> owlready2.World:
    graph = rdflib.Graph()
    for source in sources:
        graph.parse(source)
    for triple in [t for t in graph if isinstance(t[2], Literal) and t[2].datatype in OUTSIDE_OWL2]:
        graph.remove(triple)
    triples = tmp_path / "graph.nt"
    graph.serialize(triples, format="nt", encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(triples.as_uri()).load(format="ntriples")
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
    warnings = [line for line in capfd.readouterr().err.splitlines() if "WARNING" in line]
    assert not warnings, warnings
    return world


def test_hermit_classifies_the_ontology_with_no_error(tmp_path, capfd):
    world = _hermit(tmp_path, ONTOLOGY, capfd=capfd)
    assert list(world.inconsistent_classes()) == []
    committee = world["https://w3id.org/dxkg/ontology#SteeringCommittee"]
    assert world["https://w3id.org/dxkg/ontology#Organization"] in committee.ancestors()


def test_ontology_axioms_stay_in_the_owl2_datatype_map():
    graph = rdflib.Graph().parse(ONTOLOGY)
    ranges = {o for o in graph.objects(None, rdflib.RDFS.range) if str(o).startswith(str(rdflib.XSD))}
    assert not ranges & OUTSIDE_OWL2


def test_the_seed_graph_is_consistent_with_the_ontology(tmp_path, capfd, seed_build):
    # Raises OwlReadyInconsistentOntologyError if a fact contradicts a domain, a range or a datatype.
    world = _hermit(tmp_path, ONTOLOGY, seed_build, capfd=capfd)
    provinces = list(world["https://w3id.org/dxkg/ontology#Province"].instances())
    assert len(provinces) >= 5
