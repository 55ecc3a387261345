"""The lexicons: data files in `dxkg/data/`, loaded once and shared.

Each file is UTF-8, one entry a line, tab-separated, `#` starts a comment.
Entries are normalised (text.normalize) so that lookups in normalised text match.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from ..lang.text import fold, normalize


def rows(name: str) -> list[list[str]]:
    """The non-comment lines of a data file, split on tabs and normalised."""
    text = files("dxkg").joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append([normalize(c).strip() for c in line.split("\t")])
    return out


def words(name: str) -> list[str]:
    return [r[0] for r in rows(name)]


def alternation(phrases) -> str:
    """A regex alternation of phrases, longest first so the longest wins."""
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


@dataclass(frozen=True)
class Province:
    id: str
    name: str
    code: str
    era: str  # "63", "34" or "63+34"
    kind: str  # "tỉnh" | "thành phố"
    successor: str
    aliases: tuple[str, ...]


@cache
def provinces() -> dict[str, Province]:
    header, *body = rows("provinces.tsv")
    out = {}
    for r in body:
        r += [""] * (len(header) - len(r))
        rec = dict(zip(header, r))
        out[rec["id"]] = Province(rec["id"], rec["name"], rec["code"], rec["era"], rec["kind"],
                                  rec["successor"], tuple(a for a in rec["aliases"].split("|") if a))
    return out


@cache
def province_names() -> dict[str, list[Province]]:
    """Every spelling (name and aliases) -> the units that carry it (old and new Gia Lai)."""
    out: dict[str, list[Province]] = {}
    for p in provinces().values():
        for n in (p.name, *p.aliases):
            out.setdefault(n, []).append(p)
    return out


@cache
def abbreviations() -> dict[str, str]:
    return {r[0]: r[1] for r in rows("abbreviations.tsv")}


@cache
def outlets() -> dict[str, str]:
    return {r[0]: r[1] for r in rows("outlets.tsv")}


@cache
def furniture() -> list[tuple[str, re.Pattern]]:
    return [(r[0], re.compile(r"\s*(?:" + r[1] + r")\s*", re.I)) for r in rows("furniture.tsv")]


@cache
def surnames() -> frozenset[str]:
    return frozenset(words("surnames.txt"))


@cache
def not_persons() -> frozenset[str]:
    return frozenset(fold(w) for w in words("not_persons.txt"))


@cache
def honorifics() -> list[str]:
    return sorted(set(words("honorifics.txt")), key=len, reverse=True)


@dataclass(frozen=True)
class Role:
    label: str
    english: str
    implied_org: str
    shared_head: str  # "Ban" for "Trưởng ban": the post's last word starts the organization's name


@cache
def roles() -> dict[str, Role]:
    out = {}
    for r in rows("roles.tsv"):
        r += [""] * (4 - len(r))
        out[fold(r[0])] = Role(r[0], r[1], r[2], r[3])
    return out


@dataclass(frozen=True)
class OrgHead:
    head: str
    kind: str
    english: str
    scope: str  # province | national | named


@cache
def org_heads() -> dict[str, OrgHead]:
    return {fold(r[0]): OrgHead(r[0], r[1], r[2], r[3]) for r in rows("organizations.tsv")}


@cache
def steering_topics() -> list[str]:
    return words("steering_topics.tsv")


@dataclass(frozen=True)
class DocType:
    label: str
    english: str
    code: str


@cache
def document_types() -> dict[str, DocType]:
    out = {}
    for r in rows("document_types.tsv"):
        r += [""] * (3 - len(r))
        out[fold(r[0])] = DocType(r[0], r[1], r[2])
    return out


@cache
def issuers() -> dict[str, tuple[str, str]]:
    return {r[0].upper(): (r[1], r[2]) for r in rows("issuers.tsv")}


@cache
def date_words() -> list[str]:
    """Words a printed date stamp holds besides the date ("Cập nhật", "Thứ Hai", "GMT")."""
    return words("date_words.txt")


@cache
def widget_words() -> list[tuple[str, str]]:
    """(kind, words) of page widgets, menus and portal tools: ("start", "Đọc báo in"), ("label", "Email")."""
    return [(r[0], r[1]) for r in rows("widget_words.tsv")]


@cache
def date_cues() -> list[tuple[str, str]]:
    """(kind, regex) of words that date an article without printing its date (date_cues.tsv)."""
    return [(r[0], r[1]) for r in rows("date_cues.tsv")]
