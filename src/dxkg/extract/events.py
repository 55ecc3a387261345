"""Meetings, conferences, ceremonies and workshops the article reports.

News reports an event in a few shapes (kinds in `data/events.tsv`):

- an event noun with a date in its clause: "Hội thảo … tổ chức tại Phú Yên ngày 23.8 vừa qua", "tổ chức
  hội thảo … vào ngày 7/10/2022" (the date nearest the noun, not one across a semicolon, nor a
  document's date);
- a lead that opens with the date and reports with a verb or a weak noun: "Sáng ngày 13/4, Ban Chỉ đạo …
  họp …", "Mới đây, chiều 22/3/2023, UBND tỉnh và Viettel ký kết …", "Sáng 21/10, tại chương trình chào
  mừng …", or only with its place: "Sáng 20/12, tại Cung Văn hóa …" (the kind is then the one the
  article names first, as in its title);
- an event noun without a date, in a sentence that reports the meeting ("… chủ trì hội nghị", "Dự hội
  nghị có …", a caption "Toàn cảnh hội nghị"): another mention of the article's dated meeting, or, when
  the text dates none, the meeting of the article's month.

Days and months take their year from the article's date (`lang/dates.py`). Organizer ("… tổ chức"), place
("tại TP. Pleiku"), chairs ("X … chủ trì", "do X chủ trì", "Đồng chủ trì" in the next sentence) and the
documents it concerned come from the same sentence; the identity stage keeps one event per date and folds
the undated mentions into it, chairs and all.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from .. import lexicon
from ..lang import dates
from ..lang.text import UPPER
from ..model import Event, PartialDate, PersonMention, Sentence
from .component import Component, Context

_ORGANIZED = re.compile(r"^\s*(?:đã\s+|vừa\s+)?tổ chức\b")
_CHAIR = re.compile(r"(đồng\s+)?chủ trì", re.I)
_CLAUSE = re.compile(r"[;]")  # a date across a semicolon belongs to another clause


@cache
def _place() -> re.Pattern:
    venues = lexicon.alternatives("venue_words")
    return re.compile(rf"\btại\s+((?:{venues})\s*[{UPPER}]\w*(?:\s[{UPPER}]\w*)*)")


@cache
def _label_stop() -> re.Pattern:
    stops = lexicon.alternatives("event_label_words", role="stop")
    return re.compile(r"\s+(?:" + stops + r"|và\s+(?=[" + UPPER + r"]))\b|[,.;:()]")


@cache
def _label_tail() -> frozenset[str]:
    return frozenset(lexicon.words("event_label_words", role="tail"))


def _variants(words: list[str]) -> list[str]:
    return words + [w[0].lower() + w[1:] for w in words] + [w[0].upper() + w[1:] for w in words]


@cache
def _kind_pattern(form: str = "") -> re.Pattern:
    kinds = _variants(lexicon.words("events", form=form))
    return re.compile(r"(?<!\w)(" + lexicon.alternation(kinds) + r")(?!\w)")


@cache
def _verb_kinds() -> dict[str, str]:
    return {r.label: r.kind for r in lexicon.table("events") if r.form == "verb"}


@cache
def _venue_before() -> re.Pattern:
    words = lexicon.alternatives("event_label_words", role="venue")
    return re.compile(r"(?:^|\s)(?:" + words + r")\s+$", re.I)


@cache
def _report_before() -> re.Pattern:
    words = lexicon.alternatives("event_label_words", role="report")
    return re.compile(r"(?<!\w)(?:" + words + r")(?:\s+\S+){0,2}?\s+(?:tại\s+)?$", re.I)


@cache
def _upcoming() -> re.Pattern:
    words = lexicon.alternatives("event_label_words", role="upcoming")
    return re.compile(r"(?<!\w)(?:" + words + r")(?!\w)", re.I)


def _reported(text: str, kind: re.Match) -> bool:
    """An undated event noun the article reports: "chủ trì hội nghị", "dự hội nghị", "phát biểu chỉ đạo tại
    Hội nghị", a caption "Toàn cảnh hội nghị", or the bare noun after "tại" ("Tại Hội nghị, …"): the meeting
    at hand. A named one after "tại" ("tại Hội nghị chuyên đề … vừa qua") is only referred to."""
    before = text[:kind.start()]
    if _upcoming().search(before.rsplit(";", 1)[-1]):
        return False  # "tỉnh sẽ tổ chức hội nghị sơ kết": not held yet, and no date to hold it by
    if _report_before().search(before):
        return True
    return bool(re.search(r"(?:^|\s)tại\s+$", before, re.I)) and bool(re.match(r"\s*(?:này\b|[,.;:]|$)",
                                                                             text[kind.end():]))


class Events(Component):
    """The meetings the article reports: every mention, dated or not."""

    needs = ("persons", "documents", "organizations", "platforms")
    adds = ("events",)

    def __call__(self, ctx: Context) -> None:
        sentences = ctx.article.sentences
        found: list[Event] = []
        for i, s in enumerate(sentences):
            nxt = sentences[i + 1] if i + 1 < len(sentences) and sentences[i + 1].paragraph == s.paragraph else None
            found += _events_in(ctx, s, nxt)
        published = ctx.article.published
        if found and not any(e.date for e in found) and published is not None:
            # no meeting dated in the text: the one it reports took place when it was written
            month = PartialDate(published.year, published.month)
            found = [replace(e, date=month) for e in found]
        ctx.records.events = found  # every mention: the identity stage keeps one per date


def _events_in(ctx: Context, s: Sentence, nxt: Sentence | None) -> list[Event]:
    text, out = s.text, []
    # a document's date dates the document; a date after "đến", "trước" is a deadline or a cut-off
    when = [w for w in dates.day_months(text) if not _in_document(ctx, s, w[0].start("d"))
            and not dates.bound_date(text, w[0].start())]
    lead = dates.event_date(text)
    platforms = [(p.evidence.start - s.start, p.evidence.end - s.start) for p in ctx.records.platforms
                 if p.evidence and s.start <= p.evidence.start < s.end]
    kinds = [k for k in _kind_pattern().finditer(text) if not _venue_before().search(text[:k.start()])
             and not any(a <= k.start() < b for a, b in platforms)]  # "Hệ thống hội nghị truyền hình"
    if lead is not None:
        kinds += [k for k in _kind_pattern("weak").finditer(text)]
    taken: set[str] = set()
    for kind in sorted(kinds, key=lambda k: k.start()):
        date = _nearest(ctx, text, kind, when)
        if date is None and not _reported(text, kind):
            continue
        key = date.iso() if date else ""
        if key in taken:
            continue  # "Hội nghị … Tại hội nghị": one meeting per date in a sentence
        taken.add(key)
        out.append(_event(ctx, s, nxt, kind.start(), kind.end(), _kind_label(kind.group(1)), date))
    if not out and lead is not None and (date := _resolved(ctx, lead.day, lead.month, lead.year)):
        if verb := _kind_pattern("verb").search(text):
            kind = _verb_kinds()[verb.group(1).lower()]
            out.append(_event(ctx, s, nxt, verb.start(), verb.end(), kind, date, _verb_label(ctx, s, verb, kind)))
        elif re.match(r"\s*,?\s*tại\s", text[next(iter(dates.day_months(text)))[0].end():]):
            kind, label = _article_kind(ctx)  # "Sáng 20/12, tại Cung Văn hóa …": the event the article is about
            out.append(_event(ctx, s, nxt, 0, len(text), kind, date, label))
    return out


def _nearest(ctx: Context, text: str, kind: re.Match, when: list) -> PartialDate | None:
    """The date of the event a noun names: the nearest date in its clause."""
    best, best_gap = None, None
    for m, day, month, year in when:
        a, b = sorted((m.start("d"), kind.start()))
        if _CLAUSE.search(text, a, b):
            continue
        gap = b - a
        if best_gap is None or gap < best_gap:
            best, best_gap = (day, month, year), gap
    return _resolved(ctx, *best) if best else None


def _resolved(ctx: Context, day: int, month: int, year: int | None) -> PartialDate | None:
    return dates.resolve_day_month(day, month, year, ctx.article.published)


def _in_document(ctx: Context, s: Sentence, at: int) -> bool:
    """A date inside a document's reference ("Nghị quyết số 57-NQ/TW ngày 22/12/2024") dates the document."""
    at += s.start
    return any(d.evidence and d.evidence.start <= at < d.evidence.end and d.date for d in ctx.records.documents)


