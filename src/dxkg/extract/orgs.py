"""The grammar of organization names in Vietnamese news.

    HEAD [FIELD | NAME | nested ORG] [SCOPE] [(khóa …)] [(PARENT)]

HEAD comes from `data/organizations.tsv` ("Ủy ban nhân dân", "Sở", "Ban Chỉ
đạo", …, also abbreviated: "UBND", "BCĐ"); FIELD from `data/fields.txt`
("Thông tin và Truyền thông"); SCOPE is "tỉnh Gia Lai", "thành phố Hà Nội",
a bare "tỉnh" (completed with the province the sentence is about), a province
name, or "Trung ương". A steering committee is named by its topic,

    Ban Chỉ đạo [của BODY] [(cấp tỉnh)|cấp tỉnh] [về] TOPIC WORDS [SCOPE]

the words up to its place, a bracket, a verb or the end of the clause, which
is the canonical topic of `data/steering_topics.tsv` it shares most of its
words with; or by a number ("Ban Chỉ đạo 1287").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from .. import lexicon
from ..lang.text import LOWER, UPPER, fold
from ..lexicon import expand
from ..model import Org, ProvinceRef
from .component import Component, Context


@dataclass(frozen=True)
class Found:
    org: Org
    start: int
    end: int  # offsets in the parsed string


@cache
def _heads() -> dict[str, lexicon.OrgHead]:
    """Every way a head is written, folded -> its lexicon entry ("UBND" and "Ủy ban nhân dân")."""
    out: dict[str, lexicon.OrgHead] = {}
    for h in lexicon.org_heads().values():
        for written in _written(h.head):
            out[fold(written)] = h
    return out


def _written(head: str) -> list[str]:
    out = [head]
    for short, full in lexicon.abbreviations().items():
        if full in head and not short.endswith("."):
            out.append(head.replace(full, short))
    return out


@cache
def _head_pattern() -> re.Pattern:
    # the first word as the lexicon writes it (a capital: "sở, ban, ngành" names no body; "BÁO CÁO" in capitals
    # is no newspaper), the words after it in any case: "Đoàn Đại biểu Quốc hội", "Ban chỉ đạo"
    forms = sorted({w for h in lexicon.org_heads().values() for w in _written(h.head)}, key=len, reverse=True)
    alternation = "|".join(re.escape(first) + (f"(?i: {re.escape(rest)})" if rest else "")
                           for first, _, rest in (f.partition(" ") for f in forms))
    return re.compile(r"(?<!\w)(" + alternation + r")(?![\w&])")


@cache
def _field_pattern() -> re.Pattern:
    fields = lexicon.words("fields")
    fields += [f.replace(full, short) for f in fields for short, full in lexicon.abbreviations().items()
               if full in f and not short.endswith(".")]
    fields += [short for short, full in lexicon.abbreviations().items() if full in fields]
    return re.compile(r"\s+(" + lexicon.alternation(fields) + r")(?![\w&])", re.I)


_LEVEL = re.compile(r"\s*(\(\s*cấp tỉnh\s*\)|cấp tỉnh)(?!\w)", re.I)
_ABOUT = re.compile(r"\s+về(?!\w)", re.I)
_OF = re.compile(r"\s+của\s+")
# one word of a topic after a space or a comma: "khoa học", "KH&CN", "S.T.I.D", "06"
_TOPIC_WORD = re.compile(r"(\s*,\s*|\s+)([\w&]+(?:\.[\w&]+)*)")
_NUMBER = re.compile(r"\s+(\d{2,4})(?!\w)")  # "Ban Chỉ đạo 1287"


@dataclass(frozen=True)
class Topic:
    written: str  # as the label gives it: its short words spelled out, an acronym of the whole kept
    canonical: str  # the canonical topic it is (empty: none)
    about: bool  # written after "về"
    end: int


@cache
def _topic_stops() -> re.Pattern:
    stops = [*lexicon.words("topic_stops"), *lexicon.words("subject_stops"), *lexicon.words("local_units")]
    return re.compile(r"(?:" + lexicon.alternation(stops) + r")(?![\w&])", re.I)


@cache
def _topic_vocabulary() -> frozenset[str]:
    """The words of the canonical topics and of what their short forms stand for: a word in capitals may
    go on a topic only if it is one of them ("Chính quyền điện tử", "Đề án 06"; not "Võ Đức Hạnh")."""
    spelled = [r.topic for r in lexicon.table("steering_topics")] + [r.full for r in lexicon.table("topic_words")]
    return frozenset(w for t in spelled for w in fold(t).replace(",", " ").split()) | {"đột", "phá"}


@cache
def _short_words() -> dict[str, str]:
    """Short forms inside a topic -> the words they stand for; an acronym of a whole topic stands for itself."""
    out = {a: a for r in lexicon.table("steering_topics") for a in r.acronyms}
    vocabulary = _topic_vocabulary()
    out |= {s: f for s, f in lexicon.abbreviations().items() if set(fold(f).split()) <= vocabulary}
    return out | {r.short: r.full for r in lexicon.table("topic_words")}


def _topic_word(word: str, comma: bool) -> bool:
    """Whether a word goes on a topic: a lower-case word or a number (after a comma only a lower-case word or
    a short form: "KH, CN, ĐMST"), a short form, or a capitalised word of the topics' vocabulary."""
    if word in _short_words():
        return True
    if word[0].isdigit():
        return not comma
    if word[0].islower():
        return True
    return not comma and fold(word) in _topic_vocabulary() and word not in lexicon.surnames()


