"""Powers in the fund's ledger, elementwise and bit for bit as the ledger computed them one
pand at a time (issue #18): the vectorised ledger must give every replica the numbers it
gets alone, and numpy's array power differs from the scalar powers in the last bit.
"""

from __future__ import annotations

import math

import numpy as np

from .panden import Array, IntArray

#: Python's float power (the C library's pow) elementwise: the power the ledger always
#: used for scalar exponents; numpy's vectorised power differs from it in the last bit in
#: ±5 % of cases on this hardware (AVX-512).
_pow = np.frompyfunc(math.pow, 2, 1)


def macht(grondtal: Array, exponent: IntArray) -> Array:
    """grondtal ** exponent per element, as Python computes it for one float and one int."""
    return np.asarray(_pow(grondtal, exponent.astype(np.float64)), dtype=np.float64)


def macht_int64(grondtal: Array, exponent: IntArray) -> Array:
    """grondtal ** exponent per element, as numpy computes it for a Python float and an
    int64 scalar (the ledger's power where the exponent came from an array: numpy's scalar
    power, which squares for an exponent of 2 and differs from the array power in the last
    bit); only for the few erfpacht terms that run past the horizon."""
    return np.array(
        [g**e for g, e in zip(grondtal.tolist(), exponent, strict=True)], dtype=np.float64
    )
