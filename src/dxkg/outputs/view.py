"""The interactive HTML view of a graph, drawn by vis-network, readable offline and safe.

- Offline: vis-network (as pyvis ships it) is inlined; nothing loads from a CDN.
- Safe: every string from an article reaches the page as JSON inside a
  `<script type="application/json">` block with `<`, `>`, `&` escaped, and
  the page builds labels, tooltips, the legend and the filter menus with
  `textContent`, never `innerHTML`. pyvis's own template (which switches
  tooltips to `innerHTML` when a title contains "href" and writes the heading
  and the select-menu ids unescaped) is not used, nor its `Network`, which
  only handed the node and edge lists to the template.
- Readable at once: positions are computed beforehand (a seeded
  Fruchterman-Reingold layout in numpy) and physics is off, so the browser
  draws without settling; node size follows degree.
- Scales: past `SUMMARY_ABOVE` nodes the view shows a summary (provinces,
  committees, documents, officials, indicators) unless asked for a province,
  a class or the neighbourhood of one entity.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import networkx as nx
import numpy as np

from .entities import Entities, as_graph
from .files import atomic_write
from .pages import pages

SUMMARY_ABOVE = 3000
SUMMARY_CLASSES = ("Province", "SteeringCommittee", "LegalDocument", "Person", "Indicator")
SUMMARY_KEEPS = SUMMARY_CLASSES + ("Organization",)  # organizations too: an official is drawn if they hold a post in one
STYLE = {  # class -> (Vietnamese name, colour, vis-network shape)
    "Province": ("Tỉnh, thành phố", "#2b7a0b", "diamond"),
    "SteeringCommittee": ("Ban Chỉ đạo", "#c2410c", "star"),
    "Organization": ("Tổ chức", "#ea580c", "square"),  # a shape with its label below: a box holds it inside
    "Person": ("Người", "#2563eb", "dot"),
    "LegalDocument": ("Văn bản", "#7c3aed", "square"),
    "Platform": ("Nền tảng số", "#0891b2", "hexagon"),
    "Event": ("Sự kiện", "#db2777", "triangle"),
    "Observation": ("Số liệu", "#64748b", "dot"),
    "Indicator": ("Chỉ tiêu", "#ca8a04", "triangleDown"),
    "Article": ("Bài báo", "#111827", "dot"),
}


@dataclass
class Selection:
    province: str | None = None
    cls: str | None = None
    focus: str | None = None
    depth: int = 2
    full: bool = False


class Note(list):
    """Which part of the graph is drawn, as (phrase, values) pairs of display.tsv's "note." phrases: said in
    English on the command line and in Vietnamese on the page."""

    def said(self, lang: str = "en") -> str:
        from ..lexicon import display

        return "".join((", " if key == "class" else " — " if key == "summary" else "")
                       + display("note." + key)[lang == "en"].format(*values) for key, values in self)

    def __str__(self) -> str:
        return self.said("en")


def select(g: nx.DiGraph, sel: Selection, total: int | None = None) -> tuple[nx.DiGraph, Note]:
    """The part of the graph to draw, and a note saying which part it is. `total`: the number of entities
    when `g` holds only those a summary can show (a build drops the rest as it merges its articles)."""
    if sel.focus:
        if sel.focus not in g:
            raise KeyError(f"no entity {sel.focus} in the graph")
        keep = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), sel.focus, cutoff=sel.depth)
        return induced(g, keep), Note([("focus", (g.nodes[sel.focus]["label"], sel.depth))])
    nodes = list(g.nodes)
    note = Note([("whole", ())])
    if sel.cls:
        sel = replace(sel, cls=_one_of(sel.cls, {g.nodes[n]["cls"] for n in nodes} | set(STYLE), "class")[0])
    if sel.province:
        provinces = {p for n in nodes for p in g.nodes[n]["province"].split("; ") if p}
        units = set(_one_of(sel.province, provinces, "province"))
        nodes = [n for n in nodes if units & set(g.nodes[n]["province"].split("; "))]
        note = Note([("province", (" + ".join(sorted(units)),))])
    if sel.cls:
        nodes = [n for n in nodes if g.nodes[n]["cls"] == sel.cls or (sel.cls == "Organization"
                                                                      and g.nodes[n]["cls"] == "SteeringCommittee")]
        note.append(("class", (sel.cls,)))
    whole = total if total is not None and not (sel.province or sel.cls) else len(nodes)
    if whole > SUMMARY_ABOVE and not sel.full:
        cls = dict(g.nodes(data="cls"))
        nodes = [n for n in nodes if in_summary(cls[n], (cls[o] for o in g.successors(n)))]
        note.append(("summary", (whole,)))
    return induced(g, nodes), note


def in_summary(cls: str, linked: Iterable[str]) -> bool:
    """Whether a summary draws an entity of class CLS that links to entities of the classes LINKED: an official
    is drawn if they hold a post in a body."""
    return cls in SUMMARY_CLASSES and (cls != "Person" or any(c in ("Organization", "SteeringCommittee") for c in linked))


def _one_of(asked: str, known: set[str], what: str) -> list[str]:
    """The values ASKED names, however it is cased or accented ("gia lai", "person"): a name asked without its
    unit's dates names every unit of that name ("Gia Lai (đến 30/6/2025)" and "Gia Lai (từ 1/7/2025)"). A
    KeyError that says what there is (and the nearest) when it names none: an empty page would say nothing."""
    import difflib

    from ..lang.text import strip_diacritics

    def plain(text: str) -> str:
        return strip_diacritics(text).casefold()

    same = [k for k in known if plain(k) == plain(asked)] or sorted(
        k for k in known if plain(k).split(" (")[0] == plain(asked))
    if same:
        return same
    by_plain: dict[str, set[str]] = {}
    for k in known:  # by its whole label and by its name without the unit's dates
        for key in {plain(k), plain(k).split(" (")[0]}:
            by_plain.setdefault(key, set()).add(k)
    near = sorted({k for n in difflib.get_close_matches(plain(asked), by_plain, n=3, cutoff=0.6) for k in by_plain[n]})
    some = sorted(known)
    hint = (f"did you mean {', '.join(near)}?" if near
            else f"there are: {', '.join(some[:8])}{', …' if len(some) > 8 else ''}")
    raise KeyError(f"no {what} {asked!r} in the graph; {hint}")


def induced(g: nx.DiGraph, nodes) -> nx.DiGraph:
    """The subgraph on `nodes`, in sorted order. (networkx's subgraph views iterate a small node set in
    set order, which changes from one process to the next; the layout depends on the order.)"""
    keep = set(nodes)
    h = nx.DiGraph()
    h.add_nodes_from((n, g.nodes[n]) for n in sorted(keep))
    h.add_edges_from(sorted((s, o, d) for s, o, d in g.edges(data=True) if s in keep and o in keep))
    return h


FORCE_LAYOUT_UP_TO = 400  # the dense force layout costs n² a step: beyond this, one layout per province


def layout(g: nx.DiGraph, iterations: int = 60, seed: int = 7) -> dict[str, tuple[int, int]]:
    """Fruchterman-Reingold on a dense matrix: deterministic for a given graph, fast up to a few thousand nodes."""
    nodes = list(g.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if n > FORCE_LAYOUT_UP_TO:
        small = (lambda members: layout(induced(g, members), seed=seed)) if n <= SUMMARY_ABOVE else None
        return cluster_layout(list(g.nodes(data=True)), seed, small)
    index = {v: i for i, v in enumerate(nodes)}
    adj = np.zeros((n, n), dtype=np.float32)
    for s, o in g.edges:
        adj[index[s], index[o]] = adj[index[o], index[s]] = 1.0
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2), dtype=np.float32)
    k = np.float32(1.0 / np.sqrt(n))
    t = np.float32(0.1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta ** 2).sum(-1))
        np.clip(dist, 0.01, None, out=dist)
        force = k * k / dist ** 2 - adj * dist / k
        disp = (delta * force[:, :, None]).sum(1)
        length = np.sqrt((disp ** 2).sum(-1))
        np.clip(length, 0.01, None, out=length)
        pos += disp * (t / length)[:, None]
        t -= np.float32(0.1 / (iterations + 1))
    pos -= pos.mean(0)
    scale = 100 * np.sqrt(n) / max(float(np.abs(pos).max()), 1e-9)  # fitted, the hubs' labels are readable
    return {v: (int(round(float(pos[i, 0]) * scale)), int(round(float(pos[i, 1]) * scale))) for i, v in enumerate(nodes)}


def cluster_layout(nodes: list[tuple[str, dict]], seed: int = 7,
                   small: Callable[[list[str]], dict[str, tuple[int, int]]] | None = None) -> dict[str, tuple[int, int]]:
    """Each province's entities (of NODES, with their attributes) in a cell of their own on a grid: a force
    layout (SMALL, if given) where the province has few enough entities, a seeded scatter in a disc where it
    has more."""
    groups: dict[str, list[str]] = {}
    for node, data in nodes:
        groups.setdefault(data["province"].split("; ")[0] or "—", []).append(node)
    side = int(np.ceil(np.sqrt(len(groups))))
    rng = np.random.default_rng(seed)
    spacing = 60 * np.sqrt(max(len(v) for v in groups.values()))
    out = {}
    for i, key in enumerate(sorted(groups)):
        members = sorted(groups[key])
        cx, cy = (i % side) * spacing * 2.2, (i // side) * spacing * 2.2
        if len(members) <= FORCE_LAYOUT_UP_TO and small:
            local = small(members)
            reach = max((max(abs(x), abs(y)) for x, y in local.values()), default=1) or 1
            for node, (x, y) in local.items():
                out[node] = (int(cx + x * spacing / reach), int(cy + y * spacing / reach))
            continue
        radius = spacing * np.sqrt(rng.random(len(members)))
        angle = rng.random(len(members)) * 2 * np.pi
        for node, r, a in zip(members, radius, angle):
            out[node] = (int(cx + r * np.cos(a)), int(cy + r * np.sin(a)))
    return out


SOURCES_SHOWN = 5  # a province in ten thousand articles must not list them all
POSTS_SHOWN = 6


def tooltip(data: dict, degree: int) -> str:
    """What hovering shows, in Vietnamese like the page: name, class, provinces, posts, a sentence, sources."""
    lines = [data["label"], STYLE[data["cls"]][0]]
    if data["province"]:
        lines.append(f"Tỉnh: {data['province']}")
    if data.get("posts"):
        posts = data["posts"].split("; ", POSTS_SHOWN)
        lines += [f"Chức vụ: {p}" for p in posts[:POSTS_SHOWN]] + (["…"] if len(posts) > POSTS_SHOWN else [])
    if data.get("evidence"):
        lines.append(f"Trích: {_short(data['evidence'], 300)}")
    lines.append(f"Liên kết: {degree}")
    if data["sources"]:
        sources = data["sources"].split("; ", SOURCES_SHOWN)  # not split whole: a province's run to thousands
        total = data["sources"].count("; ") + 1
        more = f" … (+{total - SOURCES_SHOWN})" if total > SOURCES_SHOWN else ""
        lines.append(f"Nguồn: {'; '.join(sources[:SOURCES_SHOWN])}{more}")
    return "\n".join(lines)


def link_words(names: str) -> str:
    """An edge's label in Vietnamese: "jurisdiction, mentions" -> "địa bàn, nhắc đến"; a post stays as it is."""
    words = _link_words()
    return ", ".join(words.get(n, n) for n in names.split(", "))


