"""What a fund knows about the panden (METHODE §7): per-pand arrays from the core and the
portfolio, and d(c), a pand's discount factor in year c at its own rate (§1), which turns a
fund's nominal outlay into an effect on the pand's ORT (€ peildatum)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class FondsPanden:
    """P rows, all € nominal unless said; year indices count from the startjaar (t = 0)."""

    pand_ids: tuple[str, ...]
    jaren: int  # J: years t = 0 … horizon
    midden_jaar: bool
    disconteringsvoet: Array  # the pand's rate (the basis of its ORT)
    start: IntArray  # s
    oplevering: IntArray  # o
    stichtingskosten: Array
    inbreng: Array  # at s (nominal)
    woningen: Array
    betaalbare_woningen: Array  # woningen of functies with betaalbaar: true
    bvo: Array
    publiek: BoolArray  # eigenaar is a gemeente or corporatie
    functies: Sequence[frozenset[str]]
    kosten: Array  # (P, J) the project's costs per year (positive), for deelneming
    aankoop: Array  # inbreng + verwervingskosten at s (part of `kosten`)
    noi: Array  # (P, J) NOI of the rental functies
    ew_koop: Array  # net sale proceeds at o
    ew_huur: Array  # EW of the rental functies at o
    index_huur: Array  # per pand (fraction per year)
    index_grond: Array
    geen_deelneming: BoolArray  # panden with verevening or herverkaveling flows
    startjaar: int

    @property
    def aantal(self) -> int:
        """P, the number of panden."""
        return len(self.pand_ids)

    @property
    def laatste(self) -> int:
        """Index of the horizon year."""
        return self.jaren - 1

    def _tau(self, t: Array) -> Array:
        """Years from peildatum to the flows of year index t (mid-year after t = 0 if set)."""
        return np.where(t >= 1, t - 0.5, t) if self.midden_jaar else t

    def factor(self, t: IntArray | Array) -> Array:
        """(1 + r_p)^−τ(t) at each pand's own rate; `t` (year index) has shape (P,) or (P, K)."""
        t = np.asarray(t, dtype=np.float64)
        r = self.disconteringsvoet if t.ndim == 1 else self.disconteringsvoet[:, None]
        return np.asarray(np.power(1.0 + r, -self._tau(t)), dtype=np.float64)

    @cached_property
    def disconto(self) -> Array:
        """(P, J) discount factors at each pand's rate for the years of the horizon."""
        return self.factor(np.broadcast_to(np.arange(self.jaren), (self.aantal, self.jaren)))

    def d1(self, p: int, t: int) -> float:
        """d(t) of pand `p` as a number: from the table within the horizon, else computed."""
        if 0 <= t < self.jaren:
            return float(self.disconto[p, t])
        return float(self.d(p, t))

    def d(self, p: int, t: int | NDArray[Any]) -> Array:
        """(1 + r_p)^−τ(t) for one pand at year index (or indices) `t`, also past the horizon."""
        tau = self._tau(np.asarray(t, dtype=np.float64))
        return np.asarray(np.power(1.0 + self.disconteringsvoet[p], -tau), dtype=np.float64)
