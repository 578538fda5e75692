"""Escaping SOP text for each place it lands: HTML, Markdown, DOT strings, JSON in pages.

Text from SOP files is data. Every function here turns arbitrary text into something the target
language shows literally, so ``<script>``, ``**bold**``, ``{{ 7*7 }}`` or ``\\N`` in a file never
become markup, template code or a Graphviz escape.
"""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup, escape

# Python-Markdown's own backslash-escapable characters; escaping any other character would leave
# a visible backslash.
_MARKDOWN_ESCAPED = frozenset("\\`*_{}[]()>#+-.!")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SPECIAL = re.compile("[&<>'\"]").search  # what markupsafe.escape replaces


def html_text(text: str) -> Markup:
    """HTML for text that may span lines: escaped, with line breaks as ``<br>``.

    Raw HTML blocks in Markdown end at a blank line, so the result never contains a newline.
    """
    return Markup("<br>").join(escape(line) for line in _LINE_BREAK.split(text))


def html_format(template: str, *values: object) -> Markup:
    """``Markup(template).format(*values)`` with the same output, several times faster: the C
    ``str.format``, and only values that need it escaped (numbers and plain text without
    ``&<>'"`` are their own escape). Markup's formatter is pure Python, and the charts format
    thousands of fragments per page. Templates take no format specs."""
    return Markup(template.format(*[
        value if isinstance(value, int | float) or (type(value) is str and not _SPECIAL(value))
        else escape(value) if isinstance(value, str)  # Markup stays as it is
        else Markup("{}").format(value)  # anything else exactly as Markup treats it
        for value in values
    ]))


def markdown_inline(text: str) -> Markup:
    """Text for a Markdown line (a heading): shown literally, never as emphasis, link or HTML."""
    flat = " ".join(_LINE_BREAK.split(text)).strip()
    escaped = "".join("\\" + char if char in _MARKDOWN_ESCAPED else char for char in flat)
    return Markup(escaped.replace("&", "&amp;").replace("<", "&lt;"))


def dot_string(text: str) -> str:
    """A double-quoted DOT string showing ``text`` literally in Graphviz output.

    Backslashes are doubled so ``\\N``, ``\\G``, ``\\L``, ``\\n`` stay text; ``&`` becomes
    ``&amp;`` because Graphviz passes entity-looking text such as ``&amp;`` through to SVG as an
    entity; line breaks become Graphviz's centred line break.
    """
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    body = "\\n".join(_LINE_BREAK.split(body))
    return f'"{body}"'


def dot_tooltip(text: str) -> str:
    """A DOT string for a ``tooltip``: one line, no backslash at all.

    Graphviz expands ``\\N`` and friends in tooltips once more than in labels (and versions
    differ), so no escaping is reliable there; a backslash is shown as the look-alike U+29F5.
    """
    return dot_string(" ".join(text.split()).replace("\\", "\u29f5"))


def script_json(value: Any) -> Markup:
    """JSON for the inside of ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes so no ``</script>`` or comment can close
    the element; U+2028/U+2029 likewise, for readers that treat the text as JavaScript.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def safe_url(url: str | None) -> str | None:
    """The URL when it is relative or uses a harmless scheme; ``None`` for ``javascript:`` etc."""
    if url is None:
        return None
    match = _SCHEME.match(url)
    if match is not None and match.group(1).lower() not in _SAFE_SCHEMES:
        return None
    return url


def shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, cut with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
