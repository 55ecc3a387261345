"""The reference data every build holds, as records with their identities: every unit of the gazetteer (the
63 before and the 34 after 1 July 2025, with code, interval and Wikidata item), the canonical indicators of
digital transformation and the national documents that define them."""
from __future__ import annotations

from dataclasses import replace
from functools import cache

from .. import lexicon
from ..model import (
    CanonicalIndicator,
    Document,
    Identity,
    PartialDate,
    Reference,
    Scheme,
)
from . import keys


def indicator_identity(code: str) -> Identity:
    return Identity("indicator", code, code, hashed=False)


def scheme() -> Scheme:
    vi, en = lexicon.display("canonical_scheme")
    return Scheme(Identity("indicators", "canonical", "canonical", hashed=False), vi, en)


@cache
def reference() -> Reference:
    documents = {r.notation: _document(r) for r in lexicon.table("reference_documents")}
    indicators = [CanonicalIndicator(r.code, r.label, r.english, r.unit, r.broader, documents.get(r.source),
                                     r.publisher, indicator_identity(r.code))
                  for r in lexicon.table("canonical_indicators")]
    units = [lexicon.province_ref(u) for u in lexicon.provinces()]
    return Reference(units, indicators, list(documents.values()), scheme(),
                     Identity("graph", "reference", "reference", hashed=False))


def _document(r) -> Document:
    """Without its issuer: articles name the issuer of a national document in several ways ("Chính phủ",
    "Thủ tướng Chính phủ"), and the reference graph adds none of its own."""
    key = r.notation.upper()
    year, month, day = (int(x) for x in r.date.split("-"))
    d = Document(r.kind, r.notation, f"{r.kind} số {r.notation}", None, PartialDate(year, month, day), r.label,
                 key=key, as_written=r.known_as, identity=Identity("document", key, keys.slug(r.notation)))
    return replace(d, **{**keys.document_scope(d, None), "name_key": keys.fold(r.label)})  # found by its name


def indicator(code: str) -> CanonicalIndicator:
    return _by_code()[code]


@cache
def _by_code() -> dict[str, CanonicalIndicator]:
    return {c.code: c for c in reference().indicators}


def known_names() -> list[Document]:
    """The reference documents again under each short name news gives them: "Đề án 06" is Quyết định
    06/QĐ-TTg, found as a document of type "Đề án" and number "06"."""
    out = []
    for d in reference().documents:
        for name in d.as_written:
            kind, number = name.rsplit(" ", 1)
            out.append(replace(d, kind=kind, number=number, name_key=keys.fold(name)))
    return out
