"""Sorted lines, as every stage keeps N-Triples: what two versions differ by."""
from __future__ import annotations


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
