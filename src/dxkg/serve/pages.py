"""The HTML pages: the query page (a static file) and an entity's page (a Jinja2 template, autoescaped)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from ..rdf.vocab import PREFIXES, curie

ORG, DXO = PREFIXES["org"], PREFIXES["dxo"]


@cache
def query_page() -> str:
    return _static("query.html")


def search_page() -> str:
    return _static("search.html")


@cache
def _static(name: str) -> str:
    from importlib.resources import files

    return files("dxkg").joinpath("templates", name).read_text(encoding="utf-8")


@cache
def _templates():
    from jinja2 import Environment, PackageLoader

    # autoescape: labels and literals come from news articles and are shown as text, never as markup
    return Environment(loader=PackageLoader("dxkg", "templates"), autoescape=True, trim_blocks=True,
                       lstrip_blocks=True)


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None  # None for a literal or blank node


def entity_page(store, base: str, iri: str, outgoing, incoming) -> str:
    """IRI's facts (OUTGOING quads) and the resources that refer to it (INCOMING quads), each term by its label."""
    from pyoxigraph import NamedNode

    facts = [(curie(q.predicate.value), link(store, base, q.object))
             for q in sorted(outgoing, key=lambda q: (q.predicate.value, str(q.object)))]
    referred = [(link(store, base, q.subject), curie(q.predicate.value))
                for q in sorted(incoming, key=lambda q: (q.predicate.value, str(q.subject)))]
    return _templates().get_template("entity.html").render(
        title=label(store, NamedNode(iri)), iri=iri, facts=facts, referred=referred)


def label(store, term) -> str:
    """What a person reads for TERM: its name (`Facts.shown`, as the tables and the view choose it), a membership
    as "who, post — body", a mention as its sentence, else its CURIE."""
    from pyoxigraph import DefaultGraph, NamedNode

    from ..outputs.facts import NAMES, Facts

    if not isinstance(term, NamedNode):
        return term.value
    # only what a label is read from: a province page labels every article that mentions it
    read = (*NAMES, *(ORG + p for p in ("member", "role", "organization")), DXO + "evidence")
    facts = Facts.of(q for p in read for q in store.quads_for_pattern(term, NamedNode(p), None, DefaultGraph()))
    if (name := facts.name(term)) is not None:
        return name.value
    if parts := [label(store, v) for p in ("member", "role", "organization") for v in facts.objects(term, ORG + p)]:
        return "{}, {} — {}".format(*parts) if len(parts) == 3 else " — ".join(parts)
    for sentence in facts.objects(term, DXO + "evidence"):  # a mention: the sentence that names the entity
        text = sentence.value
        return f"“{text if len(text) <= 100 else text[:99] + '…'}”"
    return curie(term.value)


def link(store, base: str, term) -> Link:
    """A resource under BASE links to its /id/ page, any other IRI to /entity?iri=…; literals are plain text."""
    from pyoxigraph import NamedNode

    if not isinstance(term, NamedNode):
        return Link(label(store, term), None)
    href = ("/id/" + quote(term.value[len(base):], safe="/")) if term.value.startswith(base) \
        else "/entity?iri=" + quote(term.value, safe="")
    return Link(label(store, term), href)