def _kind_label(written: str) -> str:
    return written[0].upper() + written[1:]


def _article_kind(ctx: Context) -> tuple[str, str]:
    """The kind and label of the event the article names first, its title first: "… mở ngày hội công nghệ số"."""
    for text in (ctx.article.headline, *(s.text for s in ctx.article.sentences)):
        for k in _kind_pattern().finditer(text or ""):
            if not _venue_before().search(text[:k.start()]):
                kind = _kind_label(k.group(1))
                return kind, _label(text, k.end(), kind)
    kind = lexicon.words("events", form="fallback")[0]
    return kind, kind


def _verb_label(ctx: Context, s: Sentence, verb: re.Match, kind: str) -> str:
    """A verb's kind and its object when it is a name ("Lễ ký kết “Thỏa thuận hợp tác …”"), else the body that
    met ("Cuộc họp Ban Chỉ đạo về chuyển đổi số tỉnh")."""
    label = _label(s.text, verb.end(), kind)
    rest = label[len(kind):].strip()
    if rest[:1].isupper() or rest[:1] in "“\"":
        return label
    subject = next((f.org for f in reversed(ctx.organizations_in[s])
                    if f.end <= verb.start() and re.fullmatch(r"\s*(?:đã\s+|vừa\s+)?", s.text[f.end:verb.start()])), None)
    return f"{kind} của {subject.label}" if subject else kind


