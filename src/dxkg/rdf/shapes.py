"""SHACL validation of a built graph against ontology/shapes.ttl.

Two engines give the same verdicts (a test holds them to it on deliberately broken graphs): pyshifty, a SHACL
engine written in Rust, by default, which validates an article's part in a few milliseconds; and pySHACL,
the reference, twenty times slower (`engine="pyshacl"`). Either validates the distinct triples, with the
ontology beside them for the subclasses a class target reaches (a dxo:SteeringCommittee is a
dxo:Organization). Shapes use no regex look-around: Rust's regex engine has none.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from ..lines import starting_with
from .vocab import curie


@dataclass(frozen=True)
class Violation:
    severity: str
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.focus} {self.path}: {self.message}"

    @classmethod
    def parse(cls, text: str) -> Violation:
        """The violation `str` wrote."""
        severity, rest = text.split(": ", 1)
        focus, rest = rest.split(" ", 1)
        path, message = rest.split(": ", 1)
        return cls(severity, focus, path, message)


@dataclass
class Report:
    conforms: bool
    violations: list[Violation]

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "Violation"]


def shapes_path() -> Path:
    return Path(str(files("dxkg").joinpath("ontology/shapes.ttl")))


def ontology_path() -> Path:
    return Path(str(files("dxkg").joinpath("ontology/dxkg.ttl")))


@cache
def _shapes_and_ontology():
    from rdflib import Graph

    return Graph().parse(shapes_path(), format="turtle"), Graph().parse(ontology_path(), format="turtle")


def validate(path: Path) -> Report:
    """Validate a graph file (Turtle, N-Triples; TriG and N-Quads as the merge of their graphs). A file that is
    no RDF raises SyntaxError with the parser's one line (where, and what it found)."""
    from pyoxigraph import RdfFormat, parse

    fmt = RdfFormat.from_extension(path.suffix.lstrip(".")) or RdfFormat.TURTLE
    return validate_triples(parse(path=str(path), format=fmt))


def validate_triples(triples, engine: str = "shifty") -> Report:
    """Validate pyoxigraph triples or quads (their graph names ignored; each distinct triple once)."""
    from pyoxigraph import Quad

    distinct = {t.triple if isinstance(t, Quad) else t for t in triples}
    return _shifty(distinct) if engine == "shifty" else _pyshacl(distinct)


@cache
def _prepared():
    """The shapes, planned once, and the ontology as N-Triples to put beside the data."""
    import shifty
    from pyoxigraph import RdfFormat, parse, serialize

    ontology = serialize(parse(path=str(ontology_path()), format=RdfFormat.TURTLE), format=RdfFormat.N_TRIPLES)
    return shifty.PreparedValidator(shapes_path().read_bytes()), ontology


def _shifty(triples) -> Report:
    from pyoxigraph import RdfFormat, serialize

    return _report(_shifty_violations(serialize(triples, format=RdfFormat.N_TRIPLES)))


def validate_ntriples(data: bytes, beside: bytes = b"", chunk: int = 4 << 20) -> Report:
    """Validate a graph given as N-Triples, its lines grouped by subject (sorted), with the graph BESIDE
    (given whole to every piece). Past CHUNK bytes it is validated a piece at a time (the engine takes
    about 1.8 KB of memory a triple, 1.1 GB for a 10,000-article corpus graph; in pieces of 4 MB the
    validation of that graph peaked 260 MB below pieces of 16 MB, in the same time): each piece holds whole
    subjects and, beside them, the rdf:type lines of the nodes they point to. No shape here looks past a
    node's own triples but at its objects' classes, or at what points to it but for mentions (which live
    in the articles' graphs), so each node is judged on a piece as on the whole; a piece reports only on
    the nodes whose triples it holds (and BESIDE's, which every piece reports alike, once). Subjects are
    IRIs, as minted for the corpus graph: a blank node's triples could not be told apart between pieces."""
    if len(data) <= chunk:
        return _report(_shifty_violations(data + beside))
    lines = [line for line in data.split(b"\n") if line]
    found: set[Violation] = set()
    for start, end in _pieces(lines, chunk):
        found.update(_validate_piece(lines[start:end], lambda node: _types(_about(lines, node)), data, beside))
    return _report(list(found))


def revalidate_ntriples(data: bytes, changed: set[bytes], verdicts: list[Violation], beside: bytes = b"") -> Report:
    """`validate_ntriples(DATA, BESIDE)` given VERDICTS, its violations on the graph as it was before its
    lines CHANGED (those it lost and gained; with the same BESIDE): only the nodes whose own triples changed
    are validated again, with those that point to a node whose classes changed (a shape looks at its objects'
    classes); every other node keeps its verdict. An article added to 10,000 changes a few hundred of the
    corpus graph's 600,000 triples: what is about them is found by binary search in the sorted lines, and
    what points to them in one pass, not read line by line."""
    subjects = {_subject(line) for line in changed}
    subjects.update(_pointing(data, {_subject(line) for line in changed if line.split(b" ", 2)[1] == RDF_TYPE}))
    piece = [line for node in sorted(subjects) for line in starting_with(data, node + b" ")]

    def types_of(node: bytes) -> list[bytes]:
        return _types(starting_with(data, node + b" "))
    found = set(_validate_piece(piece, types_of, data, beside)) if piece else set()
    found.update(v for v in verdicts if _node(v) not in subjects)
    return _report(list(found))


