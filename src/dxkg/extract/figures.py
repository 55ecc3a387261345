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
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel.numbers import NumberFormatError, parse_decimal

from .. import lexicon
from ..lang import dates
from ..model import Document, Observation, Sentence
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
# shapes of numbers that are never figures, whatever the words around them
_NOT_FIGURE = re.compile(
    r"\b\d{1,2}:\d{1,2}(?::\d{1,2})?\b"  # a clock time ("16:57", "15:8", "09:55:16")
    r"|(?:GMT|UTC)\s*[+-]\s*\d{1,2}\b"  # a time zone
    r"|\b\d+\s*/\s*(?!\d)\w"  # a document number whose letters NOTATION could not read ("411/ỌĐ-TTg")
    r"|(?<![\w,.])[Tt]hứ\s+[2-7]\b(?=\s*,?\s*(?:ngày\s+)?\d{1,2}[/.-]\d)"  # a weekday before a date ("Thứ 6, 3/5")
    r"|^\W*\d{1,2}[.)](?=\s)"  # a list number opening a line ("1. Chuyển đổi số cấp huyện")
    , re.M)


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
    return re.compile(r"(?:" + _words_of("not_quantity", side="before") + r")\s+(?:\d+\s*(?:,|và|hoặc|&)\s*)*$",
                      re.I)


@cache
def _quantity_after_all() -> re.Pattern:
    """"tổng số 168.000": a total, though "số 10" alone is a label."""
    return re.compile(r"(?:" + _words_of("not_quantity", side="quantity") + r")\s+$", re.I)


@cache
def _after_not_quantity() -> re.Pattern:
    # an age, a duration, or a clock time ("7h", "7:30")
    return re.compile(r"^\s*(?:" + _words_of("not_quantity", side="after") + r"|h\b|:\d)(?!\w)", re.I)


def _a_label(before: str, after: str) -> bool:
    """Whether the words beside a number make it a label, a time or an age rather than a quantity."""
    label = _not_quantity().search(before[-40:])
    if label and not _quantity_after_all().search(before[-40:]):
        # "mức độ 3 và 4" lists labels, but in "156 mức độ 3 và 864 mức độ 4" the second number has its own label
        listed = bool(re.search(r"\d", label.group(0)))
        return not (listed and _label_next().match(after))
    return bool(_after_not_quantity().match(after))


