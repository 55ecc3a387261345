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
from ..lang import dates
from ..lang.text import UPPER
from ..model import Document, Org, ProvinceRef, Sentence
from . import orgs
from .component import Component, Context

# A symbol's letters are capitals (and the "g" of "TTg"); a damaged letter ("411/ỌĐ-TTg") is still a capital
# to read the notation whole, and `repaired` puts the right letter back. Spaces and en dashes stray around
# the separators ("749/QĐ –TTg", "4216/ QĐ-UBND", "57 -NQ/TW"); a dash after the number needs the party
# form's slash ("57-NQ/TW"), so that "thứ 5 - TP" is no document.
# An issuer code may end in the legislature's term ("831/NQ-UBTVQH14", "19/2021/QH15").
_CODE = rf"[{UPPER}][{UPPER}a-z&]*(?:\d{{1,2}})?"
_SEP = r"\s?[-–/]\s?"
NOTATION = (rf"\d{{1,4}}(?:/\d{{4}})?\s?/\s?{_CODE}(?:{_SEP}{_CODE})*"
            rf"|\d{{1,4}}\s?[-–]\s?{_CODE}\s?/\s?{_CODE}(?:{_SEP}{_CODE})*")
_NOTATION = re.compile(rf"(?<![\w/.-])({NOTATION})(?![\w/])")
_NUMBER_WORD = r"(?:[sS][ốô]|[sS]ố)"  # "số", and "sô" with its tone mark lost
_SHORT_NUMBER = re.compile(rf"\s+(?:{_NUMBER_WORD}\s+)?(\d{{1,4}})(?![\w/.,-]|\s*%)")
_PLAIN_CODE = re.compile(r"^[A-ZĐa-z&]+$")
_DATE = re.compile(r"\s*,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_OF = re.compile(r"\s*,?\s*của\s+(?:Thủ tướng\s+)?")
_ABOUT = re.compile(r"\s+về\s+")


@cache
def _relations(where: str) -> dict[str, str]:
    """Words that relate a document to another -> the relation, written in lower case."""
    return {r.word.lower(): r.relation for r in lexicon.table("document_relations") if r.where == where}


@cache
def _relation_after() -> re.Pattern:
    # "… thực hiện Nghị quyết …", ", thay thế Quyết định …"
    return re.compile(r"\s*,?\s+(" + lexicon.alternatives("document_relations", where="after") + r")\s+(?:các\s+)?", re.I)


@cache
def _relation_opening() -> re.Pattern:
    # "Căn cứ Nghị quyết …, UBND tỉnh ban hành Kế hoạch …"
    return re.compile(r"\s*(" + lexicon.alternatives("document_relations", where="opens") + r")\s+", re.I)


@cache
def _subject_stop() -> re.Pattern:
    """Where the subject of a reference ends: a verb or clause opener, "và" before a capital, punctuation."""
    stops = lexicon.alternatives("subject_stops")
    return re.compile(r"\s+(?:" + stops + r"|và\s+(?=[" + UPPER + r"]))\b|[.;:()\"“”]")


@cache
def named_without_number() -> frozenset[str]:
    """Types whose reference names one document even without a number ("Đề án phát triển …")."""
    return frozenset(t.label for t in lexicon.document_types().values() if t.unnumbered)


@cache
def _type_pattern() -> re.Pattern:
    types = [t.label for t in lexicon.document_types().values()]
    return re.compile(r"(?<!\w)(" + lexicon.alternation(types) + r")(?!\w)")


def canonical(notation: str, kind: str | None = None) -> str:
    """"749/QĐ –TTg" -> "749/QĐ-TTg"; with the document's type, a damaged letter repaired ("411/ỌĐ-TTg")."""
    return repaired(re.sub(r"\s+", "", notation).replace("–", "-"), kind)


def repaired(notation: str, kind: str | None) -> str:
    """A type code with a letter no symbol uses ("ỌĐ") is the code it can only be: the code of the type
    written before it ("Quyết định" -> QĐ), else the one known code that fits, the damaged letter a wildcard."""
    number, code, _issuer = notation_parts(notation)
    if not code or _PLAIN_CODE.match(code):
        return notation
    want = _code_of(kind) if kind else ""
    codes = [want] if want else [t.code for t in lexicon.document_types().values() if t.code]
    fits = {c for c in codes if len(c) == len(code)
            and all(a == b or not _PLAIN_CODE.match(a) for a, b in zip(code, c))}
    return notation.replace(code, fits.pop(), 1) if len(fits) == 1 else notation


def _code_of(kind: str) -> str:
    t = next((t for t in lexicon.document_types().values() if t.label == kind), None)
    return t.code if t else ""


def notation_parts(notation: str) -> tuple[str, str, str]:
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
    code = re.sub(r"\d+$", "", code)  # "UBTVQH14": the standing committee of the 14th National Assembly
    known = lexicon.issuers().get(code.upper()) or lexicon.issuers().get(code)
    if not known:
        return None
    found = _org_at(ctx, known.issuer, 0, province if known.scope == "province" else None)
    return found.org if found else None


def _tail(ctx: Context, text: str, end: int, province) -> tuple[int, Org | None, object, tuple, str | None]:
    """What follows a reference: date, issuer, the document it carries out, amends or replaces, subject."""
    date = issuer = subject = None
    related: tuple[tuple[str, str], ...] = ()
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
    if (m := _relation_after().match(text, end)) and (ref := _type_pattern().match(text, m.end())):
        n = _NOTATION.match(text, _skip_so(text, ref.end()))
        if n:
            related, end = ((_relations("after")[m.group(1).lower()], canonical(n.group(1), ref.group(1))),), n.end()
    if m := _ABOUT.match(text, end):
        stop = _subject_stop().search(text, m.end())
        words = text[m.end():stop.start() if stop else len(text)].split()[:25]
        if words:
            subject = " ".join(words).rstrip(",")
            end = m.end() + len(" ".join(words))
    return end, issuer, date, related, subject


def _based_on(s: Sentence, docs: list[Document]) -> list[Document]:
    """A sentence opening with "Căn cứ …" or "Thực hiện …" names the documents the one it issues rests on:
    in "Căn cứ Nghị quyết số 57-NQ/TW, UBND tỉnh ban hành Kế hoạch số 123/KH-UBND" the plan is pursuant to
    the resolution."""
    opening = _relation_opening().match(s.text)
    ordered = sorted(docs, key=lambda d: d.evidence.start)
    if not opening or not ordered or ordered[0].evidence.start - s.start > opening.end() + len("các "):
        return docs
    issued = next((d for d in ordered[1:] if _introduced().search(s.text, 0, d.evidence.start - s.start)), None)
    if issued is None:
        return docs
    relation = _relations("opens")[opening.group(1).lower()]
    cited = tuple((relation, d.notation) for d in ordered if d.evidence.start < issued.evidence.start and d.notation)
    return [replace(d, related=d.related + cited) if d is issued else d for d in docs]


def _skip_so(text: str, at: int) -> int:
    m = re.compile(rf"\s+(?:{_NUMBER_WORD}\s*:?\s*)?").match(text, at)
    return m.end() if m else at


class Documents(Component):
    """The legal documents the article refers to, one record each."""

    adds = ("documents",)

    def __call__(self, ctx: Context) -> None:
        found: list[Document] = []
        shorts: list[Document] = []
        for s in ctx.article.sentences:
            before = len(found)
            _read(ctx, s, found, shorts)
            found[before:] = _based_on(s, found[before:])
        ctx.records.documents = found + shorts  # every mention: the identity stage merges them


def _read(ctx: Context, s: Sentence, found: list[Document], shorts: list[Document]) -> None:
    """The references of one sentence: full ones to `found`, short ones ("Nghị quyết 04") to `shorts`."""
    text = s.text
    province = ctx.near(s, 0)
    covered: list[tuple[int, int]] = []
    named: list[tuple[int, int]] = []
    for t in _type_pattern().finditer(text):
        kind = t.group(1)
        if any(a < t.start() < b for a, b in named):
            continue  # the short name in "… (Đề án số 06)", read with its title
        at = _skip_so(text, t.end())
        if n := _NOTATION.match(text, at):
            notation = canonical(n.group(1), kind)
            end, issuer, date, related, subject = _tail(ctx, text, n.end(), province)
            number, code, issuer_code = notation_parts(notation)
            issuer = issuer or _issuer_from_code(ctx, issuer_code, province)
            found.append(Document(kind, notation, f"{kind} số {notation}", issuer, date, subject, related,
                                  (n.group(1),), s.span(t.start(), end)))
            covered.append((t.start(), end))
        elif m := _SHORT_NUMBER.match(text, t.end()):
            end, issuer, date, _related, subject = _tail(ctx, text, m.end(), province)
            shorts.append(Document(kind, None, f"{kind} {m.group(1)}", issuer, date, subject, (), (),
                                   s.span(t.start(), end), short=True))
            covered.append((t.start(), end))
        elif doc := _named_short(ctx, s, t, province):
            shorts.append(doc)
            covered.append((t.start(), doc.evidence.end - s.start))
            named.append(covered[-1])
        elif t.start() > 0 or kind in named_without_number():
            doc = _unnumbered(ctx, s, t, province)
            if doc is not None:
                found.append(doc)
                covered.append((t.start(), t.end()))
    for n in _NOTATION.finditer(text):
        if not any(a <= n.start() < b for a, b in covered) and notation_parts(canonical(n.group(1)))[1]:
            notation = canonical(n.group(1))
            number, code, issuer_code = notation_parts(notation)
            kind = _kind_of(code)
            if kind:
                issuer = _issuer_from_code(ctx, issuer_code, province)
                found.append(Document(kind, notation, f"{kind} số {notation}", issuer, None, None, (),
                                      (n.group(1),), s.span(n.start(), n.end())))


def _unnumbered(ctx: Context, s: Sentence, t: re.Match, province) -> Document | None:
    """A reference without a number: one document when it has an issuer ("Nghị quyết của BCH Đảng bộ tỉnh
    về …"), carries out another, is a named project ("Đề án phát triển …"), or when a verb of issuing or
    carrying out introduces it ("công bố Nghị quyết về chuyển đổi số …", "theo Kế hoạch CĐS năm 2025")."""
    text, kind = s.text, t.group(1)
    end, issuer, date, related, subject = _tail(ctx, text, t.end(), province)
    if issuer is not None and subject:
        return Document(kind, None, f"{kind} về {subject}", issuer, date, subject, related, (),
                        s.span(t.start(), end))
    if issuer is not None or related:
        label = text[t.start():end].strip().rstrip(",")
        return Document(kind, None, label, issuer, date, subject, related, (), s.span(t.start(), end))
    introduced = t.start() > 0 and _introduced().search(text, 0, t.start()) is not None
    if not introduced and (kind not in named_without_number() or t.start() == 0):
        return None
    if introduced and subject:  # "Nghị quyết về chuyển đổi số trên địa bàn đến năm 2025"
        return Document(kind, None, f"{kind} về {subject}", _issuing_org(ctx, s, t.start()), date, subject,
                        (), (), s.span(t.start(), end))
    stop = _subject_stop().search(text, t.end())
    words = text[t.end():stop.start() if stop else len(text)].split()[:15]
    while words and words[-1] in ("và", "của", "cho"):
        words.pop()
    if len(words) < 2 or (kind == "Luật" and not words[0][:1].isupper()):
        return None
    if words[0] in _qualifiers() or words[0][:1].isdigit():
        return None  # "Tổng kinh phí thực hiện Đề án gần 1.300 tỷ đồng": the project named before, and a sum
    if stop and text[stop.start():stop.end()].strip() == "của":
        return None  # "Kế hoạch … của ngành": a generic plan, not a named document
    subject = " ".join(words).rstrip(",")
    end = t.end() + 1 + len(subject)
    label = text[t.start():end].strip().rstrip(",")
    issuer = _issuing_org(ctx, s, t.start()) if introduced else None
    return Document(kind, None, label, issuer, date, subject, (), (), s.span(t.start(), end))


def _named_short(ctx: Context, s: Sentence, t: re.Match, province) -> Document | None:
    """A title followed by its short name: "Đề án phát triển ứng dụng dữ liệu về dân cư … (Đề án số 06)"
    is the Đề án numbered 06, its title the subject."""
    kind = t.group(1)
    m = re.compile(r"\s+([^.;:()]{3,300}?)[\s,]*\(\s*" + re.escape(kind) + rf"\s+(?:{_NUMBER_WORD}\s+)?(\d{{1,4}})\s*\)"
                   ).match(s.text, t.end())
    if m is None:
        return None
    end, issuer, date, _related, _subject = _tail(ctx, s.text, m.end(), province)
    return Document(kind, None, f"{kind} {m.group(2)}", issuer, date, m.group(1).strip(" ,"), (), (),
                    s.span(t.start(), end), short=True)


def _issuing_org(ctx: Context, s: Sentence, at: int):
    """The body that issues or announces the document at `at`: "Tỉnh ủy X tổ chức Hội nghị công bố Nghị quyết"."""
    for f in reversed(orgs.find_all(s.text[:at], lambda i: ctx.near(s, i), ctx.unit)):
        if f.end <= at and _ISSUED_BY.match(s.text[f.end:at]):
            return f.org
    return None


_ISSUED_BY = re.compile(r"^\s*(?:đã\s+|vừa\s+)?(?:ban hành|thông qua|công bố|tổ chức\b[^,.;]{0,40}?\bcông bố)"
                        r"\s+(?:dự thảo\s+)?$")


@cache
def _introduced() -> re.Pattern:
    """A verb of issuing or carrying out right before a document type: the text names one document."""
    verbs = lexicon.alternatives("document_verbs")
    return re.compile(r"(?:^|\s)(?:" + verbs + r")\s+(?:dự thảo\s+)?$", re.I)


@cache
def _qualifiers() -> frozenset[str]:
    return frozenset(lexicon.words("qualifiers"))


def _kind_of(code: str) -> str | None:
    for t in lexicon.document_types().values():
        if t.code and t.code.upper() == code.upper():
            return t.label
    return None
