"""`dxkg stats`: what a graph holds, at a glance."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
from rich.console import Console
from rich.table import Table

from ..outputs.entities import entity_graph
from ..outputs.files import merged_graph
from .store import open_graph, rows


def report(path: Path, console: Console, top: int = 10) -> None:
    store = open_graph(path)
    _table(console, "Entities by class", ["class", "entities"], [
        [r["c"].rsplit("#", 1)[-1], r["n"]] for r in rows(store, """SELECT ?c (COUNT(DISTINCT ?s) AS ?n)
            WHERE { ?s a ?c . FILTER(STRSTARTS(STR(?c), STR(dxo:)) || ?c = org:Membership) }
            GROUP BY ?c ORDER BY DESC(?n) ?c""")])
    _table(console, "Facts by article", ["article", "facts", "published"], [
        [r["f"], r["n"], r["d"]] for r in rows(store, """SELECT ?f ?d (COUNT(DISTINCT ?x) AS ?n)
            WHERE { ?a a dxo:Article ; dxo:sourceFile ?f . OPTIONAL { ?a schema:datePublished ?d }
                    OPTIONAL { { ?x prov:wasDerivedFrom ?a } UNION { ?a schema:mentions ?x } } }
            GROUP BY ?f ?d ORDER BY ?f""")])
    _table(console, "Facts by province", ["province", "articles", "observations", "officials"], [
        [r["l"], r["a"], r["o"], r["m"]] for r in rows(store, """SELECT ?l (COUNT(DISTINCT ?art) AS ?a)
            (COUNT(DISTINCT ?obs) AS ?o) (COUNT(DISTINCT ?per) AS ?m)
            WHERE { ?p a dxo:Province ; rdfs:label ?name .
                    OPTIONAL { ?p skos:prefLabel ?shown FILTER(LANG(?shown) = "vi") }
                    BIND(COALESCE(?shown, ?name) AS ?l)
                    OPTIONAL { ?art schema:mentions ?p } OPTIONAL { ?obs dxo:refArea ?p }
                    OPTIONAL { ?mem org:member ?per ; org:organization/dxo:jurisdiction ?p } }
            GROUP BY ?l HAVING (COUNT(DISTINCT ?art) > 0) ORDER BY DESC(?a) ?l""")])
    g = entity_graph(merged_graph(store))
    centrality = nx.degree_centrality(g) if len(g) > 1 else {}
    ranked = sorted(centrality.items(), key=lambda kv: (-kv[1], g.nodes[kv[0]]["label"]))[:top]
    _table(console, "Most connected entities (degree centrality)", ["entity", "class", "links", "centrality"], [
        [g.nodes[n]["label"], g.nodes[n]["cls"], str(g.degree(n)), f"{c:.3f}"] for n, c in ranked])
    from ..rdf.shapes import validate_triples

    shacl = validate_triples(merged_graph(store))
    console.print(f"SHACL: {'conforms' if shacl.conforms else f'{len(shacl.errors)} violations'}")


def _table(console: Console, title: str, header: list[str], body: list[list[str]]) -> None:
    t = Table(*header, title=title, title_justify="left", header_style="bold")
    for r in body:
        t.add_row(*r)
    console.print(t)
