"""What a query may do on this endpoint: read, and only from this graph.

The query is read by a real SPARQL parser (rdflib's), and its parse tree and algebra are walked for
SERVICE (a federated query, an outbound request): found anywhere, even inside a subquery, a FILTER
EXISTS or an OPTIONAL, the query is refused (400) before it reaches a worker. A query rdflib cannot
read is refused too (400, with the parser's line and column), since Oxigraph might read it otherwise
than we did; that closes the gaps a keyword filter leaves (a no-break space before `#`, a keyword
hidden in what a regex took for an IRI or a comment). SPARQL Update is refused (403). The word
"SERVICE" inside a string, an IRI or a comment is no SERVICE, so `BIND("SERVICE" AS ?x)` runs.

The second wall is in pool.py: the workers run without a network where the OS allows it.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

READ_ONLY = "this endpoint is read-only: SPARQL Update is refused"
NO_SERVICE = "SERVICE (federated query to another host) is not allowed on this endpoint"


_PARSING = threading.Lock()  # rdflib's parser (pyparsing) is not thread-safe: parallel parses fail at random
_DECISIONS = 4096  # decisions remembered (by a digest of the query: a long query costs its 16 bytes, not its length)


class Decisions:
    """The decisions made lately, by query text: a parse costs 10-80 ms (rdflib is pure Python, and parses
    one at a time), a look-up microseconds, and dashboards and SPARQL clients ask the same queries again.
    A look-up does not wait for a parse under way."""

    UNKNOWN = object()

    def __init__(self, size: int):
        self.size, self.lock, self.made = size, threading.Lock(), OrderedDict()

    @staticmethod
    def key(query: str) -> bytes:
        return hashlib.blake2b(query.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def get(self, key: bytes):
        with self.lock:
            decision = self.made.get(key, self.UNKNOWN)
            if decision is not self.UNKNOWN:
                self.made.move_to_end(key)
            return decision

    def put(self, key: bytes, decision) -> None:
        with self.lock:
            self.made[key] = decision
            if len(self.made) > self.size:
                self.made.popitem(last=False)


_decided = Decisions(_DECISIONS)


def refusal(query: str) -> tuple[int, str] | None:
    """(status, reason) when the query may not run here; None when it may."""
    key = Decisions.key(query)
    decision = _decided.get(key)
    if decision is Decisions.UNKNOWN:
        with _PARSING:
            decision = _decided.get(key)  # decided while this thread waited its turn to parse
            if decision is Decisions.UNKNOWN:
                decision = _refusal(query)
                _decided.put(key, decision)
    return decision


def _refusal(query: str) -> tuple[int, str] | None:
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    from ..rdf.vocab import PREFIXES

    try:
        parsed = parseQuery(query)
    except ParseBaseException as e:
        if _is_update(query, parseUpdate):
            return 403, READ_ONLY
        return 400, f"SPARQL syntax error at {e.lineno}:{e.col}: {e.msg}"
    except Exception as e:  # noqa: BLE001 - whatever the parser trips on, the query is not run unread
        return 400, f"SPARQL syntax error: {e}"
    if _has_service(parsed):
        return 400, NO_SERVICE
    try:
        algebra = translateQuery(parsed, initNs={k: str(v) for k, v in PREFIXES.items()}).algebra
    except Exception as e:  # noqa: BLE001 - an undeclared prefix, a misused aggregate …
        return 400, f"the query could not be read: {type(e).__name__}: {e}"
    if _has_service(algebra):
        return 400, NO_SERVICE
    return None


def _is_update(query: str, parse_update) -> bool:
    try:
        parse_update(query)
        return True
    except Exception:  # noqa: BLE001 - not an update either: a syntax error
        return False


def _has_service(tree) -> bool:
    """Whether a parse tree or algebra (CompValues, lists, tuples) holds a ServiceGraphPattern anywhere."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack, seen = [tree], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern" or "service" in node.name.lower():
                return True
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, set)):
            stack.extend(node)
        elif hasattr(node, "asList") and not isinstance(node, str):  # a pyparsing ParseResults
            stack.extend(node.asList())
    return False
