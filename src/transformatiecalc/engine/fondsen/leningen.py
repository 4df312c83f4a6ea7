"""Loan arithmetic shared by the instrument lening and the fund's lending tranches
(METHODE §7, "Instrumenten" and the tranches): the repayment schedule per € 1 lent and a
soft loan's subsidie-equivalent.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .conventies import Aflossing
from .panden import Array


class Aflossingsschema(NamedTuple):
    """Per € 1 lent at year 0, for years 1 … n (fractions of the principal)."""

    rente: Array  # interest paid in each year
    aflossing: Array  # principal repaid in each year
    uitstaand: Array  # principal outstanding after that year's payment


def aflossingsschema(
    rente: float, looptijd: int, aflossing: Aflossing | str, aflossingsvrij: int = 0
) -> Aflossingsschema:
    """Per € 1 lent at year 0: (interest, principal, outstanding after payment), years 1 … n.

    ``annuitair``: after the interest-only years, equal payments A = r/(1 − (1+r)^−m)
    over the remaining m years, principal (A − r)(1+r)^(j−1); ``lineair``: 1/m per
    year; ``ineens``: everything in year n. Interest is r × outstanding at the start
    of the year. All values are ≥ 0.
    """
    aflossing = Aflossing(aflossing)
    n, g = looptijd, aflossingsvrij
    m = n - g
    if aflossing == Aflossing.INEENS:
        hoofdsom = np.zeros(n)
        hoofdsom[-1] = 1.0
    elif aflossing == Aflossing.LINEAIR or rente == 0.0:
        hoofdsom = np.r_[np.zeros(g), np.full(m, 1.0 / m)]
    else:
        # 1 − (1+r)^−m via expm1/log1p: exact also for a rate so small that (1+r)^−m
        # rounds to 1 (found by fuzzing: r = 1e-158 divided by zero)
        annuiteit = rente / -math.expm1(-m * math.log1p(rente))
        hoofdsom = np.r_[np.zeros(g), (annuiteit - rente) * (1.0 + rente) ** np.arange(m)]
    na = np.maximum(1.0 - np.cumsum(hoofdsom), 0.0)
    na[-1] = 0.0
    voor = np.r_[1.0, na[:-1]]
    return Aflossingsschema(rente * voor, hoofdsom, na)


def subsidie_equivalent(rente_k: Array, aflossing_k: Array, marktrente: float) -> float:
    """Per € 1 lent: 1 − PV at the market rate of the contractual payments (years 1 … n).

    Zero for a loan at the market rate, negative above it; the part of a gap a soft loan
    closes, valued in the year of lending (a fraction, no unit).
    """
    k = np.arange(1, rente_k.size + 1)
    return float(1.0 - ((rente_k + aflossing_k) * (1.0 + marktrente) ** -k).sum())
