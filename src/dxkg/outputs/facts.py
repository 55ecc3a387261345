"""The triples of one graph in plain dicts, for the CSV tables and the entity projection.

A build's worker reads one article's quads (`rdf.mapping.article_quads`);
`dxkg export`, `view` and `stats` read the default graph of a loaded store
(`files.merged_graph`). Both go through this index, so the tables and the view
have one implementation. For an article's few hundred triples it costs a
fraction of copying them into a store and running SPARQL over it.

The objects of a subject's predicate are distinct and kept in the order the
quads come in: where a table takes one of several values, it takes the first.
A store's quads come in the store's order (what its own lookups return), so a
loaded graph gives the rows its SPARQL queries gave.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple

from ..rdf.vocab import RDF, RDFS, SCHEMA, SKOS

RDF_TYPE = RDF + "type"
SKOS_PREF = SKOS + "prefLabel"
RDFS_LABEL = RDFS + "label"
NAMES = (RDFS_LABEL, SCHEMA + "headline", SKOS_PREF)  # what names a resource, in this order

Term = NamedNode | BlankNode | Literal


@cache  # a graph has few predicates, read many times
def local_name(iri: str) -> str:
    """'http://www.w3.org/ns/org#organization' -> 'organization'."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class Facts:
    """Distinct triples indexed by subject, then by predicate IRI; and the subjects of each class."""

    def __init__(self, quads: Iterable[Quad | Triple]):
        self.about: dict[Term, dict[str, dict[Term, None]]] = {}  # s -> p -> objects (a dict: distinct, ordered)
        self.members: dict[str, dict[Term, None]] = {}  # class IRI -> its instances
        for q in quads:
            s, p, o = q.subject, q.predicate.value, q.object
            props = self.about.get(s)
            if props is None:
                props = self.about[s] = {}
            objects = props.get(p)
            if objects is None:
                objects = props[p] = {}
            objects[o] = None
            if p == RDF_TYPE and isinstance(o, NamedNode):
                self.members.setdefault(o.value, {})[s] = None

    @classmethod
    def of(cls, graph: Facts | Iterable[Quad | Triple]) -> Facts:
        """An index of these quads, or the index itself (built once, read by the tables and the projection)."""
        return graph if isinstance(graph, Facts) else cls(graph)

    def objects(self, subject: Term, predicate: str) -> Iterable[Term]:
        return self.about.get(subject, {}).get(predicate, ())

    def path(self, subject: Term, *predicates: str) -> Iterator[Term]:
        """The ends of a property path p1/p2/… from `subject` (with repeats, as SPARQL's join gives them)."""
        if not predicates:
            yield subject
            return
        for o in self.objects(subject, predicates[0]):
            yield from self.path(o, *predicates[1:])

    def of_class(self, iri: str) -> list[Term]:
        """The instances of a class, in the order of their IRIs."""
        return sorted(self.members.get(iri, ()), key=lambda t: t.value)

    def is_a(self, subject: Term, iri: str) -> bool:
        return subject in self.members.get(iri, ())

    def by_name(self, subject: Term) -> dict[str, list[Term]]:
        """A subject's objects keyed by the local names of their predicates ('label', 'refArea', …)."""
        out: dict[str, list[Term]] = {}
        for p, objects in self.about.get(subject, {}).items():
            out.setdefault(local_name(p), []).extend(objects)
        return out

    def labels(self, subject: Term) -> Iterable[Term]:
        return self.objects(subject, RDFS_LABEL)

    def shown(self, subject: Term) -> list[Term]:
        """The names to show a person, best first: a Vietnamese skos:prefLabel where there is one (a province's
        display label, which tells the old and the new Gia Lai apart), else its rdfs:label, headline and any
        other skos:prefLabel (a post's English one). The one rule of the tables, the view and entity pages."""
        preferred = [x for x in self.objects(subject, SKOS_PREF) if getattr(x, "language", None) == "vi"]
        return preferred or [x for p in NAMES for x in self.objects(subject, p)]

    def name(self, subject: Term) -> Term | None:
        """The one name shown: the first of `shown`, Vietnamese (or untagged) first."""
        names = self.shown(subject)
        return next(iter(vietnamese(names) or names), None)


def vietnamese(names: list[Term]) -> list[Term]:
    """The Vietnamese or untagged ones of NAMES, as FILTER(LANG(?l) = "vi" || LANG(?l) = "")."""
    return [x for x in names if getattr(x, "language", None) in ("vi", None)]


