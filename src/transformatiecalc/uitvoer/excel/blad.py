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

from .afdruk import RIJHOOGTE, STANDAARDBREEDTE, Afdrukbaar
from .werkblad import Werkblad, snelle_weg

NVT = "n.v.t."
#: Excel's limits: characters in one cell, points of row height (xlsxwriter cuts longer
#: text without a word and writes any height).
MAX_TEKST = 32_767
MAX_RIJHOOGTE = 409.0
#: The widest a column gets from its contents (characters), unless the sheet sets its own
#: (:attr:`Blad.maxbreedte`); a longer text is wrapped in its cell.
MAX_BREEDTE = 48.0
#: Characters per line of a paragraph merged over several columns (:meth:`Blad.tekstblok`):
#: the title rows, the warnings. Some 640 points: within a page at 100 %, about 60 % of one
#: at 70 %.
TEKSTBREEDTE = 120.0


#: Characters of body text (10 points) a column width unit holds: the unit is a digit of
#: Calibri 11, and text of 10 points is narrower (some 1,15–1,2 characters), less a margin
#: for wide letters.
TEKENS_PER_EENHEID = 1.1


def regels(tekst: str, breedte: float, grootte: float = 10.0) -> int:
    """Lines a text of `grootte` points takes wrapped in `breedte` width units (characters
    of the column width, less the cell's padding); a word longer than a line is broken, as
    Excel and LibreOffice do."""
    tekens = max(1, int(breedte * TEKENS_PER_EENHEID * 10.0 / grootte))
    return max(1, len(textwrap.wrap(tekst, tekens, break_on_hyphens=False)))


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

    def __init__(
        self,
        werkboek: Any,
        naam: str,
        formaten: dict[tuple[str, str], Any],
        koprijen: tuple[int, int] | None = None,
        herhaald: tuple[int, int] | None = None,
    ) -> None:
        """`koprijen` and `herhaald`: the rows and the columns (first, last) printed on
        every page (:meth:`afdrukken`); the title rows start right of the repeated columns
        (:attr:`titelkolom`)."""
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
        # each block a printed page should not split: a table with its title, a chart
        # (print setup, afdrukken)
        self.blokken: list[tuple[int, int]] = []
        self.koprijen = koprijen
        self.herhaald = herhaald
        # the widest a column gets from its contents, where not MAX_BREEDTE (characters)
        self.maxbreedte: dict[int, float] = {}
        # paragraphs to merge over columns once their widths are known: (row, first column,
        # characters); merged: (row, first column, last column)
        self.alineas: list[tuple[int, int, float]] = []
        self.samengevoegd: list[tuple[int, int, int]] = []
        # charts and images: (column, width in points), for the printed width
        self.uitsteeksels: list[tuple[int, float]] = []

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

    def minstens(self, rij: int, hoogte: float) -> None:
        """Make row `rij` at least `hoogte` points high (a wrapped cell in it)."""
        if hoogte > self.hoogtes.get(rij, 0.0):
            self.rijhoogte(rij, hoogte)

    @property
    def grootte(self) -> float:
        """The font size of the sheet's text (points)."""
        return float(self._fmt("tekst").font_size)

    def tekst_hoogte(self, n: int) -> float:
        """Points of a row that holds `n` lines of wrapped text in the sheet's font: a line
        is 1,3 × the font size (Calibri 10: 13 points, as Excel fits it), plus a little
        room, rounded up to whole pixels (0,75 point); one line keeps the default height."""
        if n <= 1:
            return RIJHOOGTE
        return math.ceil((n * 1.3 * self.grootte + 2) / 0.75) * 0.75

    def omslaand(self, stijl: str) -> str:
        """The style `stijl` with its text wrapped in the cell (`stijl` itself when it wraps)."""
        return stijl if self._fmt(stijl).text_wrap else f"{stijl}_alinea"

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
        breedte, hoogte = (maat * schaal * 0.75 for maat in png_maat(png))
        rijen = math.ceil(hoogte / RIJHOOGTE) + 1
        self.uitsteeksels.append((kolom, breedte))
        self.blok(rij, rijen)
        return rijen

    def grafiek(self, rij: int, kolom: int, grafiek: Any, breedte: int, hoogte: int) -> None:
        """Insert a native chart of `breedte` × `hoogte` pixels at `rij`, `kolom`; its width
        counts in the printed width of the sheet, and a vertical page break does not cut it."""
        grafiek.set_size({"width": breedte, "height": hoogte})
        self.ws.insert_chart(rij, kolom, grafiek)
        self.uitsteeksels.append((kolom, breedte * 0.75))

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
        """A text cell. Measured (`meten`), it widens its column up to the column's widest
        (maxbreedte, else MAX_BREEDTE); a longer text is wrapped in the cell and its row made
        as high as the lines, rather than cut off by the next cell or spilling over empty
        ones. Unmeasured, it may run over the empty cells to its right (a section title)."""
        tekst = str(tekst)
        if meten:
            ruimte = self.maxbreedte.get(kolom, MAX_BREEDTE) - 2  # zet_breedtes: length + 2
            if len(tekst) > ruimte:
                stijl = self.omslaand(stijl)
                self.minstens(rij, self.tekst_hoogte(regels(tekst, ruimte, self.grootte)))
            self._meet(kolom, len(tekst))
        self._schrijf_tekst(rij, kolom, tekst, self._fmt(stijl))

    def sectietitel(self, rij: int, titel: str) -> None:
        """The title of a section or a table, in column 0. On a sheet that repeats its first
        columns on every printed page it is measured, so wrapped in the column when longer
        (a page to the right would show it cut at the column's edge); elsewhere it may run
        over the empty cells to its right."""
        self.tekst(rij, 0, titel, "ondertitel", meten=self.herhaald is not None)

    def tekstblok(
        self,
        rij: int,
        kolom: int,
        tekst: str,
        stijl: str = "tekst",
        breedte: float = TEKSTBREEDTE,
    ) -> None:
        """A paragraph in row `rij`: wrapped in cells merged from `kolom` over at least
        `breedte` characters (which columns is settled in zet_breedtes, once their widths
        are known), the row as high as its lines; so it neither widens the printed sheet
        nor runs off a page. Nothing else may stand in that row right of `kolom`."""
        self._schrijf_tekst(rij, kolom, tekst, self._fmt(self.omslaand(stijl)))
        self.minstens(rij, self.tekst_hoogte(regels(tekst, breedte - 2, self.grootte)))
        self.alineas.append((rij, kolom, breedte))

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
        n = 1
        for i, kop in enumerate(koppen):
            self._schrijf_tekst(rij, kolom0 + i, kop, self._fmt(stijl))
            self._meet(kolom0 + i, min(len(kop), 18))
            breedte = max(6, min(len(kop), 18))  # the column's width less the padding
            n = max(n, len(textwrap.wrap(kop, breedte, break_on_hyphens=False)))
        self.rijhoogte(rij, 15 * n)

    def titel(self, titel: str, toelichting: str, herkomst: str) -> None:
        """Row 0 title, row 1 what the sheet shows and in which units, row 2 the scenario
        line; rows 1 and 2 wrapped as paragraphs (tekstblok). In column titelkolom: right of
        the columns a sheet prints on every page, so that a page to the right does not show
        the title cut off."""
        kolom = self.titelkolom
        self.rijhoogte(0, 22)  # before the row's cells: rows are written in order
        self._schrijf_tekst(0, kolom, titel, self._fmt("titel"))
        # the title's own width, in characters of the body font (bold, 6 points larger)
        breedte = max(TEKSTBREEDTE, 1.7 * len(titel))
        self.tekstblok(1, kolom, toelichting, "ondertitel", breedte)
        self.tekstblok(2, kolom, herkomst, "notitie", breedte)

    def alinea(
        self, rij: int, kolom: int, tekst: str, tekens_per_regel: int = 100, stijl: str = "alinea"
    ) -> None:
        """Wrapped paragraph; the row height is set from the text length (Excel does not
        autofit rows of files it did not write itself)."""
        self._schrijf_tekst(rij, kolom, tekst, self._fmt(stijl))
        self.rijhoogte(rij, 15 * max(1, -(-len(tekst) // tekens_per_regel)))

    def zet_breedtes(self, minimum: float = 8, maximum: float = MAX_BREEDTE) -> None:
        """Each column as wide as its widest content + 2 (at least `minimum`, at most its
        maxbreedte or `maximum`); then the paragraphs (tekstblok) merged over the columns
        they need."""
        for (kolom, notatie), (positief, negatief) in self.getallen.items():
            if positief >= 0:  # −1: none written
                self._meet(kolom, _breedte_getal(positief, notatie))
            if negatief >= 0:
                self._meet(kolom, _breedte_getal(-negatief, notatie))
        self.getallen.clear()
        for kolom, lengte in self.breedte.items():
            grens = self.maxbreedte.get(kolom, maximum)
            self.kolombreedte(kolom, max(minimum, min(grens, lengte + 2)))
        for rij, kolom, tekens in self.alineas:
            laatste, som = kolom, self.kolombreedtes.get(kolom, STANDAARDBREEDTE)
            while som < tekens:
                laatste += 1
                som += self.kolombreedtes.get(laatste, STANDAARDBREEDTE)
            if laatste > kolom and _kan_samenvoegen(self.ws):
                # xlsxwriter's merge_range writes the first cell and blanks for the others,
                # which in constant_memory mode is only possible while the row is being
                # written, before the widths are known; the first cell holds the text
                # already, so only the range is recorded (written when the sheet closes)
                self.ws.merge.append([rij, kolom, rij, laatste])
                self.samengevoegd.append((rij, kolom, laatste))
        self.alineas.clear()

    def kolombreedte(self, kolom: int, breedte: float) -> None:
        self.ws.set_column(kolom, kolom, breedte)
        self.kolombreedtes[kolom] = breedte


def _kan_samenvoegen(ws: Any) -> bool:
    """Whether the worksheet keeps its merged ranges in the list ``merge`` that it writes
    when it closes (private in xlsxwriter, the same from 1.0 to 3.x). Without it a paragraph
    stays wrapped in its first cell, whose row height was set for the merged width: a long
    text is then cut on screen and paper, but the workbook is still written and correct."""
    return isinstance(getattr(ws, "merge", None), list)


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
