"""Stage 6, export: quads -> files, deterministic and atomic.

Triples are deduplicated and sorted before pyoxigraph serialises them, so the
same inputs give byte-identical files. Every file is written to a temporary
file in the target folder and renamed into place: a build that fails or is
killed never leaves a half-written output behind.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Triple, serialize

from ..rdf.vocab import PREFIXES
from .formats import write_graph


@contextmanager
def atomic_write(path: Path, mode: str = "wb") -> Iterator:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; an output is an ordinary file
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""})) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sorted_triples(quads: Iterable[Quad]) -> list[Triple]:
    """Distinct triples in the order of their N-Triples lines (sorting bytes is cheaper than sorting terms)."""
    from pyoxigraph import parse

    lines = serialize((q.triple for q in quads), format=RdfFormat.N_TRIPLES).splitlines()
    body = b"\n".join(sorted(set(lines)))
    return list(parse(body, format=RdfFormat.N_TRIPLES)) if body else []


def sorted_quads(quads: Iterable[Quad]) -> list[Quad]:
    unique = {(str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)): q for q in quads}
    return [unique[k] for k in sorted(unique)]


def write_rdf(quads: Iterable[Quad], path: Path, fmt: RdfFormat) -> None:
    items = sorted_quads(quads) if fmt in (RdfFormat.TRIG, RdfFormat.N_QUADS) else sorted_triples(quads)
    with atomic_write(path) as f:
        write_graph(items, fmt, f)


def write_turtle(quads: Iterable[Quad], path: Path) -> None:
    write_rdf(quads, path, RdfFormat.TURTLE)


# ---------------------------------------------------------------- other formats, for other tools (outputs.formats)


class NoNamedGraphs(ValueError):
    """TriG export of a graph loaded without its per-article named graphs (a Turtle file)."""


def quads_of(store, named: bool = False) -> list[Quad]:
    """The per-article named graphs (named=True) or the merged default graph of a loaded store."""
    from pyoxigraph import DefaultGraph

    return [q for q in store.quads_for_pattern(None, None, None, None)
            if isinstance(q.graph_name, DefaultGraph) != named]


def write_jsonld(quads: Iterable[Quad], path: Path) -> None:
    """JSON-LD compacted with a context of the project's prefixes, keys and nodes sorted."""
    import json

    from rdflib import Graph

    nt = serialize(sorted_triples(quads), format=RdfFormat.N_TRIPLES)
    g = Graph().parse(data=nt.decode("utf-8"), format="nt")
    context = dict(PREFIXES)
    doc = json.loads(g.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = doc.get("@graph", [doc] if "@id" in doc else [])
    doc = {"@context": context, "@graph": sorted(nodes, key=lambda n: n.get("@id", ""))}
    with atomic_write(path, "w") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    import csv

    with atomic_write(path, "w") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


TABLES = {  # file -> its columns (English names; values as the graph holds them)
    "observations": ["province", "indicator", "value", "max_value", "out_of", "unit", "status", "year", "qualifier",
                     "document", "article", "sentence"],
    "memberships": ["person", "post", "post_en", "organization", "province", "reported_on", "article", "sentence"],
    "documents": ["notation", "type", "label", "issuer", "date", "subject", "implements", "articles"],
}


class Describer:
    """Reads resources straight from the store's indexes: faster than SPARQL joins for whole tables."""

    def __init__(self, store):
        from pyoxigraph import DefaultGraph, NamedNode

        self.store, self.graph, self.NamedNode = store, DefaultGraph(), NamedNode
        self.labels: dict[str, str] = {}

    def of_class(self, iri: str) -> list:
        rdf_type = self.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        return sorted({q.subject for q in self.store.quads_for_pattern(None, rdf_type, self.NamedNode(iri), self.graph)},
                      key=lambda t: t.value)

    def facts(self, subject) -> dict[str, list]:
        out: dict[str, list] = {}
        for q in self.store.quads_for_pattern(subject, None, None, self.graph):
            out.setdefault(q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1], []).append(q.object)
        return out

    def one(self, facts: dict, key: str, label: bool = False, lang: str | None = "vi") -> str:
        values = facts.get(key, [])
        if lang is not None:
            values = [v for v in values if getattr(v, "language", None) in (lang, None)] or values
        if not values:
            return ""
        return self.label(values[0], lang) if label else values[0].value

    def label(self, term, lang: str | None = "vi") -> str:
        if term.value not in self.labels:
            f = self.facts(term)
            self.labels[term.value] = (self.one(f, "label", lang=lang) or self.one(f, "prefLabel", lang=lang)
                                       or term.value.rsplit("#", 1)[-1].lower())
        return self.labels[term.value]