@cache
def _link_words() -> dict[str, str]:
    from ..lexicon import table

    return {r.name[len("link."):]: r.vi for r in table("display") if r.name.startswith("link.")}


def render(g: nx.DiGraph, title: str, note: Note) -> str:
    return _page(sorted(g.nodes(data=True)), sorted(g.edges(data=True)), layout(g), dict(g.degree()), title, note)


def _page(nodes: list[tuple[str, dict]], edges: list[tuple[str, str, dict]], pos: dict[str, tuple[int, int]],
          degree: dict[str, int], title: str, note: Note) -> str:
    """The page of these NODES and EDGES (in sorted order), placed at POS."""
    # vis-network scales a node and its label by "value" and draws a label only once it is DRAWN_FROM pixels
    # high: at first sight the best-connected entities are named, the rest as one zooms in, never a heap
    drawn = [{"id": n, "label": _short(d["label"]), "full": d["label"], "cls": d["cls"],  # not "group": vis colours by it
              "title": tooltip(d, degree[n]), "x": pos[n][0], "y": pos[n][1], "province": d["province"],
              "color": STYLE[d["cls"]][1], "shape": STYLE[d["cls"]][2], "value": 1 + degree[n]} for n, d in nodes]
    links = [{"from": s, "to": o, "label": link_words(d["label"]), "arrows": "to"} for s, o, d in edges]
    options = {
        "physics": {"enabled": False}, "interaction": {"hover": True, "tooltipDelay": 120},
        "edges": {"color": {"opacity": 0.45}, "smooth": False, "font": {"size": 9, "color": "#555", "strokeWidth": 3},
                  "scaling": {"label": {"enabled": True, "min": 9, "max": 9, "drawThreshold": 7}}},
        "nodes": {"scaling": {"min": 8, "max": 30, "label": {
            "enabled": True, "min": 12, "max": 30, "maxVisible": 30, "drawThreshold": DRAWN_FROM}}}}
    vis = _vis_network()
    return pages().get_template("view.html").render(
        nodes=drawn, edges=links, options=json.dumps(options), page_title=title, note=note.said("vi"),
        vis_js=(vis / "vis-network.min.js").read_text(encoding="utf-8"),
        vis_css=(vis / "vis-network.css").read_text(encoding="utf-8"),
        legend=[{"cls": c, "name": v[0], "color": v[1]} for c, v in STYLE.items()],
        provinces=_provinces_with_facts(nodes))


