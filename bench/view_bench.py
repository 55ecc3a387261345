"""How long the HTML view takes to write, and to draw in headless Chromium, for the seed graph and a large one.

    .venv/bin/python bench/view_bench.py [N_ENTITIES]

The large graph is synthetic (officials holding posts in the provinces'
bodies, figures for indicators), built directly as RDF so that only the
view is measured. Needs Debian's chromium and the test extra (playwright).
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from dxkg.outputs.entities import entity_graph
from dxkg.outputs.files import merged_graph
from dxkg.outputs.view import Selection, write_view
from dxkg.query.store import load
from dxkg.rdf.vocab import DXO, ORG, RDF, RDFS

ROOT = Path(__file__).resolve().parents[1]


def synthetic(n: int, path: Path) -> None:
    t, lbl = NamedNode(RDF + "type"), NamedNode(RDFS + "label")
    base = "https://w3id.org/dxkg/id/"
    quads = []

    def add(s, p, o):
        quads.append(Quad(s, p, o))

    provinces = [NamedNode(f"{base}province/p{i}") for i in range(63)]
    for i, p in enumerate(provinces):
        add(p, t, NamedNode(DXO + "Province"))
        add(p, lbl, Literal(f"Tỉnh {i}", language="vi"))
    orgs = []
    for i in range(n // 10):
        o = NamedNode(f"{base}org/o{i}")
        add(o, t, NamedNode(DXO + "Organization"))
        add(o, lbl, Literal(f"Sở số {i}", language="vi"))
        add(o, NamedNode(DXO + "jurisdiction"), provinces[i % 63])
        orgs.append(o)
    role = NamedNode(f"{base}role/giam-doc")
    add(role, lbl, Literal("Giám đốc", language="vi"))
    for i in range(n - len(orgs) - 63):
        if i % 2:
            p = NamedNode(f"{base}person/x{i}")
            add(p, t, NamedNode(DXO + "Person"))
            add(p, lbl, Literal(f"Nguyễn Văn {i}", language="vi"))
            m = NamedNode(f"{base}membership/m{i}")
            add(m, t, NamedNode(ORG + "Membership"))
            add(m, NamedNode(ORG + "member"), p)
            add(m, NamedNode(ORG + "role"), role)
            add(m, NamedNode(ORG + "organization"), orgs[i % len(orgs)])
        else:
            o = NamedNode(f"{base}observation/b{i}")
            add(o, t, NamedNode(DXO + "Observation"))
            add(o, lbl, Literal(f"{i}% · chỉ tiêu {i % 50}", language="vi"))
            add(o, NamedNode(DXO + "refArea"), provinces[i % 63])
    serialize([q.triple for q in quads], str(path), RdfFormat.TURTLE)


def draw_seconds(html: Path) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = b.new_page()
        start = time.perf_counter()
        page.goto(html.as_uri())
        page.locator("#status", has_text="hiện").wait_for(timeout=600_000)
        took = time.perf_counter() - start
        b.close()
    return took


def measure(name: str, graph: Path, sel: Selection, out: Path) -> None:
    start = time.perf_counter()
    nodes, edges, note = write_view(entity_graph(merged_graph(load(graph))), out, sel)
    wrote = time.perf_counter() - start
    print(f"| {name} | {nodes:,} | {edges:,} | {wrote:.2f} | {draw_seconds(out):.2f} | {note} |", flush=True)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print("| graph | nodes drawn | edges | write s | draw s (Chromium) | view |")
        print("|---|---|---|---|---|---|")
        measure("seeds", ROOT / "exports" / "dxkg.ttl", Selection(), tmp / "seeds.html")
        big = tmp / "big.ttl"
        synthetic(n, big)
        measure(f"{n:,} entities, default", big, Selection(), tmp / "big.html")
        measure(f"{n:,} entities, --full", big, Selection(full=True), tmp / "full.html")
        measure(f"{n:,} entities, --province", big, Selection(province="Tỉnh 7"), tmp / "one.html")


if __name__ == "__main__":
    main()
