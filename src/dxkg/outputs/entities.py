"""A networkx projection of the graph: entities as nodes, their links as edges.

Shared by the HTML view, the GraphML export and `dxkg stats`. Memberships
become person -> organization edges labelled with the post; literals stay on
the nodes as attributes.

`Entities` holds the projection as plain data so that a build can compute each
article's share once (in its worker, cached with the article) and merge the
shares afterwards instead of querying the whole graph again.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx
from pyoxigraph import Store

from ..query.store import rows
from ..rdf.vocab import DXO

# most specific first: a steering committee is shown as one, not as an organization
CLASSES = ["SteeringCommittee", "Province", "Person", "Organization", "LegalDocument", "Platform", "Event",
           "Indicator", "Observation", "Article"]


class Entities:
    """Entities (class, label, provinces, source files) and the labelled links between them."""

    def __init__(self) -> None:
        self.kinds: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.provinces: dict[str, set[str]] = defaultdict(set)
        self.sources: dict[str, set[str]] = defaultdict(set)
        self.links: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.seen: set[str] = set()  # every entity merged, including those `keep_only` dropped
        self.kept: set[str] | None = None  # the classes kept, once `keep_only` was called

    @classmethod
    def of(cls, store: Store) -> Entities:
        e = cls()
        for r in rows(store, "SELECT ?s ?c WHERE { ?s a ?c . FILTER(STRSTARTS(STR(?c), STR(dxo:))) }"):
            e._kind(r["s"], r["c"][len(DXO):])
        for r in rows(store, """SELECT ?s ?l WHERE { { ?s rdfs:label ?l } UNION { ?s schema:headline ?l }
                UNION { ?s skos:prefLabel ?l } FILTER(LANG(?l) = "vi" || LANG(?l) = "") }"""):
            e._label(r["s"], r["l"])
        for q in PROVINCE_OF:
            for r in rows(store, q):
                e.provinces[r["s"]].add(r["p"])
        for r in rows(store, """SELECT ?s ?f WHERE { { ?a schema:mentions ?s } UNION { ?s prov:wasDerivedFrom ?a }
                UNION { ?a schema:author ?s } ?a dxo:sourceFile ?f }"""):
            e.sources[r["s"]].add(r["f"])
        for r in rows(store, "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(isIRI(?o) && ?p != rdf:type) }"):
            e.links[(r["s"], r["o"])].add(r["p"].rsplit("#", 1)[-1].rsplit("/", 1)[-1])
        for r in rows(store, """SELECT DISTINCT ?p ?o ?role WHERE { ?m a org:Membership ; org:member ?p ;
                org:organization ?o ; org:role/rdfs:label ?role . FILTER(LANG(?role) = "vi") }"""):
            e.links[(r["p"], r["o"])].add(r["role"])
        e._tidy()
        return e

    def _kind(self, iri: str, local: str) -> None:
        if local in CLASSES and (iri not in self.kinds or CLASSES.index(local) < CLASSES.index(self.kinds[iri])):
            self.kinds[iri] = local

    def _label(self, iri: str, label: str) -> None:
        if iri not in self.labels or label < self.labels[iri]:  # the smallest: independent of order
            self.labels[iri] = label

    def _tidy(self) -> None:
        """Only entities, and links between two different entities."""
        self.seen.update(self.kinds)
        if self.kept is not None:
            self.kinds = {n: c for n, c in self.kinds.items() if c in self.kept}
        for table in (self.labels, self.provinces, self.sources):
            for n in [n for n in table if n not in self.kinds]:
                del table[n]
        for s, o in [k for k in self.links if k[0] not in self.kinds or k[1] not in self.kinds or k[0] == k[1]]:
            del self.links[(s, o)]

    def to_json(self) -> dict:
        return {"kinds": self.kinds, "labels": self.labels,
                "provinces": {n: sorted(v) for n, v in self.provinces.items()},
                "sources": {n: sorted(v) for n, v in self.sources.items()},
                "links": [[s, o, sorted(v)] for (s, o), v in sorted(self.links.items())]}

    def merge(self, part: dict) -> None:
        """Add one article's share (from `to_json`); its links join entities it describes itself."""
        self.seen.update(part["kinds"])
        for n, c in part["kinds"].items():
            if self.kept is None or c in self.kept or n in self.kinds:
                self._kind(n, c)
        for n, label in part["labels"].items():
            if n in self.kinds:
                self._label(n, label)
        for table, name in ((self.provinces, "provinces"), (self.sources, "sources")):
            for n, values in part[name].items():
                if n in self.kinds:
                    table[n].update(values)
        for s, o, names in part["links"]:
            if s in self.kinds and o in self.kinds:
                self.links[(s, o)].update(names)

    def keep_only(self, classes: Iterable[str]) -> None:
        """Drop other classes now and in later merges (still counted in `seen`): bounded memory for a summary."""
        self.kept = set(classes)
        self._tidy()

    def graph(self) -> nx.DiGraph:
        g = nx.DiGraph()
        for iri in sorted(self.kinds):
            g.add_node(iri, label=self.labels.get(iri, iri.rsplit("/", 1)[-1]), cls=self.kinds[iri],
                       province="; ".join(sorted(self.provinces.get(iri, ()))),
                       sources="; ".join(sorted(self.sources.get(iri, ()))))
        for (s, o), names in sorted(self.links.items()):
            g.add_edge(s, o, label=", ".join(sorted(names)))
        return g


PROVINCE_OF = [  # the provinces each entity belongs to, for the view's filter
    "SELECT ?s ?p WHERE { ?s a dxo:Province ; rdfs:label ?p }",
    "SELECT ?s ?p WHERE { ?s dxo:jurisdiction/rdfs:label ?p }",
    "SELECT ?s ?p WHERE { ?s dxo:refArea/rdfs:label ?p }",
    "SELECT ?s ?p WHERE { ?s a dxo:Article ; schema:mentions ?x . ?x a dxo:Province ; rdfs:label ?p }",
    "SELECT ?s ?p WHERE { ?m org:member ?s ; org:organization/dxo:jurisdiction/rdfs:label ?p }",
    "SELECT ?s ?p WHERE { ?s dxo:issuedBy/dxo:jurisdiction/rdfs:label ?p }",
    "SELECT ?s ?p WHERE { ?s schema:organizer/dxo:jurisdiction/rdfs:label ?p }",
    "SELECT ?s ?p WHERE { ?o dxo:indicator ?s ; dxo:refArea/rdfs:label ?p }",
]


def entity_graph(store: Store) -> nx.DiGraph:
    return Entities.of(store).graph()
