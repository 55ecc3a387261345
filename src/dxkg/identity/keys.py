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

from functools import cache

from .. import lexicon
from ..lang.text import fold, normalize, slug  # noqa: F401 (slug: part of the identity API)
from ..lexicon import expand
from ..model import Document, Org, ProvinceRef


def key(text: str) -> str:
    return fold(expand(text))


def org_key(o: Org) -> str:
    # an organization is its expanded, folded name; "Vụ Khoa học và Công nghệ" of two ministries are two
    parent = org_key(o.parent) if o.parent else ""
    return key(o.label) + "|" + parent


def document_key(d: Document) -> str:
    """One document, however often and however fully the article names it: its notation, a numbered short
    name ("Đề án 06"), else its type, issuer and subject."""
    if d.notation:
        return d.notation.upper()
    if d.label.split()[-1].isdigit():
        return fold(d.label)
    return "|".join((fold(d.kind), org_key(d.issuer) if d.issuer else "", fold(d.subject or "")))


# bodies of the country, which place nobody in a province: those the lexicon scopes nationally, and the kinds
# named by their field or name (a ministry, its departments and agencies, a national committee)
_NATIONAL_KINDS = ("ministry", "central_department", "agency", "national_committee")


def _national(o: Org) -> bool:
    return o.kind in _NATIONAL_KINDS or any(h.kind == o.kind and h.scope == "national"
                                            for h in lexicon.org_heads().values())


def person_scope(orgs: list[Org], article_province: ProvinceRef | None) -> ProvinceRef | None:
    for o in orgs:
        if o.province is not None:
            return o.province
    if orgs and all(_national(o) for o in orgs):  # posts only in national bodies: a national figure
        return None
    return article_province


def shared_post(role: str) -> bool:
    """A post several people hold at once ("Phó Chủ tịch", "Ủy viên"): no holder succeeds another."""
    return any(role == w or role.startswith(w + " ") for w in _shared_posts())


@cache
def _shared_posts() -> tuple[str, ...]:
    return tuple(lexicon.words("shared_posts"))


def document_scope(d: Document, article_province: ProvinceRef | None) -> dict[str, str]:
    """What finds one document across articles: the number of its notation or short name ("Nghị quyết 57" ->
    "57"), whose it is ("national", else a province's id: its issuer's, or for a provincial symbol or a short
    name without issuer, the province the article is about) and its folded name without its type."""
    from ..extract.documents import notation_parts

    number, _type, code = notation_parts(d.notation) if d.notation else ("", "", "")
    if d.short:
        number = d.label.split()[-1]
    known = lexicon.issuers().get(code.upper()) if code else None
    if (known and known.scope == "national") or (d.issuer is not None and _national(d.issuer)):
        scope = "national"
    elif d.issuer is not None and d.issuer.province is not None:
        scope = d.issuer.province.id
    else:
        scope = article_province.id if article_province and (known or d.short) else ""
    name = fold(d.label)
    kind = fold(d.kind)
    return {"number": number, "scope": scope, "name_key": name[len(kind):].strip() if name.startswith(kind) else name}