def _topic_at(text: str, end: int) -> Topic | None:
    """TOPIC WORDS after a steering committee's head: up to a place ("tỉnh X"), a bracket ("(gọi tắt"), a
    stop (";", "."), a verb or a word that opens a clause, a comma before what is no topic word, or a name."""
    about = bool(a := _ABOUT.match(text, end))
    at = a.end() if a else end
    words: list[tuple[str, bool, int]] = []  # (word, after a comma, where it ends)
    while len(words) < 24 and (m := _TOPIC_WORD.match(text, at)):
        word, comma = m.group(2), "," in m.group(1)
        if _topic_stops().match(text, m.start(2)) or not _topic_word(word, comma):
            break
        words.append((word, comma, m.end()))
        at = m.end()
    # what follows the topic's last word that belongs to the topics' vocabulary is no part of it ("Ban Chỉ
    # đạo chuyển đổi số kiểm tra …"); a topic with no such word at all ("phòng, chống thiên tai") stays whole
    known = [i for i, (w, _, _) in enumerate(words) if fold(w) in _topic_vocabulary() or w in _short_words()
             or w.isdigit()]
    if known:
        words = words[:known[-1] + 1]
    while words and words[-1][0] == "và":
        words.pop()
    if not words:
        return None
    written = "".join((", " if c and i else " ") + _short_words().get(w, w) for i, (w, c, _) in enumerate(words))
    written = _canonical_case(written.strip())
    return Topic(written, _canonical_topic(written), about, words[-1][2])


def _canonical_case(written: str) -> str:
    """A canonical topic inside the written one in the canonical spelling: "Chuyển đổi số" -> "chuyển đổi
    số", "Chính quyền điện tử" -> "chính quyền điện tử" (news capitalises a committee's topic at will)."""
    topics = sorted((r.topic for r in lexicon.table("steering_topics")), key=len, reverse=True)
    pattern = r"(?<!\w)(" + "|".join(re.escape(t).replace(",\\ ", r",\s*") for t in topics) + r")(?!\w)"
    spelled = {fold(t): t for t in topics}
    return re.sub(pattern, lambda m: spelled.get(fold(m.group(1)), m.group(1)), written, flags=re.I)


