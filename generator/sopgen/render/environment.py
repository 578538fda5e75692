"""The Jinja2 environment of the page templates.

SOP text only ever reaches a template as data: autoescaping is on, undefined names fail loudly,
and the filters below escape text for where it lands. One environment per template folder is
kept, so templates are compiled once per build, not once per page.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .dates import tanggal
from .escaping import html_text, markdown_inline, script_json, shorten
from .templates import template_search_path

_BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)")


def html_block(html: str) -> Markup:
    """A raw HTML block Markdown keeps whole: blank lines (which would end it) are dropped."""
    return Markup(_BLANK_LINES.sub("", str(html).strip()))


@functools.lru_cache(maxsize=8)
def _environment(folders: tuple[Path, ...]) -> Environment:
    env = Environment(
        loader=FileSystemLoader([str(folder) for folder in folders]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["text"] = html_text
    env.filters["markdown_inline"] = markdown_inline
    env.filters["tanggal"] = tanggal
    env.filters["script_json"] = script_json
    env.filters["html_block"] = html_block
    env.filters["shorten"] = shorten
    return env


def template_environment(template_dir: Path | None = None) -> Environment:
    """The environment finding templates in ``template_dir`` first, then in the defaults."""
    return _environment(tuple(template_search_path(template_dir)))
