"""User text made safe for the terminal: no control characters, no rich markup.

Names in a scenario (scenario, pand, functie, partij, fonds, tranche, variant …), keys
echoed in error messages and file paths reach the terminal through rich, which reads
``[...]`` as markup, and then the terminal, which obeys escape sequences. Every such
string goes through :func:`veilig` before it is printed, in tables, titles, captions,
warnings and messages alike.
"""

from __future__ import annotations

import re

from rich.markup import escape

#: Characters that never reach the terminal as they are: C0 controls except tab and
#: newline (tab is expanded to spaces by rich; a newline is a new line), DEL, C1 controls,
#: the bidirectional overrides and isolates that reorder what a line seems to say, and
#: lone surrogates (from a YAML "\ud800" or an undecodable file name), which cannot be
#: encoded as UTF-8 and would make printing fail.
_ONZICHTBAAR = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _zichtbaar(teken: re.Match[str]) -> str:
    code = ord(teken.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def veilig(tekst: object) -> str:
    """``str(tekst)`` for rich: control characters made visible, markup escaped.

    Each character of ``_ONZICHTBAAR`` is written as its Python escape: ``'\\x1b[2J'``
    (ESC, which would clear the screen) prints as the seven characters ``\\x1b[2J``, BEL
    as ``\\x07``, a C1 CSI as ``\\x9b``, a right-to-left override as ``\\u202e``, a lone
    surrogate as ``\\udc80``; newline and tab are kept. Then rich markup is escaped:
    ``'Plan [/b] 2026'`` prints as itself instead of raising rich's MarkupError, and
    ``'[blink red]x[/]'`` as those characters instead of blinking. The result is safe in an
    f-string that carries the program's own markup and in a Table's title, caption,
    column header or cell.
    """
    return escape(_ONZICHTBAAR.sub(_zichtbaar, str(tekst)))
