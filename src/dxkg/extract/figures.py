"""Figures: every number the text states about a place, as an Observation.

Numbers are read as Vietnamese writes them ("1.196", "89,66%", "3,31 triệu
trang", "5-10%", "39/63", "thứ 3/5 tỉnh Tây Nguyên", "Top 1", "0,7314/1
điểm") with babel's strict Vietnamese parser, so "3.0" is never thirty. Dates,
times, years, document numbers, levels ("mức độ 4"), versions, ages and names
with numbers ("Covid-19", "5G") are not figures.

Meaning comes from the clause around the number: the unit (percent, rank, or
what is counted), the qualifier ("hơn", "khoảng", "tối thiểu"), whether it is
a target ("mục tiêu", "phấn đấu", "đề ra … :", a due year) or an achieved
value, the year it holds for, the province, the indicator, and the document
that set a target.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from babel.numbers import NumberFormatError, parse_decimal

from .. import lexicon
from ..lang import dates
from ..model import Observation, Sentence
from .component import Component, Context
from .documents import NOTATION

NUMBER = r"\d[\d.,]*\d|\d"
_NUMBER = re.compile(rf"(?<![\w.,/-])({NUMBER})(?![\w]|[.,]\d)")
_PERCENT = re.compile(r"\s*%")
_RANGE = re.compile(rf"\s*%?\s*[-–]\s*({NUMBER})(?![\w/])")
_RANGE_WORDS = re.compile(rf"\s*%?\s+(?:đến|tới)\s+({NUMBER})(?![\w/])")
_OUT_OF = re.compile(rf"/({NUMBER})(?![\w/])")
_CLAUSE_SEP = re.compile(r"[;:!?]|\.(?=\s|$)|(?<=\s)–(?=\s)")
_HEAD = re.compile(r"(?:tỷ lệ|tỷ trọng)\b", re.I)


def _words_of(table: str, **where: str) -> str:
    return lexicon.alternation(lexicon.words(table, **where))


@cache
def _scales() -> dict[str, Decimal]:
    return {r.word: Decimal(10) ** r.power for r in lexicon.table("scales")}


@cache
def _scale() -> re.Pattern:
    return re.compile(r"\s+(" + lexicon.alternation(_scales()) + r")(?!\w)")


@cache
def _rank_before() -> re.Pattern:
    """A rank word just before the number ("đứng 48/63", "Top 1"); "xếp thứ 3" ends with one too ("thứ")."""
    return re.compile(r"(?:" + _words_of("rank_words") + r")\s+$", re.I)


@cache
def _rank_alone() -> re.Pattern:
    return re.compile(r"(?:" + _words_of("rank_words", marks="rank") + r")\s+$", re.I)


@cache
def _ordinal() -> re.Pattern:
    return re.compile(r"(?:" + _words_of("rank_words", marks="ordinal") + r")\s+$")


@cache
def _qualifier() -> re.Pattern:
    return re.compile(r"(" + _words_of("qualifiers") + r")\s+$", re.I)


@cache
def _not_quantity() -> re.Pattern:
    """Words before a number that make it a label, not a quantity ("mức độ 4", "Nghị quyết 04, 05")."""
    return re.compile(r"(?:" + _words_of("not_quantity", side="before") + r")\s+(?:\d+\s*,\s*)*$", re.I)


@cache
def _after_not_quantity() -> re.Pattern:
    # an age, a duration, or a clock time ("7h", "7:30")
    return re.compile(r"^\s*(?:" + _words_of("not_quantity", side="after") + r"|h\b|:\d)", re.I)


@cache
def _target() -> re.Pattern:
    return re.compile(r"(" + _words_of("status_words", status="target") + r")", re.I)


@cache
def _actual() -> re.Pattern:
    return re.compile(r"(" + _words_of("status_words", status="actual") + r")", re.I)


@cache
def _now() -> re.Pattern:
    return re.compile(r"\b(?:" + _words_of("status_words", status="now") + r")\b", re.I)


@cache
def _filler() -> re.Pattern:
    return re.compile(r"\b(?:" + _words_of("figure_fillers") + r")\b", re.I)


@cache
def _link() -> re.Pattern:
    return re.compile(r"(?:" + _words_of("link_words", kind="verb") + r")\s*(?:"
                      + _words_of("link_words", kind="qualifier") + r")?\s*$", re.I)


@cache
def _dangling() -> frozenset[str]:
    return frozenset(lexicon.words("dangling_words"))


@cache
def _not_counted() -> frozenset[str]:
    return frozenset(lexicon.words("not_counted"))


@cache
def _known(name: str) -> list[tuple[str, str, re.Pattern]]:
    return [(r.label, r.english, re.compile(r.pattern, re.I)) for r in lexicon.table(name)]


@cache
def _fallback_indicator() -> tuple[str, str, re.Pattern]:
    """The ranking a rank means when its clause names none: the whole DTI index."""
    flagged = [r for r in lexicon.table("indicators") if r.fallback]
    if len(flagged) != 1:
        raise ValueError("indicators.tsv must flag exactly one ranking as the fallback")
    return flagged[0].label, flagged[0].english, re.compile(flagged[0].pattern, re.I)


@cache
def _units() -> list[tuple[str, str]]:
    return sorted(((r.written, r.unit) for r in lexicon.table("units")), key=lambda u: -len(u[0]))


def parse_number(text: str) -> Decimal | None:
    try:
        return Decimal(str(parse_decimal(text, locale="vi", strict=True)))
    except (NumberFormatError, ValueError, ArithmeticError):
        return None


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in re.finditer(NOTATION, text)]
    spans += [(m.start("d"), m.end()) for m, *_ in dates.day_months(text)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{1,2}:\d{2}\b", text)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b", text)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"\b[A-Za-zĐđ]+-\d+\b", text)]  # Covid-19
    return spans


class FigureReader:
    """Reads the figures of one article, sentence by sentence (a list item shares the previous figure's words)."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        published = ctx.article.published
        self.article_year = published.year if published else None
        self._last: Observation | None = None

    def read(self, s: Sentence) -> list[Observation]:
        text = s.text
        excluded = _excluded_spans(text)
        out: list[Observation] = []
        taken = 0
        for m in _NUMBER.finditer(text):
            if m.start() < taken or any(a <= m.start() < b for a, b in excluded):
                continue
            obs = self.observation(s, m)
            if obs is not None:
                out.append(obs)
                taken = obs.evidence.end - s.start
        return out

    def observation(self, s: Sentence, m: re.Match) -> Observation | None:
        text, before = s.text, s.text[:m.start()]
        if _not_quantity().search(before[-40:]) or _after_not_quantity().match(text[m.end():]):
            return None
        value = parse_number(m.group(1))
        if value is None:
            return None
        if self._is_year(value, m, text):
            return None
        end = m.end()
        unit, out_of, max_value = None, None, None
        if sc := _scale().match(text, end):
            value *= _scales()[sc.group(1)]
            end = sc.end()
        if r := (_RANGE.match(text, end) or _RANGE_WORDS.match(text, end)):
            top = parse_number(r.group(1))
            if top is not None and top > value:
                max_value, end = top, r.end()
        if p := _PERCENT.match(text, end):
            unit, end = "percent", p.end()
        elif o := _OUT_OF.match(text, end):
            out_of, end = parse_number(o.group(1)), o.end()
            unit = "rank" if _rank_before().search(before[-25:]) else None
        elif _rank_alone().search(before[-6:]):
            unit = "rank"
        elif _rank_before().search(before[-25:]) and _ordinal().search(before[-8:]):
            unit = "rank"
        if unit is None:
            unit, end = self._counted(text, end)
        clause_start, clause_end = _clause(text, m.start())
        qualifier = q.group(1).lower() if (q := _qualifier().search(before[-15:])) else None
        status = self._status(text, clause_start, m.start())
        previous = self._last if self._last is not None and self._last.evidence.sentence == text else None
        if previous is not None:  # in a list of figures each item's own words start after the previous figure
            clause_start = max(clause_start, previous.evidence.end - s.start)
        indicator, english = self._indicator(text, clause_start, clause_end, m.start(), end, unit, previous)
        self._last = Observation(
            value=value, unit=unit, status=status, indicator=indicator, indicator_en=english,
            area=self.ctx.near(s, m.start()),
            period=self._period(s, m.start(), status), evidence=s.span(m.start(), end),
            max_value=max_value, out_of=out_of, qualifier=qualifier,
            set_by=self._set_by(text, m.start()) if status == "target" else None)
        return self._last

    def _is_year(self, value: Decimal, m: re.Match, text: str) -> bool:
        return (value == value.to_integral_value() and 1900 <= value <= 2100 and "." not in m.group(1)
                and not re.match(r"\s*(?:%|[a-zà-ỹđ])", text[m.end():m.end() + 2]))

    def _counted(self, text: str, end: int) -> tuple[str, int]:
        rest = text[end:]
        for written, canonical in _units():
            if re.match(r"\s+" + re.escape(written) + r"(?!\w)", rest):
                return canonical, end + len(re.match(r"\s+" + re.escape(written), rest).group(0))
        w = re.match(r"\s+([a-zà-ỹđ]\w*)", rest)
        if w and w.group(1) not in _not_counted():
            return w.group(1), end + w.end()
        return "đơn vị", end

    def _status(self, text: str, clause_start: int, at: int) -> str:
        # a target phrase opening the sentence with a colon governs the list after it
        colon = text.rfind(":", 0, at)
        scope_start = clause_start
        if colon != -1 and _target().search(text[:colon]):
            return "target"
        window = text[scope_start:at]
        target = [t.end() for t in _target().finditer(window)]
        if not target:
            year = re.search(r"(?:đến|tới)\s+năm\s+(\d{4})", text, re.I)
            future = year and self.article_year and int(year.group(1)) > self.article_year
            return "target" if future else "actual"
        actual = [a.end() for a in _actual().finditer(window)]
        return "actual" if actual and max(actual) > max(target) else "target"

    def _period(self, s: Sentence, at: int, status: str) -> int | None:
        text = s.text
        due = re.search(r"(?:đến|tới)\s+năm\s+(\d{4})", text, re.I)
        if status == "target" and due:
            return int(due.group(1))
        years = [int(y.group(1)) for y in re.finditer(r"(?<!từ )năm\s+(\d{4})", text[:at], re.I)]
        if years:
            return years[-1]
        if years := [int(y.group(1)) for y in re.finditer(r"(?<!từ )năm\s+(\d{4})", text, re.I)]:
            return years[0]
        if not _now().search(text):
            para = [x for x in self.ctx.article.sentences if x.paragraph == s.paragraph and x.start < s.start]
            for earlier in reversed(para):
                if y := re.search(r"(?<!từ )năm\s+(\d{4})", earlier.text, re.I):
                    return int(y.group(1))
        return self.article_year

    def _indicator(self, text: str, start: int, end: int, at: int, number_end: int, unit: str,
                   previous: Observation | None) -> tuple[str, str | None]:
        before, after = text[start:at], text[number_end:end]
        if unit == "rank":
            return _nearest_rank_indicator(before)
        for source in (before, before + " " + after):
            for label, english, pattern in _known("measures"):
                if pattern.search(source):
                    return _kind_of_count(label, unit), english
        own_after = _words(re.split(r"\d", after, maxsplit=1)[0]).split()
        if previous is not None and len(_words(before).split()) <= 3 and len(own_after) < 2:
            # "mức độ 3 đạt 77,3%, mức độ 4 đạt 55,72%": a list item shares the previous figure's indicator
            level = re.search(r"mức độ \d", before)
            if level and re.search(r"mức độ \d", previous.indicator):
                return re.sub(r"mức độ \d", level.group(0), previous.indicator), None
            return _kind_of_count(previous.indicator, unit), previous.indicator_en
        return _kind_of_count(_subject_phrase(before, after, unit), unit), None

    def _set_by(self, text: str, at: int) -> str | None:
        for d in self.ctx.records.documents:
            if any(w and w in text[:at] for w in (d.notation, d.label, *d.as_written)):
                return d.key
        return None


def _nearest_rank_indicator(before: str) -> tuple[str, str]:
    """The ranking named closest before the number: "…, kinh tế số đứng thứ 48/63" is the economy pillar."""
    best, best_at = _fallback_indicator(), -1
    for label, english, pattern in _known("indicators"):
        for m in pattern.finditer(before):
            if m.end() > best_at:
                best, best_at = (label, english, pattern), m.end()
    return best[0], best[1]


def _clause(text: str, at: int) -> tuple[int, int]:
    start = max((m.end() for m in _CLAUSE_SEP.finditer(text, 0, at)), default=0)
    nxt = _CLAUSE_SEP.search(text, at)
    return start, nxt.start() if nxt else len(text)


def _words(text: str, limit: int = 12) -> str:
    text = _filler().sub(" ", text)
    words = [w for w in re.sub(r"[,()“”\"…%/]+", " ", text).split() if not any(c.isdigit() for c in w)]
    while words and words[-1] in _dangling():
        words.pop()  # the qualifier or conjunction of the next figure
    return " ".join(words[:limit])


def _subject_phrase(before: str, after: str, unit: str) -> str:
    """What a figure measures: the subject before "đạt/là/chiếm", or the noun phrase the number heads."""
    heads = list(_HEAD.finditer(before))
    if heads:
        return _words(before[heads[-1].start():])
    if link := _link().search(before):
        tail = before[:link.start()]
        last_comma = tail.rfind(",")
        if last_comma != -1 and len(tail[last_comma:].split()) >= 3:
            tail = tail[last_comma + 1:]
        if len(_words(tail).split()) >= 2:
            return _words(" ".join(tail.split()[-12:]))
    subject = _words(re.split(r"\d", after, maxsplit=1)[0])  # up to the next figure of a list
    if unit != "percent":
        return f"{unit} {subject}".strip()
    return subject or _words(" ".join(before.split()[-8:])) or "số liệu"


def _kind_of_count(label: str, unit: str) -> str:
    """'tỷ lệ …' for a percentage, 'số …' for a count, whatever the phrase began with."""
    core = re.sub(r"^(?:tỷ lệ|số lượng|số)\s+", "", label.strip(), flags=re.I)
    if label.lower().startswith("tỷ trọng") or label.lower().startswith("tăng"):
        return label
    return f"tỷ lệ {core}" if unit == "percent" else f"số {core}" if unit not in ("rank",) else core


class Figures(Component):
    """Every figure the article states about a place, as an Observation."""

    needs = ("documents",)  # the document that set a target
    adds = ("observations",)

    def __call__(self, ctx: Context) -> None:
        reader = FigureReader(ctx)
        seen = set()
        for s in ctx.article.sentences:
            for o in reader.read(s):
                # a figure stated twice ("1.492 thủ tục" in two paragraphs) is one observation
                k = (o.value, o.max_value, o.out_of, o.unit, o.status, o.indicator, o.period, o.area)
                if k not in seen:
                    seen.add(k)
                    ctx.records.observations.append(o)
