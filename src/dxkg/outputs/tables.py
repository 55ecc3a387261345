"""The CSV tables: observations, memberships (officials and their posts) and documents.

`table_rows` reads the rows off a graph's triples (`facts.Facts`): one
article's in a build's worker, or a whole loaded graph's for `dxkg export -f
csv`. A build merges the articles' rows with `Tables`; a whole graph's rows
go through the same merge, so both sort and fill the cells alike.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import Quad

from ..rdf.vocab import DXO, ORG, SCHEMA
from .facts import Facts, Term
from .files import write_csv

TABLES = {  # file -> its columns (English names; values as the graph holds them). Each row starts with the IRI
    # of what it is about and ends with the IRIs of what it names, to join back to the graph; a province is
    # shown by its display label, which tells the old and the new unit of one name apart.
    "observations": ["observation", "province", "indicator", "value", "max_value", "out_of", "unit", "status",
                     "year", "qualifier", "document", "article", "sentence",
                     "province_iri", "indicator_iri", "document_iri", "article_iri"],
    "memberships": ["membership", "person", "post", "post_en", "organization", "province", "reported_on",
                    "reported_on_precision", "article", "sentence",
                    "person_iri", "post_iri", "organization_iri", "province_iri", "article_iri"],
    "documents": ["document", "notation", "type", "label", "issuer", "issued_on", "subject", "implements",
                  "articles", "issuer_iri", "implements_iri", "article_iris"],
}
PRECISION = {"gYear": "year", "gYearMonth": "month", "date": "day"}  # a date's datatype -> what it is known to


# A cell a spreadsheet would run as a formula (or a DDE command: "=cmd|' /C calc'!A0", "@SUM(…)", "-2+3+cmd|…"):
# article text is data from anyone, so such a cell gets a leading single quote, as OWASP recommends ("CSV
# Injection"); a spreadsheet shows the text, and a plain number ("-3", "+84") is left as it is.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def spreadsheet_safe(cell: str) -> str:
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def safe_rows(rows: Iterable[list[str]]) -> Iterator[list[str]]:
    """The rows as they are written to a CSV file: every cell `spreadsheet_safe`."""
    return ([spreadsheet_safe(cell) for cell in row] for row in rows)


def membership_order(row: list[str]) -> list[str]:
    """Where a membership's row goes in memberships.csv: by person, post, body and source, then its IRI."""
    return [row[1], row[2], row[4], row[8], row[0]]


def written_memberships(rows: list[list[str]]) -> list[list]:
    """Membership rows as written to memberships.csv, each with where it goes ([`membership_order`, its line]):
    a build writes each row once, when its chunk of articles is first merged, and the table by putting the
    lines in order (at 10,000 articles, writing every row each time took 0.2 s of an added article's build)."""
    import csv
    import io

    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    out = []
    for row in rows:
        start = text.tell()
        writer.writerow([spreadsheet_safe(cell) for cell in row])
        out.append([membership_order(row), text.getvalue()[start:]])
    return out


class Describer:
    """One cell at a time: a resource's value for a property (its local name), or the label of the resource
    it points to. Vietnamese (or untagged) values first; of several, the first the graph gives."""

    def __init__(self, facts: Facts):
        self.facts = facts
        self.labels: dict[str, str] = {}

    def of(self, subject: Term) -> dict[str, list[Term]]:
        return self.facts.by_name(subject)

    def iri(self, facts: dict, key: str) -> str:
        return facts[key][0].value if facts.get(key) else ""

    def one(self, facts: dict, key: str, label: bool = False, lang: str | None = "vi") -> str:
        values = facts.get(key, [])
        if lang is not None:
            values = [v for v in values if getattr(v, "language", None) in (lang, None)] or values
        if not values:
            return ""
        return self.label(values[0]) if label else values[0].value

    def sentence(self, facts: dict) -> str:
        """The sentence a fact was read from: its own (an observation's) or its mention's (anything else)."""
        mention = facts.get("qualifiedDerivation", [None])[0]
        return self.one(facts, "evidence") or (self.one(self.of(mention), "evidence") if mention else "")

    def label(self, term) -> str:
        """The name `Facts.shown` gives (Vietnamese first), else the IRI's fragment in lower case (dxo:Percent ->
        'percent')."""
        if term.value not in self.labels:
            name = self.facts.name(term)
            self.labels[term.value] = name.value if name is not None else term.value.rsplit("#", 1)[-1].lower()
        return self.labels[term.value]


def table_rows(graph: Facts | Iterable[Quad]) -> dict[str, list[list[str]]]:
    """The rows of every table from these triples; memberships and documents still to be merged by `Tables`."""
    g = Facts.of(graph)
    d = Describer(g)
    articles = g.of_class(DXO + "Article")
    source = {a.value: d.one(d.of(a), "sourceFile") for a in articles}
    return {"observations": _observations(g, d, source), "memberships": _memberships(g, d, source),
            "documents": _documents(g, d, articles, source)}