def _vis_network() -> Path:
    """The folder of vis-network's script and style as pyvis ships them, found without importing pyvis (whose
    notebook support imports IPython: 0.1 s of an added article's build)."""
    return Path(find_spec("pyvis").submodule_search_locations[0]) / "lib" / "vis-9.1.2"


DRAWN_FROM = 6


def _provinces_with_facts(nodes: list[tuple[str, dict]]) -> list[str]:
    """The provinces the filter offers: those something drawn belongs to, not a unit only named as another's
    successor (mergedInto), which would leave the page empty."""
    return sorted({p for _n, d in nodes if d["cls"] != "Province" for p in d["province"].split("; ") if p})


def _short(label: str, limit: int = 40) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"


def add_share(entities: Entities, share: dict, whole: bool = False) -> None:
    """Merge one article's share of the projection (`Entities.to_json`); past SUMMARY_ABOVE entities keep only
    what the summary draws, unless WHOLE (organizations too: an official is drawn if they hold a post in one)."""
    entities.merge(share)
    if not whole and entities.kept is None and len(entities.seen) > SUMMARY_ABOVE:
        entities.keep_only(SUMMARY_KEEPS)


def write_view(g: nx.DiGraph, path: Path, sel: Selection | None = None, title: str = "dxkg",
               total: int | None = None) -> tuple[int, int, str]:
    """Write the view of an entity graph (`entities.entity_graph`); see `select` for `total`."""
    g, note = select(g, sel or Selection(), total)
    _write(render(g, title, note), path)
    return g.number_of_nodes(), g.number_of_edges(), note


