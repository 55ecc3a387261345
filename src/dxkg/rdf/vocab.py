"""The graph's namespaces, prefixes and default base IRI: defined here once, read by every stage that
writes or reads RDF (`../shared/spec/vocabulary.md` is the contract)."""
from __future__ import annotations

from pyoxigraph import NamedNode

DXO = "https://w3id.org/dxkg/ontology#"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
TIME = "http://www.w3.org/2006/time#"
DCT = "http://purl.org/dc/terms/"
VOID = "http://rdfs.org/ns/void#"
WD = "http://www.wikidata.org/entity/"
PREFIXES = {"dxo": DXO, "schema": SCHEMA, "org": ORG, "prov": PROV, "skos": SKOS,
            "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "time": TIME, "dct": DCT, "wd": WD}

DEFAULT_BASE = "https://w3id.org/dxkg/id/"  # minted resources; `--base` changes it

A = NamedNode(RDF + "type")
LABEL = NamedNode(RDFS + "label")


def iri(ns: str, local: str) -> NamedNode:
    return NamedNode(ns + local)


def curie(iri: str) -> str:
    """'https://w3id.org/dxkg/ontology#value' -> 'dxo:value', for people reading tables and reports."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri
