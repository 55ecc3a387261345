"""Persons and the posts they hold.

A person is a run of capitalised syllables that starts with a family name
(`data/surnames.txt`) once leading place names and honorifics are set aside:
three or four syllables on their own, two only beside a title, an honorific
or a post ("anh Trần Hạnh-hội viên …") or when underthesea tags the pair as a
proper noun. Names inside organization names ("Trường Đại học Tôn Đức Thắng")
and place names are not persons.

Posts are read in every order news writes them: a title chain before the
name ("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Gia Lai Trương Hải Long"), a
chain after it behind a dash, a comma or a bracket ("Trương Hải Long – Phó Bí
thư Tỉnh ủy, Chủ tịch UBND tỉnh"), and both at once ("Chủ tịch UBND tỉnh
Trương Hải Long-Trưởng ban Chỉ đạo …"). Each post is one Membership; the
organization of a post is read with the organization grammar (`orgs`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import lexicon
from ..lang.text import LOWER, UPPER, fold
from ..model import Extraction, Membership, Org, PersonMention, PersonRef, Sentence
from . import orgs
from .component import Component, Context

CAP = rf"[{UPPER}][{LOWER}']*"
_RUN = re.compile(rf"(?<![\w-]){CAP}(?: {CAP})+(?![\w])")


@dataclass(frozen=True)
class Name:
    text: str
    start: int
    end: int  # offsets in the sentence


@cache
def _role_pattern() -> re.Pattern:
    labels = [r.label for r in lexicon.roles().values()]
    return re.compile(r"(?<!\w)(" + lexicon.alternation(labels) + r"|" + _short_posts() + r")(?!\w)", re.I)


@cache
def _short_posts() -> str:
    """Posts whose last word is the head they share, written before that head's abbreviation: "Trưởng BCĐ"
    (Trưởng ban of the Ban Chỉ đạo), "Phó Trưởng BCĐ"."""
    out = []
    for r in lexicon.roles().values():
        head = r.shared_head
        if not head or not fold(r.label).endswith(" " + fold(head)):
            continue
        shorts = [short for short, full in lexicon.abbreviations().items() if full.startswith(head + " ")]
        if shorts:
            out.append(re.escape(r.label[:-len(head) - 1]) + r"(?=\s+(?:" + "|".join(map(re.escape, shorts)) + r")\b)")
    return "|".join(out) or "(?!)"


def _role_of(written: str) -> lexicon.Role:
    roles = lexicon.roles()
    if (key := fold(written)) in roles:
        return roles[key]
    return next(r for r in roles.values() if r.shared_head and fold(r.label) == f"{key} {fold(r.shared_head)}")


@cache
def _org_context() -> re.Pattern:
    """Words right before a name that show it is inside the name of a school, a street, a prize."""
    return re.compile(r"(" + lexicon.alternatives("name_contexts") + r")\s*$", re.I)


@cache
def _address_pattern() -> re.Pattern:
    return re.compile(r"(?:^|\s)(?:" + lexicon.alternatives("address_words") + r")\s*$", re.I)


@cache
def _honorific_pattern() -> re.Pattern:
    return re.compile(r"(?:^|[\s(,–-])(" + lexicon.alternation(lexicon.honorifics()) + r")\s*$")


@cache
def _unit_before() -> re.Pattern:
    """A unit below the province written right before a run of capitals: the run begins with its name."""
    return re.compile(r"(?:^|\s)(?:" + lexicon.alternatives("local_units") + r")\s*$", re.I)


@cache
def _leading_words() -> re.Pattern:
    """Words that can stand before a name inside one capitalised run: places, honorifics, heads."""
    words = list(lexicon.province_names()) + lexicon.honorifics() + lexicon.words("name_leaders")
    return re.compile(r"^(?:(?:" + lexicon.alternation(words) + r") )+")


def names_in(sentence: str) -> list[Name]:
    out = []
    for m in _RUN.finditer(sentence):
        run, start = m.group(0), m.start()
        if lead := _leading_words().match(run):
            run, start = run[lead.end():], start + lead.end()
        words = run.split()
        if _unit_before().search(sentence[:start]) and len(words) > 2:
            # "quận Ninh Kiều Lê Văn Hòa": the place's name comes first, the person's (three words, most
            # often) after it
            words = words[-3:] if len(words) > 3 and words[-3] in lexicon.surnames() else words[1:]
            start = m.end() - len(" ".join(words))
        if (after := _after_place(words)) is not None:
            # "Tỉnh Đoàn Lâm Đồng Trần Thị Hoa": a province named inside the run ends what comes before the name
            words = words[after:]
            start = m.end() - len(" ".join(words))
        # a run longer than a name: the name is its last words that start with a family name
        while words and (words[0] not in lexicon.surnames() or len(words) > 4):
            start += len(words[0]) + 1
            words = words[1:]
        if len(words) < 2:
            continue
        text = " ".join(words)
        if fold(text) in lexicon.not_persons() or text in lexicon.province_names():
            continue
        if _org_context().search(sentence[:start]):
            continue
        if (head := orgs.head_end(sentence, start)) is not None and head > start + len(words[0]):
            continue  # "Trưởng Đoàn Đại biểu Quốc hội": the head of a body's name, not "Đoàn Đại"
        out.append(Name(text, start, start + len(text)))
    return out


def _after_place(words: list[str]) -> int | None:
    """Where a name starts after a province's name inside a run of capitals, if two to four words starting with
    a family name follow it."""
    for i in range(len(words) - 2, 0, -1):
        rest = words[i:]
        if rest[0] in lexicon.surnames() and 2 <= len(rest) <= 4 and any(
                " ".join(words[j:i]) in lexicon.province_names() for j in range(max(0, i - 3), i)):
            return i
    return None


def _has_context(sentence: str, name: Name) -> bool:
    before, after = sentence[:name.start], sentence[name.end:]
    if _honorific_pattern().search(before) or _address_pattern().search(before):
        return True
    if _role_pattern().search(before[-60:]) and not re.search(r"[.;:]", before[-60:]):
        return True
    return bool(re.match(r"\s*[-–,(]\s*", after) and _role_pattern().match(after.lstrip(" -–,(")))


def _proper_noun(sentence: str, name: Name) -> bool:
    """A pair the tagger takes for a proper noun, unless it is an item of a list ("còn có: Sảng Mộc, La Bằng,
    ATK Định Hóa"), where pairs of capitals are places as often as people."""
    if re.search(r"[:,;]\s*$", sentence[:name.start]) and re.match(r"\s*[,;(]", sentence[name.end:]):
        return False
    return name.text in _proper_nouns(sentence)


@lru_cache(maxsize=256)
def _proper_nouns(sentence: str) -> frozenset[str]:
    """The words underthesea tags as proper nouns: one tagging per sentence, however many names it holds."""
    from underthesea import pos_tag

    return frozenset(w for w, tag in pos_tag(sentence) if tag == "Np")


@dataclass
class Post:
    role: lexicon.Role
    org: Org | None
    start: int
    end: int
    label: str = ""  # the post as the graph names it, when more than the lexicon's ("Phó Giám đốc phụ trách")
    head: str = ""  # the body's head when the text writes no more of it ("Bí thư Đảng ủy, Chủ tịch HĐND phường X")

    @property
    def title(self) -> str:
        return self.label or self.role.label


# Between two posts of one person: a comma, a dash, "làm" / "kiêm" ("Bí thư Tỉnh ủy làm Trưởng Ban Chỉ
# đạo"), or only a space before a capital, where the page dropped the comma ("Phó Bí thư Thường trực Tỉnh
# ủy Phó Trưởng Ban Chỉ đạo").
_BETWEEN = re.compile(rf"\s*,\s*|\s*[-–]\s*|\s+(?:làm|kiêm|đồng thời là)\s+|\s+(?=[{UPPER}])")
# Between a name and the posts after it: a dash, a comma, a bracket, or "làm" / "là" / "kiêm".
_AFTER_NAME = re.compile(r"\s*[-–(,]\s*(?:(?:nguyên|cựu)\s+)?|\s+(?:làm|là|kiêm)\s+(?:(?:nguyên|cựu)\s+)?")
# the place after a post that stands for its body: "tỉnh", "thành phố" in lower case ("Tỉnh Đoàn", "Thành Đoàn"
# are bodies of their own) or a place's name
_PLACE_WORD = re.compile(rf"(?:tỉnh|thành phố|TP\.?)(?!\w)|[{UPPER}]")
# "nguyên" before a post: a former one ("nguyên Chủ tịch UBND tỉnh"), which the person no longer holds
_FORMER = re.compile(r"(?:^|\s)(?:nguyên|Nguyên|cựu|Cựu)\s+$")
_CLAUSE_END = re.compile(rf"\s*(?:[;,.)–-]|$|(?:và|cùng|với|của)\s|[{LOWER}])")
# "Phó Giám đốc phụ trách Sở …": the deputy in charge of the body
_IN_CHARGE = re.compile(r"\s+(phụ trách)(?=\s)")


@cache
def _name_gap() -> re.Pattern:
    """What may stand between the last post before a name and the name: a qualifier in brackets, a comma,
    an honorific ("Giám đốc Sở Y tế (mới), ông Võ Minh Trung")."""
    honorifics = lexicon.alternation(lexicon.honorifics())
    return re.compile(r"\s*(?:\([^()]{1,30}\)\s*)?(?:,\s*)?(?:(?:" + honorifics + r")\s+)?")


# "Các ủy viên gồm: đồng chí A - Phó Chủ tịch UBND tỉnh; …": every name after it is a member of the committee
_MEMBER_LIST = re.compile(r"(?<!\w)(?:các\s+)?(ủy viên|thành viên)(?:\s+Ban Chỉ đạo)?\s+(?:gồm|là)(?:\s+có)?"
                          r"(?:\s+các)?(?:\s+(?:đồng chí|ông|bà))?\s*:", re.I)


class PostReader:
    """Reads the posts written around the names of one sentence."""

    def __init__(self, ctx: Context, sentence: Sentence, earlier: list[Org] = ()):
        self.ctx, self.s = ctx, sentence
        self.text = sentence.text
        self.committees = [f for f in ctx.organizations_in.get(sentence, []) if f.org.is_steering_committee]
        self.earlier = earlier  # committees the article named in its sentences before this one

    def province_at(self, at: int):
        return self.ctx.near(self.s, at)

    def post_at(self, at: int, limit: int) -> Post | None:
        """A post (role and its organization) starting at `at`, ending before `limit`."""
        m = _role_pattern().match(self.text, at)
        if not m or m.end() > limit:
            return None
        role = _role_of(m.group(1))
        end = m.end()
        label = ""
        if (q := _IN_CHARGE.match(self.text, end)) and q.end() <= limit:
            label, end = f"{role.label} {q.group(1)}", q.end()
        org = None
        org_start = end + 1 if self.text[end:end + 1] == " " else end
        province = self.province_at(at)
        if role.shared_head:
            # "Trưởng Ban Chỉ đạo …": the post's last word begins the organization's name
            shared = self.text.rfind(" ", at, end) + 1
            probe = role.shared_head + self.text[end:limit]
            found = orgs.parse_at(probe, 0, province, self.ctx.unit, bare=True)
            if found and shared + found.end - len(role.shared_head) <= limit:
                org, end = found.org, end + found.end - len(role.shared_head)
        head = ""
        if org is None and org_start < limit:
            found = orgs.parse_at(self.text[:limit], org_start, province, self.ctx.unit, bare=role.committee_post)
            if found:
                org, end = found.org, found.end
            if (head_end := orgs.head_end(self.text[:limit], org_start)) and (found is None or found.end == head_end):
                head = self.text[org_start:head_end]
                end = max(end, head_end)
        if org is None and role.place_org and org_start < limit and _PLACE_WORD.match(self.text, org_start):
            # "Chủ tịch tỉnh Trần Huy Tuấn": a place after the post stands for its body
            probe = role.place_org + " " + self.text[org_start:limit]
            found = orgs.parse_at(probe, 0, province, self.ctx.unit)
            if found and found.end > len(role.place_org) + 1:
                org, end = found.org, org_start + found.end - len(role.place_org) - 1
        if org is None and role.committee_post and _CLAUSE_END.match(self.text, end):
            # "thành lập Ban Chỉ đạo …; ông A làm Phó Trưởng ban": the committee the sentence names before (a
            # post followed by a name of its own, "Trưởng ban Quản lý dự án", is not in it)
            org = next((f.org for f in reversed(self.committees) if f.end <= at),
                       self.earlier[-1] if self.earlier else None)
        if org is None and role.implied_org:
            found = orgs.parse_at(role.implied_org, 0, province, self.ctx.unit)
            org = found.org if found else None
        return Post(role, org, at, end, label, head)

    def listed_member(self, name: Name) -> Post | None:
        """The membership of a name listed after "Các ủy viên gồm:" in the committee named last before it."""
        m = next((m for m in _MEMBER_LIST.finditer(self.text, 0, name.start)), None)
        if m is None:
            return None
        org = next((f.org for f in reversed(self.committees) if f.end <= m.start()),
                   self.earlier[-1] if self.earlier else None)
        return Post(_role_of(m.group(1)), org, m.start(), m.end()) if org is not None else None

    def chain_before(self, name: Name, floor: int) -> list[Post]:
        """Posts written before the name: the last run of posts that ends right at it."""
        starts = [m.start() for m in _role_pattern().finditer(self.text, floor, name.start)]
        posts: list[Post] = []
        limit = name.start
        for at in reversed(starts):
            post = self.post_at(at, limit)
            if post is None:
                continue
            gap = self.text[post.end:limit]
            if not (_BETWEEN.fullmatch(gap) if posts else _name_gap().fullmatch(gap)):
                if posts:
                    break
                continue
            if _FORMER.search(self.text[floor:at]):
                break  # "nguyên Chủ tịch UBND tỉnh …": a post the person no longer holds
            posts.insert(0, post)
            limit = at
            if not re.search(r"(?:[,–-]|\s(?:làm|kiêm))\s*$", self.text[floor:at]):
                break
        return self.completed(posts)

    def chain_after(self, name: Name) -> list[Post]:
        """Posts written after the name behind a dash, comma or bracket."""
        m = _AFTER_NAME.match(self.text, name.end)
        if not m:
            return []
        at = m.end()
        posts = []
        while not _FORMER.search(self.text[:at]) and (post := self.post_at(at, len(self.text))) is not None:
            posts.append(post)
            sep = _BETWEEN.match(self.text, post.end)
            if not sep:
                break
            at = sep.end()
        return self.completed(posts)

    def completed(self, posts: list[Post]) -> list[Post]:
        """Posts that take their body from the posts after them.

        A body written as its head alone takes the place of the next post's body when that is a unit below
        the province ("Bí thư Đảng ủy, Chủ tịch HĐND phường Bãi Cháy"). A party post written without its
        committee in a chain of one province's posts is in that province's party committee ("Phó Bí thư,
        Chủ tịch UBND tỉnh")."""
        for i, post in enumerate(posts):
            later = [p.org for p in posts[i + 1:] if p.org is not None]
            place = orgs.local_place(later[0]) if later else None
            if post.head and place:
                found = orgs.parse_at(f"{post.head} {place}", 0, later[0].province, self.ctx.unit)
                post.org = found.org if found else post.org
                continue
            if post.org is not None or not post.role.place_org:
                continue
            if lexicon.org_heads()[fold(post.role.place_org)].kind != "party_committee":
                continue
            beside = next((p.org for p in posts[i + 1:] + posts[:i][::-1] if p.org is not None), None)
            if beside is not None and beside.kind in _provincial_kinds() and not orgs.local_place(beside):
                found = orgs.parse_at(post.role.place_org, 0, beside.province, self.ctx.unit)
                post.org = found.org if found else None
        return posts


@cache
def _provincial_kinds() -> frozenset[str]:
    """Kinds of body every province has one of (its People's Committee, its Party Committee, …)."""
    return frozenset(h.kind for h in lexicon.org_heads().values() if h.scope == "province")


class People(Component):
    """Persons the article names and the posts they hold (each post one Membership)."""

    needs = ("organizations",)
    adds = ("persons", "memberships")

    def __call__(self, ctx: Context) -> None:
        persons: dict[str, list[tuple[Sentence, Name]]] = {}
        posts: dict[str, list[tuple[Sentence, Post]]] = {}
        # the committees named so far: a post in "the" committee whose paragraph names none ("Ban Chỉ đạo gồm
        # 21 thành viên. Ông A … làm Trưởng ban") is in the one the article named last
        earlier: list[Org] = []
        for sentence in [*ctx.article.sentences, *_headline(ctx.article)]:
            reader = PostReader(ctx, sentence, earlier)
            earlier = earlier + [f.org for f in reader.committees]
            floor = 0
            for name in names_in(sentence.text):
                three = len(name.text.split()) >= 3
                if not (three or _has_context(sentence.text, name) or _proper_noun(sentence.text, name)):
                    continue
                persons.setdefault(name.text, []).append((sentence, name))
                after = reader.chain_after(name)
                listed = [p for p in [reader.listed_member(name)] if p is not None]
                for post in reader.chain_before(name, floor) + after + listed:
                    if post.org is not None:
                        posts.setdefault(name.text, []).append((sentence, post))
                # the posts after a name are its own: "A, Phó Chủ tịch UBND tỉnh, B, …" gives B none of them
                floor = max(name.end, after[-1].end if after else 0)
        _record(ctx.records, persons, posts)


def _headline(article) -> list[Sentence]:
    """The headline, or the caption the page set above the text, read like a sentence of it ("Bí thư Tỉnh ủy,
    Trưởng Ban Chỉ đạo … Lâm Văn Mẫn phát biểu"). It stands before the text as headline + newline + text, so
    its offsets count back from the text's start; a headline in capitals shows no names."""
    headline = article.headline
    if not headline or headline.isupper():
        return []
    return [Sentence(headline, -len(headline) - 1, -1)]


def _record(ex: Extraction, persons, posts) -> None:
    """Each person once (at their first mention), and every post as written; the identity stage decides
    which posts are one, which body a post names, and which province tells the person from namesakes."""
    for name, mentions in persons.items():
        ref = PersonRef(name)
        sentence, first = mentions[0]
        ex.persons.append(PersonMention(ref, sentence.span(first.start, first.end)))
        for sentence, post in posts.get(name, []):
            ex.memberships.append(Membership(ref, post.title, post.org, sentence.span(post.start, post.end),
                                             post.role.english))
