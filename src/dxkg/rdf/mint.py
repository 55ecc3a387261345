"""IRIs for the graph's resources, minted from identity keys: stable across runs and machines.

The IRI is a readable ASCII slug plus the first hex digits of the key's SHA-1, so that two names that
differ only in their diacritics stay two.
"""
from __future__ import annotations

import hashlib

from ..identity.keys import key, org_key
from ..lang.text import slug
from ..model import Org, PersonRef, ProvinceRef
from .vocab import DEFAULT_BASE


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
