"""A thin layer over an xlsxwriter worksheet with the habits every sheet keeps.

- Text from the scenario is always written with ``write_string``: a name that starts
  with ``=``, ``+``, ``-`` or ``@`` stays text (formula injection, OWASP ASVS 1.2.10).
- Every formula is written *with* the engine's value as its cached result, so readers
  that do not calculate (pandas, viewers, mail previews) show the right number.
- A missing value (NaN) becomes the text 'n.v.t.' rather than an empty or error cell.
- Column widths follow the widest content written.

The fast paths of the cells a workbook has most of live in ``werkblad.py`` (:class:`Werkblad`,
:func:`snelle_weg`); they are re-exported here. Printing is :class:`.afdruk.Afdrukbaar`.
"""

from __future__ import annotations

import io
import math
import re
import struct
import textwrap
import warnings
from collections.abc import Sequence
from typing import Any

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from .afdruk import RIJHOOGTE, Afdrukbaar
from .werkblad import Werkblad, snelle_weg

NVT = "n.v.t."
#: Excel's limits: characters in one cell, points of row height (xlsxwriter cuts longer
#: text without a word and writes any height).
MAX_TEKST = 32_767
MAX_RIJHOOGTE = 409.0


def png_maat(png: bytes) -> tuple[int, int]:
    """Width and height in pixels of a PNG (from its IHDR chunk)."""
    breedte, hoogte = struct.unpack(">II", png[16:24])
    return int(breedte), int(hoogte)


class AfgekaptWaarschuwing(UserWarning):
    """A text was longer than an Excel cell holds and was cut, with a marker in the cell."""


_CELREF = re.compile(r"^[A-Za-z]{1,3}[0-9]+$")
_R1C1 = re.compile(r"^[Rr][0-9]*[Cc][0-9]*$")
_NAAM = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


_KOLOMNAMEN: dict[int, str] = {}


def cel(rij: int, kolom: int, blad: str | None = None, absoluut: bool = True) -> str:
    """A1 reference, optionally on another sheet: 'Residuele waarde'!$C$6."""
    naam = _KOLOMNAMEN.get(kolom)
    if naam is None:
        naam = _KOLOMNAMEN[kolom] = str(xl_col_to_name(kolom))
    ref = f"${naam}${rij + 1}" if absoluut else f"{naam}{rij + 1}"
    return f"'{blad}'!{ref}" if blad else ref


def bereik(rij0: int, kol0: int, rij1: int, kol1: int, blad: str | None = None) -> str:
    """A1 range reference, absolute."""
    ref = f"{cel(rij0, kol0)}:{cel(rij1, kol1)}"
    return f"'{blad}'!{ref}" if blad else ref


def geldige_naam(naam: str) -> bool:
    """Excel defined-name rules: letter or _ first; no spaces; not a cell or R1C1 reference."""
    return (
        bool(_NAAM.match(naam))
        and not _CELREF.match(naam)
        and not _R1C1.match(naam)
        and len(naam) <= 255
    )


class Namen:
    """Defined names of the workbook: validated, unique, each pointing at one cell."""

    def __init__(self, werkboek: Any) -> None:
        self.werkboek = werkboek
        self.adressen: dict[str, str] = {}

    def definieer(self, naam: str, adres: str) -> str:
        if not geldige_naam(naam):
            raise ValueError(f"ongeldige Excel-naam: {naam!r}")
        if naam.lower() in (n.lower() for n in self.adressen):
            raise ValueError(f"Excel-naam dubbel gedefinieerd: {naam!r}")
        self.werkboek.define_name(naam, f"={adres}")
        self.adressen[naam] = adres
        return naam


