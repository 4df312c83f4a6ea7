"""The Excel workbook: auditable formulas with cached values, house style and charts.

Sheets, in order: Voorblad, Samenvatting, Panden, Functies, Residuele waarde,
Kasstromen, Uitgangspunten, Grafieken (live), Grafieken, and the hidden Invoerkaart. See
docs/excel.md for the design, rekenbladen.py for the layout of the calculation sheets
and one module per sheet for its formulas.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import xlsxwriter

from ... import __version__
from ...resultaat import Resultaat
from ..huisstijl import Huisstijl, formaten
from .afdruk import Afdruk
from .blad import Blad, Namen, cel
from .functies import schrijf_functies
from .invoerkaart import schrijf_invoerkaart
from .kasstromen import schrijf_kasstromen
from .meebewegend import LIVE, Fondsrijen, schrijf_live
from .overzicht import schrijf_grafiekenblad, schrijf_samenvatting, schrijf_voorblad
from .panden import schrijf_panden
from .portefeuille import schrijf_fondsen, schrijf_verevening
from .rekenbladen import (
    FUNCTIES,
    KASSTROMEN,
    KOP,
    KS_T_RIJ,
    PANDEN,
    RESIDUEEL,
    Indeling,
)
from .residueel import schrijf_residueel
from .uitgangspunten import BLAD as UITGANGSPUNTEN
from .uitgangspunten import Invoercellen, schrijf_uitgangspunten

VEREVENING, FONDS = "Verevening", "Fonds"
#: Verevening and Fonds (only when the scenario has them) go just before Uitgangspunten.
BLADEN = (
    "Voorblad",
    "Samenvatting",
    PANDEN,
    FUNCTIES,
    RESIDUEEL,
    KASSTROMEN,
    UITGANGSPUNTEN,
    LIVE,
    "Grafieken",
)


def herkomstregel(resultaat: Resultaat) -> str:
    return (
        f"Scenario: {resultaat.scenario.naam} · sha256 {resultaat.sha256} · "
        f"transformatiecalc {__version__}"
    )


@dataclass(frozen=True)
class Werkboek:
    """The workbook's bytes, where each input stands on Uitgangspunten, and a message per
    text cut at Excel's 32 767 characters (each also a warning, AfgekaptWaarschuwing)."""

    inhoud: bytes
    cellen: Invoercellen
    afgekapt: tuple[str, ...] = ()


def werkboek_bytes(
    resultaat: Resultaat,
    stijl: Huisstijl,
    grafieken: dict[str, bytes],
    moment: datetime | None = None,
) -> bytes:
    """The whole workbook as bytes (written to memory, then atomically to disk by the caller)."""
    return bouw_werkboek(resultaat, stijl, grafieken, moment).inhoud


def nieuw_werkboek(
    buffer: io.BytesIO,
    stijl: Huisstijl,
    titel: str,
    herkomst: str,
    moment: datetime,
    per_rij: bool = True,
) -> Any:
    """An xlsxwriter workbook, written into `buffer`, with our safety options and properties.

    per_rij: xlsxwriter's constant_memory mode. Each row goes to a temporary file (in
    TMPDIR) as soon as a later row is written, so memory stays flat however many panden
    there are (in memory every cell costs ±500 bytes: 4,5 GB for 10 000 panden); the
    sheets must therefore be written row by row, in order (Werkblad refuses otherwise),
    and text is stored in the cells rather than in a shared table. False keeps every cell
    in memory until the end (the benchmark reads the cells back from there).
    """
    wb = xlsxwriter.Workbook(
        buffer,
        {
            "constant_memory": per_rij,
            "in_memory": not per_rij,  # xlsxwriter ignores constant_memory when in_memory
            "strings_to_formulas": False,  # scenario text never becomes a formula
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "nan_inf_to_errors": True,
        },
    )
    wb.set_properties(
        {
            "title": titel,
            "subject": "Business case binnenstedelijke transformatie",
            "author": stijl.voorblad.organisatie or "transformatiecalc",
            "comments": herkomst,
            "created": moment,
        }
    )
    wb.set_calc_mode("auto")
    return wb


#: A zip member of 4 GiB or more needs ZIP64, after which Excel offers to repair the file
#: (harmless, but alarming), so only then; a sheet's XML is its rows plus a short header.
_ZIP64_VANAF = 4 * 1024**3 - 64 * 1024**2


@contextmanager
def schrijvend(wb: Any) -> Iterator[Any]:
    """Write into `wb`, then close it: with ZIP64 only when a sheet's rows need it (some
    65 000 panden at a 50-year horizon), and the temporary row files removed also when
    writing fails."""
    try:
        yield wb
        if any(_rijbytes(ws) >= _ZIP64_VANAF for ws in wb.worksheets()):
            wb.use_zip64()
        wb.close()
    finally:
        for ws in wb.worksheets():
            bestand = getattr(ws, "row_data_filename", None)
            if bestand is not None:
                ws._opt_close()
                with contextlib.suppress(OSError):
                    os.unlink(bestand)


def _rijbytes(ws: Any) -> int:
    """Bytes of the rows a constant_memory sheet has written to its temporary file."""
    if getattr(ws, "row_data_filename", None) is None or ws.row_data_fh_closed:
        return 0
    ws.row_data_fh.flush()
    return os.path.getsize(ws.row_data_filename)


