"""Identity across the articles of a build: what several articles say of one thing, made one.

Each article's part carries what it reports (`ReportedFigure`, `ReportedPost`, `ReportedDocument`: plain
values with minted IRIs); this stage reads them all at once and gives

- one `Statistic` per figure (canonical indicator, province, year, status, unit) with every observation
  that reports it; values that disagree are all kept, and the statistic says it is in conflict;
- one `Tenure` per person, post and body: first and last dated report, and, for a post one person holds at
  a time, who held it before and after as far as the articles show;
- `SameDocument` links: a short reference ("Nghị quyết 57", "Đề án 06", a national programme named by its
  title) resolved to the one document of that type, number and scope (or name) another article or the
  reference data gives in full.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal
from itertools import pairwise

from rapidfuzz import fuzz, process

from .. import lexicon
from ..model import (
    Corpus,
    Identity,
    ReportedDocument,
    ReportedFigure,
    ReportedPost,
    SameDocument,
    Statistic,
    Tenure,
)
from . import keys
from .reference import indicator

GRAPH = Identity("graph", "corpus", "corpus", hashed=False)  # the corpus graph's (one, however it is made)
SAME_NAME = 90  # rapidfuzz ratio of two folded titles that name one document (typos: "phát triên", "só")


def resolve(figures: list[ReportedFigure], posts: list[ReportedPost], documents: list[ReportedDocument]) -> Corpus:
    return Corpus(statistics(figures), tenures(posts), same_documents(documents), GRAPH)


def statistics(figures: list[ReportedFigure]) -> list[Statistic]:
    groups: dict[tuple, list[ReportedFigure]] = defaultdict(list)
    for f in figures:
        groups[(f.indicator, f.area, f.period, f.status, f.unit)].append(f)
    out = []
    for (code, area, period, status, unit), group in sorted(groups.items()):
        group.sort(key=lambda f: (f.article, f.observation))
        values = tuple(sorted({f.value for f in group}, key=Decimal))
        key = "|".join((code, area, str(period), status, unit))
        out.append(Statistic(indicator(code), lexicon.province_ref(area), period, status, unit, values,
                             tuple(group),
                             _statistic_label(code, area, period, status, values),
                             Identity("statistic", key, keys.slug(f"{code} {area} {period} {status}"))))
    return out


def _statistic_label(code: str, area: str, period: int, status: str, values: tuple[str, ...]) -> str:
    """'12 · Xếp hạng DTI cấp tỉnh · Gia Lai (đến 30/6/2025) · 2022', values that disagree joined by ' | '."""
    name = indicator(code).label
    place = lexicon.province_ref(area).display[0]
    target = f" · {lexicon.display('target')[0]}" if status == "target" else ""
    return f"{' | '.join(values)} · {name} · {place} · {period}{target}"


def tenures(posts: list[ReportedPost]) -> list[Tenure]:
    groups: dict[tuple, list[ReportedPost]] = defaultdict(list)
    for p in posts:
        groups[(p.person, p.role, p.org)].append(p)
    held: dict[tuple, list[Tenure]] = defaultdict(list)  # (post, body) -> its tenures
    for (person, role, org), group in sorted(groups.items()):
        dates = sorted(p.date for p in group if p.date)
        first = group[0]
        t = Tenure(person, role, org, dates[0] if dates else "", dates[-1] if dates else "",
                   tuple(sorted({p.membership for p in group})),
                   (first.person_name, first.post, first.org_name), f"{first.person_name}, {first.post} — {first.org_name}",
                   Identity("tenure", f"{person}|{role}|{org}", keys.slug(f"{first.person_name} {first.post}")))
        held[(role, org, first.shared)].append(t)
    out = []
    for (_role, _org, shared), ts in sorted(held.items()):
        ts.sort(key=lambda t: (t.first or "9999", t.last, t.person))
        if not shared:  # one holder at a time: the order in which the articles first report them
            dated = [t for t in ts if t.first]
            after = {a.identity: b.identity for a, b in pairwise(dated)}
            before = {b: a for a, b in after.items()}
            ts = [replace(t, before=before.get(t.identity), after=after.get(t.identity)) for t in ts]
        out += ts
    return out


def same_documents(documents: list[ReportedDocument]) -> list[SameDocument]:
    """Each document named without a notation, resolved where exactly one document given in full (in an
    article of the build, or in the reference data, `article` empty) fits it."""
    full = [d for d in documents if d.notation]
    # looked up, not scanned: a national corpus names thousands of documents each way
    by_number: dict[tuple[str, str], list[ReportedDocument]] = defaultdict(list)
    for f in full:
        by_number[(f.kind, f.number.lstrip("0"))].append(f)
    named = [f for f in full if f.name]
    names = [f.name for f in named]
    by_name: dict[str, set[str]] = {}  # the same title comes back from many articles
    out: dict[tuple[str, str], SameDocument] = {}
    for d in (d for d in documents if not d.notation):
        if d.number:
            fits = {f.document for f in by_number.get((d.kind, d.number.lstrip("0")), ())
                    if f.scope == "national" or (f.scope and f.scope == d.scope)}
            reason = f"its type and number ({d.kind} {d.number}) name one document given in full"
        else:
            if d.name and d.name not in by_name:
                hits = process.extract(d.name, names, scorer=fuzz.ratio, score_cutoff=SAME_NAME, limit=None)
                by_name[d.name] = {named[i].document for _, _, i in hits}
            fits = by_name.get(d.name, set())
            reason = "its title is the name of a document given in full"
        if len(fits) == 1 and d.document not in fits:
            target = next(iter(fits))
            out[(d.document, target)] = SameDocument(d.document, target, reason)
    return [out[k] for k in sorted(out)]
