"""A networkx projection of the graph: entities as nodes, their links as edges.

Shared by the HTML view, the GraphML export and `dxkg stats`. Memberships
become person -> organization edges labelled with the post; literals stay on
the nodes as attributes.

`Entities` holds the projection as plain data so that a build can compute each
article's share once (in its worker, cached with the article) and merge the
shares afterwards instead of reading the whole graph again. It reads triples
through `facts.Facts`: an article's quads, or the default graph of a loaded
store (`dxkg view`, `stats`, GraphML), the same way.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode, Quad

from ..rdf.vocab import DXO, ORG, PROV, SCHEMA
from .facts import RDF_TYPE, RDFS_LABEL, Facts, local_name, vietnamese

if TYPE_CHECKING:
    import networkx as nx

# most specific first: a steering committee is shown as one, not as an organization
CLASSES = ["SteeringCommittee", "Province", "Person", "Organization", "LegalDocument", "Platform", "Event",
           "Indicator", "Observation", "Article"]


_DRAWN = frozenset({*(DXO + c for c in CLASSES), ORG + "Membership"})


def _drawn(props: dict) -> bool:
    """Whether a subject adds to the projection: an entity, or a membership (a person -> body link). What
    else `_describe` would record of a subject, `_tidy` drops (a corpus graph's statistics and instants)."""
    return any(c.value in _DRAWN for c in props.get(RDF_TYPE, ()))


READS = 2  # the links `_describe` follows from a drawn subject: s -> dxo:issuedBy -> dxo:jurisdiction's names


def _near_drawn(quads: list[Quad]) -> Iterator[Quad]:
    """The quads about the subjects drawn and those at most READS links from one: all that `_describe` reads.
    A corpus graph of 600,000 triples is mostly statistics, which the view does not draw (indexing them all
    took 200 MB at 10,000 articles)."""
    near = {q.subject for q in quads if q.predicate.value == RDF_TYPE and q.object.value in _DRAWN}
    for _ in range(READS):
        near |= {q.object for q in quads if q.subject in near and not isinstance(q.object, Literal)}
    return (q for q in quads if q.subject in near)


class Entities:
    """Entities (class, label, provinces, source files) and the labelled links between them."""

    def __init__(self) -> None:
        self.kinds: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.provinces: dict[str, set[str]] = defaultdict(set)
        self.sources: dict[str, set[str]] = defaultdict(set)
        self.links: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.posts: dict[str, set[str]] = defaultdict(set)  # a person's posts: "Chủ tịch — UBND tỉnh Gia Lai"
        self.evidence: dict[str, str] = {}  # an entity's first sentence, as "file: sentence" (the smallest)
        self.seen: set[str] = set()  # every entity merged, including those `keep_only` dropped
        self.kept: set[str] | None = None  # the classes kept, once `keep_only` was called

    @classmethod
    def of(cls, graph: Facts | Iterable[Quad]) -> Entities:
        """The projection of these triples: an article's, or the default graph of a loaded store. Of a list,
        only the triples `_describe` may read are indexed (`_near_drawn`)."""
        g = Facts.of(_near_drawn(graph) if isinstance(graph, list) else graph)
        e = cls()
        for s, props in g.about.items():
            if _drawn(props):
                e._describe(g, s, props)
        e._tidy()
        return e

    def _describe(self, g: Facts, s, props: dict) -> None:
        """What the triples about `s` say: its class, label, links, provinces and sources."""
        iri = s.value
        for name in vietnamese(g.shown(s)):  # of several, the smallest: independent of order
            self._smallest(self.labels, iri, name.value)
        for p, objects in props.items():
            if p == RDF_TYPE:
                for c in objects:
                    if c.value.startswith(DXO):
                        self._kind(iri, c.value[len(DXO):])
                continue
            name = local_name(p)
            for o in objects:
                if isinstance(o, NamedNode):
                    self.links[(iri, o.value)].add(name)
        self._provinces(g, s)
        self._sources(g, s)
        self._evidence(g, s)
        if g.is_a(s, ORG + "Membership"):  # person -> body, labelled with the post
            for person in g.objects(s, ORG + "member"):
                for body in g.objects(s, ORG + "organization"):
                    for post in g.path(s, ORG + "role", RDFS_LABEL):
                        if isinstance(post, Literal) and post.language == "vi":
                            self.links[(person.value, body.value)].add(post.value)
                            for name in g.labels(body):
                                self.posts[person.value].add(f"{post.value} — {name.value}")

    def _evidence(self, g: Facts, s) -> None:
        """The sentence `s` was read from: its own (an observation), or its mentions' (anything else)."""
        found = [(f.value, e.value) for a in g.objects(s, PROV + "wasDerivedFrom")
                 for f in g.objects(a, DXO + "sourceFile") for e in g.objects(s, DXO + "evidence")]
        found += [(f.value, e.value) for m in g.objects(s, PROV + "qualifiedDerivation")
                  for f in g.path(m, PROV + "entity", DXO + "sourceFile") for e in g.objects(m, DXO + "evidence")]
        if found:
            self._smallest(self.evidence, s.value, "{}: {}".format(*min(found)))

    def _provinces(self, g: Facts, s) -> None:
        """The provinces `s` belongs to, for the view's filter: their display labels, reached by these paths."""
        found = [*g.path(s, DXO + "jurisdiction"), *g.path(s, DXO + "refArea"),
                 *g.path(s, DXO + "issuedBy", DXO + "jurisdiction"),
                 *g.path(s, SCHEMA + "organizer", DXO + "jurisdiction")]
        if g.is_a(s, DXO + "Province"):
            found.append(s)
        if g.is_a(s, DXO + "Article"):  # the provinces it mentions
            found += [x for x in g.objects(s, SCHEMA + "mentions") if g.is_a(x, DXO + "Province")]
        for p in found:
            self.provinces[s.value].update(label.value for label in g.shown(p))
        # the member of a post, by its body's; an indicator, by its figures' areas
        for subject, via in ((ORG + "member", (ORG + "organization", DXO + "jurisdiction")),
                             (DXO + "indicator", (DXO + "refArea",))):
            for x in g.objects(s, subject):
                for p in g.path(s, *via):
                    self.provinces[x.value].update(label.value for label in g.shown(p))

    def _sources(self, g: Facts, s) -> None:
        """The source files of the articles that mention `s`, have it as author, or that `s` was derived from."""
        for a in g.objects(s, PROV + "wasDerivedFrom"):
            for f in g.objects(a, DXO + "sourceFile"):
                self.sources[s.value].add(f.value)
        files = g.objects(s, DXO + "sourceFile")
        if files:
            for x in [*g.objects(s, SCHEMA + "mentions"), *g.objects(s, SCHEMA + "author")]:
                self.sources[x.value].update(f.value for f in files)

    def _kind(self, iri: str, local: str) -> None:
        if local in CLASSES and (iri not in self.kinds or CLASSES.index(local) < CLASSES.index(self.kinds[iri])):
            self.kinds[iri] = local

    @staticmethod
    def _smallest(table: dict[str, str], iri: str, text: str) -> None:
        """Keep the smallest text an entity is given (a label, a sentence): the same whatever the order."""
        if iri not in table or text < table[iri]:
            table[iri] = text

    def _tidy(self) -> None:
        """Only entities, and links between two different entities."""
        self.seen.update(self.kinds)
        if self.kept is not None:
            self.kinds = {n: c for n, c in self.kinds.items() if c in self.kept}
        for table in (self.labels, self.provinces, self.sources, self.posts, self.evidence):
            for n in [n for n in table if n not in self.kinds]:
                del table[n]
        for s, o in [k for k in self.links if k[0] not in self.kinds or k[1] not in self.kinds or k[0] == k[1]]:
            del self.links[(s, o)]

    def to_json(self) -> dict:
        return {"kinds": self.kinds, "labels": self.labels,
                "provinces": {n: sorted(v) for n, v in self.provinces.items()},
                "sources": {n: sorted(v) for n, v in self.sources.items()},
                "posts": {n: sorted(v) for n, v in self.posts.items()}, "evidence": self.evidence,
                "links": [[s, o, sorted(v)] for (s, o), v in sorted(self.links.items())]}

    def merge(self, part: dict) -> None:
        """Add one article's share (from `to_json`); its links join entities it describes itself. A share of
        the summary classes alone lists the entities it dropped as "seen"."""
        self.seen.update(part["kinds"])
        self.seen.update(part.get("seen", ()))
        for n, c in part["kinds"].items():
            if self.kept is None or c in self.kept or n in self.kinds:
                self._kind(n, c)
        for n, label in part["labels"].items():
            if n in self.kinds:
                self._smallest(self.labels, n, label)
        for table, name in ((self.provinces, "provinces"), (self.sources, "sources"), (self.posts, "posts")):
            for n, values in part.get(name, {}).items():  # a share cached by an older dxkg may lack one
                if n in self.kinds:
                    table[n].update(values)
        for n, text in part.get("evidence", {}).items():
            if n in self.kinds:
                self._smallest(self.evidence, n, text)
        for s, o, names in part["links"]:
            if s in self.kinds and o in self.kinds:
                self.links[(s, o)].update(names)

    def keep_only(self, classes: Iterable[str]) -> None:
        """Drop other classes now and in later merges (still counted in `seen`): bounded memory for a summary."""
        self.kept = set(classes)
        self._tidy()

    def graph(self, keep: Callable[[str], bool] | None = None) -> nx.DiGraph:
        """The entities (those KEEP says, if given) and the links between them, in sorted order."""
        return as_graph(*self.drawn(keep))

    def drawn(self, keep: Callable[[str], bool] | None = None) -> tuple[list[tuple[str, dict]], list[tuple]]:
        """`graph`'s nodes (IRI, attributes) and edges (IRI, IRI, attributes), in sorted order."""
        nodes = [(iri, {"label": self.labels.get(iri, iri.rsplit("/", 1)[-1]), "cls": self.kinds[iri],
                        "province": "; ".join(sorted(self.provinces.get(iri, ()))),
                        "sources": "; ".join(sorted(self.sources.get(iri, ()))),
                        "posts": "; ".join(sorted(self.posts.get(iri, ()))), "evidence": self.evidence.get(iri, "")})
                 for iri in sorted(filter(keep, self.kinds) if keep else self.kinds)]
        kept = {iri for iri, _ in nodes}
        edges = [(s, o, {"label": ", ".join(sorted(names))}) for (s, o), names in sorted(self.links.items())
                 if s in kept and o in kept]
        return nodes, edges


def as_graph(nodes: list[tuple[str, dict]], edges: list[tuple[str, str, dict]]) -> nx.DiGraph:
    """A graph of these nodes and edges (`Entities.drawn`), in their order."""
    # imported here: what only merges entities (the corpus stage, a process of its own) starts sooner
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    return g


def entity_graph(quads: Iterable[Quad]) -> nx.DiGraph:
    return Entities.of(quads).graph()
