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
from typing import Any

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

NVT = "n.v.t."

# Every function xlsxwriter's _prepare_formula may rewrite with an _xlfn. prefix (dynamic
# arrays always; "future functions" when that option is on). Our formulas use only classic
# functions, so for them the 29 regex substitutions per formula are pure overhead (90 % of
# the export time at 1 000 panden); any formula that mentions one of these goes the slow,
# original way.
_NIEUWE_FUNCTIES = re.compile(
    r"\b(?:ANCHORARRAY|BYCOL|BYROW|CHOOSECOLS|CHOOSEROWS|DROP|EXPAND|FILTER|HSTACK|LAMBDA|"
    r"MAKEARRAY|MAP|RANDARRAY|REDUCE|SCAN|SINGLE|SEQUENCE|SORT|SORTBY|SWITCH|TAKE|TEXTSPLIT|"
    r"TOCOL|TOROW|UNIQUE|VSTACK|WRAPCOLS|WRAPROWS|XLOOKUP|LET|IFS|MAXIFS|MINIFS|CONCAT|TEXTJOIN|"
    r"XMATCH|STDEV\.|NORM\.|[A-Z]+\.[A-Z])",
)


class Werkblad(Worksheet):  # type: ignore[misc]
    """xlsxwriter's Worksheet with a fast path for formulas that need no _xlfn. prefixes."""

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        if (
            self.use_future_functions
            or expand_future_functions
            or formula.startswith("{")
            or _NIEUWE_FUNCTIES.search(formula)
        ):
            return str(super()._prepare_formula(formula, expand_future_functions))
        return formula[1:] if formula.startswith("=") else formula


_CELREF = re.compile(r"^[A-Za-z]{1,3}[0-9]+$")
_R1C1 = re.compile(r"^[Rr][0-9]*[Cc][0-9]*$")
_NAAM = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


def cel(rij: int, kolom: int, blad: str | None = None, absoluut: bool = True) -> str:
    """A1 reference, optionally on another sheet: 'Residuele waarde'!$C$6."""
    ref = xl_rowcol_to_cell(rij, kolom, row_abs=absoluut, col_abs=absoluut)
    return f"'{blad}'!{ref}" if blad else ref


def bereik(rij0: int, kol0: int, rij1: int, kol1: int, blad: str | None = None) -> str:
    """A1 range reference, absolute."""
    ref = f"{cel(rij0, kol0)}:{cel(rij1, kol1)}"
    return f"'{blad}'!{ref}" if blad else ref


def kolomnaam(kolom: int) -> str:
    return str(xl_col_to_name(kolom))


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
        self.ws: Worksheet = werkboek.add_worksheet(naam, worksheet_class=Werkblad)
        self.formaten = formaten
        self.breedte: dict[int, float] = {}

    def _fmt(self, stijl: str, notatie: str = "") -> Any:
        return self.formaten[(stijl, notatie)]

    def _meet(self, kolom: int, lengte: float) -> None:
        self.breedte[kolom] = max(self.breedte.get(kolom, 0.0), lengte)

    def tekst(
        self, rij: int, kolom: int, tekst: str, stijl: str = "tekst", meten: bool = True
    ) -> None:
        self.ws.write_string(rij, kolom, str(tekst), self._fmt(stijl))
        if meten:
            self._meet(kolom, len(str(tekst)))

    def getal(
        self, rij: int, kolom: int, waarde: float | None, stijl: str = "tekst", notatie: str = ""
    ) -> None:
        if waarde is None or (isinstance(waarde, float) and not math.isfinite(waarde)):
            self.tekst(rij, kolom, NVT, stijl)
            return
        self.ws.write_number(rij, kolom, float(waarde), self._fmt(stijl, notatie))
        self._meet(kolom, _breedte_getal(float(waarde), notatie))

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
        self.ws.write_formula(rij, kolom, formule, self._fmt(stijl, notatie), waarde)
        if isinstance(waarde, int | float) and not isinstance(waarde, bool):
            self._meet(kolom, _breedte_getal(float(waarde), notatie))

    def kopregel(self, rij: int, koppen: list[str], kolom0: int = 0) -> None:
        for i, kop in enumerate(koppen):
            self.ws.write_string(rij, kolom0 + i, kop, self._fmt("kop"))
            self._meet(kolom0 + i, min(len(kop), 18))
        self.ws.set_row(rij, 30)

    def titel(self, titel: str, toelichting: str, herkomst: str) -> None:
        """Row 0 title, row 1 what the sheet shows and in which units, row 2 the scenario line."""
        self.ws.write_string(0, 0, titel, self._fmt("titel"))
        self.ws.write_string(1, 0, toelichting, self._fmt("ondertitel"))
        self.ws.write_string(2, 0, herkomst, self._fmt("notitie"))
        self.ws.set_row(0, 22)

    def alinea(
        self, rij: int, kolom: int, tekst: str, tekens_per_regel: int = 100, stijl: str = "alinea"
    ) -> None:
        """Wrapped paragraph; the row height is set from the text length (Excel does not
        autofit rows of files it did not write itself)."""
        self.ws.write_string(rij, kolom, tekst, self._fmt(stijl))
        regels = max(1, -(-len(tekst) // tekens_per_regel))
        self.ws.set_row(rij, 15 * regels)

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
        ws.set_footer(f"&L&8{tekst}&R&8blad &P van &N")

    def zet_breedtes(self, minimum: float = 8, maximum: float = 48) -> None:
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
