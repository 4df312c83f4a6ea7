"""``panden_uit``: a scenario's panden read from a spreadsheet (.xlsx) or CSV file (docs/spreadsheet.md).

At load time (:func:`los_panden_uit_op`, per file, before ``erft_van`` merges) the file
named by ``panden_uit`` is resolved beside the file that names it, checked against the
file-access policy (the same rules as ``erft_van``), size-limited and read without
executing anything: an .xlsx with openpyxl (read-only, formulas as their cached values; a
formula without one is refused), a CSV with the csv module. Its rows become the same
located data a YAML ``panden`` list would be (:class:`.PMap`, :class:`.PLijst`), each value
at a :class:`~..fouten.Celplek` (file, sheet, row, column header), so every rule of the
schema reports a bad cell by file, sheet, row and column.

Layout: a header row, then one row per pand (sheet ``Panden``) and one per programme row
(sheet ``Programma``, column ``pand`` naming the pand's id). A header is the key path below
the pand (``huidig.marktwaarde``, ``transformatie.extra_kosten.asbest``) or below the
programme row (``functie``, ``woningen``); list items take an index
(``transformatie.programma[0].functie``). An empty cell is an absent key.

This module reads the file; :mod:`.spreadsheetrijen` turns its rows into panden, and
:mod:`.celwaarden` says what a header and a cell's text mean.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..fouten import Celplek, Melding, ScenarioFout
from ..getallen import duizendtallen
from ..toegang import MAX_GROOTTE, Geweigerd, NietGevonden, Toegang, toon_naam
from .celwaarden import getal_uit_tekst as getal_uit_tekst
from .plekken import PMap
from .spreadsheetrijen import BLAD_PANDEN as BLAD_PANDEN
from .spreadsheetrijen import BLAD_PROGRAMMA as BLAD_PROGRAMMA
from .spreadsheetrijen import KOLOM_PAND as KOLOM_PAND
from .spreadsheetrijen import Blad, Omzetting, Rij
from .voorscan import TeZwaar, voorscan

#: Most data rows per sheet (a real programme has hundreds of panden).
MAX_RIJEN = 20_000
#: Most columns per sheet.
MAX_KOLOMMEN = 200
#: Most bytes an .xlsx may unpack to (a zip bomb is refused before it is read).
MAX_UITGEPAKT = 200 * 1024 * 1024
#: Most shared strings (different texts) an .xlsx may hold: ten per row of a full sheet.
#: openpyxl reads them all when it opens the workbook (a million take some 7 s).
MAX_TEKSTEN = 10 * MAX_RIJEN

_SOORTEN = (".xlsx", ".csv")
#: Makes the located error at ``panden_uit`` from its text and code.
_Fout = Callable[[str, str], ScenarioFout]


def los_panden_uit_op(data: PMap, toegang: Toegang) -> None:
    """Replace ``panden_uit`` of one file's `data` by the ``panden`` it names (in place).

    ``panden_uit`` stays in `data`, as written, to record where the panden came from."""
    naam = data.get("panden_uit")
    if naam is None:
        return
    plek = data.waardeplek["panden_uit"]

    def fout(tekst: str, code: str) -> ScenarioFout:
        return ScenarioFout([Melding(*plek, "panden_uit", tekst, code)])

    if not isinstance(naam, str) or not naam.strip():
        raise fout("panden_uit moet een bestandsnaam zijn", "panden_uit.geen_bestandsnaam")
    soort = Path(naam).suffix.lower()
    if soort not in _SOORTEN:
        raise fout(
            f"panden_uit wijst naar '{naam}'; panden komen uit een .xlsx- of .csv-bestand",
            "panden_uit.soort",
        )
    if "panden" in data:
        raise ScenarioFout(
            [
                Melding(
                    *data.sleutelplek["panden"],
                    "panden",
                    "een bestand geeft panden óf panden_uit, niet allebei; zet de panden in "
                    "het spreadsheet, of wijzig ze per id in een scenario dat erft_van dit "
                    "bestand",
                    "panden_uit.samen_met_panden",
                )
            ]
        )
    kandidaat = Path(plek[0]).parent / naam
    inhoud = _lees(kandidaat, naam, toegang, fout)
    bestanden: dict[str, str] = {}  # per sheet its own file, if not `naam`
    if soort == ".xlsx":
        bladen = _xlsx(inhoud, naam, fout)
    else:
        bladen = {BLAD_PANDEN: _csv(inhoud, naam, fout, str(kandidaat))}
        programma = kandidaat.with_name(kandidaat.stem + ".programma.csv")
        if os.path.lexists(programma):
            inhoud = _lees(programma, programma.name, toegang, fout)
            bladen[BLAD_PROGRAMMA] = _csv(inhoud, programma.name, fout, str(programma))
            bestanden[BLAD_PROGRAMMA] = str(programma)
    bestand = str(Path(plek[0]).parent / naam)
    omzetting = Omzetting(bestand, soort == ".xlsx", plek, bestanden)
    panden = omzetting.panden(bladen)
    data.zet("panden", panden, data.sleutelplek["panden_uit"], plek)
    data.nafouten.extend(omzetting.fouten)  # with the validation's: every bad row at once


def _lees(kandidaat: Path, naam: str, toegang: Toegang, fout: _Fout) -> bytes:
    """The bytes of `kandidaat` under the file-access policy (located errors at panden_uit)."""
    try:
        echt = toegang.zoek(kandidaat)
        return toegang.lees(echt, MAX_GROOTTE, keten=False)
    except NietGevonden:
        raise fout(
            f"bestand '{naam}' niet gevonden (gezocht: {os.path.abspath(kandidaat)})",
            "panden_uit.niet_gevonden",
        ) from None
    except Geweigerd as reden:
        raise fout(f"bestand '{toon_naam(naam)}': {reden}", "panden_uit.geweigerd") from None


def _onleesbaar(naam: str, fout: _Fout, waarom: str) -> ScenarioFout:
    return fout(f"bestand '{naam}' is niet te lezen: {waarom}", "panden_uit.onleesbaar")


class Onleesbaar(Exception):
    """An .xlsx that cannot be read; the message says why, in Dutch."""


def open_xlsx(
    inhoud: bytes, maximum: int = MAX_UITGEPAKT, teksten: int = MAX_TEKSTEN
) -> tuple[Any, Any]:
    """The workbook in `inhoud` opened twice with openpyxl, read-only and executing nothing:
    with each formula's cached value, and with the formulas. A zip bomb (more than
    `maximum` bytes unpacked), a part that would make openpyxl slow (:mod:`.voorscan`:
    more than `teksten` shared strings, an XML token over 1 MB) or a damaged file is
    :class:`Onleesbaar`; close both."""
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as zf:
            uitgepakt = sum(i.file_size for i in zf.infolist())
            if uitgepakt > maximum:
                raise Onleesbaar(f"uitgepakt meer dan {maximum // 2**20} MB")
            voorscan(zf, teksten)
    except TeZwaar as waarom:
        raise Onleesbaar(str(waarom)) from None
    except (zipfile.BadZipFile, ValueError):
        raise Onleesbaar("het is geen .xlsx-werkboek") from None
    except (OSError, EOFError, RuntimeError, NotImplementedError, zlib.error):
        # a part that does not unpack: a wrong checksum, encryption, an unknown method
        raise Onleesbaar("het is geen geldig .xlsx-werkboek") from None
    try:
        waarden = openpyxl.load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
        formules = openpyxl.load_workbook(io.BytesIO(inhoud), read_only=True, data_only=False)
    except Exception as e:  # openpyxl raises many kinds on a damaged file
        raise Onleesbaar(f"het is geen geldig .xlsx-werkboek ({type(e).__name__})") from None
    return waarden, formules


def beschadigd(blad: str, fout: Exception) -> str:
    """Why a sheet cannot be read: openpyxl parses a sheet (read-only) only while its rows
    are iterated, so damaged XML or a number cell holding 'INF' surfaces there."""
    return (
        f"blad {blad} is beschadigd ({type(fout).__name__}); sla het op in Excel of "
        "LibreOffice en probeer het opnieuw"
    )


def _xlsx(inhoud: bytes, naam: str, fout: _Fout) -> dict[str, Blad]:
    """The sheets Panden and Programma of an .xlsx: values (formulas as their cached
    value), and the cells whose formula has none."""
    try:
        waarden, formules = open_xlsx(inhoud, MAX_UITGEPAKT, MAX_TEKSTEN)
    except Onleesbaar as waarom:
        raise _onleesbaar(naam, fout, str(waarom)) from None
    blad = BLAD_PANDEN
    try:
        if BLAD_PANDEN not in waarden.sheetnames:
            raise fout(
                f"'{naam}' heeft geen blad '{BLAD_PANDEN}' (wel: {', '.join(waarden.sheetnames)})",
                "panden_uit.blad_ontbreekt",
            )
        uit: dict[str, Blad] = {}
        for blad in (BLAD_PANDEN, BLAD_PROGRAMMA):
            if blad not in waarden.sheetnames:
                continue
            # the sheet's <dimension> is the writing program's claim: read what it holds
            waarden[blad].reset_dimensions()
            formules[blad].reset_dimensions()
            rijen = list(_rijen(waarden[blad].iter_rows(values_only=True), naam, blad, fout))
            leeg: set[tuple[int, int]] = set()
            for r, cellen in enumerate(formules[blad].iter_rows(values_only=True), start=1):
                for k, w in enumerate(cellen[:MAX_KOLOMMEN], start=1):
                    if isinstance(w, str) and w.startswith("="):
                        if r > MAX_RIJEN + 1:
                            raise _te_veel_rijen(naam, blad, fout)
                        leeg.add((r, k))
            kop = rijen[0][1] if rijen else []
            uit[blad] = (kop, rijen[1:], leeg)
        return uit
    except ScenarioFout:
        raise
    except Exception as e:  # damaged XML, a number cell openpyxl cannot convert …
        raise _onleesbaar(naam, fout, beschadigd(blad, e)) from None
    finally:
        waarden.close()
        formules.close()


def _te_veel_rijen(naam: str, blad: str | None, fout: _Fout) -> ScenarioFout:
    waar = f" (blad {blad})" if blad else ""
    return fout(
        f"'{naam}'{waar} heeft meer dan {duizendtallen(MAX_RIJEN)} rijen; zoveel panden rekent een "
        "scenario niet",
        "panden_uit.te_groot",
    )


def _rijen(rijen: Iterator[Any], naam: str, blad: str | None, fout: _Fout) -> Iterator[Rij]:
    """The rows, numbered; empty rows beyond the limit (a formatted cell far below the
    data) do not count against it."""
    for r, cellen in enumerate(rijen, start=1):
        lijst = list(cellen)
        if r > MAX_RIJEN + 1:
            if all(c in (None, "") for c in lijst):
                continue
            raise _te_veel_rijen(naam, blad, fout)
        if len(lijst) > MAX_KOLOMMEN and any(c not in (None, "") for c in lijst[MAX_KOLOMMEN:]):
            raise fout(f"'{naam}' heeft meer dan {MAX_KOLOMMEN} kolommen", "panden_uit.te_groot")
        yield r, lijst[:MAX_KOLOMMEN]


def _csv(inhoud: bytes, naam: str, fout: _Fout, bestand: str) -> Blad:
    """A CSV file (UTF-8, ';', ',' or tab separated, as Excel saves it) as one sheet.

    Read strictly: a quote that is never closed (which would swallow every later row into
    one cell) or text after a closing quote is refused at its row and column."""
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _onleesbaar(naam, fout, "het is geen UTF-8; sla het op als CSV UTF-8") from None
    # CR alone ends a line too (old Mac Excel); the csv module would call it a bad cell
    tekst = tekst.replace("\r\n", "\n").replace("\r", "\n")
    # a header of key paths holds no separator of its own: the one it uses most is the one
    eerste = tekst.split("\n", 1)[0]
    scheiding = max((",", ";", "\t"), key=eerste.count)  # a tie (one column): ','
    lezer = csv.reader(io.StringIO(tekst), delimiter=scheiding, strict=True)
    rijen: list[Rij] = []
    regel = 0  # the last physical line of the last row read
    try:
        for rij in _rijen(lezer, naam, None, fout):
            rijen.append(rij)
            regel = lezer.line_num
    except csv.Error as e:
        kop = rijen[0][1] if rijen else []
        raise _csv_fout(tekst, scheiding, regel, len(rijen) + 1, kop, str(e), bestand) from None
    kop = rijen[0][1] if rijen else []
    return (kop, rijen[1:], set())


def _csv_fout(
    tekst: str, scheiding: str, regel: int, rij: int, kop: list[Any], fout: str, bestand: str
) -> ScenarioFout:
    """The located error for a row the strict CSV reader refuses: the column is the cell
    whose quote opened last in that row (from physical line `regel` + 1 on)."""
    kolom, open_, veld, begin = 1, False, 0, True
    regels = tekst.split("\n")  # as csv counts lines (splitlines also breaks at \u2028 …)
    for teken in "\n".join(regels[regel:]):
        if open_:
            open_ = teken != '"'
            begin = False
            continue
        if teken == '"' and begin:
            open_, kolom = True, veld + 1
        elif teken == scheiding:
            veld += 1
        elif teken == "\n":
            break
        begin = teken == scheiding
    if "field larger than field limit" in fout:  # the longest cell of the row
        velden = regels[regel].split(scheiding) if regel < len(regels) else [""]
        kolom = max(range(len(velden)), key=lambda i: len(velden[i])) + 1
    naam = kop[kolom - 1] if kolom - 1 < len(kop) and kop[kolom - 1] else None
    if "field larger than field limit" in fout:
        uitleg = (
            f"de cel is langer dan {duizendtallen(csv.field_size_limit())} tekens; zoveel tekst "
            "hoort niet in een cel (staat er een scheidingsteken te weinig?)"
        )
    elif "end of data" in fout:
        uitleg = (
            'een aanhalingsteken (") opent hier een cel en wordt nooit gesloten; alles wat '
            "volgt zou in die ene cel belanden. Sluit het aanhalingsteken of haal het weg"
        )
    else:
        uitleg = (
            "na een sluitend aanhalingsteken hoort een scheidingsteken of het einde van de "
            'regel; schrijf een aanhalingsteken binnen een cel als "" of haal het weg'
        )
    plek = Celplek(bestand, None, str(naam) if naam is not None else "zonder kop")
    return ScenarioFout([Melding(plek, rij, kolom, "panden_uit", uitleg, "panden_uit.onleesbaar")])