@cache
def _label_next() -> re.Pattern:
    return re.compile(r"\s+(?:" + _words_of("not_quantity", side="before") + r")\s+\d", re.I)


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
    spans += [(m.start(), m.end()) for m in re.finditer(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b", text)]
    spans += [(m.start(), m.end()) for m in _NOT_FIGURE.finditer(text)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b", text)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"\b[A-Za-zĐđ]+-\d+\b", text)]  # Covid-19
    return spans


_DUE = re.compile(r"(?:đến|tới)\s+(?:(?:hết|cuối)\s+)?năm\s+(\d{4})", re.I)
_YEAR = re.compile(r"năm\s+(\d{4})", re.I)
# the opening of a sentence that continues the one before: a list item, a figure, a parallel "Về chính quyền số, …"
_CONTINUES = re.compile(r"\s*(?:[-–+•*▪●]\s|\d|[Vv]ề\s[^,.;:]{2,60},)")
# a year label opening a list item: "- Năm 2023: 132 xã", "Đến năm 2025: …"
_YEAR_LABEL = re.compile(r"\s*[-–+•*▪●]?\s*(?:(?:Năm|Đến năm|Đến hết năm|Trong năm)\s+)?((?:19|20)\d{2})\s*:", re.I)


@dataclass(frozen=True)
class Governing:
    """A target phrase that governs the sentences after it, and the year its targets are due."""

    due: int | None


def _years(text: str) -> list[int]:
    """The years a text is about, without those it compares with ("so với năm 2021") or starts from."""
    return [int(y.group(1)) for y in _YEAR.finditer(text)
            if not re.search(r"(?:so với|từ|kể từ)\s+(?:cùng kỳ\s+)?$", text[max(0, y.start() - 16):y.start()])]


def _continues(text: str) -> bool:
    return bool(_CONTINUES.match(text))


def _outside_closed_brackets(text: str) -> str:
    """The text with every bracket that has closed blanked out (offsets kept)."""
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text)


def _hypothetical(scope: str, target: re.Match) -> bool:
    # "Nếu xét …, thứ hạng sẽ thay đổi": the "sẽ" of a condition is no plan
    return target.group(0).lower() == "sẽ" and bool(re.search(r"\bnếu\b", scope[:target.start()], re.I))


def _schedule_items(sentences: list[Sentence], published: int | None) -> set[int]:
    """List items labelled by year ("- Năm 2022: 94 xã", "- Năm 2023: 132 xã") that reach past the article's
    date: a schedule, so every item of it, this year's too, is a target. The starts of their sentences."""
    items: set[int] = set()
    run: list[tuple[int, int]] = []
    for s in [*sentences, None]:
        label = _YEAR_LABEL.match(s.text) if s is not None else None
        if label:
            run.append((s.start, int(label.group(1))))
            continue
        if len(run) >= 2 and published and max(y for _, y in run) > published:
            items.update(start for start, _ in run)
        run = []
    return items


class FigureReader:
    """Reads the figures of one article, sentence by sentence (a list item shares the previous figure's words)."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        published = ctx.article.published
        self.article_year = published.year if published else None
        self._last: Observation | None = None
        # the target phrase that still governs: a heading "Mục tiêu … đến năm 2025:" or a sentence of targets
        # governs the list items and the parallel paragraphs after it, with its due year
        self._governing: Governing | None = None
        self._inherited: Governing | None = None
        self._schedules = _schedule_items(ctx.article.sentences, self.article_year)

    def read(self, s: Sentence) -> list[Observation]:
        text = s.text
        self._inherited = self._governing if _continues(text) else None
        if s.start in self._schedules:
            self._inherited = Governing(None)
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
        self._governing = self._governs_after(text, out)
        return out

    def _governs_after(self, text: str, found: list[Observation]) -> Governing | None:
        """What governs the sentences after this one: its own target phrase, or what governed it."""
        heading = text.rstrip().endswith(":") and self._status(text, len(text)) == "target"
        if heading or (found and found[-1].status == "target"):
            return Governing(self._due(text, len(text)) or (found[-1].period if found else None))
        if self._inherited is not None and self._status(text, len(text)) is None:
            return self._inherited
        return None

    def observation(self, s: Sentence, m: re.Match) -> Observation | None:
        text, before = s.text, s.text[:m.start()]
        if _a_label(before, text[m.end():]):
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
        status = self._status(text, m.start()) or ("target" if self._inherited else "actual")
        previous = self._last if self._last is not None and self._last.evidence.sentence == text else None
        if previous is not None:  # in a list of figures each item's own words start after the previous figure
            clause_start = max(clause_start, previous.evidence.end - s.start)
        indicator, english = self._indicator(text, clause_start, clause_end, m.start(), end, unit, previous)
        self._last = Observation(
            value=value, unit=unit, status=status, indicator=indicator, indicator_en=english,
            area=self.ctx.near(s, m.start()),
            period=self._period(s, m.start(), status), evidence=s.span(m.start(), end),
            max_value=max_value, out_of=out_of, qualifier=qualifier,
            documents_before=self._documents_before(text, m.start()) if status == "target" else ())
        return self._last

    def _is_year(self, value: Decimal, m: re.Match, text: str) -> bool:
        """A bare 19xx/20xx is a year: counts of that size are written with a dot ("2.019 hồ sơ"), so "DTI 2020",
        "(CNTT) 2019" and "Ngày hội … 2025" are an edition or an event's year, not a figure."""
        return (value == value.to_integral_value() and 1900 <= value <= 2100 and m.group(1).isdigit()
                and not re.match(r"\s*%", text[m.end():m.end() + 2]))

    def _counted(self, text: str, end: int) -> tuple[str, int]:
        rest = text[end:]
        for written, canonical in _units():
            if re.match(r"\s+" + re.escape(written) + r"(?!\w)", rest):
                return canonical, end + len(re.match(r"\s+" + re.escape(written), rest).group(0))
        w = re.match(r"\s+([a-zà-ỹđ]\w*)", rest)
        if w and w.group(1) not in _not_counted():
            return w.group(1), end + w.end()
        return "đơn vị", end

    def _status(self, text: str, at: int) -> str | None:
        """'target' or 'actual' by the last status word before `at` in the sentence, None when there is none.

        A target phrase governs the rest of its sentence, across ";" and the items of a list ("phấn đấu 100% …;
        90% …, 80% … và 60% …"), until a word of what has been achieved ("đã", "hiện nay") follows it. A status
        word inside brackets that have closed speaks only of them ("đạt 63,47% (mục tiêu 70%), còn … 18,54%").
        """
        scope = _outside_closed_brackets(text[:at])
        targets = [t for t in _target().finditer(scope) if not _hypothetical(scope, t)]
        actuals = list(_actual().finditer(scope))
        if targets and not (actuals and actuals[-1].end() >= targets[-1].end()):
            return "target"
        if actuals:
            return "actual"
        due = _DUE.search(text, at, _clause(text, at)[1])
        if due and self.article_year and int(due.group(1)) > self.article_year:
            return "target"  # "… 100% xã có cáp quang vào năm 2025", written before 2025
        return None

    def _due(self, text: str, at: int) -> int | None:
        """The due year a target phrase gives: the nearest "đến năm 2025" before `at`, else the first after."""
        dues = [int(d.group(1)) for d in _DUE.finditer(text)]
        before = [int(d.group(1)) for d in _DUE.finditer(text[:at])]
        return before[-1] if before else dues[0] if dues else None

    def _period(self, s: Sentence, at: int, status: str) -> int | None:
        text = s.text
        if status == "target":
            if due := self._due(text[:at], at):
                return due
            if years := _years(text[:at]):
                return years[-1]  # "Năm 2023: 132 xã"
            if self._inherited is not None and self._inherited.due:
                return self._inherited.due
            if due := self._due(text, at):
                return due
        if years := _years(text[:at]):
            return years[-1]
        if years := _years(text):
            return years[0]
        if not _now().search(text):
            para = [x for x in self.ctx.article.sentences if x.paragraph == s.paragraph and x.start < s.start]
            for earlier in reversed(para):
                if years := _years(earlier.text):
                    return years[0]
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

    def _documents_before(self, text: str, at: int) -> tuple[Document, ...]:
        return tuple(d for d in self.ctx.records.documents
                     if any(w and w in text[:at] for w in (d.notation, d.label, *d.as_written)))


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
        for s in ctx.article.sentences:
            ctx.records.observations += reader.read(s)  # a figure stated twice is merged by the identity stage
