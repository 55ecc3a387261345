"""Stage 1, read: files and folders -> raw article text (and page metadata for HTML).

A file that cannot be an article (empty, binary, undecodable, unreadable, huge)
raises `ReadError` with a one-line reason; the build reports it and goes on.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from . import warc

SUFFIXES = {".txt", ".html", ".htm"}
MAX_BYTES = 5_000_000  # the longest news article is well under 1 MB of text


class ReadError(Exception):
    """A file that is not a readable article; str() is the one-line reason."""


@dataclass
class RawArticle:
    path: Path
    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None


def find_inputs(inputs: list[Path]) -> list[Path]:
    """Article files named or found in folders, sorted so every run sees the same order; a web archive
    (.warc, .warc.gz) stands for the HTML pages it holds (`warc.members`)."""
    found: list[Path] = []
    for p in inputs:
        if p.is_dir():
            found += [p.joinpath(*parts) for parts in sorted(_files_under(p))]
        else:
            found.append(p)
    found = [m for f in found for m in _pages_of(f)]
    seen: set[str] = set()
    real = _Real()
    return [f for f in found if not ((r := real(f)) in seen or seen.add(r))]


def _files_under(folder: Path, within: tuple[str, ...] = ()):
    """The parts of the paths of the article files under FOLDER (hidden files and folders left out, and
    folders reached through a link), as `Path.rglob` finds them and in its order once sorted: one directory
    listing a folder, where `rglob` and `is_file` asked for each file (0.24 s of 10,000)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                yield from _files_under(Path(entry.path), (*within, entry.name))
            elif entry.is_file() and (os.path.splitext(entry.name)[1].lower() in SUFFIXES
                                      or warc.is_archive(Path(entry.name))):
                yield (*within, entry.name)


class _Real:
    """A path as `Path.resolve` gives it (as text), each folder resolved once (resolving every file of 10,000
    took 1 s)."""

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}

    def __call__(self, path: Path) -> str:
        text = str(path)
        if os.path.islink(text):
            return os.path.realpath(text)
        folder, name = os.path.split(text)
        if folder not in self.folders:
            self.folders[folder] = os.path.realpath(folder)
        return os.path.join(self.folders[folder], name)


def _pages_of(path: Path) -> list[Path]:
    """PATH, or the pages of the web archive PATH is (itself when it cannot be read: reading it says why)."""
    if not (warc.is_archive(path) and path.is_file()):
        return [path]
    try:
        return warc.members(path) or [path]
    except Exception:  # noqa: BLE001 - any damage to an archive: read as a file, it is refused in one line
        return [path]


def decode(data: bytes) -> str:
    if not data.strip():
        raise ReadError("empty file")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    elif _looks_utf16(data):
        return _strict(data, "utf-16-le" if data[1] == 0 else "utf-16-be")
    if b"\x00" in data:
        raise ReadError("binary file (contains NUL bytes)")
    return _strict(data, "utf-8")


def _looks_utf16(data: bytes) -> bool:
    # ASCII-heavy UTF-16 without BOM has a NUL in every other byte
    sample = data[:2000]
    return len(sample) >= 4 and (sample[1::2].count(0) > 0.3 * len(sample) / 2
                                 or sample[0::2].count(0) > 0.3 * len(sample) / 2)


def _strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        raise ReadError(f"not {encoding.upper()} text (undecodable byte at offset {e.start})") from None
    if sum(1 for c in text[:5000] if ord(c) < 32 and c not in "\r\n\t\f") > 5:
        raise ReadError("binary file (control characters in text)")
    return text


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing a huge or unreadable file without reading it whole, and anything but a regular
    file: a FIFO would block for ever and a device (/dev/zero) never ends. Opened without blocking and checked
    on the open file, so nothing can swap the file between the check and the read. A page of a web archive is
    read from the archive."""
    if warc.is_member(path):
        return _member(path)[0]
    if warc.is_archive(path):
        raise ReadError("not a readable web archive (no HTML page could be found in it)")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise ReadError(f"cannot read file ({e.strerror or e})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("not a regular file")
        if info.st_size > MAX_BYTES:
            raise ReadError(f"file too large ({info.st_size:,} bytes; limit {MAX_BYTES:,})")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:  # it grew since fstat
            raise ReadError(f"file too large (over {MAX_BYTES:,} bytes)")
        return data
    except OSError as e:
        raise ReadError(f"cannot read file ({e.strerror or e})") from None
    finally:
        os.close(fd)


def shown(name: str | Path) -> str:
    """A file name as text: a name whose bytes are not UTF-8 (the OS hands them over as lone surrogates) gets
    U+FFFD for each bad byte, so it can be written to UTF-8 files, graphs and terminals."""
    return os.fsencode(str(name)).decode("utf-8", "replace")


def _canonical(url: str | None) -> str | None:
    """A page's canonical URL as an IRI: characters an IRI may not hold (a space, quotes, angle brackets…)
    percent-encoded; None if it is not an absolute IRI even then (the article is kept, without its URL)."""
    if not url:
        return None
    from urllib.parse import quote

    from pyoxigraph import NamedNode

    iri = re.sub(r'[\x00-\x20<>"{}|\\^`\x7f]', lambda m: quote(m.group(), safe=""), url.strip())
    try:
        NamedNode(iri)
    except ValueError:
        return None
    return iri if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", iri) else None


def _member(path: Path) -> tuple[bytes, str | None]:
    """A web archive's page and the address it was fetched from."""
    try:
        data, url = warc.member_bytes(path, MAX_BYTES)
    except Exception as e:  # noqa: BLE001 - a damaged archive: one line, and the batch goes on
        raise ReadError(f"cannot read this page of the web archive ({type(e).__name__}: {e})") from None
    if len(data) > MAX_BYTES:
        raise ReadError(f"page too large (over {MAX_BYTES:,} bytes)")
    return data, url


def read(path: Path) -> RawArticle:
    data, fetched = _member(path) if warc.is_member(path) else (read_bytes(path), None)
    text = decode(data)
    if path.suffix.lower() in (".html", ".htm"):
        raw = _from_html(path, text)
        raw.url = raw.url or _canonical(fetched)  # the address the archive fetched it from, if the page names none
        return raw
    return RawArticle(path, text)


def _from_html(path: Path, html: str) -> RawArticle:
    import trafilatura  # imported here: only HTML input needs it, and it is slow to import

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=True, deduplicate=True)
    if doc is None or not (doc.text or "").strip():
        raise ReadError("HTML page with no article text")
    return RawArticle(path, doc.text, title=doc.title, date=doc.date, author=doc.author,
                      sitename=doc.sitename, url=_canonical(doc.url))
