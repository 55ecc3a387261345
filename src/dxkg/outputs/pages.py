"""The pages written beside the view (the map, the province pages) are rendered from the templates here,
escaped by default; kept apart from the view so that drawing them needs neither networkx nor numpy."""
from __future__ import annotations

import json
from functools import cache
from importlib.resources import files


def script_json(value) -> str:
    """JSON that cannot close its <script> element or open another: <, >, & and line separators escaped."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def environment():
    """The templates, escaped by default, with `script_json` for the data a page's script reads."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(files("dxkg").joinpath("templates"))),
                      autoescape=select_autoescape(["html"]))
    env.filters["script_json"] = script_json
    return env


@cache
def pages():
    """The templates of the pages the build writes beside the view (the map, the province pages)."""
    return environment()
