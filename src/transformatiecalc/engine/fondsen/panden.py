"""What a fund knows about the panden (METHODE §7): per-pand arrays from the core and the
portfolio, and d(c), a pand's discount factor in year c at its own rate (§1), which turns a
fund's nominal outlay into an effect on the pand's ORT (€ peildatum).

The rows may hold R replicas of the same P panden (Monte Carlo draws, issue #18): replica
r's panden are rows r·P … r·P+P−1, as in a stacked core result. A fund's ledger then runs
for every replica at once; with R = 1 the rows are simply the panden.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class FondsPanden:
    """R·P rows (R replicas of P panden, module docstring), all € nominal unless said; year
    indices count from the startjaar (t = 0). `pand_ids` and `functies` are the P panden's,
    the same in every replica."""

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
    kosten: Array  # (P, J) the project's costs per year (positive), for deelneming; (P, 0) without
    aankoop: Array  # inbreng + verwervingskosten at s (part of `kosten`)
    noi: Array  # (P, J) NOI of the rental functies, for deelneming; (P, 0) without
    ew_koop: Array  # net sale proceeds at o
    #: (P, K) EW of the rental functies valued verkoop_na[k] years after o (€ of that
    #: year; METHODE §7, deelneming); (P, 0) without a deelneming
    ew_huur_later: Array
    ew_huur_einde: Array  # the same held at the horizon: the rents from the year after it
    index_grond: Array
    geen_deelneming: BoolArray  # panden with verevening or herverkaveling flows
    startjaar: int
    replicas: int = 1  # R
    verkoop_na: tuple[int, ...] = ()  # the years after o of the columns of ew_huur_later

    @property
    def aantal(self) -> int:
        """R·P, the number of rows."""
        return int(self.start.shape[0])

    @property
    def per_replica(self) -> int:
        """P, the number of panden in one replica."""
        return len(self.pand_ids)

    def per_pand(self, masker: BoolArray) -> BoolArray:
        """A mask of the P panden (from ids or functies) repeated for every replica (R·P,)."""
        return np.tile(masker, self.replicas)

    def replica(self, r: int) -> FondsPanden:
        """Replica `r` alone: its P rows (views, not copies)."""
        if self.replicas == 1:
            return self
        p = self.per_replica
        rijen = slice(r * p, (r + 1) * p)
        velden = {
            v.name: (getattr(self, v.name)[rijen] if v.name in _PER_RIJ else getattr(self, v.name))
            for v in fields(self)
        }
        return FondsPanden(**{**velden, "replicas": 1})

    @property
    def laatste(self) -> int:
        """Index of the horizon year."""
        return self.jaren - 1

    def _tau(self, t: Array) -> Array:
        """Years from peildatum to the flows of year index t (mid-year after t = 0 if set)."""
        return np.where(t >= 1, t - 0.5, t) if self.midden_jaar else t

    def d(self, g: IntArray, t: NDArray[Any]) -> Array:
        """(1 + r)^−τ(t) of rows `g` (A,) at year indices `t` ((A,) or (A, K)), also past
        the horizon: numpy's array power, computed for the pairs asked only (a table of all
        R·P × J factors cost 0,4 s per block of 250 draws × 1 000 panden and gave the same
        bits)."""
        tau = self._tau(np.asarray(t, dtype=np.float64))
        basis = 1.0 + self.disconteringsvoet[g]
        if tau.ndim == 2:
            basis = basis[:, None]
        return np.asarray(np.power(basis, -tau), dtype=np.float64)


def stapel_fondspanden(delen: list[FondsPanden]) -> FondsPanden:
    """The replicas of `delen` (blocks of one scenario) after each other in one FondsPanden."""
    if len(delen) == 1:
        return delen[0]
    eerste = delen[0]
    for d in delen[1:]:
        if (d.jaren, d.startjaar, d.midden_jaar, d.pand_ids) != (
            eerste.jaren,
            eerste.startjaar,
            eerste.midden_jaar,
            eerste.pand_ids,
        ):
            raise ValueError("alleen replica's met dezelfde tijdlijn en panden samen in een fonds")
    velden = {v.name: getattr(eerste, v.name) for v in fields(eerste)}
    for naam in _PER_RIJ:
        velden[naam] = np.concatenate([getattr(d, naam) for d in delen])
    velden["replicas"] = sum(d.replicas for d in delen)
    return FondsPanden(**velden)


#: The fields with one entry (or row) per pand row: sliced by :meth:`FondsPanden.replica`.
_PER_RIJ = frozenset(
    {
        "disconteringsvoet",
        "start",
        "oplevering",
        "stichtingskosten",
        "inbreng",
        "woningen",
        "betaalbare_woningen",
        "bvo",
        "publiek",
        "kosten",
        "aankoop",
        "noi",
        "ew_koop",
        "ew_huur_later",
        "ew_huur_einde",
        "index_grond",
        "geen_deelneming",
    }
)