def _observations(g: Facts, d: Describer, source: dict[str, str]) -> list[list[str]]:
    rows = []
    for o in g.of_class(DXO + "Observation"):
        f = d.of(o)
        article = d.one(f, "wasDerivedFrom")
        rows.append([o.value, d.one(f, "refArea", True), d.one(f, "indicator", True), d.one(f, "value"),
                     d.one(f, "maxValue"), d.one(f, "outOf"), d.one(f, "unit", True),
                     d.one(f, "status").rsplit("#", 1)[-1].lower(), d.one(f, "refPeriod"), d.one(f, "qualifier"),
                     d.one(f, "setBy", True), source.get(article, ""), d.one(f, "evidence"),
                     d.iri(f, "refArea"), d.iri(f, "indicator"), d.iri(f, "setBy"), article])
    return sorted(rows, key=lambda r: (r[11], r[1], r[2], r[3], r[0]))  # article, province, indicator, value


def _memberships(g: Facts, d: Describer, source: dict[str, str]) -> list[list[str]]:
    rows = []
    for m in g.of_class(ORG + "Membership"):
        f = d.of(m)
        if not f.get("wasDerivedFrom"):  # a dxo:Tenure, which gathers the articles' reports listed here
            continue
        org = f.get("organization", [None])[0]
        role = f.get("role", [None])[0]
        reported = f.get("reportedOn", [None])[0]
        article = d.one(f, "wasDerivedFrom")
        place = d.of(org) if org else {}
        rows.append([m.value, d.one(f, "member", True), d.one(f, "role", True),
                     d.one(d.of(role), "prefLabel", lang="en") if role else "", d.one(f, "organization", True),
                     d.one(place, "jurisdiction", True), d.one(f, "reportedOn"),
                     PRECISION.get(reported.datatype.value.rsplit("#", 1)[-1], "") if reported else "",
                     source.get(article, ""), d.sentence(f),
                     d.iri(f, "member"), d.iri(f, "role"), d.iri(f, "organization"), d.iri(place, "jurisdiction"),
                     article])
    return rows  # sorted by `Tables`, after merging


def _documents(g: Facts, d: Describer, articles: list[Term], source: dict[str, str]) -> list[list[str]]:
    mentioned: dict[str, set[str]] = {}
    for a in articles:
        for x in g.objects(a, SCHEMA + "mentions"):
            mentioned.setdefault(x.value, set()).add(a.value)
    rows = []
    for doc in g.of_class(DXO + "LegalDocument"):
        f = d.of(doc)
        implements = f.get("implements", [None])[0]
        named_in = sorted(mentioned.get(doc.value, ()))
        if not named_in:  # a document of the reference data no article names
            continue
        rows.append([doc.value, d.one(f, "notation"), d.one(f, "documentType"), d.one(f, "label"),
                     d.one(f, "issuedBy", True), d.one(f, "datePublished"), d.one(f, "subject"),
                     d.one(d.of(implements), "notation") if implements else "",
                     " ".join(sorted(source[a] for a in named_in)), d.iri(f, "issuedBy"), d.iri(f, "implements"),
                     " ".join(named_in)])
    return rows  # sorted by `Tables`, after merging


LISTS = {TABLES["documents"].index(c) for c in ("articles", "article_iris")}  # cells that gather every article's


class Tables:
    """The membership and document tables merged from the rows of many articles (`table_rows` of each).

    A document's cells come from the first article that gives them; its `articles` and `article_iris` cells
    list all."""

    def __init__(self) -> None:
        self.memberships: list[list[str]] = []
        self.documents: dict[str, list[str]] = {}

    def merge(self, part: dict) -> None:
        self.memberships += part["memberships"]
        for cells in part["documents"]:
            have = self.documents.setdefault(cells[0], cells)
            if have is not cells:
                for i, (a, b) in enumerate(zip(have, cells)):
                    have[i] = " ".join(sorted(set(a.split()) | set(b.split()))) if i in LISTS else a or b

    def rows(self) -> dict[str, list[list[str]]]:
        return {"memberships": sorted(self.memberships, key=membership_order), "documents": self.document_rows()}

    def document_rows(self) -> list[list[str]]:
        return sorted(self.documents.values(), key=lambda r: (r[1], r[3], r[0]))


def write_tables(graph: Facts | Iterable[Quad], folder: Path) -> list[Path]:
    """The CSV tables of a whole graph (`dxkg export -f csv`), e.g. the default graph of a loaded store."""
    rows = table_rows(graph)
    tables = Tables()
    tables.merge(rows)
    written = []
    for name, body in {"observations": rows["observations"], **tables.rows()}.items():
        path = folder / f"{name}.csv"
        write_csv(path, TABLES[name], safe_rows(body))
        written.append(path)
    return written
