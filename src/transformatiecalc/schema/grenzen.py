"""Bounds of scenario values: the hard range of each field and its plausible range.

Every numeric field has a hard range (its ``Field`` constraints: the arithmetic stays
finite, 5.5 for 5,5 % is caught); some also carry a :class:`~.basis.Plausibel` range, the
values met in practice. The hard range is checked by pydantic field by field; this module
reads both from the same declarations to check what pydantic cannot:

- every value against its plausible range, unless ``conventies.ruime_grenzen`` frees it;
- the programme of a pand in total (woningen × bvo_per_woning plus bvo);
- the range an ``onzekerheid`` distribution can draw, against the target's both ranges.

One declaration per quantity serves the checks, the messages and docs/scenario.md.
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

import annotated_types as at
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..fouten import pad_tekst
from .basis import BVO_PER_PAND, BVO_PER_PAND_MAX, WONINGEN_PER_PAND, Plausibel
from .paden import PadFout, Stap, zoek

Plek = tuple[Stap, ...]

#: How to go outside a plausible range deliberately (ends every plausibility message).
BEWUST = "conventies.ruime_grenzen: true of noem dit pad in die lijst"


def getal_tekst(x: float) -> str:
    """A number as the messages show it: 5.0 → '5', 0.055 → '0.055', and 12 significant
    digits, so 0.05 − 4 · 0.05 shows as '-0.15' and not '-0.15000000000000002'."""
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else format(x, ".12g")


#: A bound in Dutch, per pydantic bound type ({g}: the bound): one wording for the messages of
#: validation (laden/vertaling.py), of analysis ranges (here) and of the workbook's rules.
GRENSWOORDEN = {
    "greater_than_equal": "moet minstens {g} zijn",
    "greater_than": "moet groter zijn dan {g}",
    "less_than_equal": "mag hoogstens {g} zijn",
    "less_than": "moet kleiner zijn dan {g}",
}


@dataclass(frozen=True)
class Grenzen:
    """The hard range of a numeric field (None: no bound), whether it is whole, and its
    plausible range (None: every value in the hard range is plausible)."""

    laag: float | None = None
    laag_open: bool = False
    hoog: float | None = None
    hoog_open: bool = False
    geheel: bool = False
    plausibel: Plausibel | None = None

    def hard(self, a: float, b: float) -> str | None:
        """Dutch text of the hard bound that [a, b] crosses, else None."""
        if self.laag is not None and (a < self.laag or (self.laag_open and a == self.laag)):
            soort = "greater_than" if self.laag_open else "greater_than_equal"
            return GRENSWOORDEN[soort].format(g=getal_tekst(self.laag))
        if self.hoog is not None and (b > self.hoog or (self.hoog_open and b == self.hoog)):
            soort = "less_than" if self.hoog_open else "less_than_equal"
            return GRENSWOORDEN[soort].format(g=getal_tekst(self.hoog))
        return None

    def onplausibel(self, a: float, b: float) -> str | None:
        """Dutch text when [a, b] leaves the plausible range, else None."""
        p = self.plausibel
        if p is None or p.laag <= a <= b <= p.hoog:
            return None
        return f"buiten het plausibele bereik {bereik_tekst(p)}"

    def tekst(self) -> str:
        """The ranges for docs/scenario.md: '≥ 0,001, ≤ 0,3; plausibel 0,01 … 0,25'."""
        delen = []
        if self.laag is not None:
            delen.append(f"{'>' if self.laag_open else '≥'} {_komma(self.laag)}")
        if self.hoog is not None:
            delen.append(f"{'<' if self.hoog_open else '≤'} {_komma(self.hoog)}")
        tekst = ", ".join(delen)
        if self.plausibel is not None:
            p = self.plausibel
            tekst += f"; plausibel {_komma(p.laag)} … {_komma(p.hoog)}"
        return tekst


def bereik_tekst(p: Plausibel) -> str:
    """'0.01 … 0.25 (bron: …)' for messages."""
    return f"{getal_tekst(p.laag)} … {getal_tekst(p.hoog)} (bron: {p.bron})"


def _komma(x: float) -> str:
    return getal_tekst(x).replace(".", ",")


def _plat(metadata: Sequence[Any]) -> list[Any]:
    """Constraints, with those of a Field() inside Annotated taken out of it."""
    uit: list[Any] = []
    for m in metadata:
        uit.extend(_plat(m.metadata) if isinstance(m, FieldInfo) else [m])
    return uit


def ontdaan(tp: Any) -> tuple[Any, list[Any]]:
    """Strip Annotated[...] and Optional[...]: the bare type and the metadata met."""
    metadata: list[Any] = []
    while True:
        if get_origin(tp) is not None and hasattr(tp, "__metadata__"):
            metadata += list(tp.__metadata__)
            tp = get_args(tp)[0]
            continue
        if get_origin(tp) in (Union, types.UnionType):
            leden = [a for a in get_args(tp) if a is not type(None)]
            if len(leden) == 1:
                tp = leden[0]
                continue
        return tp, metadata


def grenzen_van(tp: Any, metadata: Sequence[Any] = ()) -> Grenzen:
    """The bounds declared by a type (Annotated, Optional) and extra field metadata."""
    kaal, eigen = ontdaan(tp)
    waarden: dict[str, Any] = {"geheel": kaal is int}
    for m in _plat([*metadata, *eigen]):
        if isinstance(m, at.Ge):
            waarden |= {"laag": m.ge, "laag_open": False}
        elif isinstance(m, at.Gt):
            waarden |= {"laag": m.gt, "laag_open": True}
        elif isinstance(m, at.Le):
            waarden |= {"hoog": m.le, "hoog_open": False}
        elif isinstance(m, at.Lt):
            waarden |= {"hoog": m.lt, "hoog_open": True}
        elif isinstance(m, Plausibel):
            waarden["plausibel"] = m
    return Grenzen(**waarden)


def _item(tp: Any) -> Grenzen | None:
    """The bounds of the items of a dict or list type, else None."""
    kaal, _ = ontdaan(tp)
    if get_origin(kaal) is dict:
        return grenzen_van(get_args(kaal)[1])
    if get_origin(kaal) is list:
        return grenzen_van(get_args(kaal)[0])
    return None


@cache
def _plan(klasse: type[BaseModel]) -> dict[str, tuple[Grenzen, Grenzen | None]]:
    """Per field of `klasse`: its bounds and, for a dict or list, those of its items."""
    return {
        naam: (grenzen_van(info.annotation, info.metadata), _item(info.annotation))
        for naam, info in klasse.model_fields.items()
    }


@cache
def _te_doorlopen(klasse: type[BaseModel]) -> tuple[tuple[str, Grenzen, Grenzen | None], ...]:
    """The fields of `klasse` that may hold a number with a plausible range: one with a
    range itself or on its items, or whose type may hold a model (or anything)."""
    uit = []
    for naam, (eigen, item) in _plan(klasse).items():
        bereik = eigen.plausibel is not None or (item is not None and item.plausibel is not None)
        if bereik or _kan_model_houden(klasse.model_fields[naam].annotation):
            uit.append((naam, eigen, item))
    return tuple(uit)


def _kan_model_houden(tp: Any) -> bool:
    """Might a value of type `tp` hold a model? Yes for a model, and for what this cannot
    see into (Any, object, a bare container, an alias or a forward reference); no for a
    Literal and a plain class; else as its arguments."""
    if get_origin(tp) is Literal:
        return False
    if tp is Any or tp is object or tp in (dict, list, tuple, set, frozenset):
        return True
    if isinstance(tp, type):
        return issubclass(tp, BaseModel)
    argumenten = get_args(tp)
    if not argumenten:  # a TypeAliasType, a string, a TypeVar: look inside when it runs
        return True
    return any(_kan_model_houden(a) for a in argumenten)


def begrensde_waarden(model: BaseModel, plek: Plek = ()) -> Iterator[tuple[Plek, float, Plausibel]]:
    """Every number below `model` that has a plausible range: (path, value, range)."""
    for naam, eigen, item in _te_doorlopen(type(model)):
        yield from _waarden(getattr(model, naam), eigen, item, (*plek, naam))


def _waarden(
    waarde: Any, eigen: Grenzen | None, item: Grenzen | None, plek: Plek
) -> Iterator[tuple[Plek, float, Plausibel]]:
    soort = type(waarde)  # the common kinds first, without an ABC instance check
    if soort is float or soort is int:
        if eigen is not None and eigen.plausibel is not None:
            yield plek, float(waarde), eigen.plausibel
        return
    if soort is str or waarde is None:
        return
    if isinstance(waarde, BaseModel):
        yield from begrensde_waarden(waarde, plek)
    elif isinstance(waarde, Mapping):
        for sleutel, kind in waarde.items():
            yield from _waarden(kind, item, None, (*plek, sleutel))
    elif isinstance(waarde, list):
        for i, kind in enumerate(waarde):
            yield from _waarden(kind, item, None, (*plek, i))
    elif (
        eigen is not None
        and eigen.plausibel is not None
        and isinstance(waarde, int | float)
        and not isinstance(waarde, bool)
    ):
        yield plek, float(waarde), eigen.plausibel


def grenzen_op(wortel: BaseModel, stappen: Sequence[Stap]) -> Grenzen:
    """The bounds of the value at `stappen` (positions, as :func:`.paden.zoek` returns them)."""
    hier: Any = wortel
    grenzen: Grenzen | None = Grenzen()
    item: Grenzen | None = None
    for stap in stappen:
        if isinstance(hier, BaseModel):
            grenzen, item = _plan(type(hier))[str(stap)]
        else:
            grenzen, item = item, None
        hier = getattr(hier, str(stap)) if isinstance(hier, BaseModel) else hier[stap]
    return grenzen or Grenzen()


# ---------------------------------------------------------------- conventies.ruime_grenzen
@dataclass(frozen=True)
class Vrij:
    """Which values conventies.ruime_grenzen lets leave their plausible range."""

    alles: bool
    paden: tuple[Plek, ...]

    def __call__(self, plek: Plek) -> bool:
        return self.alles or any(plek[: len(p)] == p for p in self.paden)


def vrij_en_fouten(
    wortel: BaseModel, ruime_grenzen: bool | list[str]
) -> tuple[Vrij, list[tuple[Plek, str]]]:
    """The freed values, and an error for each listed path that does not exist."""
    if isinstance(ruime_grenzen, bool):
        return Vrij(ruime_grenzen, ()), []
    paden: list[Plek] = []
    fouten: list[tuple[Plek, str]] = []
    for k, pad in enumerate(ruime_grenzen):
        try:
            paden.append(zoek(wortel, pad)[0])
        except PadFout as e:
            fouten.append((("conventies", "ruime_grenzen", k), str(e)))
    return Vrij(False, tuple(paden)), fouten


def grensfouten(scenario: Any, vrij: Vrij) -> Iterator[tuple[Plek, str, str]]:
    """Values the file gives outside their plausible range, and programmes too large for a
    pand, as (place, code, text). `scenario` is an effective :class:`~.scenario.Scenario`
    (programme lines have their bvo, and it knows which values the file gave)."""
    for waar, waarde, p in begrensde_waarden(scenario):
        if p.laag <= waarde <= p.hoog or vrij(waar):
            continue
        # a value derived from another (a partij's rendementseis from its disconteringsvoet)
        # is reported once, where the file gives it
        if scenario.is_opgegeven(pad_tekst(waar)):
            yield (
                waar,
                "grens.onplausibel",
                (
                    f"kreeg {getal_tekst(waarde)}, buiten het plausibele bereik {bereik_tekst(p)}; "
                    f"is dat bewust, zet dan {BEWUST}"
                ),
            )
    for i, pand in enumerate(scenario.panden):
        plek = ("panden", i, "transformatie", "programma")
        regels = pand.transformatie.programma
        bvo = sum(r.bvo or 0.0 for r in regels)
        woningen = sum(r.woningen or 0 for r in regels)
        if bvo > BVO_PER_PAND_MAX:
            yield (
                plek,
                "grens.programma_te_groot",
                (
                    f"het programma telt samen {getal_tekst(round(bvo))} m² BVO (woningen × "
                    f"bvo_per_woning en bvo); een pand heeft hoogstens "
                    f"{getal_tekst(BVO_PER_PAND_MAX)} m² BVO"
                ),
            )
        elif bvo > BVO_PER_PAND.hoog and not vrij(plek):
            yield (
                plek,
                "grens.programma_onplausibel",
                (
                    f"het programma telt samen {getal_tekst(round(bvo))} m² BVO, meer dan het "
                    f"plausibele bereik {bereik_tekst(BVO_PER_PAND)}; is dat bewust, zet dan {BEWUST}"
                ),
            )
        if woningen > WONINGEN_PER_PAND.hoog and not vrij(plek):
            yield (
                plek,
                "grens.woningen_onplausibel",
                (
                    f"het programma telt samen {woningen} woningen, meer dan het plausibele bereik "
                    f"{bereik_tekst(WONINGEN_PER_PAND)}; is dat bewust, zet dan {BEWUST}"
                ),
            )


def verdelingsfout(grenzen: Grenzen, laag: float, hoog: float, hoe: str, vrij: bool) -> str | None:
    """Dutch text when a distribution that draws from [laag, hoog] can leave the target's
    ranges (hard always, plausible unless `vrij`); `hoe` explains the range ('' or
    ' (gemiddelde ± 4 sd)')."""
    reikt = f"de verdeling reikt van {getal_tekst(laag)} tot {getal_tekst(hoog)}{hoe}"
    if grenzen.geheel and laag != hoog:
        return (
            "dit is een geheel getal, maar een verdeling trekt gebroken getallen; geef een vaste "
            "waarde of vergelijk varianten"
        )
    hard = grenzen.hard(laag, hoog)
    if hard is not None:
        return f"{reikt}, maar de waarde {hard}; verklein de spreiding"
    buiten = None if vrij else grenzen.onplausibel(laag, hoog)
    if buiten is not None:
        return f"{reikt}, {buiten}; verklein de spreiding, of zet bewust {BEWUST}"
    return None
