"""Stage 4, resolve: records -> stable identities.

Every IRI is minted from a normalised key (text.fold: canonical Unicode, one
tone placement, lower case, abbreviations expanded), so spelling variants of
one thing meet at one IRI, in every run and on every machine. The IRI is a
readable ASCII slug plus the first hex digits of the key's SHA-1, so that two
names that differ only in their diacritics ("Lê Văn Hà", "Lê Văn Hạ") stay two.

People: two officials with one name are told apart by the province they
serve. A person's key is the name plus the province of the organization of a
post the article reports (a national body gives no province); a person
reported with no post is keyed by name and the province the article is
about. So "Trương Hải Long" of Gia Lai is one person across all Gia Lai
articles, and a namesake chairing another province's committee is another.
"""
from __future__ import annotations

import re
from functools import cache

from .. import lexicon
from ..lang.text import fold, normalize, slug  # noqa: F401 (slug: part of the identity API)
from ..model import Org, ProvinceRef


@cache
def _abbreviation_pattern() -> re.Pattern:
    words = [re.escape(s) for s in sorted(lexicon.abbreviations(), key=len, reverse=True) if not s.endswith(".")]
    dotted = [re.escape(s) for s in lexicon.abbreviations() if s.endswith(".")]
    return re.compile(r"(?<![\w&-])(" + "|".join(words) + r")(?![\w&-])|(?<!\w)(" + "|".join(dotted) + r")\s*")


def expand(text: str) -> str:
    """Abbreviations to full words, for main labels and keys ("UBND tỉnh" -> "Ủy ban nhân dân tỉnh")."""
    table = lexicon.abbreviations()
    out = _abbreviation_pattern().sub(lambda m: table[m.group(1)] if m.group(1) else table[m.group(2)] + " ",
                                      normalize(text))
    return " ".join(out.split())


def key(text: str) -> str:
    return fold(expand(text))


def org_key(o: Org) -> str:
    # an organization is its expanded, folded name; "Vụ Khoa học và Công nghệ" of two ministries are two
    parent = org_key(o.parent) if o.parent else ""
    return key(o.label) + "|" + parent


def person_scope(orgs: list[Org], article_province: ProvinceRef | None) -> ProvinceRef | None:
    for o in orgs:
        if o.province is not None:
            return o.province
    if orgs:  # posts only in national bodies: a national figure
        return None
    return article_province
