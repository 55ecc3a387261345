"""A page per province (`OUT/provinces/<id>.html`, and `/id/province/<id>` on `dxkg serve`).

What the articles of the build say of one province: its DTI rank and pillars over the years as a chart;
each canonical indicator as a time series, targets beside achieved values; its officials as a timeline of
posts; its documents and the targets each set; its meetings. Every value carries the sentence it was
read from and the article that printed it. The charts are SVG drawn here, so the page needs no script and
nothing from a network; every text from an article reaches the page through the template's escaping.
"""
from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby
from pathlib import Path

from pyoxigraph import Store

from ..rdf.vocab import PREFIXES
from .files import write_page
from .order import order_by, ordered_by, term_order
from .pages import pages

FOLDER = "provinces"
DTI = {"dti-rank": "Chỉ số DTI", "dti-government-rank": "Chính quyền số", "dti-economy-rank": "Kinh tế số",
       "dti-society-rank": "Xã hội số"}
COLOURS = ("#08519c", "#d94801", "#238b45", "#6a51a3")
# what a province page is made of; AREA is where the one province asked for is bound, or nothing for all. Each
# is ordered by every variable it gives, so a province's rows come in the same order asked for alone or with all
FIGURES = """SELECT ?area ?code ?indicator ?phrase ?match ?unit ?year ?status ?value ?sentence ?article ?headline
  ?published ?url ?file WHERE { AREA
  ?o a dxo:Observation ; dxo:refArea ?area ; dxo:value ?value ; dxo:status ?s ; dxo:indicator ?i ;
     dxo:evidence ?sentence ; prov:wasDerivedFrom ?article .
  ?i skos:prefLabel ?phrase . FILTER(lang(?phrase) = "vi")
  ?article dxo:sourceFile ?file .
  OPTIONAL { ?o dxo:refPeriod ?year } OPTIONAL { ?o dxo:unit ?u }
  OPTIONAL { ?article schema:headline ?headline } OPTIONAL { ?article schema:datePublished ?published }
  OPTIONAL { ?article schema:url ?url }
  # the links of the phrase-level indicators, read once and joined (a left join per row read them each time)
  OPTIONAL { SELECT ?i ?m ?code ?indicator WHERE { ?i ?m ?c . FILTER(?m IN (skos:exactMatch, skos:broadMatch))
             ?c skos:notation ?code ; skos:prefLabel ?indicator . FILTER(lang(?indicator) = "vi") } }
  # the values computed last: a BIND between patterns makes the engine join what follows it row by row
  BIND(IF(BOUND(?m), REPLACE(STR(?m), "^.*#", ""), "") AS ?match)
  BIND(COALESCE(REPLACE(STR(?u), "^.*[#/]", ""), "") AS ?unit)
  BIND(IF(?s = dxo:Target, "mục tiêu", "đạt được") AS ?status)
} ORDER BY ?area ?code ?year ?status ?value ?file ?sentence ?indicator ?phrase ?match ?unit ?article ?headline
  ?published ?url"""
