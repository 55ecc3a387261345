"""When two mentions in one article are one thing, and why.

Each function takes the mentions extraction found, in the order it found them, and returns the merged
records in that order (the first mention decides where a thing stands), adding a `Merge` with its reason
for every mention it folds into another.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .. import lexicon
from ..lexicon import expand
from ..model import Document, Event, Membership, Merge, Observation, Org, Platform
from .keys import document_key, fold, org_key

# ---------------------------------------------------------------- documents


def documents(mentions: list[Document], merges: list[Merge]) -> tuple[list[Document], dict[Document, Document]]:
    """One record per document with the fullest details, and the record each mention became."""
    full = [d for d in mentions if not d.short]
    shorts = [d for d in mentions if d.short]
    read = [_typo_fixed(d, full, merges) for d in full] + [_short_resolved(d, full, merges) for d in shorts]
    merged: dict[str, Document] = {}
    key_of: dict[Document, str] = {}
    for mention, d in zip(full + shorts, read):
        k = document_key(d)
        key_of[mention] = k
        old = merged.get(k)
        if old is None:
            merged[k] = replace(d, key=k)
            continue
        merges.append(Merge("document", k, d.label, "named again in the article"))
        merged[k] = replace(
            old, label=old.label if len(old.label) >= len(d.label) else d.label, issuer=old.issuer or d.issuer,
            date=old.date or d.date, subject=old.subject or d.subject, related=tuple(dict.fromkeys(old.related + d.related)),
            as_written=tuple(dict.fromkeys(old.as_written + d.as_written)))
    _fold_shorter_titles(merged, key_of, merges)
    return list(merged.values()), {m: merged[k] for m, k in key_of.items()}


def _fold_shorter_titles(merged: dict[str, Document], key_of: dict[Document, str], merges: list[Merge]) -> None:
    """'Chương trình chuyển đổi số' after 'Chương trình chuyển đổi số tỉnh Thái Nguyên đến năm 2025': a
    document without a number named again by the first words of its title is that document."""
    titled = [(k, d) for k, d in merged.items() if not d.notation and not d.short]
    for k, d in titled:
        words = fold(d.label).split()
        full = next((fk for fk, f in titled if fk != k and f.kind == d.kind and fk in merged
                     and fold(f.label).split()[:len(words)] == words and len(fold(f.label).split()) > len(words)),
                    None)
        if full is None:
            continue
        merges.append(Merge("document", full, d.label, "the first words of the title of a document named in full"))
        merged[full] = replace(merged[full], issuer=merged[full].issuer or d.issuer, date=merged[full].date or d.date)
        del merged[k]
        for m, mk in key_of.items():
            if mk == k:
                key_of[m] = full


def _expected_code(kind: str) -> str:
    t = lexicon.document_types().get(fold(kind))
    return t.code if t else ""


def _typo_fixed(d: Document, docs: list[Document], merges: list[Merge]) -> Document:
    """'Nghị quyết số 04-NĐ/TU' beside 'Nghị quyết số 04-NQ/TU' in one article: one resolution."""
    # imported here, as below: the corpus stage resolves without loading the extractor (0.1 s)
    from ..extract.documents import notation_parts

    if not d.notation:
        return d
    number, code, issuer = notation_parts(d.notation)
    want = _expected_code(d.kind)
    if not want or code.upper() == want.upper():
        return d
    twin = next((o for o in docs if o.notation and notation_parts(o.notation) == (number, want, issuer)), None)
    if twin is None:
        return d
    merges.append(Merge("document", twin.notation.upper(), d.notation,
                        f"a {d.kind} written with type code {code}: the article's {twin.notation}"))
    return Document(twin.kind, twin.notation, twin.label, d.issuer or twin.issuer, d.date, d.subject,
                    d.related, d.as_written, d.evidence)


def _short_resolved(short: Document, docs: list[Document], merges: list[Merge]) -> Document:
    """'Nghị quyết 04' is the article's resolution numbered 04 where it names one in full."""
    from ..extract.documents import notation_parts

    number = short.label.rsplit(" ", 1)[-1]
    full = next((d for d in docs if d.notation and d.kind == short.kind
                 and notation_parts(d.notation)[0].lstrip("0") == number.lstrip("0")), None)
    if full is None:
        return short
    merges.append(Merge("document", full.notation.upper(), short.label,
                        f"a short reference to the {full.kind} numbered {number} named in full"))
    return Document(full.kind, full.notation, full.label, full.issuer, None, None, (), (short.label,),
                    short.evidence)


