"""IRIs for the graph's resources, minted from the identities the identity stage gives them.

An IRI is the base, the thing's kind, a readable ASCII slug and the first hex digits of the SHA-1 of its
identity key, so two names that differ only in their diacritics stay two and every machine mints the
same IRI. A thing that exists only in one article's report is keyed within that article's IRI.
"""
from __future__ import annotations

import hashlib

from ..model import Identity
from .vocab import DEFAULT_BASE

SLUG_LIMIT = 60


class Minter:
    def __init__(self, base: str = DEFAULT_BASE):
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def iri(self, identity: Identity, article: str | None = None) -> str:
        if not identity.hashed:
            return f"{self.base}{identity.kind}/{identity.slug}" if identity.slug else self.base + identity.kind
        key, readable = identity.key, identity.slug
        if identity.local:  # the article's own local name is already a slug: shortened as slugs are
            key, readable = f"{article}|{key}", article.rsplit("/", 1)[-1][:SLUG_LIMIT].rstrip("-")
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
        return f"{self.base}{identity.kind}/{readable or identity.kind}-{digest}"

    def province(self, province_id: str) -> str:
        return f"{self.base}province/{province_id}"
