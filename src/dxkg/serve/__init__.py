"""`dxkg serve`: the graph over the SPARQL 1.1 Protocol, a query page, entity pages, a health check.

Safety, by construction rather than configuration:
- read-only: SPARQL Update is answered 403 (there is no write mode);
- no federation: a query is read by a real SPARQL parser (rdflib) and one with
  SERVICE anywhere in its algebra, or one the parser cannot read, is refused
  (400) before it runs; and the query workers run in a network namespace of
  their own (no network) where the OS allows it;
- every query runs in a worker process with a time limit, a memory cap
  (RLIMIT_AS) and result limits in rows and in bytes; a worker that overruns
  is killed and replaced, the client gets a clear 503/413, and the other
  workers go on answering;
- answers stream: pyoxigraph writes them in the worker and they reach the
  client chunk by chunk, nothing collected; an answer up to 1 MB is sent
  whole (Content-Length; a limit met by then is a 413/503), a larger one that
  crosses a limit later is cut off (the chunked body never ends: the client
  reports an incomplete answer), and a client that hangs up or stops reading
  does not keep its worker;
- workers are shared fairly by client address: one address may run at most
  its share (all workers but one, by default), a free worker goes to the
  address with the fewest running, and a query waiting past its deadline
  gets 503;
- uvicorn serves HTTP: a listen backlog of 4096, time-outs for request heads,
  bodies and idle connections, a body limit whatever Content-Length says or
  however the body is chunked, and SIGTERM/SIGINT remove the store copy;
- form bodies are percent-decoded exactly once ("100%41" stays "100%41" in a
  string literal, never "100A");
- the server binds to loopback unless told otherwise; cross-origin access is
  off unless one origin is named, and never with credentials;
- queries run in Oxigraph's own engine over an on-disk read-only store that
  every worker opens.

Modules: guard (what a query may do), pool (worker processes, limits), results (answers written as they come),
routes (path -> handler; handlers take a Request and return a Response), pages (HTML), app (App, Server).
"""
from __future__ import annotations

from .app import Server
from .pool import Limits

__all__ = ["Limits", "Server"]
