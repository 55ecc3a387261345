"""What a query may do on this endpoint: read, and only from this graph.

SPARQL Update is refused (403) and SERVICE (a federated query, an outbound request) is refused (400)
before a query reaches a worker. The keywords are looked for outside strings, IRIs and comments, so
`BIND("SERVICE" AS ?x)` is an ordinary query.
"""
from __future__ import annotations

import re

READ_ONLY = "this endpoint is read-only: SPARQL Update is refused"
NO_SERVICE = "SERVICE (federated query to another host) is not allowed on this endpoint"

_LITERALS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|'
                       r'<[^<>"{}|^`\\\s]*>|#[^\n]*')
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX|BASE)\b[^{]*?)?\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
                     re.I | re.S)
_QUERY_FORM = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.I)
_SERVICE = re.compile(r"\bSERVICE\b", re.I)


def strip_literals(query: str) -> str:
    """The query without strings, IRIs and comments, so keywords can be looked for safely."""
    return _LITERALS.sub(" ", query)


def refusal(query: str) -> tuple[int, str] | None:
    """(status, reason) when the query may not run here; None when it may."""
    bare = strip_literals(query)
    if _SERVICE.search(bare):
        return 400, NO_SERVICE
    if _UPDATE.search(bare) and not _QUERY_FORM.search(bare):
        return 403, READ_ONLY
    return None
