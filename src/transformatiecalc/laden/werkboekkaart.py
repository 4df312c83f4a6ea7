"""The map a workbook carries of its inputs (the hidden sheet Invoerkaart, written by
:mod:`..uitvoer.excel.invoerkaart`): which cell holds which scenario path, what it held at
export and why a locked cell is locked; and those cells as they are now.

Read by :mod:`.werkboek` (``uit-werkboek``); nothing here depends on where a cell stands.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from ..fouten import Celplek, Melding, ScenarioFout, kolomletter
from ..schema.grenzen import getal_tekst
from ..uitvoer.excel.bewaking import stappen as pad_stappen
from .celwaarden import Stap

KAART, FORMAAT = "Invoerkaart", 1


class Werkboekcel(Celplek):
    """A cell of a workbook as Excel names it: 'werkboek.xlsx, Uitgangspunten!B18'."""

    def tekst(self, rij: int, kolom: int) -> str:
        return f"{self.bestand}, {celnaam(self.blad or '', rij, kolom)}"


def celnaam(blad: str, rij: int, kolom: int) -> str:
    """'Uitgangspunten!B18', 'Residuele waarde' quoted as Excel does."""
    naam = blad if blad.replace("_", "").isalnum() else "'" + blad.replace("'", "''") + "'"
    return f"{naam}!{kolomletter(kolom)}{rij}"


@dataclass(frozen=True)
class Kaartcel:
    """One cell of the map: where it stands, its scenario path, kind, value at export and
    the reason a locked cell is locked."""

    rij: int  # 1-based, as Excel shows it
    kolom: int
    pad: str
    stappen: tuple[Stap, ...]
    soort: str
    waarde: Any
    reden: str


@dataclass
class Kaart:
    """The map: the sheet of the inputs, the scenario file and its sha256, the cells."""

    blad: str
    scenario: str
    sha256: str
    cellen: list[Kaartcel]


def bovenaan(bestand: str, tekst: str, code: str) -> ScenarioFout:
    """An error about the whole file, placed at its top."""
    return ScenarioFout([Melding(bestand, 1, 1, "", tekst, code)])


def lees_kaart(wb: Any, naam: str) -> Kaart:
    """The map of the workbook (sheet Invoerkaart): the cells and where they came from."""
    if KAART not in wb.sheetnames:
        raise bovenaan(
            naam,
            f"het werkboek heeft geen blad {KAART}: het is niet gemaakt met "
            "'transformatiecalc run -o', of met een versie van vóór uit-werkboek; exporteer het "
            "scenario opnieuw en breng de wijzigingen daarin over",
            "werkboek.geen_kaart",
        )
    kop: dict[str, Any] = {}
    delen: list[str] = []
    for rij in wb[KAART].iter_rows(max_col=2, values_only=True):
        sleutel, waarde = (*rij, None, None)[:2]
        if delen or sleutel == "kaart":
            delen.append(sleutel if isinstance(sleutel, str) else "")
        elif isinstance(sleutel, str):
            kop[sleutel] = waarde
    try:
        document = json.loads("".join(delen[1:]))
        redenen = [str(r) for r in document["redenen"]]
        cellen = []
        for adres, pad, soort, waarde, reden, weg in document["cellen"]:
            r, k = _adres(adres)
            stappen = tuple(weg) if weg is not None else pad_stappen(pad)
            tekst = "" if reden is None else redenen[reden]
            cellen.append(Kaartcel(r, k, pad, stappen, str(soort), waarde, tekst))
    except (ValueError, KeyError, TypeError, IndexError):
        cellen = []
    if kop.get("formaat") != FORMAAT or not cellen:
        raise bovenaan(
            naam,
            f"het blad {KAART} van dit werkboek is onvolledig of van een andere versie van "
            "transformatiecalc; exporteer het scenario opnieuw",
            "werkboek.geen_kaart",
        )
    return Kaart(
        str(kop.get("blad") or "Uitgangspunten"),
        str(kop.get("scenario") or ""),
        str(kop.get("sha256") or ""),
        cellen,
    )


def _adres(tekst: str) -> tuple[int, int]:
    """'B18' → (18, 2)."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letters, rij = coordinate_from_string(tekst)
    return rij, column_index_from_string(letters)


#: A cell now: its value (a formula's cached value), and whether it holds a formula.
Nu = tuple[Any, bool]


def lees_cellen(waarden: Any, formules: Any, kaart: Kaart, naam: str) -> dict[tuple[int, int], Nu]:
    """The cells of the map on its sheet, as they are now."""
    if kaart.blad not in formules.sheetnames:
        raise bovenaan(naam, f"het werkboek heeft geen blad {kaart.blad}", "werkboek.geen_kaart")
    nodig = {(c.rij, c.kolom) for c in kaart.cellen}
    #: inputs: a formula typed into one counts with its cached value (a derived or locked
    #: formula does not need it)
    invoer = {(c.rij, c.kolom) for c in kaart.cellen if c.soort in ("invoer", "standaard")}
    laatste = max((r for r, _ in nodig), default=0)
    uit: dict[tuple[int, int], Nu] = {}
    formulecellen: set[tuple[int, int]] = set()
    for rij in formules[kaart.blad].iter_rows(max_row=laatste):
        for c in rij:
            plek = (getattr(c, "row", None), getattr(c, "column", None))
            if plek in nodig:
                formule = c.data_type == "f"
                waarheid = _WAARHEID.get(str(c.value).upper()) if formule else None
                if waarheid is not None:  # LibreOffice saves WAAR as the formula =TRUE()
                    uit[plek] = (waarheid, False)
                    continue
                uit[plek] = (c.value, formule)
                if formule and plek in invoer:
                    formulecellen.add(plek)
    if formulecellen:  # a formula typed into an input counts with its cached value
        for rij in waarden[kaart.blad].iter_rows(max_row=laatste):
            for c in rij:
                plek = (getattr(c, "row", None), getattr(c, "column", None))
                if plek in formulecellen:
                    uit[plek] = (c.value, True)
    return uit


_WAARHEID = {"=TRUE()": True, "=FALSE()": False, "=TRUE": True, "=FALSE": False}


def gelijk(nu: Any, was: Any) -> bool:
    """Whether a cell still holds the value written at export."""
    if nu in (None, "") or was in (None, ""):
        return nu in (None, "") and was in (None, "")
    if isinstance(nu, bool) or isinstance(was, bool):  # LibreOffice may save WAAR as 1
        return isinstance(nu, int | float) and isinstance(was, int | float) and nu == was
    if isinstance(nu, int | float) and isinstance(was, int | float):
        return math.isclose(float(nu), float(was), rel_tol=1e-12, abs_tol=1e-300)
    if isinstance(nu, str) and isinstance(was, str):
        return " ".join(nu.split()) == " ".join(was.split())
    return False


def toon(x: Any) -> str:
    """A cell value as a message shows it: 0,055, WAAR, 'tekst', leeg."""
    if x is None or x == "":
        return "leeg"
    if isinstance(x, bool):
        return "WAAR" if x else "ONWAAR"
    if isinstance(x, int | float):
        return getal_tekst(x).replace(".", ",")
    return f"'{x}'"