def bouw_werkboek(
    resultaat: Resultaat,
    stijl: Huisstijl,
    grafieken: dict[str, bytes],
    moment: datetime | None = None,
    per_rij: bool = True,
) -> Werkboek:
    """Build the workbook; its bytes are returned, rows pass through temporary files
    (per_rij, see nieuw_werkboek)."""
    buffer = io.BytesIO()
    moment = moment or datetime.now().replace(microsecond=0)
    wb = nieuw_werkboek(
        buffer,
        stijl,
        f"{stijl.voorblad.titel} — {resultaat.scenario.naam}",
        herkomstregel(resultaat),
        moment,
        per_rij,
    )
    with schrijvend(wb):
        fmt = formaten(wb, stijl)
        bladen = {
            naam: Blad(wb, naam, fmt, *AFDRUK.get(naam, (None, None)))
            for naam in _bladnamen(resultaat)
        }
        namen = Namen(wb)
        herkomst = herkomstregel(resultaat)
        ind = Indeling.van(resultaat)

        cellen = schrijf_uitgangspunten(bladen[UITGANGSPUNTEN], namen, resultaat.scenario, herkomst)
        schrijf_functies(bladen[FUNCTIES], resultaat, cellen, ind, herkomst)
        schrijf_residueel(bladen[RESIDUEEL], resultaat, cellen, ind, herkomst)
        schrijf_kasstromen(bladen[KASSTROMEN], resultaat, cellen, ind, herkomst)
        schrijf_panden(bladen[PANDEN], resultaat, cellen, ind, herkomst)
        if VEREVENING in bladen:
            schrijf_verevening(bladen[VEREVENING], resultaat, herkomst, grafieken)
        kasboeken: dict[str, Fondsrijen] = {}
        if FONDS in bladen:
            kasboeken = schrijf_fondsen(bladen[FONDS], resultaat, herkomst, grafieken)
        schrijf_live(wb, bladen[LIVE], resultaat, ind, stijl, kasboeken, herkomst)
        schrijf_samenvatting(bladen["Samenvatting"], resultaat, grafieken, herkomst)
        schrijf_voorblad(bladen["Voorblad"], resultaat, stijl, moment)
        schrijf_grafiekenblad(bladen["Grafieken"], resultaat, grafieken, herkomst)
        _afwerken(bladen, Afdruk(resultaat.scenario.naam, moment.strftime("%d-%m-%Y"), herkomst))
        bladen["Voorblad"].ws.activate()
        schrijf_invoerkaart(wb, fmt, cellen.kaart, resultaat.bron, resultaat.sha256)
    afgekapt = tuple(m for blad in bladen.values() for m in blad.afgekapt)
    return Werkboek(buffer.getvalue(), cellen, afgekapt)


def _bladnamen(resultaat: Resultaat) -> list[str]:
    """The sheets in their order: BLADEN, with Verevening and Fonds just before
    Uitgangspunten when the scenario has them."""
    namen = list(BLADEN)
    extra = [
        naam
        for naam, nodig in (
            (VEREVENING, resultaat.verevening is not None or not resultaat.projecten.empty),
            (FONDS, bool(resultaat.fondsen)),
        )
        if nodig
    ]
    plek = namen.index(UITGANGSPUNTEN)
    namen[plek:plek] = extra
    return namen


def _afwerken(bladen: dict[str, Blad], afdruk: Afdruk) -> None:
    """Every sheet once written: its column widths, its protection and its print setup."""
    for naam, blad in bladen.items():
        blad.zet_breedtes()
        if naam == "Voorblad":
            blad.kolombreedte(0, 3)
            blad.kolombreedte(1, 100)
        beveilig(blad)
        blad.afdrukken(afdruk)


#: Per sheet, the rows and columns (first, last) repeated on every printed page: the Dutch
#: labels and the field names above a table, and its pand column (with the regel and functie
#: on Functies, the post on Kasstromen; the labels on Uitgangspunten, whose sections each
#: have their own header). Not the pand's name: at 40 characters it would fill a third of
#: every page. A sheet with repeated columns has its title right of them (Blad.titelkolom).
AFDRUK: dict[str, tuple[tuple[int, int] | None, tuple[int, int] | None]] = {
    PANDEN: ((KOP - 1, KOP), (0, 0)),
    FUNCTIES: ((KOP - 1, KOP), (0, 2)),
    RESIDUEEL: ((KOP - 1, KOP), (0, 0)),
    KASSTROMEN: ((KS_T_RIJ, KOP), (0, 1)),
    UITGANGSPUNTEN: (None, (0, 0)),
    FONDS: (None, (0, 0)),
}


def beveilig(blad: Blad) -> None:
    """Protect the sheet without a password (an auditor lifts it with one click): only the
    input cells on Uitgangspunten are unlocked; columns and rows may still be resized, and
    the tables filtered and sorted."""
    blad.ws.protect(
        "", {"format_columns": True, "format_rows": True, "autofilter": True, "sort": True}
    )


__all__ = ["BLADEN", "Werkboek", "bouw_werkboek", "cel", "werkboek_bytes"]
