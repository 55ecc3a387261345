"""Legal documents: the grammar of Vietnamese document references.

    TYPE [số] NUMBER-SYMBOL [ngày D/M/Y] [của ISSUER] [về SUBJECT]

State symbols put the number first and the issuer last ("749/QĐ-TTg",
"17/2023/NĐ-CP"); party symbols join number and type with a hyphen
("04-NQ/TU"). The issuer comes from the text ("của Bộ Chính trị") or else
from the symbol's issuer code (`data/issuers.tsv`). A short reference
("Nghị quyết 04", "Đề án 06") is the full document of that type and number
where the article names it; a document without a number is kept when it has
an issuer ("Chương trình hành động của UBND tỉnh"), carries out another
document, or is a named project or law ("Đề án phát triển đô thị thông minh").
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from .. import lexicon
from ..identity.keys import org_key
from ..lang import dates
from ..lang.text import UPPER, fold
from ..model import Document, Org, ProvinceRef, Sentence
from . import orgs
from .component import Component, Context

NOTATION = r"\d{1,4}(?:/\d{4})?\s?[/-]\s?[A-ZĐ][A-Za-zĐđ]*(?:\s?[-/]\s?[A-ZĐ][A-Za-zĐđ&]*)*"
_NOTATION = re.compile(rf"(?<![\w/.-])({NOTATION})(?![\w/])")
_SHORT_NUMBER = re.compile(r"\s+(?:số\s+)?(\d{1,4})(?![\w/.,-]|\s*%)")
_DATE = re.compile(r"\s*,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_OF = re.compile(r"\s*,?\s*của\s+(?:Thủ tướng\s+)?")
_ABOUT = re.compile(r"\s+về\s+")


@cache
def _implements() -> re.Pattern:
    return re.compile(r"\s+(?:" + lexicon.alternation(lexicon.words("implementing_words")) + r")\s+")


@cache
def _subject_stop() -> re.Pattern:
    """Where the subject of a reference ends: a verb or clause opener, "và" before a capital, punctuation."""
    stops = lexicon.alternation(lexicon.words("subject_stops"))
    return re.compile(r"\s+(?:" + stops + r"|và\s+(?=[" + UPPER + r"]))\b|[.;:()\"“”]")


@cache
def named_without_number() -> frozenset[str]:
    """Types whose reference names one document even without a number ("Đề án phát triển …")."""
    return frozenset(t.label for t in lexicon.document_types().values() if t.unnumbered)


@cache
def _type_pattern() -> re.Pattern:
    types = [t.label for t in lexicon.document_types().values()]
    return re.compile(r"(?<!\w)(" + lexicon.alternation(types) + r")(?!\w)")


def canonical(notation: str) -> str:
    return re.sub(r"\s+", "", notation).replace("–", "-")


def _parts(notation: str) -> tuple[str, str, str]:
    """(number, type code, issuer code) of "749/QĐ-TTg" or "04-NQ/TU"."""
    m = re.match(r"^(\d+)(?:/\d{4})?/([^-/]+)-(.+)$", notation)  # state form
    if m:
        return m.group(1), m.group(2), m.group(3)
    m = re.match(r"^(\d+)-([^-/]+)/(.+)$", notation)  # party form
    if m:
        return m.group(1), m.group(2), m.group(3)
    m = re.match(r"^(\d+)(?:/\d{4})?/(.+)$", notation)
    return (m.group(1), m.group(2), "") if m else (notation, "", "")


def _org_at(ctx: Context, text: str, at: int, province: ProvinceRef | None):
    if text.startswith("Thủ tướng Chính phủ", at):
        at += len("Thủ tướng ")
    return orgs.parse_at(text, at, province, ctx.unit)


def _issuer_from_code(ctx: Context, code: str, province: ProvinceRef | None) -> Org | None:
    known = lexicon.issuers().get(code.upper()) or lexicon.issuers().get(code)
    if not known:
        return None
    found = orgs.parse_at(known.issuer, 0, province if known.scope == "province" else None, ctx.unit)
    return found.org if found else None


def _tail(ctx: Context, text: str, end: int, province) -> tuple[int, Org | None, object, str | None, str | None]:
    """What follows a reference: date, issuer, what it carries out, subject."""
    date = issuer = implements = subject = None
    if m := _DATE.match(text, end):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        date = dates.PartialDate(y, mo, d) if dates.valid(y, mo, d) else None
        end = m.end()
    if (m := _OF.match(text, end)) and (found := _org_at(ctx, text, m.end(), province)):
        issuer, end = found.org, found.end
        if m2 := _DATE.match(text, end):
            d, mo, y = int(m2[1]), int(m2[2]), int(m2[3])
            date = dates.PartialDate(y, mo, d) if dates.valid(y, mo, d) else date
            end = m2.end()
    if (m := _implements().match(text, end)) and (ref := _type_pattern().match(text, m.end())):
        n = _NOTATION.match(text, _skip_so(text, ref.end()))
        if n:
            implements, end = canonical(n.group(1)), n.end()
    if m := _ABOUT.match(text, end):
        stop = _subject_stop().search(text, m.end())
        words = text[m.end():stop.start() if stop else len(text)].split()[:25]
        if words:
            subject = " ".join(words).rstrip(",")
            end = m.end() + len(" ".join(words))
    return end, issuer, date, implements, subject


def _skip_so(text: str, at: int) -> int:
    m = re.compile(r"\s+(?:số\s*:?\s*)?").match(text, at)
    return m.end() if m else at


class Documents(Component):
    """The legal documents the article refers to, one record each."""

    adds = ("documents",)

    def __call__(self, ctx: Context) -> None:
        found: list[Document] = []
        shorts: list[tuple[str, str, Document]] = []
        for s in ctx.article.sentences:
            _read(ctx, s, found, shorts)
        ctx.records.documents = _merge(_fix_typos(found) + _resolve_shorts(shorts, found))


def _read(ctx: Context, s: Sentence, found: list[Document], shorts: list[tuple[str, str, Document]]) -> None:
    """The references of one sentence: full ones to `found`, short ones ("Nghị quyết 04") to `shorts`."""
    text = s.text
    province = ctx.near(s, 0)
    covered: list[tuple[int, int]] = []
    for t in _type_pattern().finditer(text):
        kind = t.group(1)
        at = _skip_so(text, t.end())
        if n := _NOTATION.match(text, at):
            notation = canonical(n.group(1))
            end, issuer, date, implements, subject = _tail(ctx, text, n.end(), province)
            number, code, issuer_code = _parts(notation)
            issuer = issuer or _issuer_from_code(ctx, issuer_code, province)
            found.append(Document(kind, notation, f"{kind} số {notation}", issuer, date, subject, implements,
                                  (n.group(1),), s.span(t.start(), end)))
            covered.append((t.start(), end))
        elif m := _SHORT_NUMBER.match(text, t.end()):
            end, issuer, date, implements, subject = _tail(ctx, text, m.end(), province)
            doc = Document(kind, None, f"{kind} {m.group(1)}", issuer, date, subject, None, (), s.span(t.start(), end))
            shorts.append((kind, m.group(1), doc))
            covered.append((t.start(), end))
        elif t.start() > 0 or kind in named_without_number():
            doc = _unnumbered(ctx, s, t, province)
            if doc is not None:
                found.append(doc)
                covered.append((t.start(), t.end()))
    for n in _NOTATION.finditer(text):
        if not any(a <= n.start() < b for a, b in covered) and _parts(canonical(n.group(1)))[1]:
            notation = canonical(n.group(1))
            number, code, issuer_code = _parts(notation)
            kind = _kind_of(code)
            if kind:
                issuer = _issuer_from_code(ctx, issuer_code, province)
                found.append(Document(kind, notation, f"{kind} số {notation}", issuer, None, None, None,
                                      (n.group(1),), s.span(n.start(), n.end())))


def _unnumbered(ctx: Context, s: Sentence, t: re.Match, province) -> Document | None:
    text, kind = s.text, t.group(1)
    end, issuer, date, implements, subject = _tail(ctx, text, t.end(), province)
    if issuer is None and implements is None:
        if kind not in named_without_number() or t.start() == 0:
            return None
        stop = _subject_stop().search(text, t.end())
        words = text[t.end():stop.start() if stop else len(text)].split()[:15]
        if len(words) < 2 or (kind == "Luật" and not words[0][:1].isupper()):
            return None
        if stop and text[stop.start():stop.end()].strip() == "của":
            return None  # "Kế hoạch … của ngành": a generic plan, not a named document
        subject = " ".join(words).rstrip(",")
        end = t.end() + 1 + len(subject)
    label = text[t.start():end].strip().rstrip(",")
    return Document(kind, None, label, issuer, date, subject, implements, (), s.span(t.start(), end))


def _kind_of(code: str) -> str | None:
    for t in lexicon.document_types().values():
        if t.code and t.code.upper() == code.upper():
            return t.label
    return None


def _expected_code(kind: str) -> str:
    t = lexicon.document_types().get(fold(kind))
    return t.code if t else ""


def _fix_typos(docs: list[Document]) -> list[Document]:
    """'Nghị quyết số 04-NĐ/TU' beside 'Nghị quyết số 04-NQ/TU' in one article: one resolution."""
    out = []
    for d in docs:
        if d.notation:
            number, code, issuer = _parts(d.notation)
            want = _expected_code(d.kind)
            if want and code.upper() != want.upper():
                twin = next((o for o in docs if o.notation and _parts(o.notation) == (number, want, issuer)), None)
                if twin is not None:
                    d = Document(twin.kind, twin.notation, twin.label, d.issuer or twin.issuer, d.date, d.subject,
                                 d.implements, d.as_written, d.evidence)
        out.append(d)
    return out


def _resolve_shorts(shorts, docs: list[Document]) -> list[Document]:
    out = []
    for kind, number, short in shorts:
        full = next((d for d in docs if d.notation and d.kind == kind
                     and _parts(d.notation)[0].lstrip("0") == number.lstrip("0")), None)
        if full is not None:
            out.append(Document(full.kind, full.notation, full.label, full.issuer, None, None, None,
                                (short.label,), short.evidence))
        else:
            out.append(short)
    return out


def identity(d: Document) -> str:
    """One document, however often and however fully the article names it."""
    if d.notation:
        return d.notation.upper()
    if d.label.split()[-1].isdigit():  # "Đề án 06"
        return fold(d.label)
    return "|".join((fold(d.kind), org_key(d.issuer) if d.issuer else "", fold(d.subject or "")))


def _merge(docs: list[Document]) -> list[Document]:
    """Fold every mention of one document into one record with the fullest details."""
    merged: dict[str, Document] = {}
    for d in docs:
        k = identity(d)
        old = merged.get(k)
        if old is None:
            merged[k] = replace(d, key=k)
            continue
        merged[k] = replace(
            old, label=old.label if len(old.label) >= len(d.label) else d.label, issuer=old.issuer or d.issuer,
            date=old.date or d.date, subject=old.subject or d.subject, implements=old.implements or d.implements,
            as_written=tuple(dict.fromkeys(old.as_written + d.as_written)))
    return list(merged.values())
