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
from functools import cache

from .. import lexicon
from ..identity.keys import org_key, person_scope
from ..lang.text import LOWER, UPPER, fold
from ..model import Extraction, Membership, Org, PersonMention, PersonRef, Sentence
from . import orgs
from .component import Component, Context
from .places import Places

CAP = rf"[{UPPER}][{LOWER}']*"
_RUN = re.compile(rf"(?<![\w-]){CAP}(?: {CAP})+(?![\w])")
_CHAIN_SEP = re.compile(r"^\s*(?:[-–(,]\s*)")


@dataclass(frozen=True)
class Name:
    text: str
    start: int
    end: int  # offsets in the sentence


@cache
def _role_pattern() -> re.Pattern:
    labels = [r.label for r in lexicon.roles().values()]
    return re.compile(r"(?<!\w)(" + lexicon.alternation(labels) + r")(?!\w)", re.I)


@cache
def _org_context() -> re.Pattern:
    """Words right before a name that show it is inside the name of a school, a street, a prize."""
    return re.compile(r"(" + lexicon.alternation(lexicon.words("name_contexts")) + r")\s*$", re.I)


@cache
def _address_pattern() -> re.Pattern:
    return re.compile(r"(?:^|\s)(?:" + lexicon.alternation(lexicon.words("address_words")) + r")\s*$", re.I)


@cache
def _honorific_pattern() -> re.Pattern:
    return re.compile(r"(?:^|[\s(,–-])(" + lexicon.alternation(lexicon.honorifics()) + r")\s*$")


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
        out.append(Name(text, start, start + len(text)))
    return out


def _has_context(sentence: str, name: Name) -> bool:
    before, after = sentence[:name.start], sentence[name.end:]
    if _honorific_pattern().search(before) or _address_pattern().search(before):
        return True
    if _role_pattern().search(before[-60:]) and not re.search(r"[.;:]", before[-60:]):
        return True
    return bool(re.match(r"\s*[-–,(]\s*", after) and _role_pattern().match(after.lstrip(" -–,(")))


def _proper_noun(sentence: str, name: Name) -> bool:
    from underthesea import pos_tag

    return any(w == name.text and tag == "Np" for w, tag in pos_tag(sentence))


@dataclass
class Post:
    role: lexicon.Role
    org: Org | None
    start: int
    end: int


class PostReader:
    """Reads the posts written around the names of one sentence."""

    def __init__(self, ctx: Context, sentence: Sentence):
        self.ctx, self.s = ctx, sentence
        self.text = sentence.text

    def province_at(self, at: int):
        return self.ctx.near(self.s, at)

    def post_at(self, at: int, limit: int) -> Post | None:
        """A post (role and its organization) starting at `at`, ending before `limit`."""
        m = _role_pattern().match(self.text, at)
        if not m or m.end() > limit:
            return None
        role = lexicon.roles()[fold(m.group(1))]
        end = m.end()
        org = None
        org_start = end + 1 if self.text[end:end + 1] == " " else end
        if role.shared_head:
            # "Trưởng Ban Chỉ đạo …": the post's last word begins the organization's name
            shared = self.text.rfind(" ", at, end) + 1
            probe = role.shared_head + self.text[end:]
            found = orgs.parse_at(probe, 0, self.province_at(at), self.ctx.unit)
            if found and shared + found.end - len(role.shared_head) <= limit:
                org, end = found.org, end + found.end - len(role.shared_head)
        if org is None and org_start < limit:
            found = orgs.parse_at(self.text[:limit], org_start, self.province_at(at), self.ctx.unit)
            if found:
                org, end = found.org, found.end
        if org is None and role.implied_org:
            found = orgs.parse_at(role.implied_org, 0, self.province_at(at), self.ctx.unit)
            org = found.org if found else None
        return Post(role, org, at, end)

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
            if not re.fullmatch(r"\s*(?:,\s*)?" if posts else r"\s*", gap):
                if posts:
                    break
                continue
            posts.insert(0, post)
            limit = at
            if not re.search(r",\s*$", self.text[floor:at]):
                break
        return posts

    def chain_after(self, name: Name) -> list[Post]:
        """Posts written after the name behind a dash, comma or bracket."""
        m = _CHAIN_SEP.match(self.text[name.end:])
        if not m:
            return []
        at = name.end + m.end()
        posts = []
        while (post := self.post_at(at, len(self.text))) is not None:
            posts.append(post)
            sep = re.match(r"\s*,\s*", self.text[post.end:])
            if not sep:
                break
            at = post.end + sep.end()
        return posts


class People(Component):
    """Persons the article names and the posts they hold (each post one Membership)."""

    needs = ("organizations",)
    adds = ("persons", "memberships", "organizations")  # the organizations of the posts join the others

    def __call__(self, ctx: Context) -> None:
        persons: dict[str, list[tuple[Sentence, Name]]] = {}
        posts: dict[str, list[tuple[Sentence, Post]]] = {}
        for sentence in ctx.article.sentences:
            reader = PostReader(ctx, sentence)
            floor = 0
            for name in names_in(sentence.text):
                three = len(name.text.split()) >= 3
                if not (three or _has_context(sentence.text, name) or _proper_noun(sentence.text, name)):
                    continue
                persons.setdefault(name.text, []).append((sentence, name))
                for post in reader.chain_before(name, floor) + reader.chain_after(name):
                    if post.org is not None:
                        posts.setdefault(name.text, []).append((sentence, post))
                floor = name.end
        seen_orgs: dict[str, Org] = {}
        for o in ctx.records.organizations:
            seen_orgs.setdefault(org_key(o), o)
        _committees_resolved(seen_orgs)
        _record(ctx.records, ctx.places, persons, posts, seen_orgs)


def _committees_resolved(seen: dict[str, Org]) -> None:
    """A steering committee named by topic elsewhere in the article is the one a bare mention means."""
    named = [o for o in seen.values() if o.is_steering_committee and o.label.lower() != "ban chỉ đạo"]
    for k, o in list(seen.items()):
        if o.is_steering_committee and fold(o.label).startswith("ban chỉ đạo tỉnh"):
            if any(n.province == o.province and n is not o for n in named):
                del seen[k]


def _record(ex: Extraction, places: Places, persons, posts, seen_orgs: dict[str, Org]) -> None:
    committees = [o for o in seen_orgs.values() if o.is_steering_committee]
    for name, mentions in persons.items():
        held = [p for _s, p in posts.get(name, [])]
        ref = PersonRef(name, person_scope([p.org for p in held], places.main))
        sentence, first = mentions[0]
        ex.persons.append(PersonMention(ref, sentence.span(first.start, first.end)))
        done = set()
        for sentence, post in posts.get(name, []):
            org = _same_committee(post.org, committees)
            k = (fold(post.role.label), org_key(org))
            if k in done:
                continue
            done.add(k)
            ex.memberships.append(Membership(ref, post.role.label, org, sentence.span(post.start, post.end),
                                             post.role.english))
            seen_orgs.setdefault(org_key(org), org)
    ex.organizations = sorted(seen_orgs.values(), key=org_key)


def _same_committee(org: Org, committees: list[Org]) -> Org:
    if not org.is_steering_committee or not fold(org.label).startswith("ban chỉ đạo tỉnh"):
        return org
    return next((c for c in committees if c.province == org.province and c is not org), org)

