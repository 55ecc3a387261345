"""The lexicons: data files in `dxkg/data/`, declared once in `tables.py`, loaded once and shared.

`table(name)` gives a table's rows addressed by column name, `words(name)` its
first column; the functions below are the indexes the stages look things up
in (a post by its folded label, a province by its id or any of its names).
Entries are normalised (text.normalize) so that lookups in normalised text match.
"""
from __future__ import annotations

import re
from functools import cache

from ..lang.text import fold, normalize
from ..model import ProvinceRef
from .tables import TABLES, Table, row_class, table, words

__all__ = ["TABLES", "Table", "table", "words", "row_class", "alternation", "alternatives"]


def alternation(phrases) -> str:
    """A regex alternation of phrases, longest first so the longest wins."""
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


def alternatives(name: str, **where: str) -> str:
    """The regex alternation of a table's words (the rows whose columns match `where`), longest first."""
    return alternation(words(name, **where))


# the classes of the rows, for type annotations elsewhere
Province = row_class("provinces")
Role = row_class("roles")
OrgHead = row_class("organizations")
DocType = row_class("document_types")
Issuer = row_class("issuers")
SteeringTopic = row_class("steering_topics")


@cache
def provinces() -> dict[str, Province]:
    return {p.id: p for p in table("provinces")}


@cache
def province_names() -> dict[str, list[Province]]:
    """Every spelling (name and aliases) -> the units that carry it (old and new Gia Lai)."""
    out: dict[str, list[Province]] = {}
    for p in provinces().values():
        for n in (p.name, *p.aliases):
            out.setdefault(n, []).append(p)
    return out


@cache
def party_committee(unit_kind: str) -> str:
    """The name of a unit's party committee: "Tỉnh ủy" of a tỉnh, "Thành ủy" of a thành phố."""
    return {k.kind: k.party_committee for k in table("unit_kinds")}[unit_kind]


@cache
def abbreviations() -> dict[str, str]:
    return {r.short: r.full for r in table("abbreviations")}


@cache
def outlets() -> dict[str, str]:
    return {r.printed: r.outlet for r in table("outlets")}


@cache
def outlet_provinces() -> dict[str, str]:
    """Outlet name and tag -> the province whose paper, broadcaster or portal it is."""
    out = {}
    for r in table("outlets"):
        if r.province:
            out[r.printed] = out[r.outlet] = r.province
    return out


@cache
def furniture() -> list[tuple[str, re.Pattern]]:
    return [(r.kind, re.compile(r"\s*(?:" + r.pattern + r")\s*", re.I)) for r in table("furniture")]


@cache
def surnames() -> frozenset[str]:
    return frozenset(words("surnames"))


@cache
def not_persons() -> frozenset[str]:
    return frozenset(fold(w) for w in words("not_persons"))


@cache
def honorifics() -> list[str]:
    return sorted(set(words("honorifics")), key=len, reverse=True)


@cache
def roles() -> dict[str, Role]:
    return {fold(r.label): r for r in table("roles")}


@cache
def org_heads() -> dict[str, OrgHead]:
    return {fold(r.head): r for r in table("organizations")}


@cache
def org_kinds() -> dict[str, str]:
    """kind -> how a label of that kind shows the body it belongs to ("within", "bracket")."""
    return {r.kind: r.parent for r in table("org_kinds")}


@cache
def steering_topics() -> dict[str, SteeringTopic]:
    """The canonical topics of steering committees, folded -> its row (the topic spelled out, its acronyms)."""
    return {fold(r.topic): r for r in table("steering_topics")}


@cache
def document_types() -> dict[str, DocType]:
    return {fold(r.label): r for r in table("document_types")}


@cache
def issuers() -> dict[str, Issuer]:
    """issuer code (upper case) -> the body it names and its scope."""
    return {r.code.upper(): r for r in table("issuers")}


@cache
def display(name: str) -> tuple[str, str]:
    """A word the graph shows people (a label, a status), in Vietnamese and English, by its name."""
    row = next(r for r in table("display") if r.name == name)
    return row.vi, row.en


@cache
def province_ref(unit_id: str) -> ProvinceRef:
    """A gazetteer unit as the records carry it: with its code, kind and the unit it merged into."""
    unit = provinces()[unit_id]
    successor = province_ref(unit.successor) if unit.successor else None
    item = wikidata().get(unit.id)
    return ProvinceRef(unit.id, unit.name, unit.code, unit.kind, successor, unit_labels(unit), unit.valid_from,
                       unit.valid_until, item.qid if item else "", bool(item) and _same_unit(item, unit))


def _same_unit(item, unit) -> bool:
    """Whether a unit's Wikidata item is that unit (owl:sameAs) rather than a close one. Wikidata kept one
    item for an old province and the merged one that took its name in 2025; that item now describes the
    merged unit, so it is the new unit's own and the old unit's close match."""
    return item.denotes.startswith("exact") or (item.denotes == "shared" and unit.era == "34")


@cache
def wikidata() -> dict:
    """gazetteer id -> its Wikidata item (a row of wikidata.tsv)."""
    return {r.id: r for r in table("wikidata") if r.qid.startswith("Q")}


def unit_labels(unit) -> tuple[str, str]:
    """The name a person is shown, in Vietnamese and English: a unit that ended or began with the 2025 merger
    says so ("Gia Lai (đến 30/6/2025)", "Gia Lai (từ 1/7/2025)"), since the old and the new share a name."""
    from datetime import date, timedelta

    from babel.dates import format_date

    if unit.valid_until:  # the first day it no longer held
        kind, day = "unit_until", date.fromisoformat(unit.valid_until) - timedelta(days=1)
    elif unit.valid_from:
        kind, day = "unit_from", date.fromisoformat(unit.valid_from)
    else:
        return unit.name, unit.name
    patterns, formats = display(kind), display("unit_date")
    return tuple(p.format(name=unit.name, date=format_date(day, f, locale=loc))
                 for p, f, loc in zip(patterns, formats, ("vi", "en")))


@cache
def _abbreviation_pattern() -> re.Pattern:
    words = [re.escape(s) for s in sorted(abbreviations(), key=len, reverse=True) if not s.endswith(".")]
    dotted = [re.escape(s) for s in abbreviations() if s.endswith(".")]
    return re.compile(r"(?<![\w&-])(" + "|".join(words) + r")(?![\w&-])|(?<!\w)(" + "|".join(dotted) + r")\s*")


def expand(text: str) -> str:
    """Abbreviations to full words, for main labels and keys ("UBND tỉnh" -> "Ủy ban nhân dân tỉnh")."""
    table = abbreviations()
    out = _abbreviation_pattern().sub(lambda m: table[m.group(1)] if m.group(1) else table[m.group(2)] + " ",
                                      normalize(text))
    return " ".join(out.split())


@cache
def date_words() -> list[str]:
    """Words a printed date stamp holds besides the date ("Cập nhật", "Thứ Hai", "GMT")."""
    return words("date_words")


@cache
def widget_words() -> list[tuple[str, str]]:
    """(kind, words) of page widgets, menus and portal tools: ("start", "Đọc báo in"), ("label", "Email")."""
    return [(r.kind, r.words) for r in table("widget_words")]


@cache
def date_cues() -> list[tuple[str, str]]:
    """(kind, regex) of words that date an article without printing its date."""
    return [(r.kind, r.pattern) for r in table("date_cues")]
