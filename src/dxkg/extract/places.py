"""Provinces and centrally-run cities: those the article names, and the one it is about.

A name is looked up in the gazetteer (`data/provinces.tsv`), where each unit
carries the dates it existed: the article's date chooses the unit a name
denotes ("Thừa Thiên Huế" in 2021 is the province, "Huế" in late 2025 the
city; "Gia Lai" after 1 July 2025 is the merged province). Where the date
cannot tell, the text's own words about the merger do ("(mới)", "sau sáp
nhập").

Not every province name is a province: a person's name ("Nguyễn Thái Bình"),
a smaller place called after it ("xã Long An", "thành phố Thanh Hóa", the
capital of the province), the President ("Tư tưởng Hồ Chí Minh") or the
Pacific ("Thái Bình Dương").

The province the article is about (`Places.main`) is read the way a reader
finds it: from the headline, the lead, the bodies the officials serve
("Chủ tịch UBND tỉnh Quảng Nam") and the outlet (Báo Đồng Khởi is Bến Tre's
paper), not from the name that occurs most (menus and widgets name many).
An article whose province is never named ("trên địa bàn tỉnh") takes it from
its outlet, or has none rather than a guess.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from .. import lexicon
from ..lang.text import UPPER, normalize, strip_diacritics, title_case
from ..model import Article, ProvinceRef

MERGER = (2025, 7)  # the 63 provinces became 34 on 1 July 2025

# How much each kind of evidence weighs for the article's province.
HEADLINE, LEAD, BODY, PLAIN, OUTLET = 8, 3, 2, 1, 5


# ------------------------------------------------------------------ names and units

@cache
def _pattern() -> re.Pattern:
    return re.compile(r"(?<!\w)(" + lexicon.alternation(lexicon.province_names()) + r")(?!\w)")


# a province name right after one of these is a smaller place called after it
# ("phố" is a street, but "thành phố" the city itself)
_SMALLER = re.compile(r"(?:^|[^\w])(?:xã|phường|huyện|quận|thị xã|thị trấn|thôn|ấp|bản|làng|đường|(?<![Tt]hành )phố|"
                      r"khu phố|sông|cầu|chợ|cảng|sân bay|đảo|đèo|núi|hồ|bến xe|ga|Xã|Phường|Huyện|Quận|"
                      r"Thị xã|Thị trấn|Thôn|Đường|Phố|Sông|Cầu|Chợ|Cảng|Sân bay|Ga|Bến xe)\s+$")
_CITY_BEFORE = re.compile(r"(?:thành phố|Thành phố|THÀNH PHỐ|TP\.?|Tp\.?)\s*$")
# a capitalised word that turns the name into another proper name
_LONGER_NAME = {"Thái Bình": "Dương", "Điện Biên": "Phủ"}
# "(mới)" or "(cũ)" after a name picks the unit after or before the merger
_ERA_AFTER = re.compile(r"\s*\((mới|cũ)\)")
# words only written about the 34-unit map
_MERGER_CUES = re.compile(r"\b(?:sau|trước)\s+(?:khi\s+)?(?:sáp nhập|hợp nhất|sắp xếp|nhập tỉnh)|"
                          r"\((?:mới|cũ)\)|\b34 tỉnh, thành|\btỉnh mới\b", re.I)


def _date(article: Article) -> str | None:
    """The article's date as an ISO day, for comparing with the gazetteer's dates."""
    p = article.published
    return None if p is None else f"{p.year:04d}-{p.month or 1:02d}-{p.day or 1:02d}"


def _merger_unknown(article: Article) -> bool:
    """True when the date cannot tell whether the article is before or after 1 July 2025."""
    p = article.published
    return p is None or (p.year == MERGER[0] and p.month is None)


def _after_merger(article: Article) -> bool:
    if not _merger_unknown(article):
        return (article.published.year, article.published.month) >= MERGER
    return _speaks_of_merger(article.text)


@lru_cache(maxsize=16)
def _speaks_of_merger(text: str) -> bool:
    # asked once per name the readers resolve: a str caches its hash, so the lookup is cheap
    return bool(_MERGER_CUES.search(text))


def unit_for(name: str, article: Article, era: str | None = None) -> ProvinceRef:
    """The unit a province name denotes in this article.

    The unit that carried the name on the article's date; a name no unit of
    that date carries ("Quảng Nam" in late 2025) is the former unit.
    `era` ("63" or "34") is the text's own "(cũ)"/"(mới)".
    """
    units = lexicon.province_names()[name]
    if len(units) > 1:
        units = _by_date(units, name, article, era)
    unit = _full_form(units[0], name, article) or units[0]
    return lexicon.province_ref(unit.id)


def _full_form(unit: lexicon.Province, name: str, article: Article) -> lexicon.Province | None:
    """The unit whose full name the article writes, when `name` is its short form.

    "Huế" in a 2021 article that also writes "Thừa Thiên Huế" is that province,
    the unit with the same code that existed on the article's date.
    """
    day = _date(article)
    for full in _fuller().get(name, ()):
        if full.code == unit.code and (day is None or day < (full.valid_until or "9999")) and (
                full.name in article.text or full.name in article.headline):
            return full
    return None


@cache
def _fuller() -> dict[str, list[lexicon.Province]]:
    """Name -> the units whose own name ends with it ("Huế" -> Thừa Thiên Huế)."""
    out: dict[str, list[lexicon.Province]] = {}
    for name in lexicon.province_names():
        out[name] = [u for u in lexicon.provinces().values() if u.name.endswith(" " + name)]
    return {n: us for n, us in out.items() if us}


def _by_date(units: list[lexicon.Province], name: str, article: Article, era: str | None) -> list:
    if era is None and _merger_unknown(article):
        era = "34" if _after_merger(article) else None
    if era:
        units = [u for u in units if era in u.era.split("+")] or units
    day = _date(article)
    if day is None and era == "34":
        day = "2025-07-01"
    if day:
        valid = [u for u in units if u.valid_from <= day and (not u.valid_until or day < u.valid_until)]
        units = valid or units
    # an undated article: the unit whose own name is written, else the older map
    return sorted(units, key=lambda u: (u.name != name, u.era == "34"))


def mentions(article: Article, text: str, offset: int = 0) -> list[tuple[int, ProvinceRef]]:
    """(offset, province) for each province name in text."""
    out = []
    for m in _pattern().finditer(text):
        name = m.group(1)
        if not _is_province(text, m, name):
            continue
        era = None
        if e := _ERA_AFTER.match(text, m.end()):
            era = "34" if e.group(1) == "mới" else "63"
        unit = unit_for(name, article, era)
        if _CITY_BEFORE.search(text[max(0, m.start() - 12):m.start()]) and lexicon.provinces()[unit.id].kind == "tỉnh":
            continue  # "thành phố Thanh Hóa": the capital of the province, a smaller unit
        out.append((offset + m.start(), unit))
    return out


def _is_province(text: str, m: re.Match, name: str) -> bool:
    before = text[max(0, m.start() - 20):m.start()]
    if _SMALLER.search(before) or _inside_person_name(text, m.start()):
        return False
    if (nxt := _LONGER_NAME.get(name)) and text.startswith(" " + nxt, m.end()):
        return False
    # "Hồ Chí Minh" alone is the President; the city is "TP. Hồ Chí Minh", "thành phố Hồ Chí Minh"
    return name != "Hồ Chí Minh" or bool(_CITY_BEFORE.search(before))


def _inside_person_name(text: str, at: int) -> bool:
    before = text[max(0, at - 30):at].split()
    if not before or not before[-1][:1].isupper() or before[-1].lower() in {"tỉnh", "tp.", "tp", "thành"}:
        return False
    run = []
    for w in reversed(before):
        if not w[:1].isupper() or not w.isalpha():
            break
        run.insert(0, w)
    return bool(run) and run[0] in lexicon.surnames()


# ------------------------------------------------------------------ the outlet's province

# a tag before the lead: "BDK - Năm 2024", "(Quang Binh Portal) - Năm 2023", "(GLO)-"
_LEAD_TAG = re.compile(rf"^(?:\(([{UPPER}][^()]{{1,30}})\)\s*[-–:]?|([{UPPER}][\w.&+/]*(?: [\w.&+/]+){{0,3}})\s+[-–])\s*")
# where a page names its outlet among the furniture or closing the text
_OUTLET_LINES = (
    re.compile(r"theo dõi\s+(.+?)\s+trên\b", re.I),
    re.compile(r"^(?:theo|nguồn)\s*:?\s+((?:báo|đài|cổng|trang|tạp chí)\b.{2,60}?)\s*\.?$", re.I),
    re.compile(r"(?:bản quyền(?: thuộc(?: về)?)?|©|copyright)\s*(?:\d{4}\s*)?(?:-\s*)?(?:bởi\s+)?(.{3,60}?)\s*\.?$", re.I),
    re.compile(r"^((?:báo|đài phát thanh|đài pt-th|cổng thông tin điện tử|cổng ttđt|trang thông tin điện tử)\b.{2,40})$",
               re.I),
    # a portal's or paper's footer: "Cơ quan chủ quản: UBND tỉnh X", "Cơ quan của Đảng bộ ... tỉnh X"
    re.compile(r"cơ quan (?:chủ quản|ngôn luận|của)\b\s*:?\s*(.{3,100})", re.I),
)
# the words of a name that make it the outlet of one province: its paper, broadcaster or portal, or their owner
_OUTLET_WORDS = re.compile(r"\b(?:báo|đài|cổng|trang|portal|online|newspaper|tv|ubnd|ủy ban nhân dân|tỉnh ủy|"
                           r"thành ủy|đảng bộ)\b", re.I)
# what follows an outlet's name on the same line: "© 2024 Báo X. All rights reserved", "Báo X | Trang chủ"
_AFTER_NAME = re.compile(r"\s+[|–-]\s+|\.\s|,\s|\s*\|")


def outlet_names(article: Article) -> list[str]:
    """Names and tags of the outlet, as the page gives them, most telling first."""
    names = [article.outlet] if article.outlet else []
    # the tag opens the lead, which may still sit under a date line or be taken for the headline
    for line in [article.headline, *article.text.lstrip().split("\n", 3)[:3]]:
        if m := _LEAD_TAG.match(line.strip()):
            names.append((m.group(1) or m.group(2)).strip())
    closing = article.text.rstrip().rsplit("\n", 2)[-2:]
    for line in (*article.furniture, *closing):
        line = line.strip()
        for pattern in _OUTLET_LINES:
            if m := pattern.search(line):
                names.append(_AFTER_NAME.split(m.group(1), maxsplit=1)[0].strip())
                break
    if article.source_url:
        names.append(re.sub(r"^\w+://", "", article.source_url).split("/")[0])
    return list(dict.fromkeys(n for n in names if n))


def outlet_province(article: Article) -> ProvinceRef | None:
    """The province whose paper, broadcaster or portal the page is, or that it reprints ("Theo Báo X").

    A national outlet or a big city's daily says nothing of the province.
    """
    for name in outlet_names(article):
        if found := _province_of_outlet(name)[1]:
            return unit_for(found, article)
    return None


def _province_of_outlet(name: str) -> tuple[bool, str | None]:
    """(whether the lexicon knows the outlet, the province whose outlet it is)."""
    name = normalize(name).strip()
    outlets, provinces = lexicon.outlets(), lexicon.outlet_provinces()
    keys = [name, outlets.get(name)]
    if "." in name and " " not in name:  # a web address: its domain and the domains above it
        labels = name.lower().split(":")[0].split(".")
        keys += [".".join(labels[i:]) for i in range(1, len(labels) - 1)]
    for key in keys:
        if key and (key in provinces or key in outlets or key in outlets.values()):
            return True, provinces.get(key)
    return False, _named_in_outlet(name)


def _named_in_outlet(name: str) -> str | None:
    """The province a paper or portal is named after: "Báo Tây Ninh", "Quang Binh Portal", "baothanhhoa.vn"."""
    if "." in name and " " not in name:  # a web address: "baoquangninh.com.vn", "camau.gov.vn"
        labels = strip_diacritics(name.lower()).split(".")
        for n, key in _compact_names().items():
            if any(lbl in (key, "bao" + key, key + "tv") for lbl in labels):
                return n
        return None
    if not _OUTLET_WORDS.search(name):
        return None
    found = [n for n in lexicon.province_names() if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", name)]
    if not found:
        plain = strip_diacritics(name).lower()
        found = [n for n, key in _plain_names().items() if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", plain)]
    found = sorted(set(found), key=len, reverse=True)
    return found[0] if found else None


@cache
def _plain_names() -> dict[str, str]:
    return {n: strip_diacritics(n).lower() for n in lexicon.province_names() if len(n) > 4}


@cache
def _compact_names() -> dict[str, str]:
    return {n: key.replace(" ", "").replace("-", "") for n, key in _plain_names().items()}


# ------------------------------------------------------------------ the article's province

# "UBND tỉnh", "Sở Thông tin và Truyền thông tỉnh", "Tỉnh ủy": a body whose province follows
@cache
def _body_before() -> re.Pattern:
    heads = [h.head for h in lexicon.org_heads().values()]
    heads += [short for short, full in lexicon.abbreviations().items() if full in heads]
    return re.compile(r"(?<!\w)(?:" + lexicon.alternation(heads) + r")(?!\w)[^,;.:()\n]{0,80}?"
                      r"(?:\s(?:tỉnh|thành phố|TP\.?)|Tỉnh ủy|Thành ủy|UBND|HĐND)\s*$")


# a name after these is where something happened or what is compared, not what the article is about
_ASIDE = re.compile(r"(?:^|\s)(?:tại|ở|với|so với|như|cùng|hơn|sau|trước|đến|tới|từ|kinh nghiệm(?: của| tại)?)"
                    r"\s+(?:các\s+)?(?:(?:tỉnh|thành phố|TP\.?)\s*)?$", re.I)
# the article speaks of its own province without naming it
_SELF = re.compile(r"\b(?:tỉnh ta|tỉnh nhà|địa bàn tỉnh|toàn tỉnh|của tỉnh|cấp tỉnh|Tỉnh ủy|UBND tỉnh|"
                   rf"Ủy ban nhân dân tỉnh|tỉnh này)(?!\s*[{UPPER}])")


class Places:
    """Where each sentence of an article is: the provinces it names, else the article's own."""

    def __init__(self, article: Article):
        self.article = article
        self.found = mentions(article, article.text)
        headline = title_case(article.headline) if article.headline.isupper() else article.headline
        self.in_headline = mentions(article, headline, offset=-1)
        self.outlet = outlet_province(article)
        self.main = self._main()

    def _main(self) -> ProvinceRef | None:
        score: dict[ProvinceRef, float] = {}
        strong: set[ProvinceRef] = set()

        def add(p: ProvinceRef, weight: float, telling: bool) -> None:
            score[p] = score.get(p, 0) + weight
            if telling:
                strong.add(p)

        for i, (_, p) in enumerate(self.in_headline):
            add(p, HEADLINE + (1 if i == 0 else 0), True)
        lead_end = self._lead_end()
        text = self.article.text
        for at, p in self.found:
            before = text[max(0, at - 100):at]
            if _ASIDE.search(before[-40:]):
                add(p, PLAIN, False)
            elif at < lead_end:
                add(p, LEAD, True)
            elif _body_before().search(before):
                add(p, BODY, True)
            else:
                add(p, PLAIN, True)
        if self.outlet:
            add(self.outlet, OUTLET, True)
        if not score:
            return None
        best = max(score, key=lambda p: (score[p], -self._first(p)))
        if best not in strong and _SELF.search(text):
            # the article's own province goes unnamed; the names are places it compares or visits
            return None
        return best

    def _lead_end(self) -> int:
        """Where the lead ends: the first paragraph that is prose, at most its first two sentences."""
        sentences = self.article.sentences
        if not sentences:
            return min(len(self.article.text), 300)
        paragraphs: dict[int, list] = {}
        for s in sentences:
            paragraphs.setdefault(s.paragraph, []).append(s)
        # a date line or a caption left above the lead is no lead
        lead = next((ss for ss in paragraphs.values() if sum(len(s.text.split()) for s in ss) >= 12),
                    paragraphs[sentences[0].paragraph])
        return lead[:2][-1].end

    def _first(self, p: ProvinceRef) -> int:
        seen = [at for at, q in self.in_headline + self.found if q == p]
        return min(seen) if seen else len(self.article.text)

    def provinces(self) -> list[ProvinceRef]:
        """The provinces the article names, and its own when only its outlet tells it."""
        named = [p for _, p in self.in_headline + self.found]
        if self.main is not None and self.main == self.outlet:
            named.append(self.main)
        return list(dict.fromkeys(named))

    def at(self, start: int, end: int) -> ProvinceRef | None:
        """The province a span is about: the last one named inside it, else the main one."""
        inside = [p for at, p in self.found if start <= at < end]
        return inside[-1] if inside else self.main

    def near(self, sentence_start: int, sentence_end: int, at: int) -> ProvinceRef | None:
        """The province a figure or body at `at` is about, from the names of its sentence.

        A subject comes before what is said of it: the nearest name before
        `at` ("Đà Nẵng xếp thứ 2 (0,85/1 điểm), sau Thừa Thiên Huế"); names
        listed together take a list of figures in turn ("Thanh Hóa, Điện Biên,
        Hà Tĩnh giữ vị trí thứ 5, 6, 7"), or share one figure (the first name
        stands for the list). With no name before, a name after it in a
        genitive or as the subject ("Với 0,46 điểm, Tây Ninh xếp ..."),
        unless it is only a place compared or visited. Else the article's own.
        """
        inside = [(a, p) for a, p in self.found if sentence_start <= a < sentence_end]
        if not inside:
            return self.main
        text = self.article.text
        before = [(a, p) for a, p in inside if a < at]
        if before and _in_brackets_after(text, before[-1][0], at):
            return before[-1][1]  # "Thừa Thiên Huế (0,8046/1 điểm)"
        # a place compared or visited ("so với Hà Nội", "sau khi sáp nhập với Quảng Nam") is not the subject
        subjects = [(a, p) for a, p in before if not self._aside(a, sentence_start)]
        if subjects:
            run = self._run_ending(subjects)
            if len(run) > 1:
                return _in_turn(text, run, at, sentence_end) or run[0][1]
            return subjects[-1][1]
        after = [(a, p) for a, p in inside if a >= at and not self._aside(a, sentence_start)]
        if after:
            return after[0][1]
        return before[-1][1] if before else self.main

    def sharing(self, sentence_start: int, sentence_end: int, at: int) -> list[ProvinceRef]:
        """The provinces one figure at `at` is stated for: every name of a list written before it ("Hà Nội và
        TP Hồ Chí Minh … dưới 10%") when the figure is not one of a list taken in turn, else what `near` gives."""
        one = self.near(sentence_start, sentence_end, at)
        text = self.article.text
        before = [(a, p) for a, p in self.found if sentence_start <= a < at]
        if not before or _in_brackets_after(text, before[-1][0], at):
            return [one] if one else []
        run = self._run_ending([(a, p) for a, p in before if not self._aside(a, sentence_start)] or [before[-1]])
        if len(run) > 1 and _in_turn(text, run, at, sentence_end) is None:
            return list(dict.fromkeys(p for _, p in run))
        return [one] if one else []

    def written(self, at: int) -> str:
        """The province name as the article writes it at offset `at` ("TP.HCM"), "" when none starts there."""
        return _name_at(self.article.text, at)

    def _aside(self, at: int, sentence_start: int) -> bool:
        return bool(_ASIDE.search(self.article.text[max(sentence_start, at - 40):at]))

    def _run_ending(self, before: list[tuple[int, ProvinceRef]]) -> list[tuple[int, ProvinceRef]]:
        """The names listed together ("X, Y và Z") that end with the last name before a figure."""
        text = self.article.text
        run = [before[-1]]
        for a, p in reversed(before[:-1]):
            between = text[a:run[0][0]]
            gap = between[len(_name_at(text, a)):]
            if not re.fullmatch(r"\s*(?:,|và|;|&)?\s*(?:và\s+)?(?:(?:tỉnh|thành phố|TP\.?)\s*)?", gap):
                break
            run.insert(0, (a, p))
        return run