def _canonical_topic(written: str) -> str:
    """The canonical topic that shares most of its words with the written one (Dice over word sets ≥ 0.7):
    "đột phá phát triển khoa học, …", "KH, CN, ĐMST và CĐS", "…, chuyển đổi số và Đề án 06" are the 2025
    committee; "chuyển đổi số" and "chuyển đổi số và cải cách hành chính" stay two."""
    def bag(t: str) -> set[str]:
        return set(fold(t).replace(",", " ").split()) - {"về", "và"}

    spelled = written
    for r in lexicon.table("steering_topics"):
        for acronym in r.acronyms:
            spelled = re.sub(rf"(?<!\w){re.escape(acronym)}(?!\w)", r.topic, spelled)
    mine = bag(spelled)
    best, score = "", 0.0
    for r in lexicon.table("steering_topics"):
        theirs = bag(r.topic)
        dice = 2 * len(mine & theirs) / (len(mine) + len(theirs)) if mine and theirs else 0.0
        if dice > score:
            best, score = r.topic, dice
    return best if score >= 0.7 else ""


def _committee_name(text: str, end: int, province, unit) -> tuple[str, str, str | None, Org | None, int] | None:
    """After "Ban Chỉ đạo": [của BODY] [(cấp tỉnh)|cấp tỉnh] [về] TOPIC [(cấp tỉnh)|cấp tỉnh], or a number.
    Gives the name as the label writes it, the canonical topic, the level, the body it is of, and its end."""
    owner = None
    if (of := _OF.match(text, end)) and (body := parse_at(text, of.end(), province, unit)) is not None:
        owner, at = body.org, body.end
    else:
        at = end
    level = None
    if lv := _LEVEL.match(text, at):
        level, at = lv.group(1), lv.end()
    topic = _topic_at(text, at)
    if topic is None:
        if owner is None and level is None and (n := _NUMBER.match(text, at)):
            return n.group(1), "", None, None, n.end()
        return None
    at = topic.end
    if level is None and (lv := _LEVEL.match(text, at)):
        level, at = lv.group(1), lv.end()
    about = "về " if topic.about else ""
    return about + topic.written, topic.canonical and about + topic.canonical, level, owner, at


@cache
def _scope_pattern() -> re.Pattern:
    names = lexicon.alternation(lexicon.province_names())
    return re.compile(
        r"\s*(?:(?P<kind>tỉnh|Tỉnh|thành phố|Thành phố|TP\.?)\s*(?P<named>" + names + r")?"
        r"|(?P<bare>" + names + r")|(?P<central>Trung ương|trung ương|quốc gia))(?!\w)")


@cache
def _local_pattern() -> re.Pattern:
    """A unit below the province and its name: "huyện Văn Yên", "phường 3", "xã Châu Quế Hạ"."""
    units = lexicon.alternatives("local_units")
    return re.compile(rf"\s*(?P<unit>{units})\s*(?P<name>\d{{1,2}}|[{UPPER}][\w-]*(?:\s+[{UPPER}][\w-]*)*)(?!\w)")


@cache
def _local_in_label() -> re.Pattern:
    units = lexicon.alternatives("local_units")
    return re.compile(rf"(?:^|\s)((?:{units})\s+(?P<name>\S.*))$")


def local_place(org: Org) -> str | None:
    """The unit below the province whose body this is ("phường Bãi Cháy"), if it is one."""
    m = _local_in_label().search(org.label)
    if not m:
        return None
    units = lexicon.province_names().get(m.group("name"), [])
    # "thành phố Quảng Ngãi" is the capital of the tỉnh; "thành phố Hà Nội" is the city itself
    if units and not (m.group(1).startswith("thành phố") and all(u.kind == "tỉnh" for u in units)):
        return None
    return m.group(1)


def _local_at(text: str, end: int, province: ProvinceRef | None, unit) -> tuple[str, ProvinceRef | None, int] | None:
    """A unit below the province written at `end`, the province it is in, and where both end."""
    m = _local_pattern().match(text, end)
    if not m or m.group("name") in lexicon.province_names():
        return None
    words = m.group("name").split()
    name_end = m.end()
    # "xã Châu Quế Hạ Nguyễn Văn A": the place stops where a person's name (family name first) takes over
    for length in (3, 4):
        cut = len(words) - length
        if cut >= 1 and words[cut] in lexicon.surnames():
            words = words[:cut]
            name_end = m.start("name") + len(" ".join(words))
            break
    kind = "thành phố" if m.group("unit").upper().startswith("TP") else m.group("unit")
    place = f"{kind} {' '.join(words)}"
    after = name_end + 1 if text[name_end:name_end + 1] == "," else name_end
    if (p := _scope_pattern().match(text, after)) and p.group("named"):
        return place, unit(p.group("named")), p.end()  # "phường Bãi Cháy, tỉnh Quảng Ninh"
    return place, province, name_end


