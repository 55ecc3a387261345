"""Vietnamese text normalisation shared by every stage.

One canonical spelling: NFC, one tone-mark placement (the one official
documents use: "Tỉnh ủy", "hòa", "khóa"), plain spaces and two dash forms.
`fold` gives the comparison key used for identity (case- and
abbreviation-insensitive); `slug` gives the ASCII form used in IRIs.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Tone marks that news sometimes writes on the second vowel of "oa", "oe", "uy"
# at the end of a syllable ("uỷ", "hoà"); the canonical form carries it on the
# first vowel ("ủy", "hòa"). "qu" is a consonant, so "quý" is left alone.
_TONE_MARKS = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
_OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0309\u0303\u0323])(?![\w\u0300-\u036f])")

# character classes for regexes: "À-Ỹ" as a range would also take lower-case letters
_LATIN = [chr(c) for c in range(0xC0, 0x1EFA) if chr(c).isalpha()]
UPPER = "A-Z" + "".join(c for c in _LATIN if c.isupper())
LOWER = "a-z" + "".join(c for c in _LATIN if c.islower())

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2212": "-",
                          "\u2012": "–", "\u2014": "–", "\u2015": "–"})


def fix_tone_placement(text: str) -> str:
    nfd = unicodedata.normalize("NFD", text)
    # in NFD the tone mark follows the base vowel (and any hat/horn mark): move it back one letter
    fixed = _OLD_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), nfd)
    return unicodedata.normalize("NFC", fixed)


def normalize(text: str) -> str:
    """Canonical form of article text: NFC, one tone placement, plain spaces, dashes."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text).translate(_HYPHENS)
    return fix_tone_placement(text)


_NOT_WORD = re.compile(r"[^\w&/]+")


@lru_cache(maxsize=1 << 16)  # the same names and cue words are folded again and again
def fold(text: str) -> str:
    """Comparison key: canonical spelling, lower case, punctuation as spaces."""
    t = _NOT_WORD.sub(" ", normalize(text).lower())
    return " ".join(t.split())


def strip_diacritics(text: str) -> str:
    t = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in t if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def slug(text: str, limit: int = 60) -> str:
    t = strip_diacritics(fold(text))
    s = "-".join("".join(c if c.isascii() and c.isalnum() else " " for c in t).split())
    return s[:limit].rstrip("-")


def title_case(name: str) -> str:
    """'PHƯƠNG LINH' -> 'Phương Linh' (bylines are often printed in capitals)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())
