"""User text made safe for the terminal: no control characters, no rich markup.

Names in a scenario (scenario, pand, functie, partij, fonds, tranche, variant …), keys
echoed in error messages and file paths reach the terminal through rich, which reads
``[...]`` as markup, and then the terminal, which obeys escape sequences. Every such
string goes through :func:`veilig` before it is printed, in tables, titles, captions,
warnings and messages alike.
"""

from __future__ import annotations

import re

#: Characters that never reach the terminal as they are: C0 controls (a newline too: a name,
#: key or file name with one would start a line that looks like the program's own, such as
#: a forged "fout …" or "geldig"), DEL, C1 controls, the line and paragraph separators, the
#: zero-width characters and the bidirectional marks, overrides and isolates that hide
#: text or reorder what a line seems to say, and lone surrogates (from a YAML "\ud800" or
#: an undecodable file name), which cannot be encoded as UTF-8 and would make printing fail.
_ONZICHTBAAR = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)


def _zichtbaar(teken: re.Match[str]) -> str:
    code = ord(teken.group())
    if code == 0x09:  # a tab is white space; rich measures a table cell before expanding it
        return " "
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


#: A "[" with the backslashes before it and, when rich would read one there, the whole tag
#: (rich.markup.RE_TAGS: a "[", then a letter, #, / or @, up to the first "]").
_HAAK = re.compile(r"(\\*)(\[(?:[a-z#/@][^[]*?\])?)")


def _haak(m: re.Match[str]) -> str:
    schuin, haak = m.groups()
    if len(haak) > 1:  # a tag: an odd number of backslashes makes it text
        return f"{schuin}{schuin}\\{haak}"
    # rich drops one backslash before any other "[" ("\\[x" prints "[x"): give it one to drop
    return f"{schuin}\\{haak}" if schuin else haak


def _ontsnap(tekst: str) -> str:
    """Markup that rich prints as `tekst`.

    rich.markup.escape misses the backslash before a "[" that does not open a tag, and
    doubles only one trailing backslash. Trailing backslashes are doubled so that a tag
    of the program's own right after them is still read as a tag (followed by plain text
    they then show doubled).
    """
    tekst = _HAAK.sub(_haak, tekst)
    eind = len(tekst) - len(tekst.rstrip("\\"))
    return tekst + "\\" * eind


def veilig(tekst: object) -> str:
    """``str(tekst)`` for rich: control characters made visible, markup escaped.

    Each character of ``_ONZICHTBAAR`` is written as its Python escape: ``'\\x1b[2J'``
    (ESC, which would clear the screen) prints as the seven characters ``\\x1b[2J``, BEL
    as ``\\x07``, a C1 CSI as ``\\x9b``, a right-to-left override as ``\\u202e``, a lone
    surrogate as ``\\udc80``, a newline as ``\\x0a``; a tab becomes a space. So what is
    printed of one user string is one line. Then rich markup
    is escaped: ``'Plan [/b] 2026'`` prints as itself instead of raising rich's
    MarkupError, and ``'[blink red]x[/]'`` as those characters instead of blinking. The
    result is safe in an f-string that carries the program's own markup and in a Table's
    title, caption, column header or cell.
    """
    return _ontsnap(_ONZICHTBAAR.sub(_zichtbaar, str(tekst)))
