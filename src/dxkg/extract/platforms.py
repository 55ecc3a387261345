"""Digital platforms: portals, information systems, databases, apps, e-commerce floors.

    HEAD DESCRIPTION [của tỉnh | tỉnh X | X] [do ORG quản lý] [, địa chỉ: URL]

HEAD comes from `data/platforms.tsv`. A plural or generic phrase ("các hệ
thống", "hệ thống chính trị", `data/generic_platforms.txt`) is not one
platform. A name with "quốc gia" is a national platform: one IRI across
provinces. A shorter mention of a platform the article names in full
("Sàn giao dịch thương mại điện tử" after "… Gia Lai") is the same platform.
"""
from __future__ import annotations

import re
from functools import cache

from .. import lexicon
from ..lang.text import LOWER, UPPER, fold
from ..model import Platform, Sentence
from . import orgs
from .component import Component, Context

URL = r"(?:https?://[^\s,;()\"“”<>]+|(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.vn|vn|com|net|org)(?:/[^\s,;()]*)?)"
_LIST_TAIL = re.compile(rf"(?:,\s*[{LOWER}]+(?:\s[{LOWER}]+)?)+(?=\s+(?:do|của|được|đã|đang)\b|[.;])")
_SCOPE = re.compile(r"\s+(?:của\s+tỉnh|của\s+thành phố|(?:trên địa bàn\s+)?(?:tỉnh|thành phố)\s+(?P<named>{names})"
                    r"|(?P<bare>{names}))(?!\w)")
_OPERATOR = re.compile(r"\s+do\s+")
_SHORT_NAME = re.compile(r"(?<![\w-])(C-[A-Z][A-Za-z]+|[A-Z][A-Za-z]*-?[A-Z]{2,}[A-Za-z]*)(?![\w-])")


@cache
def _url_after() -> re.Pattern:
    labels = lexicon.alternation(lexicon.words("url_labels"))
    return re.compile(r"\s*,?\s*(?:tại\s+)?(?:" + labels + r")\s*:?\s*(" + URL + ")"
                      r"|\s*\((" + URL + r")\)", re.I)


@cache
def _stop() -> re.Pattern:
    """Where a platform's name ends: a verb or preposition, "và" before a capital, punctuation, a spaced dash."""
    stops = lexicon.alternation(lexicon.words("platform_stops"))
    return re.compile(r"\s+(?:" + stops + r"|và\s+(?=[" + UPPER + r"]))\b|[,;.:()\"“”…!?]|\s+[-–]\s+|$")


@cache
def _plural() -> re.Pattern:
    markers = lexicon.alternation(lexicon.words("plural_markers"))
    return re.compile(r"(?:\b(?:" + markers + r")\s+(?:[^,.;:]*,\s*)?)$", re.I)


@cache
def _head_pattern() -> re.Pattern:
    heads = lexicon.table("platforms")
    variants = [h.head for h in heads] + [h.head[0].lower() + h.head[1:] for h in heads if not h.capital_only]
    return re.compile(r"(?<![\w/])(" + lexicon.alternation(variants) + r")(?!\w)")


@cache
def _scope_pattern() -> re.Pattern:
    names = lexicon.alternation(lexicon.province_names())
    return re.compile(_SCOPE.pattern.format(names=names))


@cache
def _generic() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon.words("generic_platforms"))


@cache
def _known() -> frozenset[str]:
    return frozenset(lexicon.words("platform_names"))


class Platforms(Component):
    """The digital platforms the article names, one record each."""

    adds = ("platforms",)

    def __call__(self, ctx: Context) -> None:
        found: list[Platform] = []
        for s in ctx.article.sentences:
            text = s.text
            taken = 0
            for m in _head_pattern().finditer(text):
                if m.start() < taken or _plural().search(text[max(0, m.start() - 60):m.start()]):
                    continue
                p = _read(ctx, s, m)
                if p is not None:
                    found.append(p)
                    taken = p.evidence.end - s.start
            for m in _SHORT_NAME.finditer(text):
                if m.group(1) in _known() or m.group(1).startswith("C-"):
                    found.append(Platform(m.group(1), national=m.group(1) in _known(),
                                          evidence=s.span(m.start(), m.end())))
        ctx.records.platforms = _merge(found)


def _read(ctx: Context, s: Sentence, m: re.Match) -> Platform | None:
    text = s.text
    head = m.group(1)
    stop = _stop().search(text, m.end())
    end = stop.start()
    if " về " in text[m.end():end] and (tail := _LIST_TAIL.match(text, end)):
        end = tail.end()  # "… về cán bộ, công chức, viên chức"
    if (other := _head_pattern().search(text, m.end() + 1, end)) and other.group(1)[0].isupper():
        # another platform begins inside: "Cổng … quốc gia và hoàn thiện Hệ thống …" names two
        joint = text.rfind(" và ", m.end(), other.start())
        end = joint if joint != -1 else other.start()
    name = text[m.start():end].strip()
    province, national = None, "quốc gia" in name.lower()
    if sc := _scope_pattern().match(text, end):
        named = sc.group("named") or sc.group("bare")
        province = ctx.unit(named) if named else ctx.near(s, m.start())
        end = sc.end()
    elif (named := _trailing_province(name)) is not None:
        province = ctx.unit(named)
    core = _without_province(name)
    if (fold(core) in _generic() and province is None) or len(core.split()) <= len(head.split()) < 4:
        return None
    operator = None
    if (op := _OPERATOR.match(text, end)) and (f := orgs.parse_at(text, op.end(), ctx.places.main, ctx.unit)):
        operator, end = f.org, f.end
    url = None
    if u := _url_after().match(text, end):
        url = (u.group(1) or u.group(2)).rstrip(".…")
        url = url if url.startswith("http") else "http://" + url
        end = u.end()
    label = core[0].upper() + core[1:]
    if province is not None and not national:
        unit = lexicon.provinces()[province.id]
        label = f"{label} {unit.kind} {unit.name}"
    return Platform(label, url, operator, None if national else province, national, s.span(m.start(), end))


def _trailing_province(name: str) -> str | None:
    for n in sorted(lexicon.province_names(), key=len, reverse=True):
        if name.endswith(" " + n):
            return n
    return None


def _without_province(name: str) -> str:
    n = _trailing_province(name)
    if n is None:
        return name
    core = name[: -len(n)].rstrip()
    return re.sub(r"\s+(?:trên địa bàn\s+)?(?:tỉnh|thành phố)$", "", core)


def _merge(found: list[Platform]) -> list[Platform]:
    """One record per platform; a shorter mention joins the full one it begins."""
    out: list[Platform] = []
    for p in sorted(found, key=lambda p: -len(p.label)):
        same = next((q for q in out if _same(p, q)), None)
        if same is None:
            out.append(p)
        elif p.url and not same.url:
            out[out.index(same)] = Platform(same.label, p.url, same.operator or p.operator, same.province,
                                            same.national, same.evidence)
    return sorted(out, key=lambda p: p.evidence.start if p.evidence else 0)


def _same(short: Platform, full: Platform) -> bool:
    a, b = fold(short.label), fold(full.label)
    if a == b:
        return True
    return short.province in (None, full.province) and b.startswith(a + " ")


