"""Stage: rdf. Resolved records -> RDF quads, one named graph per article.

The only module that builds RDF terms, and it knows no Vietnamese: labels, keys and gazetteer facts
arrive on the records (see `identity`), IRIs come from `mint`. Each article's facts go into a graph
named by the article's IRI, so an article's facts can be dropped or replaced
as a unit (TriG export, incremental builds). Shared entities (a province, an
official) are described in every article graph that mentions them; the
Turtle export is the deduplicated union.
"""
from __future__ import annotations

from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from ..model import (
    Document,
    Event,
    Extraction,
    Identity,
    Observation,
    Org,
    PartialDate,
    Platform,
    ProvinceRef,
    Scheme,
)
from .mint import Minter
from .vocab import DXO, LABEL, ORG, PROV, SCHEMA, SKOS, TIME, XSD, A, iri


def vi(text: str) -> Literal:
    return Literal(text, language="vi")


def en(text: str) -> Literal:
    return Literal(text, language="en")


def typed(value: str, datatype: str) -> Literal:
    return Literal(value, datatype=NamedNode(XSD + datatype))


def date_literal(d: PartialDate) -> Literal:
    kind = "gYear" if d.month is None else "gYearMonth" if d.day is None else "date"
    return typed(d.iso(), kind)


def iso_literal(iso: str) -> Literal:
    """'2024', '2024-05' or '2024-05-20' as xsd:gYear, gYearMonth or date."""
    return date_literal(PartialDate(*(int(x) for x in iso.split("-"))))


_IN_XSD = {0: "inXSDgYear", 1: "inXSDgYearMonth", 2: "inXSDDate"}  # an instant as precise as it is known


def decimal_literal(v: Decimal) -> Literal:
    # The canonical form Oxigraph (and XSD 1.1) give a decimal: "63", "45.5", never "63.0" or "45.50", so
    # the Turtle, the TriG, the store and everything exported from it hold one term, which merges as one.
    return typed(format((v + 0).normalize(), "f"), "decimal")  # + 0: no "-0"


class NamedGraph:
    """Collects the quads of one named graph (an article's, the reference graph, the corpus graph)."""

    def __init__(self, graph: Identity, mint: Minter):
        self.mint = mint
        self.graph = NamedNode(mint.iri(graph))
        self.quads: list[Quad] = []

    def add(self, s, p, o) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def province(self, p: ProvinceRef) -> NamedNode:
        node = NamedNode(self.mint.province(p.id))
        self.add(node, A, iri(DXO, "Province"))
        self.add(node, LABEL, vi(p.name))
        self.add(node, iri(SKOS, "altLabel"), vi(f"{p.kind} {p.name}"))
        for text, lang in zip(p.display, ("vi", "en")):  # tells the old and the new unit of one name apart
            if text:
                self.add(node, iri(SKOS, "prefLabel"), Literal(text, language=lang))
        self.add(node, iri(DXO, "provinceCode"), Literal(p.code))
        if p.successor is not None:
            self.add(node, iri(DXO, "mergedInto"), self.province(p.successor))
        return node

    def scheme(self, scheme: Scheme) -> NamedNode:
        node = NamedNode(self.mint.iri(scheme.identity))
        self.add(node, A, iri(SKOS, "ConceptScheme"))
        self.add(node, LABEL, vi(scheme.label))
        self.add(node, LABEL, en(scheme.label_en))
        return node

    def interval(self, owner: NamedNode, prop: NamedNode, name: str, begin: str, end: str) -> None:
        """OWNER PROP an OWL-Time interval `<owner>/NAME` from BEGIN to END, ISO dates as precise as known;
        an empty one is an open end."""
        node = NamedNode(f"{owner.value}/{name}")
        self.add(owner, prop, node)
        self.add(node, A, iri(TIME, "Interval"))
        for day, edge in ((begin, "hasBeginning"), (end, "hasEnd")):
            if day:
                instant = NamedNode(f"{node.value}/{edge[3:].lower()}")
                self.add(node, iri(TIME, edge), instant)
                self.add(instant, A, iri(TIME, "Instant"))
                self.add(instant, iri(TIME, _IN_XSD[day.count("-")]), iso_literal(day))