def related(d: Document, docs: list[Document]) -> Document:
    """`related` holds notations; each becomes a link where the article names that document."""
    keys = {o.key for o in docs}
    return replace(d, related=tuple((r, n.upper()) for r, n in d.related if n.upper() in keys and n.upper() != d.key))


def first_document(mentions: tuple[Document, ...], doc_of: dict[Document, Document],
                   docs: list[Document]) -> str | None:
    """Of the documents these mentions name, the one the article names first."""
    named = {doc_of[m].key for m in mentions}
    return next((d.key for d in docs if d.key in named), None)


# ---------------------------------------------------------------- organizations and committees


def organizations(mentions: list[Org], posts: list[Membership],
                  merges: list[Merge]) -> tuple[list[Org], list[Org | None]]:
    """One record per body (its expanded, folded name), and the body of each post (None: a committee the
    article never names, "làm Trưởng Ban Chỉ đạo" with no committee in the text).

    Each committee once per province: the one the article names by its topic, however it spells the topic
    ("đột phá phát triển …", "S.T.I.D"), with or without its province, or not at all ("Ban Chỉ đạo tỉnh")."""
    seen: dict[str, Org] = {}
    for o in [*mentions, *(m.org for m in posts)]:
        seen.setdefault(org_key(o), o)
    named = [o for o in seen.values() if o.is_steering_committee and not _bare_committee(o)]
    became: dict[str, Org | None] = {}
    for k, o in seen.items():
        if o.is_steering_committee:
            became[k] = _same_committee(o, named, merges)
    out = [o for k, o in seen.items() if became.get(k, o) is o]
    return sorted(out, key=org_key), [became.get(org_key(m.org), m.org) for m in posts]


def _bare_committee(o: Org) -> bool:
    """"Ban Chỉ đạo", "Ban Chỉ đạo tỉnh": a committee named by neither topic nor anything but its province."""
    label = fold(o.label)
    if o.province is not None:
        unit = lexicon.provinces()[o.province.id]
        label = label.removesuffix(" " + fold(f"{unit.kind} {unit.name}"))
    return label in ("ban chỉ đạo", "ban chỉ đạo tỉnh")


def _topics(o: Org) -> set[str]:
    """The committee's names without its place and level: what tells two mentions of one committee."""
    place = ""
    if o.province is not None:
        unit = lexicon.provinces()[o.province.id]
        place = " " + fold(f"{unit.kind} {unit.name}")
    out = set()
    for label in (o.label, *o.alt_labels):
        # "về" before the topic is written or not: "Ban Chỉ đạo (về) chuyển đổi số" is one committee
        name = fold(expand(label)).removesuffix(place).replace(" cấp tỉnh ", " ").replace(" về ", " ")
        out.add(name)
    return out


def _same_committee(o: Org, named: list[Org], merges: list[Merge]) -> Org | None:
    """The committee a mention is: the first named one of its province with one of its names; a committee
    named without its province is the one of that name the article places; a bare one is its province's
    (the article's, when it names no province) and none when the article names no committee."""
    if _bare_committee(o):
        same = next((c for c in named if c.province == o.province), None)
        if same is None and o.province is None:
            same = next((c for c in named if not re.search(r"trung ương|quốc gia", fold(c.label))), None)
        if same is None:
            return o if o.province is not None else None
        reason = "a committee named without its topic: the province's committee named in full"
    else:
        same = next((c for c in named if _topics(c) & _topics(o)
                     and (c.province == o.province or o.province is None)), o)
        reason = "the same committee named again, its topic spelled another way or without its province"
    if same is not o:
        merges.append(Merge("organization", org_key(same), o.label, reason))
    return same


# ---------------------------------------------------------------- posts


