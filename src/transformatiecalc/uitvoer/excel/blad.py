"""A thin layer over an xlsxwriter worksheet with the habits every sheet keeps.

- Text from the scenario is always written with ``write_string``: a name that starts
  with ``=``, ``+``, ``-`` or ``@`` stays text (formula injection, OWASP ASVS 1.2.10).
- Every formula is written *with* the engine's value as its cached result, so readers
  that do not calculate (pandas, viewers, mail previews) show the right number.
- A missing value (NaN) becomes the text 'n.v.t.' rather than an empty or error cell.
- Column widths follow the widest content written.
"""

from __future__ import annotations

import io
import math
import re
import struct
import textwrap
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import CellFormulaTuple, CellNumberTuple, Worksheet

from ..versies import in_bereik

NVT = "n.v.t."
#: Excel's limits: characters in one cell, points of row height (xlsxwriter cuts longer
#: text without a word and writes any height).
MAX_TEKST = 32_767
MAX_RIJHOOGTE = 409.0


#: Printing: A4 landscape (11,69 × 8,27 inch) less the margins of :meth:`Blad.afdrukken`, in
#: points; a row is 15 points unless set otherwise.
MARGE_ZIJ, MARGE_BOVEN, MARGE_KOPVOET = 0.4, 0.7, 0.3
PAGINA_BREEDTE = (11.69 - 2 * MARGE_ZIJ) * 72
PAGINA_HOOGTE = (8.27 - 2 * MARGE_BOVEN) * 72
RIJHOOGTE = 15.0
#: The smallest scale at which a sheet fitted to one page wide still reads (a 10–11 pt
#: font at 60 % is 6–7 pt); a wider sheet is printed at PRINTSCHAAL_BREED % and runs
#: across pages, with its first columns repeated.
LEESBAAR = 0.6
PRINTSCHAAL_BREED = 70


@dataclass(frozen=True)
class Afdruk:
    """What the header and footer of every printed page say: the scenario, the date of the
    export and the provenance line (sha256, version)."""

    scenario: str
    datum: str
    herkomst: str


def _kopvoet(tekst: str, ruimte: int = 80) -> str:
    """Text for an Excel header or footer after a font size code (&8): '&' escaped as '&&',
    cut to `ruimte` characters without splitting an escaped '&&' (the whole header may hold
    255), and a leading digit kept apart from the code by a space (&8 then 03-12-2026 would
    be font size 803)."""
    tekst = tekst.replace("&", "&&")[:ruimte]
    if (len(tekst) - len(tekst.rstrip("&"))) % 2:
        tekst = tekst[:-1]
    return f" {tekst}" if tekst[:1].isdigit() else tekst


def kolombreedte_pt(breedte: float) -> float:
    """Printed width in points of a column `breedte` characters wide (Excel: 7 pixels per
    character of the default font plus 5 pixels padding, 0,75 point per pixel)."""
    return int(breedte * 7 + 5) * 0.75 if breedte > 0 else 0.0


def png_maat(png: bytes) -> tuple[int, int]:
    """Width and height in pixels of a PNG (from its IHDR chunk)."""
    breedte, hoogte = struct.unpack(">II", png[16:24])
    return int(breedte), int(hoogte)


class AfgekaptWaarschuwing(UserWarning):
    """A text was longer than an Excel cell holds and was cut, with a marker in the cell."""


#: The xlsxwriter versions :class:`Werkblad` was checked against, [from, to): the private
#: methods it overrides (_prepare_formula, _write_formula, _write_cell, _check_dimensions,
#: _write_single_row) and the row_info it reads are those of the 3.3 series (3.2 kept row
#: heights in set_rows), and its list of newer functions is that of 3.3.1's _prepare_formula.
#: tests/test_excel.py compares a whole workbook with stock xlsxwriter, byte for byte.
XLSXWRITER_GETEST = ((3, 3, 1), (3, 4))


def snelle_weg(versie: str | None = None) -> bool:
    """Whether :class:`Werkblad`'s fast paths may be used with this xlsxwriter (default: the
    installed one). Outside :data:`XLSXWRITER_GETEST` the sheets are stock xlsxwriter
    worksheets written through its public methods: slower, the same cells."""
    return in_bereik(versie or xlsxwriter.__version__, XLSXWRITER_GETEST)


