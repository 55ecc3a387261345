"""The kept answers and the province pages made again only where the store changed.

An article added to 10,000 changes a few hundred of the store's two million triples, yet answering every
bundled query and drawing every province page again took 41 s of the 58 s such a build took. An output
whose rows are each some key's own (a page: its province's; `evidence`: an article's; `officials`: a
person's; the statistics' queries: a statistic's) declares a *reach*: a query that, given triples, names
every key whose rows could use one of them, by the way back from each pattern of the output's queries to
the key (`queries/reach/`). Before the store
changes, the build records the triples it is about to add or remove (`Stale`, in `STALE`) with the keys
those it removes reach in the store as it is; when the store is up to date, the keys they all reach in it
now join them, and only those keys' rows are asked for and merged with the others in the answer's order. A
row that changed used a triple that changed: one removed, reached before the change (the row was there
before), or one added, reached after it (the row is there now), so no changed row is missed. The record
stays until everything is made again: a build stopped midway leaves it for the next.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from io import BytesIO
from pathlib import Path

from pyoxigraph import QueryResultsFormat, Store, parse_query_results

from ..lines import partition_point
from ..rdf.vocab import PREFIXES
from . import provinces
from .files import write_json
from .order import order_by, term_order

STALE = "stale.json"  # in the build's state folder
BASE = ".base"  # the kept answers as they were before the store changed: FOLDER + BASE beside FOLDER
MADE_WITH = "made-with"  # in the answers' folder: the code, templates and queries they were made with
MOST_TRIPLES = 50_000  # more changed than this: everything is made again (a VALUES this long is no saving)
TSV = QueryResultsFormat.TSV


@dataclass
class Stale:
    """What the store changed since the kept answers and pages were last made whole: everything (WHOLE), or
    the TRIPLES added or removed ("s p o" in N-Triples terms), and the keys (TSV cells) each reach found before."""

    whole: bool = False
    triples: set[str] = field(default_factory=set)
    reached: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def read(cls, state: Path) -> Stale | None:
        try:
            data = json.loads((state / STALE).read_text(encoding="utf-8"))
            return cls(data["whole"], set(data["triples"]), {k: set(v) for k, v in data["reached"].items()})
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return cls(whole=True)  # a record that cannot be read: nothing is known, so everything is made

    def write(self, state: Path) -> None:
        write_json(state / STALE, {"whole": self.whole, "triples": sorted(self.triples),
                                   "reached": {k: sorted(v) for k, v in sorted(self.reached.items())}})

    def keys(self, store: Store) -> dict[str, set[str]]:
        """Each reach's keys: found before the store changed, and found in it now."""
        now = reach_all(store, self.triples)
        return {name: self.reached.get(name, set()) | keys for name, keys in now.items()}


def pending(state: Path) -> bool:
    """Whether the store changed since the kept answers and pages were last made whole."""
    return (state / STALE).exists()


def before_change(store: Store | None, state: Path, answers: Path, triples: set[str] | None,
                  losing: set[str] | None = None) -> None:
    """Called with the STORE about to lose or gain TRIPLES (None: anything, as when it is loaded afresh, or a
    blank node, which cannot be asked for by name), LOSING those of them (None: any): the answers in ANSWERS
    become the base the next ones are made from, and the record says what to make again. Only the keys
    the triples lost reach now are looked for: a row that used a triple gained is there after the change,
    where `Stale.keys` finds it."""
    stale = Stale.read(state)
    base = base_of(answers)
    if stale is None:  # the answers and pages show the store as it is: they are the base
        shutil.rmtree(base, ignore_errors=True)
        if answers.exists():
            os.replace(answers, base)
        stale = Stale()
    else:  # the base is older: what is in ANSWERS came from a store between the two
        shutil.rmtree(answers, ignore_errors=True)
    if triples is None or len(stale.triples | triples) > MOST_TRIPLES:
        stale = Stale(whole=True)
        shutil.rmtree(base, ignore_errors=True)
    if not stale.whole:
        stale.triples |= triples
        for name, keys in reach_all(store, triples if losing is None else losing).items():
            stale.reached.setdefault(name, set()).update(keys)
    stale.write(state)


