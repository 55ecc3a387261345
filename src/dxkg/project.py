"""A networkx projection of the graph: entities as nodes, their links as edges.

Shared by the HTML view, the GraphML export and `dxkg stats`. Memberships
become person -> organization edges labelled with the post; literals stay on
the nodes as attributes.
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx
from pyoxigraph import Store

from .graph import DXO
from .store import rows

# most specific first: a steering committee is shown as one, not as an organization
CLASSES = ["SteeringCommittee", "Province", "Person", "Organization", "LegalDocument", "Platform", "Event",
           "Indicator", "Observation", "Article"]


def entity_graph(store: Store) -> nx.DiGraph:
    g = nx.DiGraph()
    kinds: dict[str, str] = {}
    for r in rows(store, "SELECT ?s ?c WHERE { ?s a ?c . FILTER(STRSTARTS(STR(?c), STR(dxo:))) }"):
        local = r["c"][len(DXO):]
        if local in CLASSES and (r["s"] not in kinds or CLASSES.index(local) < CLASSES.index(kinds[r["s"]])):
            kinds[r["s"]] = local
    labels = _labels(store)
    provinces = _provinces(store, kinds)
    sources = _sources(store)
    for iri in sorted(kinds):
        g.add_node(iri, label=labels.get(iri, iri.rsplit("/", 1)[-1]), cls=kinds[iri],
                   province="; ".join(sorted(provinces.get(iri, ()))),
                   sources="; ".join(sorted(sources.get(iri, ()))))
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows(store, "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(isIRI(?o) && ?p != rdf:type) }"):
        if r["s"] in kinds and r["o"] in kinds and r["s"] != r["o"]:
            edges[(r["s"], r["o"])].add(r["p"].rsplit("#", 1)[-1].rsplit("/", 1)[-1])
    for r in rows(store, """SELECT DISTINCT ?p ?o ?role WHERE { ?m a org:Membership ; org:member ?p ;
            org:organization ?o ; org:role/rdfs:label ?role . FILTER(LANG(?role) = "vi") }"""):
        edges[(r["p"], r["o"])].add(r["role"])
    for (s, o), names in sorted(edges.items()):
        g.add_edge(s, o, label=", ".join(sorted(names)))
    return g


def _labels(store: Store) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in rows(store, """SELECT ?s ?l WHERE { { ?s rdfs:label ?l } UNION { ?s schema:headline ?l }
            UNION { ?s skos:prefLabel ?l } FILTER(LANG(?l) = "vi" || LANG(?l) = "") } ORDER BY ?s ?l"""):
        out.setdefault(r["s"], r["l"])
    return out


def _provinces(store: Store, kinds: dict[str, str]) -> dict[str, set[str]]:
    """The provinces each entity belongs to, for the view's filter."""
    out: dict[str, set[str]] = defaultdict(set)
    queries = [
        "SELECT ?s ?p WHERE { ?s a dxo:Province ; rdfs:label ?p }",
        "SELECT ?s ?p WHERE { ?s dxo:jurisdiction/rdfs:label ?p }",
        "SELECT ?s ?p WHERE { ?s dxo:refArea/rdfs:label ?p }",
        "SELECT ?s ?p WHERE { ?s a dxo:Article ; schema:mentions ?x . ?x a dxo:Province ; rdfs:label ?p }",
        "SELECT ?s ?p WHERE { ?m org:member ?s ; org:organization/dxo:jurisdiction/rdfs:label ?p }",
        "SELECT ?s ?p WHERE { ?s dxo:issuedBy/dxo:jurisdiction/rdfs:label ?p }",
        "SELECT ?s ?p WHERE { ?s schema:organizer/dxo:jurisdiction/rdfs:label ?p }",
        "SELECT ?s ?p WHERE { ?o dxo:indicator ?s ; dxo:refArea/rdfs:label ?p }",
    ]
    for q in queries:
        for r in rows(store, q):
            if r["s"] in kinds:
                out[r["s"]].add(r["p"])
    return out


def _sources(store: Store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for r in rows(store, """SELECT ?s ?f WHERE { { ?a schema:mentions ?s } UNION { ?s prov:wasDerivedFrom ?a }
            UNION { ?a schema:author ?s } ?a dxo:sourceFile ?f }"""):
        out[r["s"]].add(r["f"])
    return out
