"""Stage: identity. Extracted records -> the same records, each entity carrying its `Identity`.

The only place that decides when two mentions are one thing (see `keys` for the rules and `Merge` for the
reasons kept with each decision). The RDF layer mints IRIs from these identities without reading
Vietnamese: a person is the folded name plus the province they serve, an organization its expanded,
folded name (and its parent's), a platform its name and scope, a document its notation or its type,
issuer and subject.
"""
from __future__ import annotations

from dataclasses import fields, is_dataclass, replace

from .. import lexicon
from ..model import (
    Document,
    Event,
    Extraction,
    Identity,
    Membership,
    Observation,
    Org,
    PersonRef,
    Platform,
    Scheme,
)
from . import keys, labels


def resolve(ex: Extraction) -> Extraction:
    """A copy of `ex` whose entities carry their identities."""
    out = Extraction(ex.article, merges=list(ex.merges))
    for f in fields(Extraction):
        if f.name not in ("article", "merges"):
            setattr(out, f.name, _resolved(getattr(ex, f.name)))
    out.identity = Identity("article", ex.article.source_file, keys.slug(ex.article.source_file.rsplit(".", 1)[0]))
    out.documents = [_implements(d, out.documents) for d in out.documents]
    # an observation is the n-th figure read at its place in the article
    out.observations = [replace(o, identity=_local("observation", (o.evidence.start, o.evidence.end, i)))
                        for i, o in enumerate(out.observations)]
    vi, en = lexicon.display("indicator_scheme")
    out.scheme = Scheme(Identity("indicators", "indicators", "", hashed=False), vi, en)
    return out


def _resolved(value):
    """Records rebuilt bottom-up, entities given their identity."""
    if isinstance(value, list):
        return [_resolved(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_resolved(v) for v in value)
    if not is_dataclass(value) or not type(value).__dataclass_params__.frozen:
        return value
    changes = {f.name: _resolved(getattr(value, f.name)) for f in fields(value)
               if f.name not in ("evidence",) and not f.name.endswith("identity")}
    value = replace(value, **changes)
    assign = _ASSIGN.get(type(value))
    return replace(value, **assign(value)) if assign else value


def _person(p: PersonRef) -> dict:
    scope = p.scope.id if p.scope else ""
    return {"identity": Identity("person", keys.key(p.name) + "|" + scope, keys.slug(p.name))}


def _org(o: Org) -> dict:
    return {"identity": Identity("org", keys.org_key(o), keys.slug(o.label))}


def _document(d: Document) -> dict:
    return {"identity": Identity("document", d.key, keys.slug(d.notation or d.label))}


def _platform(p: Platform) -> dict:
    scope = "national" if p.national else (p.province.id if p.province else "")
    return {"identity": Identity("platform", keys.key(p.label) + "|" + scope, keys.slug(p.label))}


def _membership(m: Membership) -> dict:
    parts = (m.person.name, m.person.scope, m.role, keys.org_key(m.org))
    return {"identity": _local("membership", parts),
            "role_identity": Identity("role", keys.fold(m.role), keys.slug(m.role), hashed=False)}


def _event(e: Event) -> dict:
    return {"identity": _local("event", (e.kind, e.date.iso() if e.date else ""))}


def _observation(o: Observation) -> dict:
    unit = None if o.unit in ("percent", "rank") else Identity("unit", o.unit, keys.slug(o.unit), hashed=False)
    return {"indicator_identity": Identity("indicator", keys.key(o.indicator), keys.slug(o.indicator)),
            "unit_identity": unit, "label": labels.observation(o)}


def _local(kind: str, parts: tuple) -> Identity:
    # within the article's graph; the RDF layer prefixes the article's IRI to the key
    return Identity(kind, "|".join(str(p) for p in parts), "", local=True)


_ASSIGN = {PersonRef: _person, Org: _org, Document: _document, Platform: _platform, Membership: _membership,
           Event: _event, Observation: _observation}


def _implements(d: Document, docs: list[Document]) -> Document:
    """`implements` names the notation of a document; it links where that document is in the article."""
    target = (d.implements or "").upper()
    return replace(d, implements=target if any(o.key == target for o in docs) else None)
