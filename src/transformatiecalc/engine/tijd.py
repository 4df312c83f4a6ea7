"""Years, index factors and discount factors (METHODE §1).

:func:`tijdlijn` is §1 of the core: per pand the discount factors, the building profile
(bouwkosten spread over the building years and indexed) and their present value.

Axis order everywhere: (pand, jaar). Year index t = 0 is the startjaar (peildatum);
a cash flow in year t is discounted with (1+r)^−t (``eind_jaar``: Excel's
``=CF0 + NPV(r; CF1:CFt)``; note that numpy-financial's ``npv`` also treats its first
element as t = 0) or with (1+r)^−(t−½) for t ≥ 1 (``midden_jaar``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from .invoer import Array, IntArray, Invoer


def indexfactoren(index: float | Array, jaren: int, verschuiving: int = 0) -> Array:
    """(1 + index)^(t + verschuiving) for t = 0 … jaren−1: shape (jaren,) for a scalar
    index, (P, jaren) for an index per row — or (1, jaren) when all rows are equal.

    `verschuiving` = startjaar − prijspeil, so amounts at prijspeil are expressed in
    the money of year t.
    """
    t = np.arange(jaren, dtype=np.float64) + verschuiving
    return _machten(index, t)


def _machten(waarde: float | Array, exponent: Array) -> Array:
    """(1 + waarde)^exponent: shape (exponent,) for a scalar, (P, len(exponent)) per row.

    A scenario has one index and a handful of rates (one per partij) for thousands of
    panden, so each distinct value is raised once and its row copied: the same numbers as
    computing every row (the power is elementwise), without P × J powers. When every row
    is equal the result is that one row, shape (1, len(exponent)), for broadcasting.
    """
    rij = np.asarray(waarde, dtype=np.float64)
    if rij.ndim != 1 or rij.size < 2:
        return np.power(1.0 + rij[..., None], exponent)
    if (rij == rij[0]).all():
        return np.power(1.0 + rij[:1, None], exponent)
    uniek, terug = np.unique(rij, return_inverse=True)
    if 4 * uniek.size > rij.size:
        return np.power(1.0 + rij[:, None], exponent)
    return np.power(1.0 + uniek[:, None], exponent)[terug]


def looptijden(jaren: int, midden_jaar: bool) -> Array:
    """Discounting exponent τ_t per year: t, or t − ½ for t ≥ 1 with midden_jaar."""
    tau = np.arange(jaren, dtype=np.float64)
    if midden_jaar:
        tau[1:] -= 0.5
    return tau


def disconteringsfactoren(r: Array, jaren: int, midden_jaar: bool) -> Array:
    """(1 + r_p)^−τ_t per pand and year, shape (P, jaren) — or (1, jaren) when every pand
    has the same rate; r in fractions per year."""
    return _machten(r, -looptijden(jaren, midden_jaar))


def op_jaar(matrix: Array, jaar: NDArray[np.int64]) -> Array:
    """matrix[p, jaar[p]] for every pand p (the value in each pand's own year); a matrix
    of one row (shared by all panden) is read in that row."""
    if matrix.ndim == 2 and matrix.shape[0] == 1 and jaar.shape[0] != 1:
        return np.asarray(matrix[0, jaar])
    return np.take_along_axis(matrix, jaar[..., None], axis=-1)[..., 0]


def eenheid_in_jaar(jaar: NDArray[np.int64], jaren: int) -> Array:
    """Indicator matrix, year-major (jaren, P): 1.0 in each pand's year `jaar[p]`, else 0."""
    return np.asarray(np.arange(jaren)[:, None] == jaar, dtype=np.float64)


def bouwprofiel(inv: Invoer) -> Array:
    """Nominal euros spent per year per euro of bouwkosten at prijspeil, shape (P, J): the
    ``verdeling`` over the building years s … o−1 times the bouwkosten index."""
    return inv.verdeling * indexfactoren(inv.index_bouwkosten, inv.jaren, inv.verschuiving)


class DisconteringPerRij(NamedTuple):
    """The discount factors of :class:`Discontering` for each functie row."""

    start: Array
    oplevering: Array
    bouw: Array


@dataclass(frozen=True)
class Discontering:
    """Per pand: discount factor of year s and of year o, and π for the building years."""

    start: Array
    oplevering: Array
    bouw: Array  # π = Σ_t bouwprofiel_t·d_t / Σ_t bouwprofiel_t
    pand: IntArray  # the pand of each functie row

    @cached_property
    def per_rij(self) -> DisconteringPerRij:
        """(start, oplevering, bouw) for each functie row."""
        p = self.pand
        return DisconteringPerRij(self.start[p], self.oplevering[p], self.bouw[p])


@dataclass(frozen=True)
class Tijdlijn:
    """§1 per pand: discounting at the exploitant's rate and the building profile."""

    d: Array  # (P, J) discount factors, or (1, J) when every pand has the same rate
    profiel: Array  # (P, J) bouwprofiel: nominal € per € of bouwkosten at prijspeil
    nominaal: Array  # Σ_t profiel: nominal € per € of bouwkosten at prijspeil
    pi: Array  # Σ_t profiel·d_t / nominaal: PV of a nominal € spent like the bouwkosten
    discontering: Discontering  # d of years s and o, and π
    grondfactor: Array  # (1 + i_grond)^s: inbrengwaarde (peildatum) → € of year s


def tijdlijn(inv: Invoer) -> Tijdlijn:
    """METHODE §1 for every pand: discount factors (1 + r)^−τ_t at the exploitant's rate,
    the bouwprofiel and its present value π per nominal euro, and the grond index to year s.
    """
    d = disconteringsfactoren(inv.disconteringsvoet, inv.jaren, inv.midden_jaar)
    profiel = bouwprofiel(inv)
    nominaal = profiel.sum(axis=-1)
    pi = (profiel * d).sum(axis=-1) / nominaal
    s, o = inv.start, inv.oplevering
    discontering = Discontering(op_jaar(d, s), op_jaar(d, o), pi, inv.pand)
    grondfactor = np.power(1.0 + inv.index_grond, s.astype(np.float64))
    return Tijdlijn(d, profiel, nominaal, pi, discontering, grondfactor)


def discontering_tegen(voet: Array, inv: Invoer, tijd: Tijdlijn) -> Discontering:
    """:class:`Discontering` at rate `voet` per pand (fraction per year), e.g. the
    rendementseis. Panden whose `voet` is their disconteringsvoet keep the numbers of
    `tijd`; only the others are computed."""
    anders = np.flatnonzero(voet != inv.disconteringsvoet)
    eigen = tijd.discontering
    start, oplevering, bouw = eigen.start.copy(), eigen.oplevering.copy(), tijd.pi.copy()
    if anders.size:
        d = disconteringsfactoren(voet[anders], inv.jaren, inv.midden_jaar)
        start[anders] = op_jaar(d, inv.start[anders])
        oplevering[anders] = op_jaar(d, inv.oplevering[anders])
        bouw[anders] = (tijd.profiel[anders] * d).sum(-1) / tijd.nominaal[anders]
    return Discontering(start, oplevering, bouw, inv.pand)
