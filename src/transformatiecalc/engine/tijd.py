"""Years, index factors and discount factors (METHODE §1).

Axis order everywhere: (pand, jaar). Year index t = 0 is the startjaar (peildatum);
a cash flow in year t is discounted with (1+r)^−t (``eind_jaar``: Excel's
``=CF0 + NPV(r; CF1:CFt)``; note that numpy-financial's ``npv`` also treats its first
element as t = 0) or with (1+r)^−(t−½) for t ≥ 1 (``midden_jaar``).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


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