@cache
def _place_after() -> re.Pattern:
    units = lexicon.alternation(["tỉnh", "thành phố", *lexicon.words("local_units")])
    return re.compile(rf"((?:\s+[{LOWER}][\w-]*){{1,6}})(?=\s+(?:{units})(?!\w))")


def _tail_before_place(text: str, end: int) -> str | None:
    """Lower-case words that go on a name up to its place ("Phục vụ hành chính công tỉnh"), none of them a
    verb or a word that opens a clause ("Báo Nhân dân cho biết tỉnh …")."""
    m = _place_after().match(text, end)
    if not m:
        return None
    words = f" {' '.join(m.group(1).split())} "
    if any(f" {phrase} " in words for phrase in lexicon.words("subject_stops")):
        return None
    return m.group(1)


_TERM = re.compile(r"\s*\((?:khóa|nhiệm kỳ)[^)]*\)", re.I)
_NAME = re.compile(rf"\s+((?:[{UPPER}][\w&]*)(?:\s+(?:[{UPPER}][\w&]*|và))*)")
_LOWER_TAIL = re.compile(rf"((?:\s+[{LOWER}]\w*){{1,3}})\s+(?=[{UPPER}])")


def head_end(text: str, start: int) -> int | None:
    """Where the head of an organization's name that starts at `start` ends ("Đoàn Đại biểu Quốc hội")."""
    m = _head_pattern().match(text, start)
    return m.end() if m else None


# bodies only a province has (its Party Committee, its departments) or the country
_NOT_LOCAL = ("party_committee", "party_standing", "department", "party_central", "politburo", "government",
              "national_assembly", "central_commission", "ministry", "na_delegation")


