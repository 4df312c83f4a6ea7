"""A thin layer over an xlsxwriter worksheet with the habits every sheet keeps.

- Text from the scenario is always written with ``write_string``: a name that starts
  with ``=``, ``+``, ``-`` or ``@`` stays text (formula injection, OWASP ASVS 1.2.10).
- Every formula is written *with* the engine's value as its cached result, so readers
  that do not calculate (pandas, viewers, mail previews) show the right number.
- A missing value (NaN) becomes the text 'n.v.t.' rather than an empty or error cell.
- Column widths follow the widest content written.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Sequence
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
        self.ws.set_row(rij, min(hoogte, MAX_RIJHOOGTE))

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

    def kopregel(self, rij: int, koppen: list[str], kolom0: int = 0) -> None:
        for i, kop in enumerate(koppen):
            self._schrijf_tekst(rij, kolom0 + i, kop, self._fmt("kop"))
            self._meet(kolom0 + i, min(len(kop), 18))
        self.ws.set_row(rij, 30)

    def titel(self, titel: str, toelichting: str, herkomst: str) -> None:
        """Row 0 title, row 1 what the sheet shows and in which units, row 2 the scenario line."""
        self.ws.set_row(0, 22)  # before the row's cells: rows are written in order
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

    def afdrukken(self, kopregel: int | None, voettekst: str) -> None:
        """A4 landscape, one page wide, header row repeated, page numbers in the footer."""
        ws = self.ws
        ws.set_paper(9)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        if kopregel is not None:
            ws.repeat_rows(kopregel)
        tekst = voettekst.replace("&", "&&")[:180]
        if (len(tekst) - len(tekst.rstrip("&"))) % 2:  # the cut split an escaped "&&"
            tekst = tekst[:-1]
        ws.set_footer(f"&L&8{tekst}&R&8blad &P van &N")

    def zet_breedtes(self, minimum: float = 8, maximum: float = 48) -> None:
        for (kolom, notatie), (positief, negatief) in self.getallen.items():
            if positief >= 0:  # −1: none written
                self._meet(kolom, _breedte_getal(positief, notatie))
            if negatief >= 0:
                self._meet(kolom, _breedte_getal(-negatief, notatie))
        self.getallen.clear()
        for kolom, lengte in self.breedte.items():
            self.ws.set_column(kolom, kolom, max(minimum, min(maximum, lengte + 2)))


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
