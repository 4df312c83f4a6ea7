"""One rule for every text a scenario or template holds: no invisible control characters.

The reader refuses a file with a raw control character (:func:`.yamlfouten.controletekens`),
but YAML writes the same characters as escapes in double quotes (``"\\x04"``, ``"\\e"``,
``"\\u0085"``), a spreadsheet cell can hold them, and code can pass them. They have no place
in a name: a workbook with one is malformed XML, a terminal obeys them. So every text value
and every key — whatever section or field, from whatever source — is checked once, in
:func:`..laden.valideer` and :func:`..laden.laad_model`, before the schema reads it, and
each one found is a located Dutch message. Only the free texts that are written as
paragraphs (:data:`MEERREGELIG`) may hold a newline or a tab.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..fouten import Melding
from .plekken import Plek
from .yamlfouten import CONTROLENAMEN, CONTROLETEKENS

#: Keys whose text may run over several lines (a newline and a tab are allowed there).
MEERREGELIG = frozenset({"beschrijving", "tekst", "disclaimer"})

#: The control characters of :data:`CONTROLETEKENS` plus tab, newline and carriage return:
#: none of them belongs in a name.
_OVERAL = re.compile("[" + "".join(map(chr, sorted(CONTROLETEKENS | {9, 10, 13}))) + "]")
_IN_ALINEA = re.compile("[" + "".join(map(chr, sorted(CONTROLETEKENS | {13}))) + "]")


def stuurtekens(data: Any, bestand: str) -> list[Melding]:
    """A located message for each key or text value of `data` (located or plain) that holds
    a control character."""
    standaard: Plek = (bestand, 1, 1)
    return list(_loop(data, "", getattr(data, "plek", standaard), None))


def _loop(x: Any, pad: str, plek: Plek, sleutel: Any) -> Iterator[Melding]:
    if isinstance(x, str):
        yield from _tekst(x, pad, plek, sleutel in MEERREGELIG, "tekst")
    elif isinstance(x, Mapping):
        sleutelplek = getattr(x, "sleutelplek", {})
        waardeplek = getattr(x, "waardeplek", {})
        for k, v in x.items():
            kind = f"{pad}.{k}" if pad else str(k)
            if isinstance(k, str):
                yield from _tekst(k, kind, sleutelplek.get(k, plek), False, "sleutel")
            yield from _loop(v, kind, waardeplek.get(k, plek), k)
    elif isinstance(x, list):
        plekken = getattr(x, "plekken", ())
        for i, v in enumerate(x):
            yield from _loop(v, f"{pad}[{i}]", plekken[i] if i < len(plekken) else plek, None)


def _tekst(tekst: str, pad: str, plek: Plek, meerregelig: bool, wat: str) -> Iterator[Melding]:
    gevonden = (_IN_ALINEA if meerregelig else _OVERAL).search(tekst)
    if gevonden is None:
        return
    i, code = gevonden.start(), ord(gevonden.group())
    naam = {0x09: "tab", 0x0A: "nieuwe regel", 0x0D: "CR"}.get(
        code, CONTROLENAMEN.get(code, "een controleteken")
    )
    waar = "" if len(tekst) == 1 else f" (teken {i + 1} van {len(tekst)})"
    regels = code in (0x09, 0x0A) and not meerregelig
    yield Melding(
        *plek,
        pad,
        f"de {wat} bevat een onzichtbaar controleteken (U+{code:04X}, {naam}){waar}; "
        f"haal het weg (ook geschreven als escape, \\x{code:02x}, hoort het niet in een naam "
        "of tekst)" + ("; alleen een beschrijving mag over meer regels lopen" if regels else ""),
        "tekst.controleteken",
    )