TENURES = """SELECT ?area ?holder ?post ?body ?first ?last WHERE { AREA
  ?t a dxo:Tenure ; org:member/rdfs:label ?holder ; org:role/rdfs:label ?post ; org:organization ?b .
  ?b rdfs:label ?body ; dxo:jurisdiction ?area .
  # given together; one OPTIONAL for both was evaluated for every tenure before the join (0.1 s a page)
  OPTIONAL { ?t dxo:firstReportedOn ?first } OPTIONAL { ?t dxo:lastReportedOn ?last }
} ORDER BY ?area ?body ?post ?first ?holder ?last"""
DOCUMENTS = """SELECT ?area ?document ?notation ?issuer ?target ?targetYear ?doc WHERE { AREA
  # each document of the province once (a target set there is one row a target: joined with the targets
  # below, the rows grew with the square of the targets)
  { SELECT DISTINCT ?doc ?area WHERE { { ?doc dxo:issuedBy/dxo:jurisdiction ?area }
                                       UNION { ?o dxo:setBy ?doc ; dxo:refArea ?area } } }
  ?doc a dxo:LegalDocument ; rdfs:label ?document .
  OPTIONAL { ?doc skos:notation ?notation } OPTIONAL { ?doc dxo:issuedBy/rdfs:label ?issuer }
  OPTIONAL { ?t dxo:setBy ?doc ; dxo:refArea ?area ; dxo:value ?v ; dxo:indicator/skos:prefLabel ?phrase .
             FILTER(lang(?phrase) = "vi") OPTIONAL { ?t dxo:refPeriod ?targetYear } OPTIONAL { ?t dxo:unit ?tu }
             BIND(CONCAT(STR(?v), IF(?tu = dxo:Percent, "%", ""), " · ", ?phrase) AS ?target) }
} ORDER BY ?area ?document ?issuer ?targetYear ?target ?doc ?notation"""
MEETINGS = """SELECT DISTINCT ?area ?date ?meeting ?place WHERE {
  # organized, or chaired by who holds a post there; the province bound in each branch, from which it is read
  # (bound outside, every meeting and chair was joined first: 0.46 s a page at 10,000 articles, then 0.06), and
  # the meeting's name read in each branch (joined after, every meeting's was read: 0.06 s a page, in it 0.01)
  { SELECT DISTINCT ?e ?area ?meeting WHERE {
      { AREA ?o dxo:jurisdiction ?area . ?e schema:organizer ?o ; a dxo:Event ; rdfs:label ?meeting }
      UNION { AREA ?b dxo:jurisdiction ?area . ?t org:organization ?b ; a dxo:Tenure ; org:member ?chair .
              ?e dxo:chairedBy ?chair ; a dxo:Event ; rdfs:label ?meeting } } }
  OPTIONAL { ?e schema:startDate ?date } OPTIONAL { ?e schema:location ?place }
} ORDER BY ?area ?date ?meeting ?place"""
NAMES = """SELECT ?area ?name WHERE { AREA ?area a dxo:Province ; skos:prefLabel ?name . FILTER(lang(?name) = "vi")
} ORDER BY ?area"""

# the provinces whose pages could use one of the triples added or removed (`stale`): for each pattern of the
# queries above, the way back from a triple it matches (?s ?p ?o, bound where a branch says CHANGED: each
# branch is evaluated on its own, so each binds them itself) to the ?area
REACH = """SELECT DISTINCT ?area WHERE {
  { CHANGED ?s a dxo:Province BIND(?s AS ?area) }               # the province's name
  UNION { CHANGED ?s dxo:refArea ?area }                        # a figure, a target
  UNION { CHANGED FILTER(?p IN (skos:prefLabel, skos:exactMatch, skos:broadMatch))  # its indicator
          ?x dxo:indicator ?s ; dxo:refArea ?area }
  UNION { CHANGED FILTER(?p IN (skos:notation, skos:prefLabel))  # the canonical indicator it is
          ?x dxo:indicator/(skos:exactMatch|skos:broadMatch) ?s ; dxo:refArea ?area }
  UNION { CHANGED ?x prov:wasDerivedFrom ?s ; dxo:refArea ?area }  # its article
  UNION { CHANGED ?s dxo:jurisdiction ?area }                    # a body
  UNION { CHANGED ?s org:organization|schema:organizer ?b . ?b dxo:jurisdiction ?area }  # a post held there, a
  # meeting organized; a document issued there or setting a target there (what its page shows of one: a document
  # named by many articles of many provinces is on their pages, but not what each article says of it)
  UNION { CHANGED FILTER(?p IN (rdf:type, rdfs:label, skos:notation, dxo:issuedBy))
          ?s dxo:issuedBy ?b . ?b dxo:jurisdiction ?area }
  UNION { CHANGED FILTER(?p IN (rdf:type, rdfs:label, skos:notation, dxo:issuedBy))
          ?x dxo:setBy ?s ; dxo:refArea ?area }
  UNION { CHANGED FILTER(?p = rdfs:label)                        # its issuer
          ?x dxo:setBy/dxo:issuedBy ?s ; dxo:refArea ?area }
  UNION { CHANGED FILTER(?p = rdfs:label)                        # the name of a holder, a post
          ?t org:member|org:role ?s ; org:organization/dxo:jurisdiction ?area }
  UNION { CHANGED ?s dxo:chairedBy ?c . ?t org:member ?c ; org:organization/dxo:jurisdiction ?area }  # a meeting
}"""  # chaired by who holds a post there