def made_whole(state: Path, answers: Path, made_with: str) -> None:
    """Everything is made again from the store as it is: the record and the base go."""
    answers.mkdir(parents=True, exist_ok=True)
    (answers / MADE_WITH).write_text(made_with, encoding="utf-8")
    forget_base(answers)
    (state / STALE).unlink(missing_ok=True)


def forget_base(answers: Path) -> None:
    """The answers set aside before the store changed go (the record, if there is one, says to make every
    answer again then)."""
    shutil.rmtree(base_of(answers), ignore_errors=True)


def base(answers: Path, made_with: str) -> Path | None:
    """The base to splice new answers into, if there is one made with the same code, templates and queries."""
    try:
        return base_of(answers) if (base_of(answers) / MADE_WITH).read_text(encoding="utf-8") == made_with else None
    except OSError:
        return None


def base_of(answers: Path) -> Path:
    return answers.with_name(answers.name + BASE)


def reach(store: Store, query: str, triples: set[str]) -> set[str]:
    """The keys (TSV cells) QUERY reaches from TRIPLES in STORE."""
    if not triples:
        return set()
    values = "VALUES (?s ?p ?o) { " + " ".join(f"({t})" for t in sorted(triples)) + " }"
    result = store.query(query.replace("CHANGED", values), prefixes=PREFIXES)
    return {line.decode("utf-8") for line in _rows(result)[1]}


def reach_all(store: Store, triples: set[str], threads: int = 2) -> dict[str, set[str]]:
    """The keys each output kept in pieces reaches from TRIPLES in STORE (a reach serving several asked once),
    THREADS reaches at a time (the engine answers without holding Python's lock)."""
    if not triples:
        return {name: set() for name in reaches()}
    queries = list(dict.fromkeys(reaches().values()))
    with ThreadPoolExecutor(threads) as pool:
        found = dict(zip(queries, pool.map(lambda query: reach(store, query, triples), queries), strict=True))
    return {name: set(found[query]) for name, query in reaches().items()}


def _rows(result) -> tuple[bytes, list[bytes]]:
    """A SELECT result as its TSV header and lines."""
    out = BytesIO()
    result.serialize(out, TSV)
    header, *lines = out.getvalue().split(b"\n")
    return header, [line for line in lines if line]


def terms(cells: set[str]) -> list:
    """TSV cells as terms, in a stable order."""
    text = "?k\n" + "\n".join(sorted(cells)) + "\n"
    return [row["k"] for row in parse_query_results(text.encode("utf-8"), format=TSV)]


@cache
def bundled_reaches() -> dict[str, str]:
    """The reaches of the bundled queries kept in pieces: name -> query (dxkg/queries/reach/NAME.rq, which may
    serve other queries too, named on a line "# Also: NAME NAME")."""
    out = {}
    for f in sorted(files("dxkg").joinpath("queries", "reach").iterdir(), key=lambda f: f.name):
        if f.name.endswith(".rq"):
            text = f.read_text(encoding="utf-8")
            also = re.search(r"^# Also: (.+)$", text, re.MULTILINE)
            out.update(dict.fromkeys([f.name[:-3], *(also.group(1).split() if also else [])], text))
    return out


def reaches() -> dict[str, str]:
    """Every output kept in pieces, with its reach: the bundled queries that have one, and the province pages."""
    return {**bundled_reaches(), provinces.FOLDER: provinces.REACH}


def key_of(reach_query: str) -> str:
    """The variable a reach finds: the key its query's rows fall into blocks by."""
    return re.search(r"SELECT\s+DISTINCT\s+\?(\w+)", reach_query).group(1)