def table_rows(store) -> dict[str, list[list[str]]]:
    from ..rdf.vocab import DXO, ORG

    d = Describer(store)
    source = {a.value: d.one(d.facts(a), "sourceFile") for a in d.of_class(DXO + "Article")}
    obs = []
    for o in d.of_class(DXO + "Observation"):
        f = d.facts(o)
        obs.append([d.one(f, "refArea", True), d.one(f, "indicator", True), d.one(f, "value"), d.one(f, "maxValue"),
                    d.one(f, "outOf"), d.one(f, "unit", True), d.one(f, "status").rsplit("#", 1)[-1].lower(),
                    d.one(f, "refPeriod"), d.one(f, "qualifier"), d.one(f, "setBy", True),
                    source.get(d.one(f, "wasDerivedFrom"), ""), d.one(f, "evidence")])
    members = []
    for m in d.of_class(ORG + "Membership"):
        f = d.facts(m)
        org = f.get("organization", [None])[0]
        role = f.get("role", [None])[0]
        members.append([d.one(f, "member", True), d.one(f, "role", True),
                        d.one(d.facts(role), "prefLabel", lang="en") if role else "", d.one(f, "organization", True),
                        d.one(d.facts(org), "jurisdiction", True) if org else "", d.one(f, "reportedOn"),
                        source.get(d.one(f, "wasDerivedFrom"), ""), d.one(f, "evidence")])
    mentioned: dict[str, set[str]] = {}
    for a, name in source.items():
        for q in store.quads_for_pattern(d.NamedNode(a), d.NamedNode("https://schema.org/mentions"), None, d.graph):
            mentioned.setdefault(q.object.value, set()).add(name)
    docs = []
    for doc in d.of_class(DXO + "LegalDocument"):
        f = d.facts(doc)
        implements = f.get("implements", [None])[0]
        docs.append([doc.value, d.one(f, "notation"), d.one(f, "documentType"), d.one(f, "label"),
                     d.one(f, "issuedBy", True), d.one(f, "datePublished"), d.one(f, "subject"),
                     d.one(d.facts(implements), "notation") if implements else "",
                     " ".join(sorted(mentioned.get(doc.value, ())))])
    # memberships and documents are sorted by `Tables`, after merging
    return {"observations": sorted(obs, key=lambda r: (r[10], r[0], r[1], r[2])), "memberships": members,
            "documents": docs}


class Tables:
    """The membership and document tables merged from the rows of many articles (`table_rows` of each).

    A document's cells come from the first article that gives them; its `articles` cell lists all."""

    def __init__(self) -> None:
        self.memberships: list[list[str]] = []
        self.documents: dict[str, list[str]] = {}

    def merge(self, part: dict) -> None:
        self.memberships += part["memberships"]
        for iri, *cells in part["documents"]:
            have = self.documents.setdefault(iri, cells)
            if have is not cells:
                have[:-1] = [a or b for a, b in zip(have[:-1], cells[:-1])]
                have[-1] = " ".join(sorted(set(have[-1].split()) | set(cells[-1].split())))

    def rows(self) -> dict[str, list[list[str]]]:
        return {"memberships": sorted(self.memberships, key=lambda r: (r[0], r[1], r[3], r[6])),
                "documents": sorted(self.documents.values(), key=lambda r: (r[0], r[2]))}


def write_tables(store, folder: Path) -> list[Path]:
    """The CSV tables of a whole graph (`dxkg export -f csv`)."""
    rows = table_rows(store)
    tables = Tables()
    tables.merge(rows)
    written = []
    for name, body in {"observations": rows["observations"], **tables.rows()}.items():
        path = folder / f"{name}.csv"
        write_csv(path, TABLES[name], body)
        written.append(path)
    return written


def write_graphml(store, path: Path) -> None:
    """A networkx projection for Gephi: entities as nodes, their links as edges, posts as person->body edges."""
    import networkx as nx

    from .entities import entity_graph

    g = entity_graph(store)
    with atomic_write(path) as f:
        nx.write_graphml(g, f)
