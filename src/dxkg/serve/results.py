"""A query's answer, written by pyoxigraph as it comes and sent on in chunks, within the server's limits.

A worker runs the query and hands the result to pyoxigraph's own writers (SPARQL results JSON, XML,
CSV, TSV for SELECT and ASK; Turtle, N-Triples, JSON-LD, RDF/XML for CONSTRUCT and DESCRIBE). They
write into an `Outlet`, a file-like object that counts what passes and sends it to the server process
in chunks of CHUNK bytes as they fill: no row is collected, and a result of any size costs a worker
one chunk of memory.

The limits are counted as the bytes pass, and a limit crossed raises inside `write`, which stops the
writer (the worker then reports 413):
- bytes: every byte written, markup and all;
- rows of SELECT: read off the bytes, format by format (see `RowCount`): exact for the four results
  formats, without a Python step per row;
- triples of CONSTRUCT and DESCRIBE: counted as pyoxigraph takes them from an iterator wrapped around
  the result (one Python step per triple, no list). Their formats group triples (Turtle's `;` and
  `,`, JSON-LD, RDF/XML), so the bytes do not tell the triples apart; the step costs about 7% of the
  writing.

The messages from worker to server, each one `send_bytes`, a tag byte first (no pickling of the body):
  H media   the result's media type, once the query is read and running;
  D bytes   the next part of the body;
  Z bytes   the last part of the body, and the end;
  E code message   an error (e.g. b"E413the result …"): with nothing sent yet, it is the answer; after
            a part was sent, the answer is cut off.
From server to worker: a `Job`, or CANCEL when the server no longer wants the answer being written (the
client went away): the worker stops at its next chunk and reports E499.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..outputs.answers import kept, send, solutions
from ..outputs.formats import GRAPHS, RESULTS, named, write_graph
from ..query.store import syntax_error
from ..rdf.vocab import PREFIXES

CHUNK = 64 * 1024  # bytes a worker sends at a time
CANCEL = "cancel"
HEAD, DATA, END, ERROR = b"H", b"D", b"Z", b"E"


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
    bound: bool = False  # variables given values by the client (bind=): its own question, never a kept answer


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes  # the whole body, or its first part when `rest` follows
    media: str
    rest: Iterator[bytes] | None = None  # the rest of the body as the worker writes it (pool.Reading), or None

    @classmethod
    def error(cls, status: int, message: str) -> Answer:
        return cls(status, (message + "\n").encode("utf-8"), "text/plain")


class Overrun(Exception):
    """A limit crossed while the answer was being written: (status, message)."""


class Cancelled(Exception):
    """The server no longer wants the answer."""


def answer(store, job: Job, conn, answers=None) -> None:
    """Run JOB on STORE (pyoxigraph, read-only) with the project's prefixes predeclared; send its answer
    down CONN as it is written (see the messages above). A bundled query over the whole dataset is answered
    from the build's kept answer (in the folder ANSWERS), as bytes where it is kept in the format asked."""
    import pyoxigraph as ox

    kwargs = {"prefixes": PREFIXES}
    if job.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    if job.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    if len(kwargs) > 1 or job.bound:
        answers = None  # a dataset or values of the client's choosing: not what the build answered
    try:
        if (path := kept(answers, job.query, job.results)) is not None:
            # bytes as the build kept them: the row and byte limits bound what a query may cost, and this one
            # costs a file read (the time limit still holds while it is sent)
            out = Outlet(conn, named(job.results, RESULTS).media_type, float("inf"))
            send(path, out)
            return out.finish()
        result = solutions(answers, job.query)  # a kept answer in another format: its TSV read back
        limited = result is None  # a kept answer costs its conversion, however large: sent whole, as its TSV is
        if limited:
            result = store.query(job.query, **kwargs)
        if isinstance(result, ox.QueryTriples):
            fmt = named(job.graph, GRAPHS)
            out = Outlet(conn, fmt.media_type, job.max_bytes)
            write_graph(_at_most(result, job.max_rows), fmt.rdf, out)
        else:
            fmt = named(job.results, RESULTS)
            rows = RowCount.of(fmt.name, job.max_rows) if limited and isinstance(result, ox.QuerySolutions) else None
            out = Outlet(conn, fmt.media_type, job.max_bytes if limited else float("inf"), rows)
            result.serialize(out, format=fmt.results)
        out.finish()
    except Overrun as e:
        _fail(conn, 413, str(e))
    except Cancelled:
        _fail(conn, 499, "the client went away")
    except SyntaxError as e:
        _fail(conn, 400, syntax_error(str(e), job.query))
    except (OSError, ValueError, RuntimeError, TypeError) as e:  # raised while the query runs
        if isinstance(e, (BrokenPipeError, ConnectionError)):
            raise  # the server is gone: the worker's loop ends
        _fail(conn, 400, f"query failed: {e}")


def _fail(conn, status: int, message: str) -> None:
    conn.send_bytes(ERROR + b"%03d" % status + message.encode("utf-8"))


def _at_most(triples, max_rows: int):
    """The triples, one by one, and Overrun past MAX_ROWS of them."""
    for n, t in enumerate(triples, 1):
        if n > max_rows:
            raise Overrun(f"the result has more than {max_rows:,} triples (the server's limit)")
        yield t


