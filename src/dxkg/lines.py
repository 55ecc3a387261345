"""Sorted lines, as every stage keeps N-Triples: what two versions differ by; binary search and patching over
their bytes."""
from __future__ import annotations

from collections.abc import Callable


def sorted_difference(old: list[bytes], new: list[bytes]) -> tuple[list[bytes], list[bytes]]:
    """The lines only in OLD and those only in NEW, two lists of distinct lines in byte order. Runs the two
    share are passed over by comparing slices that double while they match, so a few hundred changes among
    600,000 lines (an article added to the corpus graph of 10,000) take a few thousand steps, not a step a
    line."""
    gone: list[bytes] = []
    came: list[bytes] = []
    i = j = 0
    step = 1
    while i < len(old) and j < len(new):
        if old[i:i + step] == new[j:j + step]:
            i, j, step = i + step, j + step, step * 2
        elif step > 1:
            step //= 2
        elif old[i] < new[j]:
            gone.append(old[i])
            i += 1
        elif new[j] < old[i]:
            came.append(new[j])
            j += 1
    gone += old[i:]
    came += new[j:]
    return gone, came


def partition_point(data: bytes, start: int, before: Callable[[bytes], bool]) -> int:
    """The offset in DATA (lines, each ended) of its first line from START (a line's start) on of which BEFORE
    is false (the length of DATA if there is none), where BEFORE is true of the lines up to some point and
    false of the rest: a binary search over the bytes, no line split."""
    lo, hi = start, len(data)
    while lo < hi:  # lines starting before lo are BEFORE, those starting at hi or after are not
        begin = max(data.rfind(b"\n", lo, (lo + hi) // 2) + 1, lo)
        end = data.index(b"\n", begin)
        if before(data[begin:end]):
            lo = end + 1
        else:
            hi = begin
    return lo


def first_not_below(data: bytes, line: bytes, start: int = 0) -> int:
    """The offset in DATA (distinct lines in byte order, each ended) of its first line from START on that is not
    below LINE (the length of DATA if there is none)."""
    return partition_point(data, start, line.__gt__)


def starting_with(data: bytes, head: bytes) -> list[bytes]:
    """The lines of DATA (as for `first_not_below`) that start with HEAD (unended)."""
    out, at = [], first_not_below(data, head)
    while at < len(data) and data.startswith(head, at):
        end = data.index(b"\n", at)
        out.append(data[at:end])
        at = end + 1
    return out


def holds(data: bytes, line: bytes) -> bool:
    """Whether DATA (as for `first_not_below`) has LINE."""
    return data.startswith(line + b"\n", first_not_below(data, line))


def patched(data: bytes, gone: list[bytes], came: list[bytes]) -> bytes:
    """DATA (as for `first_not_below`) without the lines GONE and with the lines CAME (unended, neither in
    order): copied as slices between the places the changes go, found by binary search."""
    out, at = [], 0
    for line, add in sorted([(line, True) for line in came] + [(line, False) for line in gone]):
        place = first_not_below(data, line, at)
        out.append(data[at:place])
        if add:
            out.append(line + b"\n")
            at = place
        else:
            if not data.startswith(line + b"\n", place):
                raise ValueError(f"no line {line[:80]!r} to take out")
            at = place + len(line) + 1
    out.append(data[at:])
    return b"".join(out)