def splice(store: Store, query: str, key: str, keys: set[str], base: Path, out) -> None:
    """Write into OUT the answer to QUERY (ordered by plain variables, ?KEY among them, a key's rows being its
    own: all of them kept or all asked again): the rows of the answer in BASE whose key is not among KEYS, and
    QUERY's rows for KEYS, asked for now, each where the order puts it. ValueError or TypeError: they cannot
    be put in order by their text, and the query is answered whole.

    The kept rows are in the engine's order, so a row asked for now goes where a binary search over the
    bytes puts it, between two rows it compared with as the engine compares (`_order`): only the rows probed
    are read as terms, the rows of KEYS are found by searching the bytes, and the rows are copied as bytes,
    never split (`evidence`, 57 MB at 10,000 articles, took 1.2 s merged row by row, and 0.25 s split in rows
    for one key)."""
    data = base.read_bytes()
    data += b"" if data.endswith(b"\n") else b"\n"
    body = data.index(b"\n") + 1
    names = data[:body - 1].split(b"\t")
    column = names.index(b"?" + key.encode())
    by = order_by(query)
    # up to the key: rows equal so far share their key, so they come from one side, in the engine's order
    columns = [names.index(b"?" + v.encode()) for v in by[:by.index(key) + 1]]
    gone = sorted(_holding(data, body, column, {k.encode("utf-8") for k in keys}), reverse=True)
    new = _rows(store.query(restrict(query, key, terms(keys)), prefixes=PREFIXES))[1] if keys else []
    orders: dict[bytes, tuple] = {}

    def place(line: bytes) -> tuple:
        return tuple(orders[c] if c in orders else orders.setdefault(c, _order(c)) for c in _cells(line, columns))

    view = memoryview(data)
    at = 0  # the next byte to copy

    def copy_to(end: int) -> None:
        nonlocal at
        while gone and gone[-1][0] < end:
            start, stop = gone.pop()
            out.write(view[at:start])
            at = stop
        out.write(view[at:max(at, end)])
        at = max(at, end)

    last, before = body, None
    for line in new:
        to = place(line)
        if before is not None and to < before:
            raise ValueError("the engine orders these rows by rules of its own")
        last, before = partition_point(data, last, lambda row: place(row) <= to), to  # noqa: B023 - called at once
        copy_to(last)
        out.write(line + b"\n")
    copy_to(len(data))


def _holding(data: bytes, body: int, column: int, cells: set[bytes]) -> set[tuple[int, int]]:
    """(start, end) of the rows of DATA from BODY on whose cell in COLUMN is one of CELLS: found by searching
    the bytes, each match's row checked."""
    found = set()
    for cell in cells:
        at = data.find(cell, body)
        while at != -1:
            start, end = data.rfind(b"\n", 0, at) + 1, data.index(b"\n", at) + 1
            if data[start:end - 1].split(b"\t")[column] == cell:
                found.add((start, end))
            at = data.find(cell, end)
    return found


def restrict(query: str, key: str, values: list) -> str:
    """QUERY asked only of these VALUES of ?KEY, placed before each triple pattern that binds it (Oxigraph
    evaluates a VALUES at the head of the query with the whole of a UNION again for each value, 2 s each at
    10,000 articles; before the pattern, 4 ms in all). ValueError if there is none."""
    inline = f"VALUES ?{key} {{ {' '.join(str(v) for v in values)} }} "
    # "?a dxo:sourceFile ?sourceFile", "?statisticIri a dxo:Statistic"
    restricted, placed = re.subn(rf"(?=\?\w+\s+\w*:\w+\s+\?{key}\b|\?{key}\s+(?:a\s|\w*:\w+[\s/]))", inline, query)
    if not placed:
        raise ValueError(f"no pattern binds ?{key} to restrict it")
    return restricted


def _cells(line: bytes, columns: list[int]) -> list[bytes]:
    cells = line.split(b"\t")
    return [cells[c] for c in columns]


def _order(cell: bytes) -> tuple:
    """Where a TSV cell falls in the engine's order (`order.term_order`; the empty cell is unbound)."""
    return term_order(terms({cell.decode("utf-8")})[0] if cell else None)
