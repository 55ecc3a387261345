"""Web archives as inputs: the HTML pages a WARC (or WARC.gz) file holds, read where they lie, never unpacked.

A crawl of a site or a web archive is one large file of records. Each HTML page it holds (a `response` record
with status 200, or a `resource` record, of type text/html) is one input of the build, named after the archive
and the record's offset (`crawl.warc.gz@000000012345.html`), so that a build keys it, reports it and finds it
again like a file; reading it seeks to the record and reads that record alone (warcio, streaming).
"""
from __future__ import annotations

import re
from pathlib import Path

# a member of an archive, as the build names it: the archive's name, "@", the record's offset
MEMBER = re.compile(r"^(?P<archive>.+\.warc(?:\.gz)?)@(?P<offset>\d{12})\.html$", re.I)


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith((".warc", ".warc.gz"))


def members(archive: Path) -> list[Path]:
    """The HTML pages of ARCHIVE, as inputs (streamed: the archive is read once, record by record)."""
    from warcio.archiveiterator import ArchiveIterator

    found = []
    with archive.open("rb") as f:
        records = ArchiveIterator(f)
        for record in records:
            if _is_page(record):
                found.append(archive.with_name(f"{archive.name}@{records.get_record_offset():012d}.html"))
    return found


def _is_page(record) -> bool:
    if record.rec_type == "response":
        headers = record.http_headers
        return (headers is not None and headers.get_statuscode() == "200"
                and "html" in (headers.get_header("Content-Type") or "").lower())
    return record.rec_type == "resource" and "html" in (record.rec_headers.get_header("Content-Type") or "").lower()


def is_member(path: Path) -> bool:
    """Whether PATH names a page of an archive (and no file of that name)."""
    return bool(MEMBER.match(path.name)) and not path.exists()


def member_bytes(path: Path, limit: int) -> tuple[bytes, str | None]:
    """The page of an archive member PATH and the address it was fetched from; at most LIMIT + 1 bytes are
    read, so that the caller can refuse a page too large."""
    from warcio.archiveiterator import ArchiveIterator

    found = MEMBER.match(path.name)
    archive = path.with_name(found["archive"])
    with archive.open("rb") as f:
        f.seek(int(found["offset"]))
        record = next(iter(ArchiveIterator(f)), None)
        if record is None or not _is_page(record):
            raise ValueError("no HTML page at this offset of the archive")
        return record.content_stream().read(limit + 1), record.rec_headers.get_header("WARC-Target-URI")
