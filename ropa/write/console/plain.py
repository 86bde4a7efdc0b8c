"""User text on a terminal: always as text, never as markup or as terminal commands.

Cell values, notice lines and file names come from files someone else wrote. Handed to
rich as a plain ``str``, ``[/b]`` would crash the table, ``[see appendix 2]`` would vanish
as an unknown style and ``[link=…]`` would become a hyperlink; an ESC or OSC sequence would
reach the terminal and clear it, retitle it or write to its clipboard. :func:`safe` shows
every control character (C0 but tab and line feed, DEL and C1) as a visible ``\\xNN``
escape; :func:`plain` is the same as a rich ``Text``, which rich never reads as markup.
Every renderer of :mod:`ropa.write.console`, and the CLI's error line, show user text
through these two.
"""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group(0)):02x}"


def safe(text: object) -> str:
    """``text`` as a string with its control characters shown as ``\\xNN``."""
    value = str(text)
    return _CONTROL.sub(_escape, value) if _CONTROL.search(value) else value


def plain(text: object, style: str = "") -> Text:
    """``text`` as rich ``Text`` (never markup), control characters shown as ``\\xNN``."""
    return Text(safe(text), style=style)