class Blad(Afdrukbaar):
    """One worksheet, its formats and its column widths."""

    def __init__(self, werkboek: Any, naam: str, formaten: dict[tuple[str, str], Any]) -> None:
        if len(naam) > 31 or any(c in naam for c in "[]:*?/\\"):
            raise ValueError(f"ongeldige bladnaam: {naam!r}")
        self.naam = naam
        self.ws: Worksheet = werkboek.add_worksheet(
            naam, worksheet_class=Werkblad if snelle_weg() else None
        )
        self.formaten = formaten
        self.breedte: dict[int, float] = {}
        # (kolom, notatie) → largest |number| ≥ 0 and largest |number| < 0 written there: the
        # widest number follows from these when the widths are set (_breedte_getal grows
        # with |number|), instead of formatting every number as it is written
        self.getallen: dict[tuple[int, str], list[float]] = {}
        self.afgekapt: list[str] = []  # a message per text cut at Excel's cell limit
        self.hoogtes: dict[int, float] = {}  # rows with a height of their own (points)
        self.kolombreedtes: dict[int, float] = {}  # the widths set (characters)
        # (first row, rows) of each block a printed page should not split: a table with its
        # title, a chart (print setup, afdrukken)
        self.blokken: list[tuple[int, int]] = []

    def _fmt(self, stijl: str, notatie: str = "") -> Any:
        return self.formaten[(stijl, notatie)]

    def _meet(self, kolom: int, lengte: float) -> None:
        self.breedte[kolom] = max(self.breedte.get(kolom, 0.0), lengte)

    def _meet_getal(self, kolom: int, waarde: float, notatie: str) -> None:
        grootste = self.getallen.get((kolom, notatie))
        if grootste is None:
            grootste = self.getallen[(kolom, notatie)] = [-1.0, -1.0]  # −1: none yet
        i = 1 if waarde < 0 else 0
        if abs(waarde) > grootste[i]:
            grootste[i] = abs(waarde)

    def _schrijf_tekst(self, rij: int, kolom: int, tekst: str, opmaak: Any) -> None:
        """write_string, with text beyond Excel's 32 767 characters cut visibly: a marker
        at the end of the cell and a warning (xlsxwriter would cut it silently)."""
        if len(tekst) > MAX_TEKST:
            lengte = f"{len(tekst):_}".replace("_", ".")
            teken = (
                f" … [afgekapt: {lengte} tekens, een Excel-cel houdt er 32.767; de hele tekst "
                "staat in het scenario]"
            )
            melding = (
                f"blad {self.naam}, cel {cel(rij, kolom, absoluut=False)}: tekst van {lengte} tekens "
                "afgekapt (een Excel-cel houdt er 32.767)"
            )
            self.afgekapt.append(melding)
            warnings.warn(melding, AfgekaptWaarschuwing, stacklevel=3)
            tekst = tekst[: MAX_TEKST - len(teken)] + teken
        self.ws.write_string(rij, kolom, tekst, opmaak)

    def rijhoogte(self, rij: int, hoogte: float) -> None:
        """set_row with the height capped at Excel's 409 points."""
        hoogte = min(hoogte, MAX_RIJHOOGTE)
        self.ws.set_row(rij, hoogte)
        self.hoogtes[rij] = hoogte

    def afbeelding(self, rij: int, kolom: int, naam: str, png: bytes, schaal: float = 0.8) -> int:
        """Insert a PNG chart at `rij`, kept on one printed page; returns the rows it covers."""
        self.ws.insert_image(
            rij,
            kolom,
            naam,
            {
                "image_data": io.BytesIO(png),
                "x_scale": schaal,
                "y_scale": schaal,
                "object_position": 3,
            },
        )
        # pixels at 96 dpi → points (0,75), over rows of RIJHOOGTE; one row spare below
        rijen = math.ceil(png_maat(png)[1] * schaal * 0.75 / RIJHOOGTE) + 1
        self.blok(rij, rijen)
        return rijen

    def tabelnaam(self) -> str:
        """A name for the next Excel table of this sheet, unique in the workbook
        ('tabel_Fonds_3'): letters, digits and underscores only, as Excel requires."""
        self._tabellen = getattr(self, "_tabellen", 0) + 1
        blad = "".join(t if t.isascii() and t.isalnum() else "_" for t in self.naam)
        return f"tabel_{blad}_{self._tabellen}"

    def tabel(
        self,
        rij: int,
        velden: Sequence[str],
        rijen: int,
        naam: str,
        labels: Sequence[str] | None = None,
        kolom0: int = 0,
    ) -> None:
        """An Excel table (one header row, filterable) whose header row `rij` holds the
        field names `velden` (the JSON names) over `rijen` data rows; with `labels`, the
        Dutch labels stand as a row just above it. Call this before writing the rows below
        the header: rows go to disk in order.

        xlsxwriter refuses add_table in constant_memory mode only because it writes the
        header cells itself, as shared strings; here it is called with that writing
        switched off, and the header cells are written as every other text cell."""
        if labels is not None:
            self.kopregel(rij - 1, list(labels), kolom0)
        if rijen < 1:  # a table needs a data row: a plain header row then
            self.kopregel(rij, list(velden), kolom0, "veld")
            return
        if len({v.lower() for v in velden}) != len(velden):
            raise ValueError(f"blad {self.naam}: dubbele kolomnaam in de tabel {naam}")
        ws = self.ws
        geheugen = ws.constant_memory
        ws.constant_memory = False
        ws._write_string = lambda *_a, **_k: 0  # the header cells are written below
        try:
            uit = ws.add_table(
                rij,
                kolom0,
                rij + rijen,
                kolom0 + len(velden) - 1,
                {
                    "name": naam,
                    "style": "Table Style Light 1",
                    "columns": [{"header": v} for v in velden],
                },
            )
        finally:
            del ws._write_string
            ws.constant_memory = geheugen
        if uit != 0:
            raise ValueError(f"blad {self.naam}: tabel {naam} niet geschreven ({uit})")
        self.kopregel(rij, list(velden), kolom0, "veld")

    def tekst(
        self, rij: int, kolom: int, tekst: str, stijl: str = "tekst", meten: bool = True
    ) -> None:
        tekst = str(tekst)
        self._schrijf_tekst(rij, kolom, tekst, self._fmt(stijl))
        if meten:
            self._meet(kolom, len(tekst))

    def getal(
        self, rij: int, kolom: int, waarde: float | None, stijl: str = "tekst", notatie: str = ""
    ) -> None:
        if waarde is None or (isinstance(waarde, float) and not math.isfinite(waarde)):
            self.tekst(rij, kolom, NVT, stijl)
            return
        self.ws.write_number(rij, kolom, float(waarde), self._fmt(stijl, notatie))
        self._meet_getal(kolom, float(waarde), notatie)

    def janee(self, rij: int, kolom: int, waarde: bool, stijl: str = "invoer") -> None:
        self.ws.write_boolean(rij, kolom, bool(waarde), self._fmt(stijl))
        self._meet(kolom, 6)

    def formule(
        self,
        rij: int,
        kolom: int,
        formule: str,
        waarde: Any,
        notatie: str = "",
        stijl: str = "formule",
    ) -> None:
        """A formula with the engine's value cached (NaN → empty text, as the formula gives)."""
        if isinstance(waarde, float) and not math.isfinite(waarde):
            waarde = ""
        elif hasattr(waarde, "item"):
            waarde = waarde.item()
        opmaak = self.formaten[(stijl, notatie)]
        if isinstance(self.ws, Werkblad):  # undecorated: rij and kolom are numbers already
            self.ws._write_formula(rij, kolom, formule, opmaak, waarde)
        else:
            self.ws.write_formula(rij, kolom, formule, opmaak, waarde)
        if isinstance(waarde, int | float) and not isinstance(waarde, bool):
            self._meet_getal(kolom, float(waarde), notatie)

    def formules(
        self,
        rij: int,
        kolom0: int,
        formules: Sequence[str],
        waarden: Sequence[float],
        notatie: str = "",
        stijl: str = "formule",
    ) -> None:
        """A row of formulas in consecutive columns from `kolom0`, each with its number
        cached; the same as :meth:`formule` per cell, in one loop (the Kasstromen sheet
        holds ±650 formulas per pand)."""
        opmaak = self.formaten[(stijl, notatie)]
        gecacht = [w if math.isfinite(w) else "" for w in waarden]
        if isinstance(self.ws, Werkblad):
            self.ws.formulerij(rij, kolom0, formules, opmaak, gecacht)
        else:  # stock xlsxwriter (another version, or a test comparing with it)
            for i, (formule, waarde) in enumerate(zip(formules, gecacht, strict=True)):
                self.ws.write_formula(rij, kolom0 + i, formule, opmaak, waarde)
        meet = self._meet_getal
        for i, waarde in enumerate(waarden):
            if math.isfinite(waarde):
                meet(kolom0 + i, waarde, notatie)

    def kopregel(self, rij: int, koppen: list[str], kolom0: int = 0, stijl: str = "kop") -> None:
        """A header row; its height fits the longest header wrapped in its column (at least
        the width measured here: a column only grows), so no header runs over the row."""
        regels = 2
        for i, kop in enumerate(koppen):
            self._schrijf_tekst(rij, kolom0 + i, kop, self._fmt(stijl))
            self._meet(kolom0 + i, min(len(kop), 18))
            breedte = max(6, min(len(kop), 18))  # the column's width less the padding
            regels = max(regels, len(textwrap.wrap(kop, breedte, break_on_hyphens=False)))
        self.rijhoogte(rij, 15 * regels)

    def titel(self, titel: str, toelichting: str, herkomst: str) -> None:
        """Row 0 title, row 1 what the sheet shows and in which units, row 2 the scenario line."""
        self.rijhoogte(0, 22)  # before the row's cells: rows are written in order
        self._schrijf_tekst(0, 0, titel, self._fmt("titel"))
        self._schrijf_tekst(1, 0, toelichting, self._fmt("ondertitel"))
        self._schrijf_tekst(2, 0, herkomst, self._fmt("notitie"))

    def alinea(
        self, rij: int, kolom: int, tekst: str, tekens_per_regel: int = 100, stijl: str = "alinea"
    ) -> None:
        """Wrapped paragraph; the row height is set from the text length (Excel does not
        autofit rows of files it did not write itself)."""
        self._schrijf_tekst(rij, kolom, tekst, self._fmt(stijl))
        regels = max(1, -(-len(tekst) // tekens_per_regel))
        self.rijhoogte(rij, 15 * regels)

    def zet_breedtes(self, minimum: float = 8, maximum: float = 48) -> None:
        for (kolom, notatie), (positief, negatief) in self.getallen.items():
            if positief >= 0:  # −1: none written
                self._meet(kolom, _breedte_getal(positief, notatie))
            if negatief >= 0:
                self._meet(kolom, _breedte_getal(-negatief, notatie))
        self.getallen.clear()
        for kolom, lengte in self.breedte.items():
            self.kolombreedte(kolom, max(minimum, min(maximum, lengte + 2)))

    def kolombreedte(self, kolom: int, breedte: float) -> None:
        self.ws.set_column(kolom, kolom, breedte)
        self.kolombreedtes[kolom] = breedte


def _breedte_getal(waarde: float, notatie: str) -> float:
    """Approximate displayed width of a number in the given format."""
    if notatie == "procent":
        return 8
    if notatie == "factor":
        return 10
    if notatie == "jaar":
        return 6
    cijfers = len(f"{abs(waarde):,.0f}") + (3 if notatie == "euro_centen" else 0)
    return cijfers + (3 if notatie.startswith("euro") else 0) + (1 if waarde < 0 else 0)
