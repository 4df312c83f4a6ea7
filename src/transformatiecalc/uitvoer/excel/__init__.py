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
from ..labels import PROGRAMMA_KPI, PROGRAMMA_KPI_KORT
from .afdruk import Afdruk
from .blad import Blad, Namen, bereik, cel
from .functies import schrijf_functies
from .invoerkaart import schrijf_invoerkaart
from .kasstromen import schrijf_kasstromen
from .meebewegend import LIVE, STATISCH, Fondsrijen, schrijf_live
from .panden import schrijf_panden
from .portefeuille import kengetallen, schrijf_fondsen, schrijf_verevening
from .rekenbladen import (
    EERSTE,
    FUNCTIES,
    KASSTROMEN,
    KOP,
    KS_T_RIJ,
    PANDEN,
    PND_I,
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
        namen_bladen = list(BLADEN)
        extra = [
            naam
            for naam, nodig in (
                (VEREVENING, resultaat.verevening is not None or not resultaat.projecten.empty),
                (FONDS, bool(resultaat.fondsen)),
            )
            if nodig
        ]
        plek = namen_bladen.index(UITGANGSPUNTEN)
        namen_bladen[plek:plek] = extra
        bladen = {naam: Blad(wb, naam, fmt) for naam in namen_bladen}
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
        _samenvatting(bladen["Samenvatting"], resultaat, grafieken, herkomst)
        _voorblad(bladen["Voorblad"], resultaat, stijl, moment)
        _grafiekenblad(bladen["Grafieken"], resultaat, grafieken, herkomst)
        afdruk = Afdruk(resultaat.scenario.naam, moment.strftime("%d-%m-%Y"), herkomst)
        for naam, blad in bladen.items():
            blad.zet_breedtes()
            if naam == "Voorblad":
                blad.kolombreedte(0, 3)
                blad.kolombreedte(1, 100)
            beveilig(blad)
            blad.afdrukken(afdruk, *AFDRUK.get(naam, (None, None)))
        bladen["Voorblad"].ws.activate()
        schrijf_invoerkaart(wb, fmt, cellen.kaart, resultaat.bron, resultaat.sha256)
    afgekapt = tuple(m for blad in bladen.values() for m in blad.afgekapt)
    return Werkboek(buffer.getvalue(), cellen, afgekapt)


#: Per sheet, the rows and columns (first, last) repeated on every printed page: the Dutch
#: labels and the field names above a table, and its pand column (with the regel and functie
#: on Functies, the post on Kasstromen; the labels on Uitgangspunten, whose sections each
#: have their own header). Not the pand's name: at 40 characters it would fill a third of
#: every page.
AFDRUK: dict[str, tuple[tuple[int, int] | None, tuple[int, int] | None]] = {
    PANDEN: ((KOP - 1, KOP), (0, 0)),
    FUNCTIES: ((KOP - 1, KOP), (0, 2)),
    RESIDUEEL: ((KOP - 1, KOP), (0, 0)),
    KASSTROMEN: ((KS_T_RIJ, KOP), (0, 1)),
    UITGANGSPUNTEN: (None, (0, 0)),
    VEREVENING: (None, (0, 0)),
    FONDS: (None, (0, 0)),
}


def beveilig(blad: Blad) -> None:
    """Protect the sheet without a password (an auditor lifts it with one click): only the
    input cells on Uitgangspunten are unlocked; columns and rows may still be resized, and
    the tables filtered and sorted."""
    blad.ws.protect(
        "", {"format_columns": True, "format_rows": True, "autofilter": True, "sort": True}
    )


_KENGETALLEN = (
    ("aantal panden", None, "getal", "panden"),
    ("woningen", "woningen", "getal", "woningen"),
    ("bvo (m²)", "bvo", "getal", "bvo"),
    ("opbrengst V (nominaal)", "opbrengst", "euro", "opbrengst"),
    ("stichtingskosten (nominaal)", "stichtingskosten", "euro", "stichtingskosten"),
    (
        "residuele grondwaarde bij oplevering",
        "residuele_grondwaarde_oplevering",
        "euro",
        "residuele_grondwaarde_oplevering",
    ),
    (
        "residuele grondwaarde op peildatum",
        "residuele_grondwaarde_peildatum",
        "euro",
        "residuele_grondwaarde_peildatum",
    ),
    ("inbrengwaarde", "inbrengwaarde", "euro", "inbrengwaarde"),
    ("transformatieruimte", "transformatieruimte", "euro", "transformatieruimte"),
    ("afwaardering", "afwaardering", "euro", "afwaardering"),
    ("onrendabele top (netto)", "onrendabele_top", "euro", "onrendabele_top"),
    ("  waarvan tekort", "onrendabele_top>0", "euro", "tekort"),
    ("  waarvan overschot", "onrendabele_top<0", "euro", "overschot"),
    ("panden met een tekort", "onrendabele_top#", "getal", "panden_met_tekort"),
    ("sluitende subsidie (nominaal, bij start)", "subsidie_sluitend", "euro", "subsidie_sluitend"),
)


def _samenvatting(b: Blad, res: Resultaat, grafieken: dict[str, bytes], herkomst: str) -> None:
    b.titel(
        "Samenvatting",
        f"Kerncijfers van alle panden; contante waarden in € van "
        f"{res.scenario.startjaar}. De kerncijfers zijn formules over het blad Panden; het "
        "programma (verevening en fondsen) zijn waarden uit het fondsmodel (blad Fonds).",
        herkomst,
    )
    b.kopregel(4, ["kengetal", "waarde"])
    n = len(res.scenario.panden)
    t = res.totalen

    def kolom(veld: str) -> str:
        k = PND_I[veld]
        return bereik(EERSTE, k, EERSTE + n - 1, k, PANDEN)

    for i, (label, veld, notatie, sleutel) in enumerate(_KENGETALLEN):
        rij = 5 + i
        b.tekst(rij, 0, label)
        if veld is None:
            formule = f"=COUNTA({kolom('pand')})"
        elif veld.endswith(">0"):
            formule = f'=SUMIF({kolom("onrendabele_top")},">0")'
        elif veld.endswith("<0"):
            formule = f'=-SUMIF({kolom("onrendabele_top")},"<0")'
        elif veld.endswith("#"):
            formule = f'=COUNTIF({kolom("onrendabele_top")},">0")'
        else:
            formule = f"=SUM({kolom(veld)})"
        b.formule(
            rij,
            1,
            formule,
            t[sleutel],
            notatie,
            "totaal" if sleutel == "onrendabele_top" else "formule",
        )
    rij = 6 + len(_KENGETALLEN)
    prog = res.programma
    if prog:
        kort = {k: PROGRAMMA_KPI[k] for k in PROGRAMMA_KPI_KORT}
        kort["disconteringsvoet_publiek_bron"] = PROGRAMMA_KPI["disconteringsvoet_publiek_bron"]
        rij = kengetallen(
            b, rij, "Programma: verevening en fondsen samen (waarden)", kort, {"waarde": prog}
        )
    if res.waarschuwingen:
        b.blok(rij)
        b.tekst(rij, 0, "Let op", "ondertitel", meten=False)
        for i, w in enumerate(res.waarschuwingen, start=rij + 1):
            b.tekst(i, 0, w, meten=False)
        rij += 2 + len(res.waarschuwingen)
    for naam in ("rg_waterval_portefeuille.png", "ort_per_pand.png", "betaalbaarheidsgat.png"):
        if naam in grafieken:  # each kept on one page (afdrukken breaks before it if need be)
            rij += max(30, b.afbeelding(rij, 0, naam, grafieken[naam]))
    b.ws.freeze_panes(5, 0)


def _voorblad(b: Blad, res: Resultaat, stijl: Huisstijl, moment: datetime) -> None:
    v = stijl.voorblad
    ws = b.ws
    ws.hide_gridlines(2)
    rij = 1
    if stijl.logo is not None and stijl.logo_pad is not None:
        # the bytes checked when the template was read, not the file as it is now
        ws.insert_image(
            rij,
            1,
            stijl.logo_pad.name,
            {
                "image_data": io.BytesIO(stijl.logo),
                "x_scale": 1,
                "y_scale": 1,
                "object_position": 3,
            },
        )
        ws.set_row(rij, 60)
        rij += 2
    b.tekst(rij, 1, v.titel, "titel", meten=False)
    b.tekst(rij + 1, 1, v.ondertitel, "ondertitel", meten=False)
    rij += 3
    regels: list[tuple[str, Any]] = [
        ("Scenario", res.scenario.naam),
        ("Organisatie", v.organisatie),
        ("Datum", moment.strftime("%d-%m-%Y %H:%M")),
        ("transformatiecalc", __version__),
        ("Scenariobestand", "" if res.bron == "<scenario>" else res.bron),
        ("sha256 van het scenario", res.sha256),
    ]
    for label, waarde in regels:
        if waarde:
            b.tekst(rij, 1, f"{label}: {waarde}", meten=False)
            rij += 1
    beschrijving = " ".join(res.scenario.beschrijving.split())
    for tekst in (beschrijving, v.tekst):
        if tekst:
            rij += 1
            b.alinea(rij, 1, tekst)
            rij += 1
    rij += 1
    b.alinea(
        rij,
        1,
        "Inhoud: Samenvatting · Panden · Functies · Residuele waarde · Kasstromen · "
        "Uitgangspunten · Grafieken (live) · Grafieken. Wijzig invoer alleen op het blad "
        "Uitgangspunten; de andere bladen en de grafieken op Grafieken (live) rekenen met "
        "formules mee.",
    )
    rij += 2
    b.alinea(rij, 1, v.disclaimer)


def _grafiekenblad(b: Blad, res: Resultaat, grafieken: dict[str, bytes], herkomst: str) -> None:
    b.titel(
        "Grafieken",
        "Opbouw van de residuele grondwaarde per pand (de panden met de grootste "
        "onrendabele top of het grootste overschot).",
        herkomst,
    )
    b.tekst(3, 0, STATISCH, "notitie", meten=False)
    rij = 4
    for naam, png in grafieken.items():
        if naam.startswith("rg_waterval_") and naam != "rg_waterval_portefeuille.png":
            rij += max(28, b.afbeelding(rij, 0, naam, png))
    del res


__all__ = ["BLADEN", "Werkboek", "bouw_werkboek", "cel", "werkboek_bytes"]
