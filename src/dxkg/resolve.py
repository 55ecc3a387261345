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

import hashlib
import re
from functools import cache

from . import lexicon
from .model import Org, PersonRef, ProvinceRef
from .text import fold, normalize, slug

DEFAULT_BASE = "https://w3id.org/dxkg/id/"


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


class Minter:
    def __init__(self, base: str = DEFAULT_BASE):
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def _iri(self, kind: str, readable: str, identity: str) -> str:
        digest = hashlib.sha1(identity.encode("utf-8")).hexdigest()[:8]
        return f"{self.base}{kind}/{slug(readable) or kind}-{digest}"

    def article(self, source_file: str) -> str:
        return self._iri("article", source_file.rsplit(".", 1)[0], source_file)

    def province(self, p: ProvinceRef) -> str:
        return f"{self.base}province/{p.id}"

    def person(self, p: PersonRef) -> str:
        scope = p.scope.id if p.scope else ""
        return self._iri("person", p.name, key(p.name) + "|" + scope)

    def org(self, o: Org) -> str:
        return self._iri("org", o.label, org_key(o))

    def role(self, label: str) -> str:
        return f"{self.base}role/{slug(label)}"

    def document(self, identity: str, readable: str) -> str:
        return self._iri("document", readable, identity)

    def platform(self, label: str, scope: str) -> str:
        return self._iri("platform", label, key(label) + "|" + scope)

    def indicator(self, label: str) -> str:
        return self._iri("indicator", label, key(label))

    def unit(self, label: str) -> str:
        return f"{self.base}unit/{slug(label)}"

    def local(self, kind: str, article_iri: str, *parts: object) -> str:
        """Things that exist only in one article's report (a membership, an observation, an event)."""
        identity = article_iri + "|" + "|".join(str(p) for p in parts)
        return self._iri(kind, article_iri.rsplit("/", 1)[-1], identity)


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
