"""The dataset's VoID description (https://www.w3.org/TR/void/): what a build holds, for catalogues and for
the tools that load it. Counted from the distinct triples of the Turtle export as they stream past, so the
figures are those of the file users load; written beside it as void.ttl, the same bytes for the same inputs."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from .vocab import DCT, OWL, PREFIXES, RDF, SKOS, VOID, WD, XSD, A, iri

_TYPE = f"<{RDF}type>".encode()
_NAMES: dict[bytes, str] = {}  # a property's N-Triples term -> its IRI
# the properties whose object in Wikidata makes a link out (the gazetteer's units): sameAs for a unit that is
# Wikidata's item, closeMatch for an older unit whose item Wikidata kept for the unit that took its name
_LINKS = (OWL + "sameAs", SKOS + "closeMatch")


@dataclass
class Statistics:
    """Counts of a stream of distinct N-Triples lines."""

    triples: int = 0
    classes: Counter = field(default_factory=Counter)  # class IRI -> distinct typed subjects
    properties: Counter = field(default_factory=Counter)  # property IRI -> triples
    links: Counter = field(default_factory=Counter)  # link property IRI -> triples whose object is in Wikidata
    subjects: int = 0
    entities: int = 0  # distinct subjects with a type
    _last_subject: bytes = b""
    _last_typed: bytes = b""

    def add(self, line: bytes) -> None:
        """One triple; lines come sorted, so one subject's triples are together."""
        s, p, rest = line.split(b" ", 2)
        self.triples += 1
        if s != self._last_subject:
            self.subjects += 1
            self._last_subject = s
        prop = _NAMES.get(p) or _NAMES.setdefault(p, p[1:-1].decode())  # few properties, decoded once each
        self.properties[prop] += 1
        if p == _TYPE and rest.startswith(b"<"):
            self.classes[rest[1:rest.index(b">")].decode()] += 1
            self.entities += s != self._last_typed
            self._last_typed = s
        elif prop in _LINKS and rest.startswith(f"<{WD}".encode()):
            self.links[prop] += 1

    def merge(self, other: Statistics) -> None:
        """Add the counts of lines whose subjects none of these lines has (a piece of the same sorted stream)."""
        for name in ("triples", "subjects", "entities"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("classes", "properties", "links"):
            getattr(self, name).update(getattr(other, name))

    def subtract(self, others: Iterable[Statistics]) -> None:
        """Take away the counts of lines these counted (pieces of the same sorted stream)."""
        for other in others:
            for name in ("triples", "subjects", "entities"):
                setattr(self, name, getattr(self, name) - getattr(other, name))
            for name in ("classes", "properties", "links"):
                getattr(self, name).subtract(getattr(other, name))
        for name in ("classes", "properties", "links"):  # what no line counts any more is not there
            setattr(self, name, +getattr(self, name))

    def to_json(self) -> dict:
        return {"triples": self.triples, "subjects": self.subjects, "entities": self.entities,
                "classes": dict(self.classes), "properties": dict(self.properties), "links": dict(self.links)}

    @classmethod
    def from_json(cls, data: dict) -> Statistics:
        return cls(**{k: Counter(v) if isinstance(v, dict) else v for k, v in data.items()})


def void_quads(stats: Statistics, base: str) -> list[Quad]:
    """The description: the dataset, a partition per class and per property, the formats it is written in, and
    a linkset per kind of link to Wikidata."""
    dataset = NamedNode(base + "dataset")
    out: list[tuple] = [
        (dataset, A, iri(VOID, "Dataset")),
        (dataset, iri(DCT, "title"), Literal("dxkg: chuyển đổi số ở các tỉnh, thành phố Việt Nam", language="vi")),
        (dataset, iri(DCT, "title"), Literal("dxkg: digital transformation in Vietnam's provinces", language="en")),
        (dataset, iri(VOID, "uriSpace"), Literal(base)),
        (dataset, iri(VOID, "triples"), _integer(stats.triples)),
        (dataset, iri(VOID, "distinctSubjects"), _integer(stats.subjects)),
        (dataset, iri(VOID, "entities"), _integer(stats.entities)),
        (dataset, iri(VOID, "classes"), _integer(len(stats.classes))),
        (dataset, iri(VOID, "properties"), _integer(len(stats.properties))),
    ]
    out += [(dataset, iri(VOID, "feature"), NamedNode(f"http://www.w3.org/ns/formats/{f}")) for f in ("Turtle", "TriG")]
    out += [(dataset, iri(VOID, "vocabulary"), NamedNode(ns)) for ns in sorted(set(PREFIXES.values()) - {WD})]
    for n, (cls, count) in enumerate(sorted(stats.classes.items()), 1):
        out += _partition(dataset, f"class{n}", "classPartition", "class", cls, "entities", count)
    for n, (prop, count) in enumerate(sorted(stats.properties.items()), 1):
        out += _partition(dataset, f"property{n}", "propertyPartition", "property", prop, "triples", count)
    wikidata = NamedNode(WD.rstrip("/").rsplit("/", 1)[0])  # http://www.wikidata.org
    out += [(wikidata, A, iri(VOID, "Dataset")), (wikidata, iri(DCT, "title"), Literal("Wikidata", language="en"))]
    for prop, count in sorted(stats.links.items()):
        linkset = NamedNode(f"{base}dataset/wikidata-{prop.rsplit('#', 1)[-1]}")
        out += [(linkset, A, iri(VOID, "Linkset")), (linkset, iri(VOID, "subjectsTarget"), dataset),
                (linkset, iri(VOID, "objectsTarget"), wikidata), (linkset, iri(VOID, "linkPredicate"), NamedNode(prop)),
                (linkset, iri(VOID, "triples"), _integer(count)), (dataset, iri(VOID, "subset"), linkset)]
    return [Quad(s, p, o) for s, p, o in out]


def _partition(dataset: NamedNode, name: str, kind: str, on: str, term: str, counted: str, count: int) -> list:
    # a labelled blank node: the same label for the same partition keeps the file byte-identical across runs
    node = BlankNode(name)
    return [(dataset, iri(VOID, kind), node), (node, iri(VOID, on), NamedNode(term)),
            (node, iri(VOID, counted), _integer(count))]


def _integer(n: int) -> Literal:
    return Literal(str(n), datatype=NamedNode(XSD + "integer"))
