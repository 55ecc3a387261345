"""A query's answer as the bytes a client asked for, within the server's size limit.

Graphs (CONSTRUCT, DESCRIBE) and booleans (ASK) are written by pyoxigraph. Solutions (SELECT) are
written here: the size limit is checked by collecting them, which spends pyoxigraph's one-pass
iterator, and pyoxigraph cannot write a list of solutions. (Its bytes differ too: compact JSON, XML
without the final newline, TSV numbers in short form, CSV blank nodes as `_:x`.)
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from ..outputs.formats import GRAPHS, RESULTS, Format, named, write_graph
from ..rdf.vocab import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Job:
    """One query for a worker; formats by name (they cross a process boundary)."""

    query: str
    results: str  # the format for SELECT and ASK
    graph: str  # the format for CONSTRUCT and DESCRIBE
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_rows: int = 100_000
    max_bytes: int = 64_000_000


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    media: str

    @classmethod
    def error(cls, status: int, message: str) -> Answer:
        return cls(status, (message + "\n").encode("utf-8"), "text/plain")


def answer(store, job: Job) -> Answer:
    """Run JOB on STORE (pyoxigraph, read-only) with the project's prefixes predeclared."""
    import pyoxigraph as ox

    kwargs = {"prefixes": PREFIXES}
    if job.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    if job.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    try:
        result = store.query(job.query, **kwargs)
        if isinstance(result, ox.QueryTriples):
            return _within_bytes(_graph(result, named(job.graph, GRAPHS), job.max_rows, job.max_bytes), job.max_bytes)
        fmt = named(job.results, RESULTS)
        if isinstance(result, ox.QuerySolutions):
            return _within_bytes(_solutions(result, fmt, job.max_rows, job.max_bytes), job.max_bytes)
        return Answer(200, result.serialize(format=fmt.results), fmt.media_type)
    except SyntaxError as e:
        return Answer.error(400, f"SPARQL syntax error: {e}")
    except (OSError, ValueError, RuntimeError, TypeError) as e:  # raised while the query runs
        return Answer.error(400, f"query failed: {e}")


def _too_big(max_bytes: int) -> Answer:
    return Answer.error(413, f"the result is larger than {max_bytes:,} bytes (the server's limit)")


def _within_bytes(answer: Answer, max_bytes: int) -> Answer:
    """The answer, or 413 when its bytes (markup and all) are past the limit."""
    return _too_big(max_bytes) if len(answer.body) > max_bytes else answer


def _graph(triples, fmt: Format, max_rows: int, max_bytes: int) -> Answer:
    kept, size = [], 0
    for t in triples:
        kept.append(t)
        size += len(t.subject.value) + len(t.predicate.value) + len(t.object.value)
        if len(kept) > max_rows:
            return Answer.error(413, f"the result has more than {max_rows:,} triples (the server's limit)")
        if size > max_bytes:  # counted while collecting: a huge result is stopped before it is written
            return _too_big(max_bytes)
    return Answer(200, write_graph(kept, fmt.rdf), fmt.media_type)


def _solutions(solutions, fmt: Format, max_rows: int, max_bytes: int) -> Answer:
    variables = [v.value for v in solutions.variables]
    rows, size = [], 0
    for s in solutions:
        rows.append(s)
        size += sum(len(t.value) for t in s if t is not None)  # unbound variables are None
        if len(rows) > max_rows:
            return Answer.error(413, f"the result has more than {max_rows:,} rows (the server's limit)")
        if size > max_bytes:
            return _too_big(max_bytes)
    return Answer(200, solutions_bytes(variables, rows, fmt), fmt.media_type)


def solutions_bytes(variables: list[str], rows: list, fmt: Format) -> bytes:
    """Collected solutions in one of the SPARQL 1.1 results formats."""
    if fmt.name == "json":
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": [
            {n: _json_term(s[n]) for n in variables if s[n] is not None} for s in rows]}},
            ensure_ascii=False).encode("utf-8")
    if fmt.name == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        w.writerows([["" if s[n] is None else s[n].value for n in variables] for s in rows])
        return buf.getvalue().encode("utf-8")
    if fmt.name == "tsv":
        lines = ["\t".join("?" + n for n in variables)]
        lines += ["\t".join("" if s[n] is None else str(s[n]) for n in variables) for s in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    return _xml(variables, rows)


def _json_term(term) -> dict:
    kind = type(term).__name__
    if kind == "NamedNode":
        return {"type": "uri", "value": term.value}
    if kind == "BlankNode":
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _xml(variables: list[str], rows: list) -> bytes:
    parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    parts += [f"<variable name={quoteattr(n)}/>" for n in variables]
    parts.append("</head><results>")
    for s in rows:
        parts.append("<result>")
        for n in variables:
            if s[n] is not None:
                parts.append(f"<binding name={quoteattr(n)}>{_xml_term(_json_term(s[n]))}</binding>")
        parts.append("</result>")
    parts.append("</results></sparql>\n")
    return "".join(parts).encode("utf-8")


def _xml_term(t: dict) -> str:
    if t["type"] == "uri":
        return f"<uri>{escape(t['value'])}</uri>"
    if t["type"] == "bnode":
        return f"<bnode>{escape(t['value'])}</bnode>"
    attr = (f" xml:lang={quoteattr(t['xml:lang'])}" if "xml:lang" in t
            else f" datatype={quoteattr(t['datatype'])}" if "datatype" in t else "")
    return f"<literal{attr}>{escape(t['value'])}</literal>"