def _validate_piece(piece: list[bytes], types_of, data: bytes, beside: bytes):
    """The violations of the nodes whose triples PIECE holds (and BESIDE's), validated with the rdf:type lines
    (`types_of(node)`) of the nodes they point to beside them."""
    own = {_subject(line) for line in piece}
    classes = [t for node in sorted({_object(line) for line in piece} - own) for t in types_of(node)]
    for v in _shifty_violations(b"\n".join(piece + classes) + b"\n" + beside):
        node = _node(v)
        if node in own or not types_of(node) and b"\n" + node + b" " not in data:
            yield v


def _about(lines: list[bytes], node: bytes) -> list[bytes]:
    """The lines of NODE's triples, in LINES sorted (a node's lines are together)."""
    start = end = bisect.bisect_left(lines, node + b" ")
    while end < len(lines) and lines[end].startswith(node + b" "):
        end += 1
    return lines[start:end]


def _types(lines: list[bytes]) -> list[bytes]:
    """The rdf:type lines of LINES."""
    return [line for line in lines if line.split(b" ", 2)[1] == RDF_TYPE]


def _pointing(data: bytes, nodes: set[bytes]) -> set[bytes]:
    """The subjects of the lines of DATA whose object is one of NODES: one pass for them all (a pass each took
    0.22 s for the 32 nodes an added article retypes in the corpus graph of 10,000, one for all 0.05 s)."""
    if not nodes:
        return set()
    found = set()
    for hit in re.finditer(b" (?:" + b"|".join(map(re.escape, sorted(nodes))) + rb") \.\n", data):
        start = data.rfind(b"\n", 0, hit.start()) + 1
        found.add(data[start:data.index(b" ", start)])
    return found


def _object(line: bytes) -> bytes:
    return line.split(b" ", 2)[2].rsplit(b" ", 1)[0]


def _node(v: Violation) -> bytes:
    return b"<" + v.focus.encode("utf-8") + b">"


RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def _subject(line: bytes) -> bytes:
    return line.split(b" ", 1)[0]


def _pieces(lines: list[bytes], size: int):
    """(start, end) of runs of lines of about SIZE bytes, never splitting a subject's lines."""
    start, total = 0, 0
    for i, line in enumerate(lines):
        if total >= size and _subject(line) != _subject(lines[i - 1]):
            yield start, i
            start, total = i, 0
        total += len(line) + 1
    yield start, len(lines)


def _shifty_violations(data: bytes) -> list[Violation]:
    validator, ontology = _prepared()
    # N-Triples is Turtle, as it reads bytes; a shape it cannot evaluate is an error, never a silent pass or fail
    result = validator.validate_algebra(data + ontology, infer=False, on_unsupported="error")
    return [Violation(v.severity, v.focus_node.strip("<>"), curie(_path(r.path)), r.author_message or r.message)
            for v in result.violations for r in v.reasons]


def _path(path: str | None) -> str:
    return (path or "").strip("<>")


def _pyshacl(triples) -> Report:
    """pySHACL, without a round trip through text: rdflib's N-Triples parser cost more than the validation."""
    from rdflib import Graph

    g = Graph()
    for t in triples:
        g.add((_rdflib_term(t.subject), _rdflib_term(t.predicate), _rdflib_term(t.object)))
    return _check(g)


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _rdflib_term(t):
    from pyoxigraph import BlankNode, NamedNode
    from rdflib import BNode, Literal, URIRef

    if isinstance(t, NamedNode):
        return URIRef(t.value)
    if isinstance(t, BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    datatype = t.datatype.value
    return Literal(t.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))


def _check(g) -> Report:
    """pySHACL on a graph it may change (inplace: the ontology is mixed into it rather than into a copy)."""
    from pyshacl import validate as shacl
    from rdflib import Namespace

    shapes, ont = _shapes_and_ontology()
    # the ontology is given for rdfs subclass inference only (dxo:SteeringCommittee is a dxo:Organization)
    _conforms, results, _text = shacl(g, shacl_graph=shapes, ont_graph=ont, inference="none",
                                      allow_warnings=True, inplace=True)
    sh = Namespace("http://www.w3.org/ns/shacl#")
    out = []
    for r in results.subjects(sh.resultSeverity, None):
        sev = str(results.value(r, sh.resultSeverity)).rsplit("#", 1)[-1]
        out.append(Violation(sev, str(results.value(r, sh.focusNode)), curie(str(results.value(r, sh.resultPath) or "")),
                             str(results.value(r, sh.resultMessage) or "")))
    return _report(out)


def _report(out: list[Violation]) -> Report:
    out.sort(key=lambda v: (v.severity, v.focus, v.path, v.message))
    return Report(conforms=not any(v.severity == "Violation" for v in out), violations=out)
