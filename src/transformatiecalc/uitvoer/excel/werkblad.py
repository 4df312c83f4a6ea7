"""xlsxwriter's Worksheet with fast paths for the cells a workbook has most of (formulas and
numbers), producing the same XML byte for byte; used only with the xlsxwriter versions it was
checked against (:func:`snelle_weg`), else :class:`.blad.Blad` writes stock worksheets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import CellFormulaTuple, CellNumberTuple, Worksheet

from ..versies import in_bereik

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
