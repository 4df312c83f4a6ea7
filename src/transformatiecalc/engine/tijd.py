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
    rij = np.asarray(index, dtype=np.float64)
    if rij.ndim == 1 and rij.size > 1 and (rij == rij[0]).all():
        # one scenario: every row has the same index; one row of powers, broadcast (the same
        # numbers as computing each row, without P × J powers)
        return np.power(1.0 + rij[:1, None], t)
    return np.power(1.0 + rij[..., None], t)


def looptijden(jaren: int, midden_jaar: bool) -> Array:
    """Discounting exponent τ_t per year: t, or t − ½ for t ≥ 1 with midden_jaar."""
    tau = np.arange(jaren, dtype=np.float64)
    if midden_jaar:
        tau[1:] -= 0.5
    return tau


def disconteringsfactoren(r: Array, jaren: int, midden_jaar: bool) -> Array:
    """(1 + r_p)^−τ_t per pand and year, shape (P, jaren); r in fractions per year."""
    tau = looptijden(jaren, midden_jaar)
    return np.power(1.0 + np.asarray(r, dtype=np.float64)[..., None], -tau)


def op_jaar(matrix: Array, jaar: NDArray[np.int64]) -> Array:
    """matrix[p, jaar[p]] for every pand p (the value in each pand's own year)."""
    return np.take_along_axis(matrix, jaar[..., None], axis=-1)[..., 0]


def eenheid_in_jaar(jaar: NDArray[np.int64], jaren: int) -> Array:
    """Indicator matrix (P, jaren): 1.0 in each pand's year `jaar[p]`, else 0."""
    return np.asarray(np.arange(jaren) == jaar[..., None], dtype=np.float64)