def parse_at(text: str, start: int, province: ProvinceRef | None, unit, bare: bool = False) -> Found | None:
    """The organization whose head starts exactly at `start` in text, if one does.

    `province` completes a bare "tỉnh"; `unit(name)` is the province a written name means. A steering
    committee named by neither topic nor province ("Trưởng Ban Chỉ đạo", "Ban Chỉ đạo tỉnh" in a text that
    never names its province) is found only when `bare`: the post of a person in the committee the article
    names, which the identity stage tells."""
    m = _head_pattern().match(text, start)
    if not m:
        return None
    head = _heads()[fold(m.group(1))]
    end = m.end()
    name = ""
    parent = None
    topic = level = None
    owner = None
    if head.kind == "steering_committee":
        if c := _committee_name(text, end, province, unit):
            name, topic, level, owner, end = c
    elif head.scope == "named":
        if f := _field_pattern().match(text, end):
            name, end = _canonical_field(f.group(1)), f.end()
        elif (nested := parse_at(text, end + 1, province, unit)) is not None and text[end:end + 1] == " ":
            parent, end = nested.org, nested.end
        elif misspelt := _misspelt_field(text, end):
            name, end = misspelt
        elif n := _NAME.match(text, end):
            name, end = n.group(1), n.end()
            # lower-case words inside a name that goes on ("Khởi nghiệp nông nghiệp Gia Lai")
            if (tail := _LOWER_TAIL.match(text, end)) and (more := _NAME.match(text, tail.end(1))):
                name, end = name + tail.group(1) + more.group(0), more.end()
            elif tail := _tail_before_place(text, end):
                name, end = name + tail, end + len(tail)  # "Trung tâm Phục vụ hành chính công tỉnh"
        elif not _local_pattern().match(text, end):  # "Đảng ủy phường Bãi Cháy": named by its place
            return None
    scope_province, central, written_kind, local = None, False, "", ""
    s = _scope_pattern().match(text, end)
    if not (s and (s.group("named") or s.group("bare"))) and head.kind not in _NOT_LOCAL and \
            (found_local := _local_at(text, end, province, unit)):
        local, scope_province, end = found_local
        s = None
    if s:
        named = s.group("named") or s.group("bare")
        if named:
            scope_province = unit(named)
            end = s.end()
            kind = (s.group("kind") or "").lower()
            if kind in ("thành phố", "tp", "tp.") and lexicon.provinces()[scope_province.id].kind == "tỉnh" \
                    and head.kind not in _NOT_LOCAL:
                local = f"thành phố {named}"  # "UBND TP. Quảng Ngãi": the province's capital, a smaller unit
        elif s.group("kind") and not s.group("named"):
            # a bare "tỉnh", or "thành phố" in a city's article ("Ban Chỉ đạo chuyển đổi số thành phố")
            city = province is not None and lexicon.provinces()[province.id].kind == "thành phố" \
                and s.group("kind").lower() in ("thành phố", "tp", "tp.")
            if s.group("kind").lower() == "tỉnh" or head.scope == "province" or city:
                scope_province, written_kind = province, s.group("kind").lower()
                end = s.end()
        elif s.group("central"):
            central = True
            word = "Trung ương" if s.group("central").lower() == "trung ương" else "quốc gia"
            name = f"{name} {word}".strip()
            end = s.end()
            if head.kind == "steering_committee" and topic is None and (t := _topic_at(text, end)):
                # "Ban Chỉ đạo Trung ương về phát triển khoa học, …": the topic after the level
                about = "về " if t.about else ""
                name, topic, end = f"{word} {about}{t.written}", t.canonical and about + t.canonical, t.end
    if head.scope == "province" and scope_province is None and not central:
        scope_province = province
    if head.kind == "department" and scope_province is None:
        scope_province = province  # a Sở is always a province's department
    if owner is not None and scope_province is None:
        scope_province = owner.province  # "Ban Chỉ đạo của Tỉnh ủy về …": of the Tỉnh ủy's province
    if level and scope_province is None and not central:
        scope_province = province  # "Ban Chỉ đạo cấp tỉnh": of the province the sentence is about
    if head.kind == "steering_committee" and not name and scope_province is None and not central:
        if not bare:
            return None  # "Ban Chỉ đạo" alone: no telling which
        label = " ".join(w for w in (head.head, written_kind) if w)
        return Found(Org(label, head.kind, None, (), None, head.english), start, end)
    if parent is not None and scope_province is None:
        scope_province = parent.province
    if t := _TERM.match(text, end):
        end = t.end()
    if (p := re.compile(r"\s*\(").match(text, end)) and (inner := parse_at(text, p.end(), province, unit)):
        close = text.find(")", inner.end)
        if close != -1 and close - inner.end <= 1:
            parent, end = parent or inner.org, close + 1
    spelled = topic or ""
    for word in ("Trung ương", "quốc gia"):
        if spelled and central and name.startswith(word + " "):
            spelled = f"{word} {spelled}"  # "Trung ương về phát triển …" spelled out
    if owner is not None:
        # "Ban Chỉ đạo của Tỉnh ủy Hải Dương về …": the body names its place
        name, parent, local = f"của {owner.label} {name}", owner, ""
    return Found(_make(head, name, parent, scope_province, "cấp tỉnh" if level else "", spelled, local,
                       placed=owner is None), start, end)


_WORDS_AFTER = re.compile(rf"\s+([{UPPER}][^\s,;:()]*(?:\s+[^\s,;:()]+){{1,6}})")


def _misspelt_field(text: str, end: int) -> tuple[str, int] | None:
    """A field the page misspelt or wrote with "&" ("Sở Koa học & Công nghệ"): the known field its first words
    are nearly, and where they end."""
    from rapidfuzz import fuzz

    m = _WORDS_AFTER.match(text, end)
    if not m:
        return None
    words = m.group(1).split()
    for n in range(len(words), 1, -1):
        written = " ".join(words[:n])
        if words[n - 1] in ("và", "&", "-"):
            continue
        candidate = fold(written.replace("&", " và "))
        if len(candidate) < 8:
            break
        best = max(lexicon.words("fields"), key=lambda f: fuzz.ratio(fold(f), candidate))
        if fuzz.ratio(fold(best), candidate) >= 90:
            return best, m.start(1) + len(written)
    return None


