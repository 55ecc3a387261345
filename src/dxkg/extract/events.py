"""(filled in below)"""
from __future__ import annotations


def find(ex, places) -> None:
    return None
