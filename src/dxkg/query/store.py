"""Loading a built graph for querying, viewing and exporting (pyoxigraph)."""
from __future__ import annotations

from pathlib import Path

from pyoxigraph import (
    DefaultGraph,
    Literal,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
)

from ..build.store import STORE, answers_folder
from ..outputs.answers import bundled, solutions  # noqa: F401 (bundled: the CLI and the endpoint read them here)
from ..rdf.vocab import PREFIXES


class GraphError(Exception):
    """A graph file that cannot be loaded or a query that cannot be run; str() is the one-line reason."""


def load(paths: list[Path] | Path) -> Store:
    """A store whose default graph is the merge of everything loaded; a TriG file's per-article
    graphs stay available as named graphs (for GRAPH queries and TriG export)."""
    store = Store()
    for path in [paths] if isinstance(paths, Path) else paths:
        path = path / "dxkg.ttl" if path.is_dir() else path  # a build folder (one from before builds kept a store)
        fmt = RdfFormat.from_extension(path.suffix.lstrip(".")) or RdfFormat.TURTLE
        try:
            store.bulk_load(path=str(path), format=fmt)
        except (OSError, SyntaxError, ValueError) as e:
            raise GraphError(f"{path}: cannot load ({e})") from None
    merged = [Quad(q.subject, q.predicate, q.object, DefaultGraph())
              for q in store.quads_for_pattern(None, None, None, None) if not isinstance(q.graph_name, DefaultGraph)]
    store.extend(merged)
    return store


def open_graph(target: Path) -> Store:
    """What `dxkg query`, `view`, `export` and `stats` read: a build folder's store (OUT/dxkg.oxigraph) opened
    read-only, nothing parsed; a graph file (Turtle, TriG, N-Triples, …), or a build folder from before the
    store was kept, loaded."""
    folder = store_folder(target)
    if folder is not None:
        try:
            return Store.read_only(str(folder))
        except OSError as e:
            raise GraphError(f"{target}: cannot open the store ({e})") from None
    return load(target)


def store_folder(target: Path) -> Path | None:
    """The on-disk store of a build folder, or the store folder itself; None for anything else."""
    for folder in (target / STORE, target):
        if folder.name == STORE and folder.is_dir():
            return folder
    return None


def syntax_error(message: str, query: str) -> str:
    """Oxigraph's parse error in one line: an undeclared prefix named as such, and the parser's list of every
    character it would have accepted (eight lines of Unicode ranges) left out."""
    import re

    declared = set(PREFIXES) | set(re.findall(r"(?i)\bPREFIX\s+([\w.-]*):", query))
    body = re.sub(r'"(?:[^"\\]|\\.)*"|<[^>\s]*>|#[^\n]*', " ", query)  # not inside strings, IRIs, comments
    unknown = sorted({p for p in re.findall(r"(?<![\w:?$])([A-Za-z][\w.-]*):", body) if p not in declared})
    if unknown:  # an undeclared prefix is an error wherever the parser noticed it
        return (f"SPARQL syntax error: unknown prefix {unknown[0]}: (declare it with PREFIX, or use one of "
                f"{', '.join(sorted(PREFIXES))})")
    where = message.split(": expected", 1)[0]
    return f"SPARQL syntax error: {where}" + (" (unexpected text there)" if where != message else "")


def answers_of(target: Path) -> Path | None:
    """The folder of a build's kept answers to the bundled queries, when TARGET is a build's store."""
    folder = store_folder(target)
    return None if folder is None else answers_folder(folder.parent)


def run(store: Store, query: str, answers: Path | None = None, bindings: dict[str, str] | None = None,
        ) -> QuerySolutions | QueryTriples | QueryBoolean:
    """Run SPARQL with the project's prefixes predeclared, over the merged default graph, with variables bound
    to values (`binding`); a bundled query's answer kept by the build (in ANSWERS) is read instead of run
    again."""
    kept = None if bindings else solutions(answers, query)
    if kept is not None:
        return kept
    try:
        return store.query(bound(query, bindings) if bindings else query, prefixes=dict(PREFIXES))
    except SyntaxError as e:
        raise GraphError(syntax_error(str(e), query)) from None
    except (OSError, ValueError, RuntimeError) as e:
        raise GraphError(f"query failed: {e}") from None


def rows(store: Store, query: str) -> list[dict[str, str]]:
    """SELECT results as plain strings (missing values as "")."""
    result = run(store, query)
    names = [v.value for v in result.variables]
    return [{n: ("" if sol[n] is None else sol[n].value) for n in names} for sol in result]


# SPARQL 1.1's VARNAME (grammar rule 166): a bound name is written into the query's text, so a name that is
# anything else ("x) {} } DROP ALL #") is refused, never quoted or cut down to something that parses
_NAME_START = ("A-Za-z_0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
               "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
VARNAME = f"[{_NAME_START}][{_NAME_START}\u00B7\u0300-\u036F\u203F-\u2040]*"
_NOT_CODE = r'''"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|#[^\n]*'''  # strings, IRIs, comments


def given(binds: list[str]) -> dict[str, str]:
    """The values NAME=VALUE pairs give (`dxkg query --bind`, the endpoint's `bind=`); GraphError for a pair
    without "=" or a name given twice (a VALUES row cannot hold it twice)."""
    bindings: dict[str, str] = {}
    for pair in binds:
        name, equals, value = pair.partition("=")
        if not equals:
            raise GraphError(f"bind takes NAME=VALUE (e.g. on=2024-05-01), not {pair[:60]!r}")
        if name in bindings:
            raise GraphError(f"bind gives {name[:60]!r} two values")
        bindings[name] = value
    return bindings


def bound(query: str, bindings: dict[str, str]) -> str:
    """QUERY with its variables given values before anything else is matched: a VALUES block first in its
    outer WHERE (Oxigraph's substitutions only bind variables the query returns). Names must be SPARQL
    variable names; values become RDF terms (`binding`), written escaped. GraphError otherwise."""
    import re

    for name in bindings:
        if not re.fullmatch(VARNAME, name):
            raise GraphError(f"cannot bind {name[:60]!r}: not a SPARQL variable name (letters, digits and _, "
                             "without the ?: on=2024-05-01 binds ?on)")
    names = " ".join(f"?{n}" for n in bindings)
    row = " ".join(str(binding(v)) for v in bindings.values())
    # the first WHERE outside strings, IRIs and comments: "# … WHERE {" in a comment would swallow the VALUES
    masked = re.sub(_NOT_CODE, lambda m: " " * len(m[0]), query)
    at = re.search(r"\bWHERE\s*\{", masked, re.IGNORECASE)
    if at is None:
        raise GraphError("a query given values (bind) needs a WHERE clause")
    return f"{query[:at.end()]} VALUES ({names}) {{ ({row}) }} {query[at.end():]}"


def binding(value: str) -> Literal:
    """A value given on the command line as the RDF term a query compares it with: a date (2024-05-01,
    2024-05, 2024) as xsd:date, xsd:gYearMonth or xsd:gYear, a whole number as xsd:integer, else a string."""
    import re

    from ..rdf.mapping import typed

    for pattern, kind in ((r"\d{4}-\d{2}-\d{2}", "date"), (r"\d{4}-\d{2}", "gYearMonth"), (r"\d{4}", "gYear"),
                          (r"-?\d+", "integer")):
        if re.fullmatch(pattern, value):
            return typed(value, kind)
    return Literal(value)