def _canonical_field(field: str) -> str:
    expanded = expand(field)
    return next((f for f in lexicon.words("fields") if fold(f) == fold(expanded)), expanded)


def abbreviate(label: str) -> str:
    """The short form news uses: "Ủy ban nhân dân tỉnh Gia Lai" -> "UBND tỉnh Gia Lai"."""
    out = label
    done = set()
    for short, full in lexicon.abbreviations().items():
        if full not in done and short[-1].isalpha() and full[0].isupper() and full in out:
            out = out.replace(full, short)
            done.add(full)
    return out


def _make(head: lexicon.OrgHead, name: str, parent: Org | None, province: ProvinceRef | None,
          level: str = "", spelled: str = "", local: str = "", placed: bool = True) -> Org:
    unit = lexicon.provinces()[province.id] if province else None
    # a body of a unit below the province is named by that unit; it still lies in the province
    place = local or (f"{unit.kind} {unit.name}" if unit else "")
    alt = []
    if head.kind == "party_committee":
        # the Ban Chấp hành Đảng bộ tỉnh is the Tỉnh ủy: one body, two names
        party = lexicon.party_committee(unit.kind if unit else "tỉnh")
        label = f"{party} {unit.name}" if unit else party
        if unit:
            alt.append(f"Ban Chấp hành Đảng bộ {place}")
    elif head.kind == "party_standing":
        label = f"Ban Thường vụ Tỉnh ủy {unit.name}" if unit else head.head
    else:
        # "cấp tỉnh" is said by the province once it is known: "Ban Chỉ đạo về … tỉnh Ninh Bình"
        parts = [head.head, "" if unit else level, name]
        if parent is not None and not name and lexicon.org_kinds().get(head.kind) == "within":
            parts.append(parent.label)  # "Văn phòng" of the UBND tỉnh: "Văn phòng Ủy ban nhân dân tỉnh X"
            parent_in_label = True
        else:
            parent_in_label = False
        if place and placed and not parent_in_label:
            parts.append(place)
        label = " ".join(p for p in parts if p)
        if parent is not None and not parent_in_label and lexicon.org_kinds().get(head.kind) == "bracket":
            label = f"{label} ({parent.label})"
        if spelled:
            # the canonical topic ("S.T.I.D", "đột phá phát triển …", "KH, CN, ĐMST và CĐS" spelled out): another
            # name of the committee, by which the identity stage tells it is the one the article names elsewhere
            alt.append(" ".join(p for p in (head.head, "" if unit else level, spelled, place) if p))
    label = expand(label)
    label = label[0].upper() + label[1:]
    alt.append(abbreviate(label))
    alts = tuple(dict.fromkeys(a for a in alt if a and a != label))
    return Org(label, head.kind, province if unit else None, alts, parent, head.english)


def find_all(text: str, province_at, unit) -> list[Found]:
    """Every organization named in text, longest first where they overlap."""
    found: list[Found] = []
    taken = 0
    for m in _head_pattern().finditer(text):
        if m.start() < taken:
            continue
        f = parse_at(text, m.start(), province_at(m.start()), unit)
        if f is not None:
            found.append(f)
            taken = f.end
    return found


class Organizations(Component):
    """Every organization the article names, one per mention in text order, and where each sentence names one.

    Which mentions are one body is decided later (People keeps one per key)."""

    adds = ("organizations",)

    def __call__(self, ctx: Context) -> None:
        for s in ctx.article.sentences:
            found = find_all(s.text, lambda at: ctx.near(s, at), ctx.unit)  # noqa: B023 (called at once)
            ctx.organizations_in[s] = found
            ctx.records.organizations.extend(replace(f.org, evidence=s.span(f.start, f.end)) for f in found)
