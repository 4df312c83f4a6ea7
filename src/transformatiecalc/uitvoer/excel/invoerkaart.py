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
(``formaat``, ``blad``, ``scenario``, ``sha256``) up to the row ``kaart``, below which column A
holds one JSON document cut into pieces of at most :data:`DEEL` characters (Excel's cell holds
32 767): ``{"redenen": [...], "cellen": [[cel, pad, soort, waarde, reden, stappen], ...]}`` —
``cel`` as Excel names it (B18), ``reden`` the index of why a value is locked (or null),
``stappen`` the path as a list only where a key may hold a dot (extra kosten). One JSON
document rather than a table of cells: 1 000 panden have some 40 000 value cells, and
writing them as 200 000 cells cost seconds of the export; the JSON costs milliseconds.
"""

from __future__ import annotations

import json
from typing import Any

from .blad import Blad, cel
from .uitgangspunten import BLAD as UITGANGSPUNTEN
from .uitgangspunten import Kaartregel

KAART = "Invoerkaart"
FORMAAT = 1
#: Characters of the JSON per cell (Excel's limit is 32 767).
DEEL = 30_000


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
            redenen[regel.reden] = len(redenen)
    kop: list[tuple[str, Any]] = [
        ("formaat", FORMAAT),
        ("blad", UITGANGSPUNTEN),
        ("scenario", "" if bron == "<scenario>" else bron),
        ("sha256", sha256),
    ]
    rij = 3
    for sleutel, waarde in kop:
        ws.write_string(rij, 0, sleutel)
        _schrijf(ws, rij, 1, waarde)
        rij += 1
    ws.write_string(rij, 0, "kaart", blad.formaten[("kop", "")])
    document = json.dumps(
        {
            "redenen": list(redenen),
            "cellen": [
                [
                    cel(r.rij, r.kolom, absoluut=False),
                    r.pad,
                    r.soort,
                    r.waarde,
                    None if r.reden is None else redenen[r.reden],
                    None if r.weg is None else list(r.weg),
                ]
                for r in kaart
            ],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    for begin in range(0, len(document), DEEL):
        rij += 1
        ws.write_string(rij, 0, document[begin : begin + DEEL])
    ws.set_column(0, 0, 12)
    ws.set_column(1, 1, 70)
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