def _in_brackets_after(text: str, name_at: int, at: int) -> bool:
    """Whether `at` is inside the brackets that follow the name at `name_at`."""
    rest = text[name_at + len(_name_at(text, name_at)):at]
    return bool(re.fullmatch(r"\s*\([^()]*", rest))


def _name_at(text: str, at: int) -> str:
    m = _pattern().match(text, at)
    return m.group(1) if m else ""


_NUMBER = re.compile(r"(?<![\w,.])\d+(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)*)?(?![\w])")
_LIST_GAP = re.compile(r"\s*%?\s*(?:,|và|;)\s*(?:(?:vị trí\s+)?thứ\s+)?")  # "80%, 75% và 70%" too


def _in_turn(text: str, run: list[tuple[int, ProvinceRef]], at: int, end: int) -> ProvinceRef | None:
    """The name of a list that a figure in a list of as many figures falls to ("lần lượt")."""
    numbers = list(_NUMBER.finditer(text, run[-1][0], end))
    # the figure's own number: the first that ends after `at` ("thứ 7" starts before its digit)
    i = next((k for k, m in enumerate(numbers) if m.end() > at), None)
    if i is None:
        return None
    # the list the figure belongs to: neighbours joined by ",", "và", "thứ"
    first = i
    while first > 0 and _LIST_GAP.fullmatch(text[numbers[first - 1].end():numbers[first].start()]):
        first -= 1
    last = i
    while last + 1 < len(numbers) and _LIST_GAP.fullmatch(text[numbers[last].end():numbers[last + 1].start()]):
        last += 1
    if last - first + 1 != len(run):
        return None
    return run[i - first][1]
