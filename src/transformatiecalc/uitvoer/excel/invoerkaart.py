"""Sheet 'Invoerkaart' (hidden, protected): what each value cell of Uitgangspunten holds.

``transformatiecalc uit-werkboek`` reads the inputs a recipient changed back into a
scenario (:mod:`...laden.werkboek`). So that it does not depend on where a cell stands
(another engineer may move a section), the workbook says it itself: one row per value cell
of Uitgangspunten — its address, the scenario path it shows, what kind of cell it is
(input, default, derived formula, locked value, locked formula) and the value written in
it — and, above the table, the scenario file it was made from (the path as given) and the
sha256 of that effective scenario. The sheet is hidden (an auditor can show it) and
protected without a password; it holds values only, no formulas.

Layout (:data:`FORMAAT` 1): row 1 the title, row 2 a note, then ``sleutel | waarde`` rows
(``formaat``, ``blad``, ``scenario``, ``sha256``, ``reden 1`` …) up to the header row
``cel | pad | stappen | soort | waarde | reden``, then one row per cell. ``stappen`` is the
path as a JSON list, only where a key may hold a dot (extra kosten); ``reden`` is the
number of a ``reden N`` row (why a value is locked).
"""

from __future__ import annotations

import json
from typing import Any

from .blad import Blad, cel
from .uitgangspunten import BLAD as UITGANGSPUNTEN
from .uitgangspunten import Kaartregel

KAART = "Invoerkaart"
FORMAAT = 1
KOPPEN = ("cel", "pad", "stappen", "soort", "waarde", "reden")


def schrijf_invoerkaart(
    wb: Any, formaten: dict[tuple[str, str], Any], kaart: list[Kaartregel], bron: str, sha256: str
) -> None:
    """Add the hidden sheet Invoerkaart for the cells of `kaart` (written last, row by row)."""
    blad = Blad(wb, KAART, formaten)
    ws = blad.ws
    ws.write_string(0, 0, "Invoerkaart", blad.formaten[("titel", "")])
    ws.write_string(
        1,
        0,
        f"Welk scenariopad elke waardecel van het blad {UITGANGSPUNTEN} toont, en de waarde bij "
        "de export. 'transformatiecalc uit-werkboek' leest hiermee de gewijzigde invoer terug "
        "als variant van het scenario (docs/excel.md). Niet wijzigen.",
    )
    redenen: dict[str, int] = {}
    for regel in kaart:
        if regel.reden is not None and regel.reden not in redenen:
            redenen[regel.reden] = len(redenen) + 1
    kop: list[tuple[str, Any]] = [
        ("formaat", FORMAAT),
        ("blad", UITGANGSPUNTEN),
        ("scenario", "" if bron == "<scenario>" else bron),
        ("sha256", sha256),
        *((f"reden {n}", tekst) for tekst, n in redenen.items()),
    ]
    rij = 3
    for sleutel, waarde in kop:
        ws.write_string(rij, 0, sleutel)
        _schrijf(ws, rij, 1, waarde)
        rij += 1
    rij += 1
    for k, tekst in enumerate(KOPPEN):
        ws.write_string(rij, k, tekst, blad.formaten[("kop", "")])
    for regel in kaart:
        rij += 1
        ws.write_string(rij, 0, cel(regel.rij, regel.kolom, absoluut=False))
        ws.write_string(rij, 1, regel.pad)
        if regel.weg is not None:
            ws.write_string(rij, 2, json.dumps(list(regel.weg), ensure_ascii=False))
        ws.write_string(rij, 3, regel.soort)
        _schrijf(ws, rij, 4, regel.waarde)
        if regel.reden is not None:
            ws.write_number(rij, 5, redenen[regel.reden])
    ws.set_column(0, 0, 10)
    ws.set_column(1, 1, 50)
    ws.set_column(4, 4, 16)
    ws.protect("", {"format_columns": True, "format_rows": True})
    ws.hide()


def _schrijf(ws: Any, rij: int, kolom: int, waarde: Any) -> None:
    """A value as the cell on Uitgangspunten holds it (None: empty)."""
    if waarde is None or waarde == "":
        return
    if isinstance(waarde, bool):
        ws.write_boolean(rij, kolom, waarde)
    elif isinstance(waarde, int | float):
        ws.write_number(rij, kolom, float(waarde))
    else:
        ws.write_string(rij, kolom, str(waarde))