@dataclass
class Province:
    """What a page shows of one province, gathered by the queries above."""

    id: str
    name: str = ""
    figures: list[dict] = field(default_factory=list)
    tenures: list[dict] = field(default_factory=list)
    documents: dict[str, dict] = field(default_factory=dict)
    meetings: list[dict] = field(default_factory=list)


def gather(store: Store, area: str | None = None) -> dict[str, Province]:
    """Every province something is said of (or the one whose IRI is AREA), with what is said."""
    return {p.id: p for p in each(store, area)}


def each(store: Store, area: str | None = None) -> Iterator[Province]:
    """`gather`'s provinces one at a time, in the order of their IRIs: every query is asked in the order of
    ?area, so their rows are merged province by province and only one province's rows are held at a time (at
    10,000 articles, drawing the pages peaked at 384 MB holding all of them, and at 264 MB so). A province's
    rows of each query are put in its order here, as the engine would (`order`): the engine's sort was most
    of a page's time (0.36 s a page at 10,000 articles, 0.22 without); rows this cannot order (literals of
    other kinds) are asked for again, in the engine's order."""
    queries = {"figures": FIGURES, "tenures": TENURES, "documents": DOCUMENTS, "meetings": MEETINGS,
               "names": NAMES}

    def rows(kind: str, query: str, area: str | None, by: list[str]) -> Iterator[tuple[str, str, dict, tuple | None]]:
        result = store.query(query.replace("AREA", f"VALUES ?area {{ <{area}> }}" if area else ""),
                             prefixes=dict(PREFIXES))
        names = [v.value for v in result.variables]
        at, area_at = [names.index(v) for v in by], names.index("area")
        places: dict = {}  # term -> its place: the same articles, indicators and years come again and again
        for r in result:
            terms = tuple(r)  # by position: by name, each cell cost a lookup
            try:
                place = tuple(places[t] if t in places else places.setdefault(t, term_order(t))
                              for t in map(terms.__getitem__, at))
            except ValueError:
                place = None
            yield terms[area_at].value, kind, {n: t.value if t is not None else "" for n, t in zip(names, terms)}, place

    def in_order(iri: str, kind: str, said: list[tuple[dict, tuple | None]]) -> list[dict]:
        try:
            return [row for row, _ in sorted(said, key=lambda pair: pair[1])]
        except TypeError:  # a place None, or two kinds of literal: the engine's order
            return [row for _, _, row, _ in rows(kind, queries[kind], iri, [])]

    merged = heapq.merge(*(rows(kind, ordered_by(query, ["area"]), area, order_by(query))
                           for kind, query in queries.items()), key=lambda x: x[0])
    for iri, said in groupby(merged, key=lambda x: x[0]):
        p = Province(_id(iri))
        by_kind: dict[str, list] = defaultdict(list)
        for _, kind, row, place in said:
            by_kind[kind].append((row, place))
        for kind in queries:
            for row in in_order(iri, kind, by_kind[kind]):
                _add(p, kind, row)
        if p.figures or p.tenures or p.documents or p.meetings:
            yield p


def _add(p: Province, kind: str, row: dict) -> None:
    if kind == "figures":
        if not row["url"].startswith(("https://", "http://")):
            row["url"] = ""  # a link that is not to a web page (javascript:, data:) is not kept
        p.figures.append(row)
    elif kind == "documents":
        doc = p.documents.setdefault(row["doc"], {**row, "targets": []})
        target = row["target"] + (f" ({row['targetYear']})" if row["targetYear"] else "")
        if row["target"] and target not in doc["targets"]:
            doc["targets"].append(target)
    elif kind == "names":
        p.name = row["name"]
    else:
        getattr(p, kind).append(row)