class Outlet:
    """A binary file for pyoxigraph to write an answer into: counts bytes (and rows), sends full chunks."""

    def __init__(self, conn, media: str, max_bytes: int, rows: RowCount | None = None):
        self.conn, self.max_bytes, self.rows = conn, max_bytes, rows
        self.size = 0
        self.buffer = bytearray()
        conn.send_bytes(HEAD + media.encode("ascii"))

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.max_bytes:
            raise Overrun(f"the result is larger than {self.max_bytes:,} bytes (the server's limit)")
        if self.rows is not None:
            self.rows.feed(data)
        self.buffer += data
        if len(self.buffer) >= CHUNK:
            if self.conn.poll():  # only a CANCEL comes while a job runs; the worker's loop reads and drops it
                raise Cancelled()
            self.conn.send_bytes(DATA + self.buffer)
            self.buffer.clear()
        return len(data)

    def flush(self) -> None:
        """pyoxigraph flushes when it is done; the last chunk goes with `finish`."""

    def finish(self) -> None:
        self.conn.send_bytes(END + self.buffer)
        self.buffer.clear()


class RowCount:
    """The rows of a SPARQL results document, counted in its bytes as they pass, in pieces cut anywhere.

    Each subclass finds the one mark a row makes in its format, skipping what is inside quoted strings
    (where a value's text could look like the mark); bytes methods and regular expressions do the work,
    never a Python step per byte or per row."""

    def __init__(self, max_rows: int):
        self.max_rows, self.rows = max_rows, 0

    @staticmethod
    def of(name: str, max_rows: int) -> RowCount:
        return {"json": JsonRows, "xml": XmlRows, "csv": CsvRows, "tsv": TsvRows}[name](max_rows)

    def feed(self, data: bytes) -> None:
        self.rows += self.count(data)
        if self.rows > self.max_rows:
            raise Overrun(f"the result has more than {self.max_rows:,} rows (the server's limit)")

    def count(self, data: bytes) -> int:
        raise NotImplementedError


class TsvRows(RowCount):
    """A line a row, after the header line: values are written as in N-Triples, so a newline in a
    literal is escaped (`\\n`) and every raw newline ends a line."""

    def __init__(self, max_rows: int):
        super().__init__(max_rows)
        self.rows = -1  # the header

    def count(self, data: bytes) -> int:
        return data.count(b"\n")


class CsvRows(TsvRows):
    """A line a row, after the header; a value with a newline is quoted ("…", a quote inside doubled), so
    only the newlines outside quotes end a row. The quotes seen so far, odd or even, tell inside from out."""

    def __init__(self, max_rows: int):
        super().__init__(max_rows)
        self.quoted = False

    def count(self, data: bytes) -> int:
        parts = data.split(b'"')
        outside = parts[1::2] if self.quoted else parts[0::2]
        self.quoted ^= (len(parts) - 1) % 2 == 1
        return sum(p.count(b"\n") for p in outside)


class XmlRows(RowCount):
    """A `<result>` element a row: in XML text `<` is always escaped, so the tag is never in a value. The
    last bytes are kept, for a tag cut between two pieces."""

    TAG = b"<result>"

    def __init__(self, max_rows: int):
        super().__init__(max_rows)
        self.tail = b""

    def count(self, data: bytes) -> int:
        data = self.tail + bytes(data)
        self.tail = data[-(len(self.TAG) - 1):]  # too short to hold a whole tag: nothing is counted twice
        return data.count(self.TAG)


class JsonRows(RowCount):
    """An object in the "bindings" array a row: outside strings, `[{` and `,{` occur nowhere else in a
    SPARQL JSON results document (terms follow a `:`, "vars" holds strings, triple terms are objects). An
    empty row is `{}`. Escapes are dropped first (`\\"` and `\\\\` would confuse the quotes), then the
    quotes, odd or even, tell strings from the rest; whitespace outside strings is ignored. About 180 MB/s,
    some 5% of what writing the JSON costs."""

    ESCAPE = re.compile(rb"\\.", re.DOTALL)
    SPACE = b" \t\r\n"

    def __init__(self, max_rows: int):
        super().__init__(max_rows)
        self.quoted = False  # the last piece ended inside a string
        self.carry = b""  # a backslash that ended the last piece: it escapes the next byte
        self.last = b""  # the last byte outside strings, for a mark cut between two pieces

    def count(self, data: bytes) -> int:
        data = self.carry + bytes(data)
        self.carry = b""
        if b"\\" in data:  # most pieces have no escape at all
            data = self.ESCAPE.sub(b"", data)
            if data.endswith(b"\\"):
                data, self.carry = data[:-1], b"\\"
        parts = data.split(b'"')
        outside = parts[1::2] if self.quoted else parts[0::2]
        ends_outside = (len(parts) % 2 == 1) != self.quoted
        self.quoted = not ends_outside
        # a string between two outside parts is replaced by `"`, which is neither `[`, `,` nor `{`
        text = (self.last + b'"'.join(outside)).translate(None, self.SPACE)
        self.last = text[-1:] if ends_outside else b'"'
        return text.count(b"[{") + text.count(b",{")