def _event(ctx: Context, s: Sentence, nxt: Sentence | None, start: int, end: int, kind: str,
           date: PartialDate | None, label: str | None = None) -> Event:
    text = s.text
    return Event(
        kind=kind, label=label or _label(text, end, kind), date=date,
        place=(p.group(1) if (p := _place().search(text)) else None),
        organizer=_organizer(ctx, s),
        chairs=tuple(_chairs(ctx.records.persons, s, nxt)),
        document_mentions=tuple(d for d in ctx.records.documents
                                if any(w in text for w in (d.notation or d.label, *d.as_written))),
        evidence=s.span(start, end))


def _label(text: str, end: int, kind: str) -> str:
    """The kind and what follows it up to a stop, a quoted name kept whole: "Hội nghị giao ban", "Chương trình
    “Cà Mau hưởng ứng ngày chuyển đổi số quốc gia”", "Lễ ký kết “Thỏa thuận hợp tác …”"."""
    quoted = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
    at = end
    while (stop := _label_stop().search(text, at)) and any(a < stop.start() < b for a, b in quoted):
        at = next(b for a, b in quoted if a < stop.start() < b)
    words = text[end:stop.start() if stop else len(text)].split()[:14]
    while words and words[-1] in _label_tail():
        words.pop()
    return " ".join([kind, *words])


_QUOTE = re.compile(r"[“\"][^”\"]{1,120}[”\"]")


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
    """Persons named in the clause that "chủ trì" closes ("X, Bí thư Tỉnh ủy, chủ trì hội nghị", "do X chủ
    trì") or opens ("Chủ trì hội nghị có đồng chí X"), in this sentence or the next; when the next opens with
    "Đồng chủ trì", the persons of the event's own sentence chaired too."""
    co_chair_next = nxt is not None and re.match(r"\s*đồng chủ trì", nxt.text, re.I)
    chairs = []
    for m in persons:
        name = m.person.name
        if _chaired_in(s.text, name) or (nxt is not None and _chaired_in(nxt.text, name)) or \
                (co_chair_next and name in s.text):
            chairs.append(m.person)
    return chairs


_CHAIR_OPENS = re.compile(r"chủ trì\b[^;.]{0,60}?\bcó\b[^;]*$", re.I)


def _chaired_in(text: str, name: str) -> bool:
    for at in (m.start() for m in re.finditer(re.escape(name), text)):
        chair = _CHAIR.search(text, at + len(name))
        if chair is not None and not _CLAUSE.search(text, at, chair.start()):
            return True
        if _CHAIR_OPENS.search(text[:at]):
            return True
    return False
