"""Guarding the inputs on Uitgangspunten like the YAML is guarded (issue #16).

Each input cell gets a data-validation rule taken from the schema itself, never retyped:

- a choice (a ``Literal`` of the pydantic model) becomes a list of the same options;
- a number gets the bounds of its ``Field`` constraints (:func:`..schema.grenzen.grenzen_van`),
  whole or decimal, with the Dutch words of the YAML message as its error text;
- a ja/nee value must be TRUE or FALSE.

A locked cell (a value the workbook cannot recalculate from) gets an input message
saying why. Cells are collected while the sheet is written and each rule is written once
at the end over all its cells (xlsxwriter's ``multi_range``), so 1 000 panden add a
handful of rules, not thousands; a rule whose formula refers to the cell itself
(``custom``) is written once per column run, its formula relative to the run's first cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from ...schema.grenzen import GRENSWOORDEN as _GRENSWOORDEN
from ...schema.grenzen import Grenzen, getal_tekst, grenzen_van, ontdaan
from .blad import cel

Stap = str | int
#: Excel's limits on a validation's texts (xlsxwriter refuses longer ones).
MAX_TITEL, MAX_BERICHT, MAX_LIJST = 32, 255, 255
FOUTTITEL = "Ongeldige invoer"


@dataclass(frozen=True)
class Regel:
    """One data-validation rule: xlsxwriter's options without the range, hashable.

    `formule`: for ``custom`` rules, the formula with ``{c}`` for the cell itself (``{c1}``
    for the cell to its right, ``{c_1}`` for the cell to its left), filled in per run."""

    opties: tuple[tuple[str, Any], ...]
    formule: str | None = None

    def voor(self, rij: int, kolom: int) -> dict[str, Any]:
        opties = dict(self.opties)
        if self.formule is not None:
            opties["value"] = self.formule.format(
                c=cel(rij, kolom, absoluut=False),
                c1=cel(rij, kolom + 1, absoluut=False),
                c_1=cel(rij, max(kolom - 1, 0), absoluut=False),
            )
        return opties


def stappen(pad: str) -> tuple[Stap, ...]:
    """'panden[2].transformatie.start' → ('panden', 2, 'transformatie', 'start')."""
    uit: list[Stap] = []
    for deel in pad.replace("]", "").split("."):
        naam, _, index = deel.partition("[")
        uit.append(naam)
        if index:
            uit.append(int(index))
    return tuple(uit)


def veldtype(wortel: BaseModel, weg: Sequence[Stap]) -> tuple[Any, list[Any], str]:
    """The declared type and Field metadata of the value at `weg` below `wortel` (a dict
    or list item has its container's item type), and the name of its field."""
    klasse, veld, items = _veld(wortel, weg)
    return _veldtype(klasse, veld, items)


def _veld(wortel: BaseModel, weg: Sequence[Stap]) -> tuple[type[BaseModel], str, int]:
    """The model class and field that hold the value at `weg`, and how many container
    steps (dict keys, list positions) lie below the field."""
    hier: Any = wortel
    klasse, veld, items = type(wortel), "", 0
    for stap in weg:
        if isinstance(hier, BaseModel):
            klasse, veld, items = type(hier), str(stap), 0
            hier = getattr(hier, veld)
        else:
            items += 1
            if isinstance(hier, dict):
                hier = hier.get(stap)
            elif isinstance(hier, list):  # an item past its end (a longer spread): no value
                hier = hier[int(stap)] if int(stap) < len(hier) else None
            else:
                hier = None
    return klasse, veld, items


@cache
def _veldtype(klasse: type[BaseModel], veld: str, items: int) -> tuple[Any, list[Any], str]:
    info = klasse.model_fields[veld]
    tp, metadata = info.annotation, list(info.metadata)
    for _ in range(items):
        kaal, _ = ontdaan(tp)
        args = get_args(kaal)
        tp, metadata = (args[-1] if get_origin(kaal) is dict else args[0]), []
    return tp, metadata, veld


def keuzes(tp: Any) -> tuple[str, ...] | None:
    """The options of a Literal type (Annotated and Optional stripped), else None."""
    kaal, _ = ontdaan(tp)
    if get_origin(kaal) is Literal:
        return tuple(str(a) for a in get_args(kaal))
    return None


def _komma(tekst: str) -> str:
    """Decimal points of the numbers in a message as Dutch commas (0.055 → 0,055)."""
    return re.sub(r"(\d)\.(\d)", r"\1,\2", tekst)


def grenstekst(g: Grenzen) -> str:
    """The bounds in the words of the YAML message (laden/vertaling.py): 'moet minstens 0
    zijn en mag hoogstens 1 zijn', with a hint like the YAML message's for 5.5 meant as 5,5 %."""
    delen: list[str] = ["een geheel getal"] if g.geheel else []
    if g.laag is not None:
        soort = "greater_than" if g.laag_open else "greater_than_equal"
        delen.append(_GRENSWOORDEN[soort].format(g=getal_tekst(g.laag)))
    if g.hoog is not None:
        soort = "less_than" if g.hoog_open else "less_than_equal"
        delen.append(_GRENSWOORDEN[soort].format(g=getal_tekst(g.hoog)))
    tekst = " en ".join(delen)
    if g.hoog is not None and g.hoog <= 1:
        tekst += "; percentages schrijf je als fractie: 5,5 % = 0,055"
    return _komma(tekst)


def _fout(sleutel: str, tekst: str) -> tuple[tuple[str, Any], ...]:
    return (
        ("error_title", FOUTTITEL),
        ("error_message", f"{sleutel}: {tekst}"[:MAX_BERICHT]),
        ("error_type", "stop"),
    )


def getalregel(g: Grenzen, sleutel: str) -> Regel | None:
    """The rule of a number with bounds `g` (None: unbounded and not whole)."""
    soort = "whole" if g.geheel else "decimal"
    fout = _fout(sleutel, grenstekst(g) or "verwacht een getal")
    laag, hoog = g.laag, g.hoog
    if laag is not None and hoog is not None and g.laag_open == g.hoog_open:
        if not g.laag_open:
            criterium = (("criteria", "between"), ("minimum", laag), ("maximum", hoog))
            return Regel((("validate", soort), *criterium, *fout))
    elif laag is not None and hoog is None:
        teken = ">" if g.laag_open else ">="
        return Regel((("validate", soort), ("criteria", teken), ("value", laag), *fout))
    elif hoog is not None and laag is None:
        teken = "<" if g.hoog_open else "<="
        return Regel((("validate", soort), ("criteria", teken), ("value", hoog), *fout))
    elif laag is None and hoog is None:
        if not g.geheel:
            return Regel((("validate", "decimal"), ("criteria", ">="), ("value", -1e300), *fout))
        return Regel((("validate", "whole"), ("criteria", ">="), ("value", -(2**31)), *fout))
    # one bound open, the other closed: a formula (Excel's criteria take one kind)
    delen = ["ISNUMBER({c})"]
    if g.geheel:
        delen.append("{c}=INT({c})")
    if laag is not None:
        delen.append(f"{{c}}{'>' if g.laag_open else '>='}{getal_tekst(laag)}")
    if hoog is not None:
        delen.append(f"{{c}}{'<' if g.hoog_open else '<='}{getal_tekst(hoog)}")
    return Regel((("validate", "custom"), *fout), "=AND(" + ",".join(delen) + ")")


def keuzeregel(opties: Sequence[str], sleutel: str) -> Regel:
    """A list of the schema's options, in its order."""
    tekst = f"ongeldige waarde; toegestaan: {', '.join(opties)}"
    return Regel((("validate", "list"), ("source", tuple(opties)), *_fout(sleutel, tekst)))


def janeeregel(sleutel: str) -> Regel:
    return Regel(
        (("validate", "custom"), *_fout(sleutel, "verwacht WAAR of ONWAAR (TRUE of FALSE)")),
        "=ISLOGICAL({c})",
    )


def vastregel(reden: str) -> Regel:
    """No restriction (the cell is locked by the sheet's protection): a message on selecting."""
    return Regel(
        (
            ("validate", "any"),
            ("input_title", "Vast"[:MAX_TITEL]),
            ("input_message", reden[:MAX_BERICHT]),
        )
    )


def regel_voor(wortel: BaseModel, weg: Sequence[Stap]) -> Regel | None:
    """The rule of the scenario value at `weg`, from its declared type (None: text). The
    message names the field, not the path, so all cells of a field share one rule."""
    return _regel(*_veld(wortel, weg))


def regel_van_veld(klasse: type[BaseModel], veld: str, items: int = 0) -> Regel | None:
    """The rule of field `veld` of model `klasse` (`items`: container steps below the
    field, 1 for the values of a dict or the items of a list); the panden template
    (:mod:`.sjabloon`) asks per column."""
    return _regel(klasse, veld, items)


@cache
def _regel(klasse: type[BaseModel], veld: str, items: int) -> Regel | None:
    tp, metadata, sleutel = _veldtype(klasse, veld, items)
    opties = keuzes(tp)
    if opties is not None:
        return keuzeregel(opties, sleutel)
    kaal, _ = ontdaan(tp)
    if kaal is bool:
        return janeeregel(sleutel)
    if kaal in (int, float):
        return getalregel(grenzen_van(tp, metadata), sleutel)
    return None


@dataclass
class Bewaking:
    """The rules of one sheet and their cells, written at the end (:meth:`schrijf`)."""

    cellen: dict[Regel, list[tuple[int, int]]] = field(default_factory=dict)

    def voeg_toe(self, regel: Regel, rij: int, kolom: int) -> None:
        self.cellen.setdefault(regel, []).append((rij, kolom))

    def schrijf(self, data_validation: Callable[..., Any]) -> None:
        """One rule over all its cells (per column run for a formula of the cell itself)."""
        for regel, cellen in self.cellen.items():
            runs = _runs(cellen)
            if regel.formule is not None:
                for r0, k, r1 in runs:
                    data_validation(r0, k, r1, k, regel.voor(r0, k))
                continue
            opties = regel.voor(runs[0][0], runs[0][1])
            if len(runs) > 1:
                opties["multi_range"] = " ".join(_bereik(r0, k, r1) for r0, k, r1 in runs)
            r0, k, r1 = runs[0]
            opties = {
                sleutel: list(waarde) if isinstance(waarde, tuple) else waarde
                for sleutel, waarde in opties.items()
            }
            data_validation(r0, k, r1, k, opties)


#: Cells of the map (:class:`.uitgangspunten.Kaartregel`) one may change: an emptied one
#: is read as 0 or nothing by the formulas, so it turns red (:func:`leeg_rood`).
INVOERSOORTEN = ("invoer", "standaard", "afgeleid")


def leeg_rood(
    conditional_format: Callable[..., Any], cellen: list[tuple[int, int]], opmaak: Any
) -> None:
    """One conditional format over `cellen` (input cells that held a value): red when
    emptied. Excel's data validation does not fire on Delete, and the formulas then count
    the cell as 0 or nothing, silently; ``uit-werkboek`` refuses such a cell."""
    runs = _runs(cellen)
    if not runs:
        return
    r0, k, r1 = runs[0]
    opties: dict[str, Any] = {"type": "blanks", "format": opmaak}
    if len(runs) > 1:
        opties["multi_range"] = " ".join(_bereik(a, kol, b) for a, kol, b in runs)
    conditional_format(r0, k, r1, k, opties)


def _bereik(r0: int, k: int, r1: int) -> str:
    a = cel(r0, k, absoluut=False)
    return a if r0 == r1 else f"{a}:{cel(r1, k, absoluut=False)}"


def _runs(cellen: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """The cells as runs of consecutive rows per column: (first row, column, last row)."""
    runs: list[tuple[int, int, int]] = []
    for rij, kolom in sorted(set(cellen), key=lambda c: (c[1], c[0])):
        if runs and runs[-1][1] == kolom and runs[-1][2] == rij - 1:
            runs[-1] = (runs[-1][0], kolom, rij)
        else:
            runs.append((rij, kolom, rij))
    return runs
