"""The grammar of organization names in Vietnamese news.

    HEAD [FIELD | NAME | nested ORG] [SCOPE] [(khóa …)] [(PARENT)]

HEAD comes from `data/organizations.tsv` ("Ủy ban nhân dân", "Sở", "Ban Chỉ
đạo", …, also abbreviated: "UBND", "BCĐ"); FIELD from `data/fields.txt`
("Thông tin và Truyền thông"); SCOPE is "tỉnh Gia Lai", "thành phố Hà Nội",
a bare "tỉnh" (completed with the province the sentence is about), a province
name, or "Trung ương". A steering committee takes a topic from
`data/steering_topics.tsv` or a number ("Ban Chỉ đạo 1287").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import lexicon
from ..identity.keys import expand
from ..lang.text import LOWER, UPPER, fold
from ..model import Org, ProvinceRef
from .component import Component, Context


@dataclass(frozen=True)
class Found:
    org: Org
    start: int
    end: int  # offsets in the parsed string


@cache
def _heads() -> dict[str, lexicon.OrgHead]:
    """Every way a head is written -> its lexicon entry ("UBND" and "Ủy ban nhân dân")."""
    out: dict[str, lexicon.OrgHead] = {}
    for h in lexicon.org_heads().values():
        out[h.head] = h
        for short, full in lexicon.abbreviations().items():
            if full in h.head and not short.endswith("."):
                out[h.head.replace(full, short)] = h
    return out


@cache
def _head_pattern() -> re.Pattern:
    return re.compile(r"(?<!\w)(" + lexicon.alternation(_heads()) + r")(?![\w&])")


@cache
def _field_pattern() -> re.Pattern:
    fields = lexicon.words("fields")
    fields += [f.replace(full, short) for f in fields for short, full in lexicon.abbreviations().items()
               if full in f and not short.endswith(".")]
    fields += [short for short, full in lexicon.abbreviations().items() if full in fields]
    return re.compile(r"\s+(" + lexicon.alternation(fields) + r")(?![\w&])", re.I)


@cache
def _topic_pattern() -> re.Pattern:
    topics = lexicon.steering_topics()
    return re.compile(r"\s+(" + lexicon.alternation(topics) + r"|\d{2,4})(?!\w)", re.I)


@cache
def _scope_pattern() -> re.Pattern:
    names = lexicon.alternation(lexicon.province_names())
    return re.compile(
        r"\s*(?:(?P<kind>tỉnh|Tỉnh|thành phố|Thành phố|TP\.?)\s*(?P<named>" + names + r")?"
        r"|(?P<bare>" + names + r")|(?P<central>Trung ương|trung ương|quốc gia))(?!\w)")


_TERM = re.compile(r"\s*\((?:khóa|nhiệm kỳ)[^)]*\)", re.I)
_NAME = re.compile(rf"\s+((?:[{UPPER}][\w&]*)(?:\s+(?:[{UPPER}][\w&]*|và))*)")
_LOWER_TAIL = re.compile(rf"((?:\s+[{LOWER}]\w*){{1,3}})\s+(?=[{UPPER}])")


def parse_at(text: str, start: int, province: ProvinceRef | None, unit) -> Found | None:
    """The organization whose head starts exactly at `start` in text, if one does.

    `province` completes a bare "tỉnh"; `unit(name)` is the province a written name means."""
    m = _head_pattern().match(text, start)
    if not m:
        return None
    head = _heads()[m.group(1)]
    end = m.end()
    name = ""
    parent = None
    if head.kind == "steering_committee":
        t = _topic_pattern().match(text, end)
        if t:
            topic = t.group(1)
            topic = topic[3:] if topic.lower().startswith("về ") else topic
            canonical = next((x for x in lexicon.steering_topics() if fold(x) == fold(topic)), topic)
            name, end = canonical, t.end()
    elif head.scope == "named":
        if f := _field_pattern().match(text, end):
            name, end = _canonical_field(f.group(1)), f.end()
        elif (nested := parse_at(text, end + 1, province, unit)) is not None and text[end:end + 1] == " ":
            parent, end = nested.org, nested.end
        elif n := _NAME.match(text, end):
            name, end = n.group(1), n.end()
            # lower-case words inside a name that goes on ("Khởi nghiệp nông nghiệp Gia Lai")
            if (tail := _LOWER_TAIL.match(text, end)) and (more := _NAME.match(text, tail.end(1))):
                name, end = name + tail.group(1) + more.group(0), more.end()
        else:
            return None
    scope_province, central = None, False
    if s := _scope_pattern().match(text, end):
        named = s.group("named") or s.group("bare")
        if named:
            scope_province = unit(named)
            end = s.end()
        elif s.group("kind") and not s.group("named"):
            if s.group("kind").lower() == "tỉnh" or head.scope == "province":
                scope_province = province
                end = s.end()
        elif s.group("central"):
            central = True
            name = (name + " Trung ương").strip()
            end = s.end()
    if head.scope == "province" and scope_province is None and not central:
        scope_province = province
    if head.kind == "department" and scope_province is None:
        scope_province = province  # a Sở is always a province's department
    if head.kind == "steering_committee" and not name and scope_province is None and not central:
        return None  # "Ban Chỉ đạo" alone: no telling which
    if parent is not None and scope_province is None:
        scope_province = parent.province
    if t := _TERM.match(text, end):
        end = t.end()
    if (p := re.compile(r"\s*\(").match(text, end)) and (inner := parse_at(text, p.end(), province, unit)):
        close = text.find(")", inner.end)
        if close != -1 and close - inner.end <= 1:
            parent, end = parent or inner.org, close + 1
    return Found(_make(head, name, parent, scope_province), start, end)


def _canonical_field(field: str) -> str:
    expanded = expand(field)
    return next((f for f in lexicon.words("fields") if fold(f) == fold(expanded)), expanded)


def abbreviate(label: str) -> str:
    """The short form news uses: "Ủy ban nhân dân tỉnh Gia Lai" -> "UBND tỉnh Gia Lai"."""
    out = label
    done = set()
    for short, full in lexicon.abbreviations().items():
        if full not in done and short[-1].isalpha() and full[0].isupper() and full in out:
            out = out.replace(full, short)
            done.add(full)
    return out


def _make(head: lexicon.OrgHead, name: str, parent: Org | None, province: ProvinceRef | None) -> Org:
    unit = lexicon.provinces()[province.id] if province else None
    place = f"{unit.kind} {unit.name}" if unit else ""
    alt = []
    if head.kind == "party_committee":
        # the Ban Chấp hành Đảng bộ tỉnh is the Tỉnh ủy: one body, two names
        party = lexicon.party_committee(unit.kind if unit else "tỉnh")
        label = f"{party} {unit.name}" if unit else party
        if unit:
            alt.append(f"Ban Chấp hành Đảng bộ {place}")
    elif head.kind == "party_standing":
        label = f"Ban Thường vụ Tỉnh ủy {unit.name}" if unit else head.head
    else:
        parts = [head.head, name]
        if parent is not None and not name and lexicon.org_kinds().get(head.kind) == "within":
            parts.append(parent.label)  # "Văn phòng" of the UBND tỉnh: "Văn phòng Ủy ban nhân dân tỉnh X"
            parent_in_label = True
        else:
            parent_in_label = False
        if unit and not parent_in_label:
            parts.append(place)
        label = " ".join(p for p in parts if p)
        if parent is not None and not parent_in_label and lexicon.org_kinds().get(head.kind) == "bracket":
            label = f"{label} ({parent.label})"
    label = expand(label)
    label = label[0].upper() + label[1:]
    alt.append(abbreviate(label))
    alts = tuple(dict.fromkeys(a for a in alt if a and a != label))
    return Org(label, head.kind, province if unit else None, alts, parent, head.english)


def find_all(text: str, province_at, unit) -> list[Found]:
    """Every organization named in text, longest first where they overlap."""
    found: list[Found] = []
    taken = 0
    for m in _head_pattern().finditer(text):
        if m.start() < taken:
            continue
        f = parse_at(text, m.start(), province_at(m.start()), unit)
        if f is not None:
            found.append(f)
            taken = f.end
    return found


class Organizations(Component):
    """Every organization the article names, one per mention in text order, and where each sentence names one.

    Which mentions are one body is decided later (People keeps one per key)."""

    adds = ("organizations",)

    def __call__(self, ctx: Context) -> None:
        for s in ctx.article.sentences:
            found = find_all(s.text, lambda at: ctx.near(s, at), ctx.unit)  # noqa: B023 (called at once)
            ctx.organizations_in[s] = found
            ctx.records.organizations.extend(f.org for f in found)
