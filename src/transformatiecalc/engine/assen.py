"""The axes of the engine's arrays, and the one place that slices and stacks along them.

Every array field of :class:`~.invoer.Invoer` and :class:`~.uitkomst.Uitkomst` declares
its axis in its dataclass metadata (``field(metadata=PAND)``); a field without one is a
single value for the whole calculation (a year, a convention). Cutting a calculation into
blocks of panden (:meth:`.Invoer.panden`, :mod:`.blokken`), stacking versions of a
scenario as extra panden (:mod:`..analyse.reeks`, :mod:`..analyse.snel`) and comparing
inputs read the axis from here, so "per pand or per programme row" is decided once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import Field, fields
from enum import StrEnum
from typing import Any

import numpy as np
from numpy.typing import NDArray


class As(StrEnum):
    """What the first axis of an array (or a row of a result table) runs over."""

    GEHEEL = "geheel"  # one value for the whole calculation: no axis
    PAND = "pand"  # (P, …): one per pand
    FUNCTIE = "functie"  # (F, …): one per programme row (a functie of a pand)
    PAND_JAAR = "pand × jaar"  # one per pand and year (the kasstromen table)
    FUNCTIE_JAAR = "functie × jaar"  # one per programme row and year of exploitation

    @property
    def rijen(self) -> As:
        """The row set of the first axis: PAND, FUNCTIE or GEHEEL."""
        return {As.PAND_JAAR: As.PAND, As.FUNCTIE_JAAR: As.FUNCTIE}.get(self, self)


#: Dataclass metadata: a field per pand, per programme row, and the programme rows' index
#: of their pand (shifted when panden are cut off or stacked).
PAND: dict[str, Any] = {"as": As.PAND}
FUNCTIE: dict[str, Any] = {"as": As.FUNCTIE}
PANDINDEX: dict[str, Any] = {"as": As.FUNCTIE, "pandindex": True}


def as_van(veld: Field[Any]) -> As:
    """The axis a dataclass field declares (GEHEEL when it declares none)."""
    return As(veld.metadata.get("as", As.GEHEEL))


def assen(klasse: Any) -> dict[str, As]:
    """Field name → axis, for every field of a dataclass (in declaration order)."""
    return {v.name: as_van(v) for v in fields(klasse)}


def snijd(
    object_: Any, panden: tuple[int, int], regels: tuple[int, int], sla_over: str = ""
) -> dict[str, Any]:
    """The fields of a dataclass instance for panden [van, tot) and their programme rows
    [van, tot): arrays and tuples cut along their first axis, a dict of arrays entry by
    entry, the pand index shifted to the first pand kept. Field `sla_over` is left out
    (the caller cuts it itself)."""
    waarden: dict[str, Any] = {}
    for naam, rijen, pandindex in _snijplan(object_.__class__):
        if naam == sla_over:
            continue
        x = getattr(object_, naam)
        if rijen is As.GEHEEL:
            waarden[naam] = x
            continue
        van, tot = panden if rijen is As.PAND else regels
        if isinstance(x, dict):
            waarden[naam] = {k: v[van:tot] for k, v in x.items()}
        elif pandindex:
            waarden[naam] = x[van:tot] - panden[0]
        else:
            waarden[naam] = x[van:tot]
    return waarden


@functools.cache
def _snijplan(klasse: Any) -> tuple[tuple[str, As, bool], ...]:
    """Per field of `klasse` its name, the row set of its first axis and whether it is a
    pand index: what :func:`snijd` reads, once per class (a block is cut per replica)."""
    return tuple(
        (v.name, as_van(v).rijen, bool(v.metadata.get("pandindex"))) for v in fields(klasse)
    )


def stapel_velden(klasse: Any, delen: Sequence[Any], panden: Sequence[int]) -> dict[str, Any]:
    """The fields of `delen` (instances of `klasse` with `panden` panden each) after each
    other: arrays joined along the first axis, tuples joined, the pand index shifted to
    each part's panden; a field without an axis must be equal in every part."""
    verschuiving = np.cumsum([0, *panden[:-1]])
    uit: dict[str, Any] = {}
    for veld in fields(klasse):
        waarden = [getattr(d, veld.name) for d in delen]
        if as_van(veld) is As.GEHEEL:
            assert all(w == waarden[0] for w in waarden), veld.name
            uit[veld.name] = waarden[0]
        elif isinstance(waarden[0], tuple):
            uit[veld.name] = tuple(x for w in waarden for x in w)
        elif veld.metadata.get("pandindex"):
            uit[veld.name] = np.concatenate(
                [w + v for w, v in zip(waarden, verschuiving, strict=True)]
            )
        else:
            uit[veld.name] = np.concatenate(waarden, axis=0)
    return uit


def herhaal_velden(
    basis: Any,
    keer: int,
    panden: int,
    per_keer: Callable[[str, NDArray[Any]], NDArray[Any]],
) -> dict[str, Any]:
    """The fields of `keer` copies of `basis` (with `panden` panden) after each other, as
    :func:`stapel` would lay them out; `per_keer(naam, x)` gives an array field's values
    per copy, shape (keer, *x.shape)."""
    uit: dict[str, Any] = {}
    for veld in fields(basis):
        x = getattr(basis, veld.name)
        if as_van(veld) is As.GEHEEL:
            uit[veld.name] = x
        elif isinstance(x, tuple):
            uit[veld.name] = x * keer
        elif veld.metadata.get("pandindex"):
            uit[veld.name] = (x[None, :] + (np.arange(keer) * panden)[:, None]).reshape(-1)
        else:
            uit[veld.name] = per_keer(veld.name, x).reshape(keer * x.shape[0], *x.shape[1:])
    return uit


def zonder_as(object_: Any) -> tuple[Any, ...]:
    """The values of the fields without an axis (calculations with equal ones can be
    stacked)."""
    return tuple(getattr(object_, v.name) for v in fields(object_) if as_van(v) is As.GEHEEL)
