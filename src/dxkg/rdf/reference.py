"""The reference graph: what every build holds whatever its articles (`model.Reference`).

Every unit of the gazetteer with its code, the interval it existed (OWL-Time), what it merged into and what
it absorbed, and its Wikidata item; the canonical indicators as a SKOS concept scheme, each with its code,
labels, unit and the document that defines it; and those documents.
"""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from ..model import CanonicalIndicator, Document, ProvinceRef, Reference
from .mapping import NamedGraph, date_literal, en, vi
from .mint import Minter
from .vocab import DCT, DXO, LABEL, OWL, SCHEMA, SKOS, WD, A, iri

UNITS = {"percent": "Percent", "rank": "Rank", "score": "Score", "count": "Count"}


class ReferenceGraph(NamedGraph):
    def __init__(self, ref: Reference, mint: Minter):
        super().__init__(ref.identity, mint)
        self.ref = ref
        self.codes = {c.code: c.identity for c in ref.indicators}

    def build(self) -> list[Quad]:
        absorbed: dict[str, list[ProvinceRef]] = {}
        for u in self.ref.units:
            if u.successor is not None:
                absorbed.setdefault(u.successor.id, []).append(u)
        for u in self.ref.units:
            self.unit(u, absorbed.get(u.id, []))
        for d in self.ref.documents:
            self.document(d)
        scheme = self.scheme(self.ref.scheme)
        for c in self.ref.indicators:
            self.indicator(c, scheme)
        return self.quads

    def unit(self, u: ProvinceRef, absorbed: list[ProvinceRef]) -> None:
        node = self.province(u)  # as articles describe it, and what only the reference graph says:
        for old in absorbed:
            self.add(node, iri(DXO, "absorbed"), NamedNode(self.mint.province(old.id)))
        # an open end: it existed before the gazetteer's first date, or exists still
        self.interval(node, iri(DXO, "existedDuring"), "existence", u.valid_from, u.valid_until)
        if u.wikidata:  # the same unit, or (an item Wikidata keeps for the old and the new unit) a close one
            self.add(node, iri(OWL, "sameAs") if u.wikidata_exact else iri(SKOS, "closeMatch"), iri(WD, u.wikidata))

    def document(self, d: Document) -> None:
        node = NamedNode(self.mint.iri(d.identity))
        self.add(node, A, iri(DXO, "LegalDocument"))
        self.add(node, LABEL, vi(d.label))
        self.add(node, iri(SKOS, "notation"), Literal(d.notation))
        self.add(node, iri(DXO, "documentType"), vi(d.kind))
        self.add(node, iri(DXO, "subject"), vi(d.subject))
        self.add(node, iri(SCHEMA, "datePublished"), date_literal(d.date))
        for name in d.as_written:  # the short name news gives it ("Đề án 06")
            self.add(node, iri(SKOS, "altLabel"), vi(name))

    def indicator(self, c: CanonicalIndicator, scheme: NamedNode) -> None:
        node = NamedNode(self.mint.iri(c.identity))
        self.add(node, A, iri(DXO, "Indicator"))
        self.add(node, A, iri(SKOS, "Concept"))
        self.add(node, iri(SKOS, "prefLabel"), vi(c.label))
        self.add(node, iri(SKOS, "prefLabel"), en(c.english))
        self.add(node, LABEL, vi(c.label))
        self.add(node, iri(SKOS, "inScheme"), scheme)
        self.add(node, iri(SKOS, "notation"), Literal(c.code))
        if c.broader:
            self.add(node, iri(SKOS, "broader"), NamedNode(self.mint.iri(self.codes[c.broader])))
        else:
            self.add(node, iri(SKOS, "topConceptOf"), scheme)
            self.add(scheme, iri(SKOS, "hasTopConcept"), node)
        if c.unit:
            self.add(node, iri(DXO, "unit"), iri(DXO, UNITS[c.unit]))
        if c.source is not None:
            self.add(node, iri(DCT, "source"), NamedNode(self.mint.iri(c.source.identity)))
        if c.publisher:
            self.add(node, iri(SKOS, "scopeNote"), vi(c.publisher))


def is_reference_graph(graph: str) -> bool:
    """Whether a named graph's IRI (under any base) is the reference graph's."""
    return graph.endswith("/graph/reference")


def reference_quads(ref: Reference, mint: Minter) -> list[Quad]:
    return ReferenceGraph(ref, mint).build()