# Without the future-functions option (which we never set; with it every formula goes the
# original way), xlsxwriter's _prepare_formula rewrites exactly these dynamic-array functions
# with an _xlfn. prefix, each as ``\bNAME\(`` — except SINGLE, whose pattern is ``\SINGLE\(``
# (any character before INGLE). Our formulas use only classic functions, so for them its 29
# regex substitutions per formula are pure overhead (most of the export time at 1 000
# panden). A formula that calls one of these, a name ending in INGLE or any dotted name
# (STDEV.S: conservative) goes the original way.
_NIEUWE_FUNCTIES = frozenset(
    (
        "ANCHORARRAY", "BYCOL", "BYROW", "CHOOSECOLS", "CHOOSEROWS", "DROP", "EXPAND", "FILTER",
        "HSTACK", "LAMBDA", "MAKEARRAY", "MAP", "RANDARRAY", "REDUCE", "SCAN", "SINGLE",
        "SEQUENCE", "SORT", "SORTBY", "SWITCH", "TAKE", "TEXTSPLIT", "TOCOL", "TOROW", "UNIQUE",
        "VSTACK", "WRAPCOLS", "WRAPROWS", "XLOOKUP",
    )
)  # fmt: skip
_FUNCTIEAANROEP = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\(")


def _alle_klassiek(formules: Sequence[str]) -> bool:
    """_klassiek for every formula of a row at once: one scan over the row's text, each
    distinct function name looked at once (a row repeats the same functions)."""
    tekst = "".join(formules)
    if "{" in tekst or "}" in tekst:
        return all(_klassiek(f) for f in formules)
    namen = {naam.upper() for naam in _FUNCTIEAANROEP.findall(tekst)}
    return not any(n in _NIEUWE_FUNCTIES or "." in n or n.endswith("INGLE") for n in namen)


def _klassiek(formule: str) -> bool:
    """True when xlsxwriter's _prepare_formula would only strip the leading '='."""
    if formule.startswith("{") or formule.endswith("}"):
        return False
    if "(" not in formule:
        return True
    for naam in _FUNCTIEAANROEP.findall(formule):
        groot = naam.upper()
        if groot in _NIEUWE_FUNCTIES or "." in groot or groot.endswith("INGLE"):
            return False
    return True


#: Error values a formula's cached result may be (xlsxwriter writes them with t="e").
_FOUTCODES = frozenset(("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"))


def _xml(tekst: str) -> str:
    """Escape XML data the way xlsxwriter does for cell contents (&, < and >)."""
    if "&" in tekst or "<" in tekst or ">" in tekst:
        return tekst.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return tekst


class Werkblad(Worksheet):  # type: ignore[misc]
    """xlsxwriter's Worksheet with fast paths for the cells a workbook has most of.

    A workbook of 1 000 panden holds ±700 000 formulas; per formula xlsxwriter runs some
    30 regex substitutions (for _xlfn. prefixes our classic functions never need), a
    dynamic-array check and, when writing, XML escaping that raises and catches a
    TypeError for every number. The fast paths below produce the same XML, byte for
    byte (tests/test_excel.py compares a whole workbook with stock xlsxwriter); any
    formula that mentions a newer function, or an array formula, goes the original way.
    """

    def _check_dimensions(
        self, row: int, col: int, ignore_row: bool = False, ignore_col: bool = False
    ) -> int:
        uit = int(super()._check_dimensions(row, col, ignore_row, ignore_col))
        if uit == -2:  # constant_memory: the row is on disk already; xlsxwriter drops the cell
            raise RuntimeError(
                f"blad {self.name}: rij {row + 1} is al weggeschreven (rijen gaan op volgorde)"
            )
        return uit

    def _write_single_row(self, current_row_num: int = 0) -> None:
        """constant_memory: write the finished row, and also the rows between it and the
        next that have a height but no cells (stock xlsxwriter drops those; the logo row)."""
        vorige = self.previous_row
        super()._write_single_row(current_row_num)
        tot = current_row_num if current_row_num > vorige else None  # None: closing
        for rij in sorted(r for r in self.row_info if r > vorige and (tot is None or r < tot)):
            self._write_empty_row(rij, None, self.row_info[rij])

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        if self.use_future_functions or expand_future_functions or not _klassiek(formula):
            return str(super()._prepare_formula(formula, expand_future_functions))
        return formula[1:] if formula.startswith("=") else formula

    def _write_formula(
        self, row: int, col: int, formula: str, cell_format: Any = None, value: Any = 0
    ) -> int:
        if self.use_future_functions or not formula or not _klassiek(formula):
            return int(super()._write_formula(row, col, formula, cell_format, value))
        if self._check_dimensions(row, col):
            return -1
        if self.constant_memory and row > self.previous_row:
            self._write_single_row(row)
        formule = formula[1:] if formula.startswith("=") else formula
        self.table[row][col] = CellFormulaTuple(formule, cell_format, value)
        return 0

    def formulerij(
        self, row: int, col0: int, formules: Sequence[str], cell_format: Any, waarden: Sequence[Any]
    ) -> None:
        """Formulas in consecutive cells of one row, with their cached values: the same as
        _write_formula per cell, with the check for newer functions once for the row."""
        laatste = col0 + len(formules) - 1
        if (
            self.use_future_functions
            or not formules
            or not _alle_klassiek(formules)
            or self._check_dimensions(row, col0)
            or self._check_dimensions(row, laatste)
        ):
            for i, (formule, waarde) in enumerate(zip(formules, waarden, strict=True)):
                self._write_formula(row, col0 + i, formule, cell_format, waarde)
            return
        if self.constant_memory and row > self.previous_row:
            self._write_single_row(row)
        cellen = self.table[row]
        for i, (formule, waarde) in enumerate(zip(formules, waarden, strict=True)):
            tekst = formule[1:] if formule.startswith("=") else formule
            cellen[col0 + i] = CellFormulaTuple(tekst, cell_format, waarde)

    def _write_cell(self, row: int, col: int, cell: Any) -> None:
        soort = type(cell)
        if not cell.format or (soort is not CellFormulaTuple and soort is not CellNumberTuple):
            super()._write_cell(row, col, cell)
            return
        ref = xl_rowcol_to_cell_fast(row, col)
        xf = cell.format._get_xf_index()
        if soort is CellNumberTuple:
            self.fh.write(f'<c r="{ref}" s="{xf}"><v>{cell.number:.16G}</v></c>')
            return
        waarde, t = cell.value, ""
        if isinstance(waarde, bool):
            waarde, t = int(waarde), ' t="b"'
        elif isinstance(waarde, str):
            if waarde in _FOUTCODES:
                t = ' t="e"'
            elif waarde:
                t = ' t="str"'
            waarde = _xml(waarde)
        self.fh.write(f'<c r="{ref}" s="{xf}"{t}><f>{_xml(cell.formula)}</f><v>{waarde}</v></c>')


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


class Blad:
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

    def blok(self, rij: int, rijen: int = 0) -> None:
        """Mark a block from `rij` that a printed page should not split (`rijen`: its rows,
        0 for up to the next block or the end of the sheet)."""
        self.blokken.append((rij, rijen))

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

    def afdrukken(
        self,
        afdruk: Afdruk,
        koprijen: tuple[int, int] | None = None,
        kolommen: tuple[int, int] | None = None,
    ) -> None:
        """A4 landscape; the header rows `koprijen` and the columns `kolommen` (first, last)
        repeated on every page; one page wide only where the sheet then still reads
        (LEESBAAR), else at PRINTSCHAAL_BREED % across pages; a page break before a block
        (blok) that would not fit on the page; scenario, sheet and date in the header, the
        provenance and 'Pagina n van m' in the footer. Call after zet_breedtes."""
        ws = self.ws
        ws.set_paper(9)
        ws.set_landscape()
        ws.set_margins(left=MARGE_ZIJ, right=MARGE_ZIJ, top=MARGE_BOVEN, bottom=MARGE_BOVEN)
        schaal = self.schaal()
        if schaal >= LEESBAAR:
            ws.fit_to_pages(1, 0)
        else:
            ws.set_print_scale(PRINTSCHAAL_BREED)
            schaal = PRINTSCHAAL_BREED / 100
        herhaald = 0.0
        if koprijen is not None:
            ws.repeat_rows(*koprijen)
            herhaald = sum(self.hoogte(r) for r in range(koprijen[0], koprijen[1] + 1))
        if kolommen is not None:
            ws.repeat_columns(*kolommen)
        einden = self.pagina_einden(PAGINA_HOOGTE / schaal - herhaald)
        if einden:
            ws.set_h_pagebreaks(einden)
        ws.set_header(
            f"&L&8{_kopvoet(afdruk.scenario)}&C&8&A&R&8{_kopvoet(afdruk.datum, 20)}",
            {"margin": MARGE_KOPVOET},
        )
        ws.set_footer(
            f"&L&8{_kopvoet(afdruk.herkomst, 160)}&R&8Pagina &P van &N",
            {"margin": MARGE_KOPVOET},
        )

    def hoogte(self, rij: int) -> float:
        return self.hoogtes.get(rij, RIJHOOGTE)

    def schaal(self) -> float:
        """The scale at which the sheet's columns fit one page wide (at most 1)."""
        laatste = max([*self.kolombreedtes, int(self.ws.dim_colmax or 0)])
        breedte = sum(kolombreedte_pt(self.kolombreedtes.get(k, 8.43)) for k in range(laatste + 1))
        return min(1.0, PAGINA_BREEDTE / breedte) if breedte else 1.0

    def pagina_einden(self, per_pagina: float) -> list[int]:
        """Rows to break the page before, so that no block is split that fits on a page
        (`per_pagina`: the points of rows a page holds at the print scale)."""
        einde = int(self.ws.dim_rowmax or 0) + 1
        blokken = sorted(self.blokken)
        grenzen = [(start, start + rijen if rijen else None) for start, rijen in blokken]
        einden: list[int] = []
        gebruikt = sum(self.hoogte(r) for r in range(blokken[0][0])) if blokken else 0.0
        for i, (start, stop) in enumerate(grenzen):
            volgende = grenzen[i + 1][0] if i + 1 < len(grenzen) else max(einde, stop or 0)
            stop = volgende if stop is None else max(stop, volgende)
            h = sum(self.hoogte(r) for r in range(start, stop))
            if gebruikt > 0 and gebruikt + h > per_pagina and len(einden) < 1023:
                einden.append(start)
                gebruikt = 0.0
            # a block longer than a page ends where the renderer's row heights say (Excel
            # 15 points, LibreOffice less): the next block then starts a page of its own
            gebruikt = per_pagina if gebruikt + h > per_pagina else gebruikt + h
        return einden

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
