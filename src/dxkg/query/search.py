"""Search with facets over a store: labels and evidence sentences, without diacritics ("gia lai" finds "Gia
Lai", "chuyen doi so" finds "chuyển đổi số"), narrowed by class, province, year and indicator, with the count
of every facet value among what matches.

The index is read from the store once, with a few SPARQL queries (one per kind of fact a thing may carry),
and kept in memory by the server: a thing's words are its label, its sentences (an observation's evidence, the
evidence of every mention of it) and an article's headline.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Store

from ..lang.text import fold, strip_diacritics
from ..rdf.vocab import PREFIXES

CLASSES = ("Province", "SteeringCommittee", "Organization", "Person", "LegalDocument", "Platform", "Event",
           "Observation", "Statistic", "Indicator", "Article")  # the most specific first
FACETS = ("class", "province", "year", "indicator")
# one query per kind of fact: (what it gives, SPARQL selecting ?x and ?v)
FACTS = (
    ("class", "SELECT ?x ?v WHERE { ?x a ?c . BIND(STRAFTER(STR(?c), '#') AS ?v) FILTER(STRSTARTS(STR(?c), STR(dxo:))) }"),
    ("label", "SELECT ?x ?v WHERE { ?x rdfs:label ?v . FILTER(lang(?v) = 'vi' || lang(?v) = '') }"),
    # a display label that says which unit is meant ("Gia Lai (đến 30/6/2025)") over the plain one
    ("label", "SELECT ?x ?v WHERE { ?x a dxo:Province ; skos:prefLabel ?v . FILTER(lang(?v) = 'vi') }"),
    ("text", "SELECT ?x ?v WHERE { ?x dxo:evidence ?v }"),
    ("text", "SELECT ?x ?v WHERE { ?x prov:qualifiedDerivation/dxo:evidence ?v }"),
    ("text", "SELECT ?x ?v WHERE { ?x schema:headline ?v }"),
    ("province", "SELECT ?x ?v WHERE { ?x dxo:refArea|dxo:jurisdiction ?p . ?p skos:prefLabel ?v . FILTER(lang(?v) = 'vi') }"),
    ("province", "SELECT ?x ?v WHERE { ?x a dxo:Province ; skos:prefLabel ?v . FILTER(lang(?v) = 'vi') }"),
    ("province", "SELECT ?x ?v WHERE { ?x a dxo:Article ; schema:mentions ?p . ?p a dxo:Province ; skos:prefLabel ?v . "
                 "FILTER(lang(?v) = 'vi') }"),
    ("year", "SELECT ?x ?v WHERE { ?x dxo:refPeriod ?y . BIND(SUBSTR(STR(?y), 1, 4) AS ?v) }"),
    ("year", "SELECT ?x ?v WHERE { ?x schema:startDate|schema:datePublished ?d . BIND(SUBSTR(STR(?d), 1, 4) AS ?v) }"),
    # the canonical indicator a figure measures (a statistic's is one, an observation's is linked to one)
    ("indicator", "SELECT ?x ?v WHERE { ?x dxo:indicator/(skos:exactMatch|skos:broadMatch)? ?c . "
                  "?c skos:notation ?n ; skos:prefLabel ?v . FILTER(lang(?v) = 'vi') }"),
)


def folded(text: str) -> str:
    """What a search compares: no diacritics, lower case, punctuation as spaces."""
    return fold(strip_diacritics(text))


@dataclass
class Thing:
    iri: str
    label: str = ""
    words: str = ""  # folded: the label and every sentence
    folded_label: str = ""
    sentences: list[str] = field(default_factory=list)
    facets: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


class Index:
    """The things of a store that have a label, with their words and facet values."""

    def __init__(self, store: Store):
        things: dict[str, Thing] = {}
        for kind, query in FACTS:
            for row in store.query(query, prefixes=dict(PREFIXES)):
                thing = things.setdefault(row["x"].value, Thing(row["x"].value))
                value = row["v"].value
                if kind == "label":
                    thing.label = max(thing.label, value, key=lambda s: (len(s), s))  # the fullest, of several
                elif kind == "text":
                    thing.sentences.append(value)
                elif kind == "class":
                    thing.facets["class"].add(value)
                else:
                    thing.facets[kind].add(value)
        self.things = []
        for t in things.values():
            kinds = [c for c in CLASSES if c in t.facets["class"]]
            if not t.label or not kinds:
                continue
            t.facets["class"] = {kinds[0]}
            t.sentences = sorted(set(t.sentences))
            t.folded_label = folded(t.label)
            t.words = folded(" ".join([t.label, *t.sentences]))
            self.things.append(t)
        self.things.sort(key=lambda t: (CLASSES.index(next(iter(t.facets["class"]))), t.label, t.iri))

    def search(self, text: str, chosen: dict[str, str], limit: int = 50) -> dict:
        """What matches every word of TEXT and every facet value CHOSEN; the facet counts among what matches
        the words and the other facets chosen (so each list shows what choosing there would give)."""
        words = folded(text).split()
        matching = [t for t in self.things if _has(words, t.words)]

        def keeps(t: Thing, but: str | None = None) -> bool:
            return all(v in t.facets.get(f, ()) for f, v in chosen.items() if f != but and v)

        found = [t for t in matching if keeps(t)]
        # a label that holds the words comes before a sentence that does
        found.sort(key=lambda t: not _has(words, t.folded_label))
        facets = {}
        for f in FACETS:
            counts = Counter(v for t in matching if keeps(t, but=f) for v in t.facets.get(f, ()))
            facets[f] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:30]
        return {"total": len(found), "facets": facets,
                "results": [{"iri": t.iri, "label": t.label, "class": next(iter(t.facets["class"])),
                             "sentence": _sentence(t, words)} for t in found[:limit]]}


def _sentence(t: Thing, words: list[str]) -> str:
    """The first of a thing's sentences that holds the words (else its first), to show why it matched."""
    for s in t.sentences:
        if _has(words, folded(s)):
            return s
    return t.sentences[0] if t.sentences else ""


def _has(words: list[str], text: str) -> bool:
    """Whether the words, in their order, begin at a word of TEXT (folded): "chuyen doi" finds "chuyển đổi số",
    "gia lai" finds "Gia Lai" and not "giám sát … lại"."""
    return " " + " ".join(words) in " " + text