class ArticleGraph(NamedGraph):
    """The quads of one article's named graph."""

    def __init__(self, ex: Extraction, mint: Minter):
        super().__init__(ex.identity, mint)
        self.ex, self.article = ex, self.graph

    def mention(self, node: NamedNode) -> None:
        self.add(self.article, iri(SCHEMA, "mentions"), node)

    # ---------------------------------------------------------------- entities

    def org(self, o: Org) -> NamedNode:
        node = NamedNode(self.mint.iri(o.identity))
        self.add(node, A, iri(DXO, "Organization"))
        if o.is_steering_committee:
            self.add(node, A, iri(DXO, "SteeringCommittee"))
        self.add(node, LABEL, vi(o.label))
        for alt in o.alt_labels:
            if alt != o.label:
                self.add(node, iri(SKOS, "altLabel"), vi(alt))
        if o.english:
            self.add(node, iri(DXO, "organizationKind"), en(o.english))
        if o.province is not None:
            self.add(node, iri(DXO, "jurisdiction"), self.province(o.province))
        if o.parent is not None:
            self.add(node, iri(ORG, "subOrganizationOf"), self.org(o.parent))
        return node

    def person(self, ref) -> NamedNode:
        node = NamedNode(self.mint.iri(ref.identity))
        self.add(node, A, iri(DXO, "Person"))
        self.add(node, LABEL, vi(ref.name))
        return node

    def sentence(self, node: NamedNode, ev) -> None:
        """The sentence a fact was read from and, unless it was the headline, its offsets in the article's text."""
        self.add(node, iri(DXO, "evidence"), vi(ev.sentence))
        if not ev.in_headline:  # offsets point into the article's text; the headline is its own property
            self.add(node, iri(DXO, "evidenceStart"), typed(str(ev.start), "integer"))
            self.add(node, iri(DXO, "evidenceEnd"), typed(str(ev.end), "integer"))

    def cite(self, node: NamedNode, ev) -> None:
        """NODE was read from this article, and where: PROV's qualified derivation, a node of this mention
        (a dxo:Mention, one per entity and article) holding the sentence and its offsets. An entity that many
        articles name (a national portal, a resolution) so keeps each article's sentence with its own offsets,
        never as unrelated repeated values on the entity."""
        self.add(node, iri(PROV, "wasDerivedFrom"), self.article)
        if ev is None:
            return
        mention = NamedNode(self.mint.iri(Identity("mention", node.value, "", local=True), self.article.value))
        self.add(node, iri(PROV, "qualifiedDerivation"), mention)
        self.add(mention, A, iri(DXO, "Mention"))
        self.add(mention, iri(PROV, "entity"), self.article)
        self.sentence(mention, ev)

    # ---------------------------------------------------------------- the article

    def build(self) -> list[Quad]:
        ex, art = self.ex, self.ex.article
        self.add(self.article, A, iri(DXO, "Article"))
        self.add(self.article, iri(DXO, "sourceFile"), Literal(art.source_file))
        if art.headline:
            self.add(self.article, iri(SCHEMA, "headline"), vi(art.headline))
        if art.published:
            self.add(self.article, iri(SCHEMA, "datePublished"), date_literal(art.published))
        if art.source_url:
            self.add(self.article, iri(SCHEMA, "url"), NamedNode(art.source_url))
        for a in ex.authors:
            self.add(self.article, iri(SCHEMA, "author"), self.person(a))
        if ex.publisher is not None:
            self.add(self.article, iri(SCHEMA, "publisher"), self.org(ex.publisher))
        for p in ex.provinces:
            self.mention(self.province(p))
        for m in ex.persons:
            person = self.person(m.person)
            self.mention(person)
            self.cite(person, m.evidence)
        for o in ex.organizations:
            body = self.org(o)
            self.mention(body)
            if o.evidence is not None:
                self.cite(body, o.evidence)
        for m in ex.memberships:
            self.membership(m)
        docs = {d.key: self.document(d) for d in ex.documents}
        for d in ex.documents:
            for relation, target in d.related:
                self.add(docs[d.key], iri(DXO, relation), docs[target])
        for p in ex.platforms:
            self.platform(p)
        for e in ex.events:
            self.event(e, docs)
        for o in ex.observations:
            self.observation(o, docs)
        return self.quads

    def membership(self, m) -> None:
        node = NamedNode(self.mint.iri(m.identity, self.article.value))
        person, org = self.person(m.person), self.org(m.org)
        self.mention(person)
        self.mention(org)
        role = NamedNode(self.mint.iri(m.role_identity))
        self.add(role, A, iri(ORG, "Role"))
        self.add(role, LABEL, vi(m.role))
        if m.role_en:  # rdfs:label stays the Vietnamese post: users and the scorer read it
            self.add(role, iri(SKOS, "prefLabel"), en(m.role_en))
        self.add(node, A, iri(ORG, "Membership"))
        self.add(node, iri(ORG, "member"), person)
        self.add(node, iri(ORG, "role"), role)
        self.add(node, iri(ORG, "organization"), org)
        if self.ex.article.published:
            # when the post was reported: "who held it at a date" is asked of this
            self.add(node, iri(DXO, "reportedOn"), date_literal(self.ex.article.published))
        self.cite(node, m.evidence)

    def document(self, d: Document) -> NamedNode:
        node = NamedNode(self.mint.iri(d.identity))
        self.mention(node)
        self.add(node, A, iri(DXO, "LegalDocument"))
        self.add(node, LABEL, vi(d.label))
        self.add(node, iri(DXO, "documentType"), vi(d.kind))
        if d.notation:
            self.add(node, iri(SKOS, "notation"), Literal(d.notation))
        for w in d.as_written:
            if w != d.notation:
                self.add(node, iri(SKOS, "hiddenLabel"), Literal(w))
        if d.issuer is not None:
            self.add(node, iri(DXO, "issuedBy"), self.org(d.issuer))
        if d.date is not None:
            self.add(node, iri(SCHEMA, "datePublished"), date_literal(d.date))
        if d.subject:
            self.add(node, iri(DXO, "subject"), vi(d.subject))
        self.cite(node, d.evidence)
        return node

    def platform(self, p: Platform) -> None:
        node = NamedNode(self.mint.iri(p.identity))
        self.mention(node)
        self.add(node, A, iri(DXO, "Platform"))
        self.add(node, LABEL, vi(p.label))
        for alt in p.alt_labels:
            if alt != p.label:
                self.add(node, iri(SKOS, "altLabel"), vi(alt))
        if p.url:
            self.add(node, iri(SCHEMA, "url"), typed(p.url, "anyURI"))
        if p.operator is not None:
            self.add(node, iri(DXO, "operatedBy"), self.org(p.operator))
        if p.province is not None:
            self.add(node, iri(DXO, "jurisdiction"), self.province(p.province))
        self.cite(node, p.evidence)

    def event(self, e: Event, docs: dict[str, NamedNode]) -> None:
        node = NamedNode(self.mint.iri(e.identity, self.article.value))
        self.mention(node)
        self.add(node, A, iri(DXO, "Event"))
        self.add(node, LABEL, vi(e.label))
        self.add(node, iri(DXO, "eventKind"), vi(e.kind))
        if e.date:
            self.add(node, iri(SCHEMA, "startDate"), date_literal(e.date))
        if e.place:
            self.add(node, iri(SCHEMA, "location"), vi(e.place))
        if e.organizer is not None:
            self.add(node, iri(SCHEMA, "organizer"), self.org(e.organizer))
        for c in e.chairs:
            self.add(node, iri(DXO, "chairedBy"), self.person(c))
        for d in e.documents:
            if d in docs:
                self.add(node, iri(DXO, "concerns"), docs[d])
        self.cite(node, e.evidence)

    def observation(self, o: Observation, docs: dict[str, NamedNode]) -> None:
        node = NamedNode(self.mint.iri(o.identity, self.article.value))
        self.add(node, A, iri(DXO, "Observation"))
        self.add(node, iri(DXO, "value"), decimal_literal(o.value))
        if o.max_value is not None:
            self.add(node, iri(DXO, "maxValue"), decimal_literal(o.max_value))
        if o.out_of is not None:
            self.add(node, iri(DXO, "outOf"), decimal_literal(o.out_of))
        self.add(node, iri(DXO, "unit"), self.unit(o))
        self.add(node, iri(DXO, "status"), iri(DXO, "Target" if o.status == "target" else "Actual"))
        if o.area is not None:
            self.add(node, iri(DXO, "refArea"), self.province(o.area))
        if o.period is not None:
            self.add(node, iri(DXO, "refPeriod"), typed(f"{o.period:04d}", "gYear"))
        if o.qualifier:
            self.add(node, iri(DXO, "qualifier"), vi(o.qualifier))
        if o.set_by and o.set_by in docs:
            self.add(node, iri(DXO, "setBy"), docs[o.set_by])
        self.add(node, iri(DXO, "indicator"), self.indicator(o))
        self.add(node, LABEL, vi(o.label))
        self.add(node, iri(PROV, "wasDerivedFrom"), self.article)
        self.sentence(node, o.evidence)  # an observation is its article's own: its sentence is on it

    def unit(self, o: Observation) -> NamedNode:
        if o.unit_identity is None:  # the ontology's own units
            node = iri(DXO, o.unit.capitalize())
            self.add(node, A, iri(DXO, "Unit"))
            return node
        node = NamedNode(self.mint.iri(o.unit_identity))
        self.add(node, A, iri(DXO, "Unit"))
        self.add(node, LABEL, vi(o.unit))
        return node

    def indicator(self, o: Observation) -> NamedNode:
        node = NamedNode(self.mint.iri(o.indicator_identity))
        self.add(node, A, iri(DXO, "Indicator"))
        self.add(node, A, iri(SKOS, "Concept"))
        self.add(node, iri(SKOS, "prefLabel"), vi(o.indicator))
        self.add(node, LABEL, vi(o.indicator))
        if o.indicator_en:
            self.add(node, iri(SKOS, "prefLabel"), en(o.indicator_en))
        self.add(node, iri(SKOS, "inScheme"), self.scheme(self.ex.scheme))
        if o.measure is not None:  # the canonical indicator it measures
            link = "exactMatch" if o.measure_match == "exact" else "broadMatch"
            self.add(node, iri(SKOS, link), NamedNode(self.mint.iri(o.measure.identity)))  # described in the
            # reference graph: the view, drawn from the articles and the corpus, shows the article's own concept
        return node


def article_quads(ex: Extraction, mint: Minter) -> list[Quad]:
    """The quads of one article whose records went through the identity stage."""
    return ArticleGraph(ex, mint).build()
