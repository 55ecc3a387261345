"""Stage: identity. Extracted records -> the same records, each entity carrying its `Identity`.

The only place that decides when two mentions are one thing (see `keys` for the rules and `Merge` for the
reasons kept with each decision). The RDF layer mints IRIs from these identities without reading
Vietnamese: a person is the folded name plus the province they serve, an organization its expanded,
folded name (and its parent's), a platform its name and scope, a document its notation or its type,
issuer and subject.
"""
from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from functools import cache

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
    ProvinceRef,
    Scheme,
)
from . import keys, labels
from . import merges as m
from .indicators import canonical
from .reference import indicator


def resolve(ex: Extraction) -> Extraction:
    """The article's records with one record per real thing, each carrying its identity; `merges` says why
    each mention was folded into another."""
    out = Extraction(ex.article, provinces=ex.provinces, province=ex.province, publisher=ex.publisher)
    merges = out.merges
    docs, doc_of = m.documents(ex.documents, merges)
    docs = [m.related(d, docs) for d in docs]
    out.documents = docs
    out.organizations, bodies = m.organizations(ex.organizations, ex.memberships, merges)
    scope = _scopes(ex)
    out.persons = [replace(p, person=replace(p.person, scope=scope[p.person.name])) for p in ex.persons]
    out.memberships = [replace(x, person=replace(x.person, scope=scope[x.person.name]))
                       for x in m.memberships(ex.memberships, bodies, merges)]
    # an author with no post reported here is the author of the province the article is about
    out.authors = [replace(a, scope=ex.province) for a in ex.authors]
    out.platforms = m.platforms(ex.platforms, merges)
    out.events = [replace(e, chairs=tuple(replace(c, scope=scope[c.name]) for c in e.chairs),
                          documents=tuple(dict.fromkeys(doc_of[d].key for d in e.document_mentions)))
                  for e in m.events(ex.events, merges)]
    out.observations = [replace(o, set_by=m.first_document(o.documents_before, doc_of, docs))
                        for o in m.observations(ex.observations, merges)]
    out.documents = [replace(d, **keys.document_scope(d, ex.province)) for d in out.documents]
    for f in fields(Extraction):
        if f.name not in ("article", "merges", "identity", "scheme"):
            setattr(out, f.name, _resolved(getattr(out, f.name)))
    out.identity = Identity("article", ex.article.source_file, keys.slug(ex.article.source_file.rsplit(".", 1)[0]))
    # an observation is the n-th figure read at its place in the article
    out.observations = [replace(o, identity=_local("observation", (o.evidence.start, o.evidence.end, i)))
                        for i, o in enumerate(out.observations)]
    vi, en = lexicon.display("indicator_scheme")
    out.scheme = Scheme(Identity("indicators", "indicators", "", hashed=False), vi, en)
    return out


def _scopes(ex: Extraction) -> dict[str, ProvinceRef | None]:
    """Which province tells each person from namesakes: that of a body whose post the article reports (none
    for a national figure), else the province the article is about."""
    held: dict[str, list] = {}
    for x in ex.memberships:
        held.setdefault(x.person.name, []).append(x.org)
    return {p.person.name: keys.person_scope(held.get(p.person.name, []), ex.province) for p in ex.persons}


def _resolved(value):
    """Records rebuilt bottom-up, entities given their identity (what holds no entity is returned as it is)."""
    if isinstance(value, (list, tuple)):
        new = [_resolved(v) for v in value]
        if all(a is b for a, b in zip(new, value)):
            return value
        return new if isinstance(value, list) else tuple(new)
    names = _record_fields(type(value))
    if names is None:
        return value
    changes = {}
    for name in names:
        old = getattr(value, name)
        if (new := _resolved(old)) is not old:
            changes[name] = new
    if changes:
        value = replace(value, **changes)
    assign = _ASSIGN.get(type(value))
    return replace(value, **assign(value)) if assign else value


@cache
def _record_fields(kind: type) -> tuple[str, ...] | None:
    """The fields of a record that may hold entities; None for what is no record."""
    if not is_dataclass(kind) or not kind.__dataclass_params__.frozen:
        return None
    return tuple(f.name for f in fields(kind) if f.name not in _NOT_ENTITIES and not f.name.endswith("identity"))


# fields that hold no entity of the graph: evidence, and the mentions extraction left for this stage
_NOT_ENTITIES = ("evidence", "document_mentions", "documents_before")


def _person(p: PersonRef) -> dict:
    scope = p.scope.id if p.scope else ""
    return {"identity": Identity("person", keys.key(p.name) + "|" + scope, keys.slug(p.name))}


def _org(o: Org) -> dict:
    return {"identity": Identity("org", keys.org_key(o), keys.slug(o.label))}


def _document(d: Document) -> dict:
    # a province's bodies number their documents anew: "234/KH-UBND" of Phú Yên is not Bắc Giang's
    scoped = d.notation and d.scope not in ("", "national")
    return {"identity": Identity("document", f"{d.key}|{d.scope}" if scoped else d.key,
                                 keys.slug(d.notation or d.label))}


def _platform(p: Platform) -> dict:
    scope = "national" if p.national else (p.province.id if p.province else "")
    return {"identity": Identity("platform", keys.key(p.label) + "|" + scope, keys.slug(p.label))}


def _membership(m: Membership) -> dict:
    parts = (m.person.name, m.person.scope.id if m.person.scope else "", m.role, keys.org_key(m.org))
    return {"identity": _local("membership", parts), "shared_post": keys.shared_post(m.role),
            "role_identity": Identity("role", keys.fold(m.role), keys.slug(m.role), hashed=False)}


def _event(e: Event) -> dict:
    return {"identity": _local("event", (e.kind, e.date.iso() if e.date else ""))}


def _observation(o: Observation) -> dict:
    unit = None if o.unit in ("percent", "rank") else Identity("unit", o.unit, keys.slug(o.unit), hashed=False)
    code, match = canonical(o) or (None, "")
    return {"indicator_identity": Identity("indicator", keys.key(o.indicator), keys.slug(o.indicator)),
            "unit_identity": unit, "label": labels.observation(o), "measure": indicator(code) if code else None,
            "measure_match": match}


def _local(kind: str, parts: tuple) -> Identity:
    # within the article's graph; the RDF layer prefixes the article's IRI to the key
    return Identity(kind, "|".join(str(p) for p in parts), "", local=True)


_ASSIGN = {PersonRef: _person, Org: _org, Document: _document, Platform: _platform, Membership: _membership,
           Event: _event, Observation: _observation}
