"""Where a term falls in SPARQL's ORDER BY, as Oxigraph orders: an answer put in order here, by the variables
its query names, comes out as the engine would give it (`stale` splices kept answers by it; a province page
sorts its rows by it, which was most of the time the engine took to answer a page's queries)."""
from __future__ import annotations

import re
from decimal import Decimal

from pyoxigraph import BlankNode, Literal, NamedNode

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
NUMBERS = {XSD + t for t in ("integer", "decimal")}
DATES = {XSD + t for t in ("gYear", "gYearMonth", "date")}


def term_order(term) -> tuple:
    """Where TERM (None: unbound) falls: unbound, blank nodes, IRIs, then literals; strings by their code points,
    numbers by their value, ISO years, months and days by their text (as Oxigraph orders them, of one kind or
    several: four-digit years, no time zone). Literals of two of these kinds cannot be compared (TypeError),
    and a literal of any other kind raises ValueError: the answer cannot be put in order here."""
    if term is None:
        return (0, "")
    if isinstance(term, BlankNode):
        return (1, term.value)
    if isinstance(term, NamedNode):
        return (2, term.value)
    if not isinstance(term, Literal):
        raise ValueError(f"{term} cannot be put in order by its text")
    kind = term.datatype.value
    if term.language or kind == XSD_STRING:
        return (3, term.value, term.language or "")
    if kind in NUMBERS:
        return (3, Decimal(term.value))
    if kind in DATES and re.fullmatch(r"\d{4}(-\d\d){0,2}", term.value):
        return (3, term.value.encode())  # bytes: compared with neither a string nor a number
    raise ValueError(f"{term} cannot be put in order by its text")


def order_by(query: str) -> list[str]:
    """The variables QUERY's answer is ordered by (its last ORDER BY); ValueError if it is ordered by anything else."""
    clause = query.rsplit("ORDER BY", 1)[1].split() if "ORDER BY" in query else []
    if not clause or not all(re.fullmatch(r"\?\w+", v) for v in clause):
        raise ValueError("an answer is put in order here only when it is ordered by plain variables")
    return [v[1:] for v in clause]


def ordered_by(query: str, variables: list[str]) -> str:
    """QUERY with its last ORDER BY replaced by one by VARIABLES."""
    return query.rsplit("ORDER BY", 1)[0] + "ORDER BY " + " ".join(f"?{v}" for v in variables)
