"""What two versions of sorted lines differ by, as the store, the Turtle and revalidation patch with it."""
import random

from dxkg.lines import holds, patched, sorted_difference, starting_with


def test_the_difference_of_sorted_lines_is_that_of_their_sets():
    rng = random.Random(7)
    for _ in range(300):
        pool = [b"<s%03d> <p> <o> ." % i for i in range(rng.randint(0, 400))]
        old = sorted(set(rng.sample(pool, rng.randint(0, len(pool)))))
        new = sorted(set(old[:]) - set(rng.sample(old, min(len(old), rng.randint(0, 5))))
                     | set(rng.sample(pool, min(len(pool), rng.randint(0, 5)))))
        gone, came = sorted_difference(old, new)
        assert gone == sorted(set(old) - set(new)) and came == sorted(set(new) - set(old))


def test_lines_patched_in_by_binary_search_are_those_of_the_set():
    rng = random.Random(11)
    for _ in range(300):
        pool = [b"<s%03d> <p> \"%s\" ." % (i, b"x" * rng.randint(0, 3)) for i in range(rng.randint(0, 300))]
        old = sorted(set(rng.sample(pool, rng.randint(0, len(pool)))))
        gone = rng.sample(old, min(len(old), rng.randint(0, 6)))
        came = list(set(rng.sample(pool, min(len(pool), rng.randint(0, 6)))) - set(old))
        data = b"".join(line + b"\n" for line in old)
        assert patched(data, gone, came) == b"".join(line + b"\n" for line in sorted(set(old) - set(gone) | set(came)))
        assert all(holds(data, line) == (line in old) for line in pool + [b"", b"<s"])
        for head in (b"<s0", b"<s1", b"<s01", b"<s", b"<t", b""):
            assert starting_with(data, head) == [line for line in old if line.startswith(head)]


def test_the_difference_kept_beside_a_file_is_read_only_for_the_file_it_was_taken_from(tmp_path):
    from dxkg.outputs.files import differing_lines, keep_difference

    a, b, c = (tmp_path / f"{name}.nt" for name in "abc")
    a.write_bytes(b"<s1> <p> <o> .\n<s2> <p> <o> .\n")
    b.write_bytes(b"<s2> <p> <o> .\n<s3> <p> <o> .\n")
    c.write_bytes(b"<s3> <p> <o> .\n")
    assert differing_lines(a, b) == ([b"<s1> <p> <o> .\n"], [b"<s3> <p> <o> .\n"])
    keep_difference(a, b, [b"<said> <p> <o> ."], [])  # what was said is what is read
    assert differing_lines(a, b) == ([b"<said> <p> <o> .\n"], [])
    assert differing_lines(c, b) == ([], [b"<s2> <p> <o> .\n"])  # said of another file: compared afresh