def memberships(posts: list[Membership], bodies: list[Org | None], merges: list[Merge]) -> list[Membership]:
    """One membership per person, post and body, however often the article reports it."""
    out, done = [], set()
    for m, org in zip(posts, bodies):
        if org is None:
            continue  # a post in a committee the article does not name
        k = (m.person.name, fold(m.role), org_key(org))
        if k in done:
            merges.append(Merge("membership", "|".join(k), m.role, "the same post reported again"))
            continue
        done.add(k)
        out.append(replace(m, org=org))
    return out


# ---------------------------------------------------------------- platforms, events, figures


def platforms(found: list[Platform], merges: list[Merge]) -> list[Platform]:
    """One record per platform; a shorter mention joins the full one it begins, and an acronym or brand the
    full one was given ("IOC", "Trung tâm IOC" after "Trung tâm Giám sát, điều hành thông minh (Trung tâm IOC)")
    joins it too."""
    out: list[Platform] = []
    for p in sorted(found, key=lambda p: -len(p.label)):
        same = next((q for q in out if _same_platform(p, q)), None)
        if same is None:
            out.append(p)
            continue
        merges.append(Merge("platform", fold(same.label), p.label, "a shorter mention of a platform named in full"))
        alias = (p.label,) if len(p.label.split()) == 1 and fold(p.label) != fold(same.label) else ()
        out[out.index(same)] = replace(same, url=same.url or p.url, operator=same.operator or p.operator,
                                       alt_labels=tuple(dict.fromkeys(same.alt_labels + p.alt_labels + alias)))
    return sorted(out, key=lambda p: p.evidence.start if p.evidence else 0)


def _same_platform(short: Platform, full: Platform) -> bool:
    a, b = fold(short.label), fold(full.label)
    if a == b:
        return True
    if short.province not in (None, full.province):
        return False
    aliases = {fold(x) for x in full.alt_labels}
    acronyms = {x.split()[-1] for x in aliases} | ({b.split()[-1]} if len(a.split()) == 1 else set())
    return b.startswith(a + " ") or a in aliases or (len(a.split()) == 1 and a in acronyms)


def events(found: list[Event], merges: list[Merge]) -> list[Event]:
    """One meeting per date: a meeting written twice is one event, and a mention without a date ("… chủ trì
    hội nghị", a caption) is the article's dated meeting of that kind, else its first dated one. Each
    keeps the chairs, organizer, place and documents of all its mentions."""
    by_date: dict[str, Event] = {}
    for e in found:
        if e.date is None:
            continue
        k = e.date.iso()
        if k in by_date:
            merges.append(Merge("event", k, e.label, "another mention of the meeting of that date"))
            by_date[k] = _joined(by_date[k], e)
        else:
            by_date[k] = e
    for e in found:
        if e.date is not None or not by_date:
            continue
        k = next((k for k, d in by_date.items() if d.kind == e.kind), next(iter(by_date)))
        merges.append(Merge("event", k, e.label, "a mention without a date of the meeting the article dates"))
        by_date[k] = _joined(by_date[k], e)
    return list(by_date.values())


def _joined(e: Event, other: Event) -> Event:
    return replace(e, chairs=tuple(dict.fromkeys(e.chairs + other.chairs)), organizer=e.organizer or other.organizer,
                   place=e.place or other.place,
                   document_mentions=tuple(dict.fromkeys(e.document_mentions + other.document_mentions)))


def observations(found: list[Observation], merges: list[Merge]) -> list[Observation]:
    """A figure stated twice ("1.492 thủ tục" in two paragraphs) is one observation. A distinctive value ("68,54%",
    "168.000 hồ sơ") stated again for the same place, year and status is the same figure even where the words
    around it name it differently (a lead restating the body); a rank or a round figure needs the same indicator."""
    from ..extract.figures import distinctive

    out, seen, restated = [], set(), set()
    for o in found:
        k = (o.value, o.max_value, o.out_of, o.unit, o.status, o.indicator, o.period, o.area)
        again = (o.value, o.max_value, o.out_of, o.unit, o.status, o.period, o.area)
        if k in seen:
            merges.append(Merge("observation", str(k), o.evidence.sentence[:80], "the same figure stated again"))
            continue
        if distinctive(o) and again in restated:
            merges.append(Merge("observation", str(again), o.evidence.sentence[:80],
                                "the same distinctive value for the same place and year, restated"))
            continue
        seen.add(k)
        if distinctive(o):
            restated.add(again)
        out.append(o)
    return out

