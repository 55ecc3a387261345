"""Meetings, conferences and workshops the article reports.

An event is a kind of meeting (`data/events.tsv`) and a date in one sentence
("Sáng 24-11, … đồng chủ trì cuộc họp …"); the date is resolved against the
article's date. Organizer ("… tổ chức"), place ("tại TP. Pleiku"), chairs
("chủ trì", "đồng chủ trì", "do … chủ trì") and the documents it concerned
come from the same sentence and the one after it. Captions were removed in
cleaning, so an archive photo does not make an event.
"""
from __future__ import annotations

import re
from functools import cache

from .. import lexicon
from ..lang import dates
from ..lang.text import UPPER
from ..model import Event, PersonMention, Sentence
from .component import Component, Context

_ORGANIZED = re.compile(r"^\s*(?:đã\s+|vừa\s+)?tổ chức\b")
_CHAIR = re.compile(r"(đồng\s+)?chủ trì", re.I)


@cache
def _place() -> re.Pattern:
    venues = lexicon.alternation(lexicon.words("venue_words"))
    return re.compile(rf"\btại\s+((?:{venues})\s*[{UPPER}]\w*(?:\s[{UPPER}]\w*)*)")


@cache
def _label_stop() -> re.Pattern:
    stops = lexicon.alternation(lexicon.words("event_label_words", role="stop"))
    return re.compile(r"\s+(?:" + stops + r"|và\s+(?=[" + UPPER + r"]))\b|[,.;:()]")


@cache
def _label_tail() -> frozenset[str]:
    return frozenset(lexicon.words("event_label_words", role="tail"))


@cache
def _kind_pattern() -> re.Pattern:
    kinds = lexicon.words("events")
    kinds += [k[0].lower() + k[1:] for k in kinds]
    return re.compile(r"(?<!\w)(" + lexicon.alternation(kinds) + r")(?!\w)")


class Events(Component):
    """The meetings the article reports, one per date."""

    needs = ("persons", "documents", "organizations")
    adds = ("events",)

    def __call__(self, ctx: Context) -> None:
        sentences = ctx.article.sentences
        by_date: dict[str, Event] = {}
        for i, s in enumerate(sentences):
            kind = _kind_pattern().search(s.text)
            when = next(dates.day_months(s.text), None)
            if not kind or not when:
                continue
            _m, day, month, year = when
            date = dates.resolve_day_month(day, month, year, ctx.article.published)
            if date is None or date.iso() in by_date:
                continue
            nxt = sentences[i + 1] if i + 1 < len(sentences) and sentences[i + 1].paragraph == s.paragraph else None
            label = _label(s.text, kind)
            by_date[date.iso()] = Event(
                kind=kind.group(1)[0].upper() + kind.group(1)[1:], label=label, date=date,
                place=(p.group(1) if (p := _place().search(s.text)) else None),
                organizer=_organizer(ctx, s),
                chairs=tuple(_chairs(ctx.records.persons, s, nxt)),
                documents=tuple(d.key for d in ctx.records.documents
                                if any(w in s.text for w in (d.notation or d.label, *d.as_written))),
                evidence=s.span(kind.start(), kind.end()))
        ctx.records.events = list(by_date.values())


def _label(text: str, kind: re.Match) -> str:
    stop = _label_stop().search(text, kind.end())
    words = text[kind.start():stop.start() if stop else len(text)].split()[:16]
    while words[-1] in _label_tail():
        words.pop()
    label = " ".join(words)
    return label[0].upper() + label[1:]


def _organizer(ctx: Context, s: Sentence):
    found = ctx.organizations_in[s]
    for f in found:
        before = s.text[:f.start]
        if _ORGANIZED.match(s.text[f.end:]) or re.search(r"\b(?:do|được)\s+$", before):
            return f.org
    for f in found:
        if re.search(r"\bcủa\s+$", s.text[:f.start]) and _kind_pattern().search(s.text[max(0, f.start - 40):f.start]):
            return f.org  # "cuộc họp của Ban Chỉ đạo …"
    return None


def _chairs(persons: list[PersonMention], s: Sentence, nxt: Sentence | None) -> list:
    """Persons named in a sentence that says "chủ trì"; when the next one opens with "Đồng chủ trì",
    the persons of the event's own sentence chaired with them."""
    co_chair_next = nxt is not None and re.match(r"\s*đồng chủ trì", nxt.text, re.I)
    chairs = []
    for m in persons:
        name = m.person.name
        if (name in s.text and (_CHAIR.search(s.text) or co_chair_next)) or \
                (nxt is not None and name in nxt.text and _CHAIR.search(nxt.text)):
            chairs.append(m.person)
    return chairs