def write_entities(entities: Entities, path: Path, title: str = "dxkg") -> None:
    """The view of a build's merged entities, as `write_view` draws it. Past SUMMARY_ABOVE, the summary's
    entities are picked first, and past SUMMARY_ABOVE of those, drawn from lists, each province's in a disc,
    as `layout` places them (at 10,000 articles, graphs of the 15,000 entities kept, then of those drawn,
    took 0.25 s)."""
    total = len(entities.seen)
    if total <= SUMMARY_ABOVE:
        write_view(entities.graph(), path, title=title, total=total)
        return
    linked: dict[str, list[str]] = {}  # what each entity links to (a link joins two entities kept)
    for s, o in entities.links:
        linked.setdefault(s, []).append(entities.kinds[o])
    note = Note([("whole", ()), ("summary", (total,))])
    nodes, edges = entities.drawn(lambda n: in_summary(entities.kinds[n], linked.get(n, ())))
    if len(nodes) <= SUMMARY_ABOVE:  # laid out by force, province by province: from a graph
        _write(render(as_graph(nodes, edges), title, note), path)
        return
    degree = Counter(n for s, o, _ in edges for n in (s, o))
    _write(_page(nodes, edges, cluster_layout(nodes), degree, title, note), path)


def _write(html: str, path: Path) -> None:
    with atomic_write(path, "w") as f:
        f.write(html)