def chart(series: dict[str, list[dict]], invert: bool = False, width: int = 560, height: int = 220) -> dict:
    """Where a line chart puts its marks: one line per series over the years, a dot per value (hollow for a
    target); INVERT puts the smallest value on top (a rank: 1 is best)."""
    points = [p for ps in series.values() for p in ps]
    years = sorted({int(p["year"]) for p in points})
    values = [float(p["value"]) for p in points]
    low, high = min(values), max(values)
    left, right, top, bottom = 44, 28, 12, 28

    def x(year: int) -> float:
        span = years[-1] - years[0]
        return left + (width - left - right) * ((year - years[0]) / span if span else 0.5)

    def y(value: float) -> float:
        t = (value - low) / (high - low) if high > low else 0.5
        return top + (height - top - bottom) * (t if invert else 1 - t)

    lines = []
    for (label, ps), colour in zip(sorted(series.items()), COLOURS * 4):
        actual = sorted((int(p["year"]), float(p["value"])) for p in ps if p["status"] != "mục tiêu")
        lines.append({"label": label, "colour": colour,
                      "points": " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in actual),
                      "dots": [{"x": round(x(int(p["year"])), 1), "y": round(y(float(p["value"])), 1),
                                "target": p["status"] == "mục tiêu",
                                "title": f"{label}, {p['year']}: {_number(p['value'])} ({p['status']})"} for p in ps]})
    ticks = sorted({low, high, *([] if high - low < 2 else [round((low + high) / 2)])})
    return {"width": width, "height": height, "lines": lines, "bottom": height - bottom, "left": left,
            "xticks": [{"x": round(x(yr), 1), "label": yr} for yr in years],
            "yticks": [{"y": round(y(v), 1), "label": _number(v)} for v in ticks]}


def _number(value) -> str:
    d = Decimal(str(value)).normalize()
    return f"{d:f}".replace(".", ",")


def page(p: Province, links: str = "files") -> str:
    """The page of province P; LINKS "files" (beside the build's other pages) or "served" (by dxkg serve)."""
    dated = [f for f in p.figures if f["year"]]
    dti = defaultdict(list)
    for f in dated:
        if f["code"] in DTI and f["match"] == "exactMatch":
            dti[DTI[f["code"]]].append(f)
    series = defaultdict(list)
    for f in dated:
        if f["code"] and f["match"] == "exactMatch" and f["code"] not in DTI:
            series[(f["indicator"], f["unit"])].append(f)
    indicators = [{"label": label, "unit": unit, "figures": fs,  # a chart once there is a line to draw
                   "chart": chart({label: fs}, invert=unit == "Rank") if len({f["year"] for f in fs}) > 1 else None}
                  for (label, unit), fs in sorted(series.items())]
    years = sorted({int(t[k][:4]) for t in p.tenures for k in ("first", "last") if t[k]})
    return pages().get_template("province.html").render(
        p=p, dti=chart(dti, invert=True) if dti else None, dti_figures=sorted(
            (f for fs in dti.values() for f in fs), key=lambda f: (f["year"], f["code"])),
        indicators=indicators, other=[f for f in p.figures if f["match"] != "exactMatch"],
        timeline=_timeline(p.tenures, years), number=_number,
        map_href="/map" if links == "served" else "../map.html")


def _timeline(tenures: list[dict], years: list[int], width: int = 560) -> dict | None:
    """A bar per post from the year it was first reported to the year it was last."""
    if not years:
        return None
    first, last = years[0], years[-1] + 1
    scale = (width - 8) / (last - first)
    bars = [{**t, "x": round(4 + (int(t["first"][:4]) - first) * scale, 1),
             "w": round(max(scale * (int(t["last"][:4]) + 1 - int(t["first"][:4])), 4), 1)}
            for t in tenures if t["first"]]
    return {"width": width, "bars": bars, "height": 22 * len(bars) + 24,
            "ticks": [{"x": round(4 + (yr - first) * scale, 1), "label": yr} for yr in range(first, last)]}


def write(outdir: Path, store_folder: Path, areas: set[str] | None = None, threads: int = 1) -> None:
    """A page per province something is said of, in OUT/provinces/ (pages no province needs any more go); with
    AREAS (the IRIs of provinces), only theirs are drawn again, THREADS at a time (the engine answers a page's
    queries without holding Python's lock: the two provinces an added article reaches are drawn together)."""
    store = Store.read_only(str(store_folder))
    folder = outdir / FOLDER
    if areas is None:
        drawn = ((p.id, page(p)) for p in each(store))
    else:
        with ThreadPoolExecutor(max(1, threads)) as pool:
            drawn = [one for ones in pool.map(lambda area: [(p.id, page(p)) for p in each(store, area)],
                                               sorted(areas)) for one in ones]
    found = set()
    for name, html in drawn:
        write_page(folder / f"{name}.html", html)
        found.add(name)
    asked = {_id(area) for area in areas} if areas is not None else \
        {f.stem for f in folder.glob("*.html")} if folder.exists() else set()
    for gone in asked - found:
        (folder / f"{gone}.html").unlink(missing_ok=True)


def _id(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]
