"""What an article tells the corpus stage (`share`), and the corpus graph (`corpus_quads`): the statistics,
tenures and document identities `identity.corpus` finds across the articles of a build."""
from __future__ import annotations

from dataclasses import asdict, replace
from decimal import Decimal

from pyoxigraph import NamedNode, Quad

from ..model import (
    Corpus,
    Document,
    Extraction,
    PartialDate,
    ProvinceRef,
    ReportedDocument,
    ReportedFigure,
    ReportedPost,
    Statistic,
    Tenure,
)
from .mapping import NamedGraph, date_literal, decimal_literal, iso_literal, typed, vi
from .mint import Minter
from .vocab import DXO, LABEL, ORG, OWL, PROV, A, iri

KINDS = {"figures": ReportedFigure, "posts": ReportedPost, "documents": ReportedDocument}


def share(ex: Extraction, mint: Minter) -> dict[str, list[dict]]:
    """What one resolved article reports that other articles may report too, as JSON-ready values."""
    article = mint.iri(ex.identity)
    figures = [ReportedFigure(mint.iri(o.identity, article), article, o.measure.code,
                              o.area.id, o.period, o.status, _unit(o, mint), decimal_literal(o.value).value)
               for o in ex.observations
               if o.measure_match == "exact" and o.area is not None and o.period is not None]
    date = ex.article.published.iso() if ex.article.published else ""
    posts = [ReportedPost(mint.iri(m.identity, article), article, mint.iri(m.person.identity),
                          mint.iri(m.role_identity), mint.iri(m.org.identity), m.person.name, m.role, m.org.label,
                          date, m.shared_post)
             for m in ex.memberships]
    documents = [reported_document(d, mint, article) for d in ex.documents]
    return {"figures": [asdict(f) for f in figures], "posts": [asdict(p) for p in posts],
            "documents": [asdict(d) for d in documents]}


def reported_document(d: Document, mint: Minter, article: str = "") -> ReportedDocument:
    return ReportedDocument(mint.iri(d.identity), article, d.kind, d.notation or "", d.number, d.scope, d.name_key)


def reference_documents(documents: list[Document], known_names: list[Document], mint: Minter) -> list[dict]:
    """The reference documents as the corpus stage compares them: by title (not by number: a short "Quyết
    định 06" of a province is not the Prime Minister's), and by the short names news gives them."""
    return [asdict(reported_document(replace(d, number=""), mint)) for d in documents] + \
        [asdict(reported_document(d, mint)) for d in known_names]


def _unit(o, mint: Minter) -> str:
    return mint.iri(o.unit_identity) if o.unit_identity is not None else DXO + o.unit.capitalize()


def shares_of(data: dict[str, list[dict]]) -> dict[str, list]:
    """A part's shares, read back: the records again."""
    return {k: [cls(**v) for v in data.get(k, [])] for k, cls in KINDS.items()}


class CorpusGraph(NamedGraph):
    def __init__(self, corpus: Corpus, mint: Minter):
        super().__init__(corpus.identity, mint)
        self.corpus = corpus
        # what is described once though many statistics and tenures name it (at 10,000 articles a third of the
        # quads were repeats; keeping every quad in a set to drop them took 1.5 s): the lines are made distinct
        # when they are sorted, so this saves work, and nothing depends on it
        self.described: set[tuple[str, ...]] = set()

    def province(self, p: ProvinceRef) -> NamedNode:
        if p.id in self.described:
            return NamedNode(self.mint.province(p.id))
        self.described.add(p.id)
        return super().province(p)

    def describe(self, node: NamedNode, cls: NamedNode, name: str) -> None:
        """NODE as an article describes it (its class and name): the graph stands on its own."""
        if (node.value, name) not in self.described:
            self.described.add((node.value, name))
            self.add(node, A, cls)
            self.add(node, LABEL, vi(name))

    def build(self) -> list[Quad]:
        for s in self.corpus.statistics:
            self.statistic(s)
        for t in self.corpus.tenures:
            self.tenure(t)
        for same in self.corpus.documents:
            self.add(NamedNode(same.short), iri(OWL, "sameAs"), NamedNode(same.full))
        return self.quads

    def statistic(self, s: Statistic) -> None:
        node = NamedNode(self.mint.iri(s.identity))
        self.add(node, A, iri(DXO, "Statistic"))
        self.add(node, LABEL, vi(s.label))
        self.add(node, iri(DXO, "indicator"), NamedNode(self.mint.iri(s.indicator.identity)))
        self.add(node, iri(DXO, "refArea"), self.province(s.area))  # described: the view names it
        self.add(node, iri(DXO, "refPeriod"), date_literal(PartialDate(s.period)))
        self.add(node, iri(DXO, "status"), iri(DXO, "Target" if s.status == "target" else "Actual"))
        self.add(node, iri(DXO, "unit"), NamedNode(s.unit))
        if len(s.values) == 1:
            self.add(node, iri(DXO, "value"), decimal_literal(Decimal(s.values[0])))
        for v in s.values:
            self.add(node, iri(DXO, "reportedValue"), decimal_literal(Decimal(v)))
        self.add(node, iri(DXO, "inConflict"), typed("true" if len(s.values) > 1 else "false", "boolean"))
        for f in s.observations:
            self.add(node, iri(DXO, "consolidates"), NamedNode(f.observation))
        for article in dict.fromkeys(f.article for f in s.observations):  # an article may state two of them
            self.add(node, iri(PROV, "wasDerivedFrom"), NamedNode(article))

    def tenure(self, t: Tenure) -> None:
        node = NamedNode(self.mint.iri(t.identity))
        self.add(node, A, iri(ORG, "Membership"))
        self.add(node, A, iri(DXO, "Tenure"))
        self.add(node, LABEL, vi(t.label))
        for prop, target, cls, name in zip(("member", "role", "organization"), (t.person, t.role, t.org),
                                           (iri(DXO, "Person"), iri(ORG, "Role"), iri(DXO, "Organization")), t.names):
            self.add(node, iri(ORG, prop), NamedNode(target))
            self.describe(NamedNode(target), cls, name)
        for m in t.reports:
            self.add(node, iri(DXO, "consolidates"), NamedNode(m))
        # no prov:wasDerivedFrom: what asks for an article's memberships finds its own reports, not tenures
        if t.first:
            self.interval(node, iri(ORG, "memberDuring"), "during", t.first, t.last)
            self.add(node, iri(DXO, "firstReportedOn"), iso_literal(t.first))
            self.add(node, iri(DXO, "lastReportedOn"), iso_literal(t.last))
        if t.before is not None:
            self.add(node, iri(DXO, "precededBy"), NamedNode(self.mint.iri(t.before)))
        if t.after is not None:
            self.add(node, iri(DXO, "followedBy"), NamedNode(self.mint.iri(t.after)))


def corpus_quads(corpus: Corpus, mint: Minter) -> list[Quad]:
    return CorpusGraph(corpus, mint).build()
