"""Replicas computed together and what they gave (METHODE §8): stacking the inputs of many
versions of one scenario, splitting the stacked result, and collecting every block's outputs
(:class:`Verzamelaar`) into one :class:`Reeks`.

The core runs once per block on the stacked panden (replica r's panden are rows r·P …
r·P+P−1); herverkaveling and verevening run per replica; each fund's ledger runs once over
all replicas with the same portfolio inputs (one year loop, METHODE §7), with every number
of each replica equal to its run alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..engine import bereken_invoer, invoer_uit_scenario
from ..engine.assen import stapel_velden, zonder_as
from ..engine.invoer import Invoer
from ..engine.portefeuille import Portefeuille, VoorDeFondsen, met_de_fondsen, voor_de_fondsen
from ..engine.portefeuilleinvoer import (
    PortefeuilleInvoer,
    met_stappen,
    portefeuille_invoer,
    zelfde,
)
from ..engine.rekenkern import Uitkomst
from ..schema import Scenario

Array = NDArray[np.float64]

_GEEN = float("nan")


def kansen(kpi: dict[str, object]) -> dict[str, float]:
    """Per replica the yes/no outcomes (1/0) whose mean over the draws is a probability:
    cash below zero, a lending tranche that loses money, support not fully honoured."""
    gehonoreerd = kpi.get("aandeel_gehonoreerd")
    return {
        "kastekort_ja": float(bool(kpi.get("jaren_kastekort"))),
        "trancheverlies_ja": float(bool(kpi.get("tranches_met_verlies"))),
        "niet_alles_gehonoreerd": float(
            gehonoreerd is not None and float(gehonoreerd) < 1.0 - 1e-9  # type: ignore[arg-type]
        ),
    }


def stapel(invoeren: Sequence[Invoer]) -> Invoer:
    """One Invoer with the panden (and functie rows) of all `invoeren` after each other.

    Scalars (years, conventions) must be equal; every array is concatenated along its
    first axis, and each functie row's pand index is shifted to its replica's panden.
    """
    if len(invoeren) == 1:
        return invoeren[0]
    return Invoer(**stapel_velden(Invoer, invoeren, [inv.aantal_panden for inv in invoeren]))


def _sleutel(inv: Invoer) -> tuple[Any, ...]:
    """Replicas with equal scalars can share one stacked calculation."""
    return zonder_as(inv)


def deel(u: Uitkomst, i: int, n: int) -> Uitkomst:
    """Replica i of a stacked Uitkomst of n equal replicas."""
    p = u.invoer.aantal_panden // n
    return u.panden(i * p, (i + 1) * p)


@dataclass
class Reeks:
    """What every replica gave (replica r in row r)."""

    pand_ids: tuple[str, ...]
    jaren: NDArray[np.int64]  # calendar years of the fund ledgers
    onrendabele_top: Array  # (R, P) € peildatum, before the portfolio stages
    residuele_grondwaarde: Array  # (R, P) € peildatum
    onrendabele_top_na: Array  # (R, P) after herverkaveling, verevening, fondsen
    fondsen: dict[str, dict[str, Array]] = field(default_factory=dict)  # naam → KPI → (R,)
    fondssaldo: dict[str, Array] = field(default_factory=dict)  # naam → (R, J) year-end cash
    programma: dict[str, Array] = field(default_factory=dict)  # KPI → (R,)

    @property
    def aantal(self) -> int:
        return int(self.onrendabele_top.shape[0])

    def totalen(self) -> dict[str, Array]:
        """Portfolio totals per replica (R,)."""
        ort, na = self.onrendabele_top, self.onrendabele_top_na
        return {
            "onrendabele_top": ort.sum(axis=1),
            "tekort": np.clip(ort, 0.0, None).sum(axis=1),
            "residuele_grondwaarde": self.residuele_grondwaarde.sum(axis=1),
            "onrendabele_top_na": na.sum(axis=1),
            "tekort_na": np.clip(na, 0.0, None).sum(axis=1),
            "panden_met_tekort": (ort > 0.005).sum(axis=1).astype(np.float64),
            "panden_met_tekort_na": (na > 0.005).sum(axis=1).astype(np.float64),
        }


#: Outputs per pand that an analysis can follow (`panden.P03.<naam>`).


class Verzamelaar:
    """Collects the outputs of each block of replicas."""

    def __init__(self) -> None:
        self.ort: list[Array] = []
        self.rg: list[Array] = []
        self.na: list[Array] = []
        self.kpi: dict[str, dict[str, list[float]]] = {}
        self.saldo: dict[str, list[Array]] = {}
        self.programma: dict[str, list[float]] = {}
        self.pand_ids: tuple[str, ...] | None = None
        self.jaren = np.zeros(0, dtype=np.int64)

    @property
    def aantal(self) -> int:
        """Replicas collected."""
        return sum(len(x) for x in self.ort)

    def voeg(self, ander: Verzamelaar) -> None:
        """Append the replicas `ander` collected (a later block): the same lists as when this
        collector had processed that block itself."""
        if ander.pand_ids is not None:
            self.panden(ander.pand_ids)
        self.ort += ander.ort
        self.rg += ander.rg
        self.na += ander.na
        for naam, kpi in ander.kpi.items():
            rij = self.kpi.setdefault(naam, {})
            for k, v in kpi.items():
                rij.setdefault(k, []).extend(v)
        for naam, saldo in ander.saldo.items():
            self.saldo.setdefault(naam, []).extend(saldo)
        for k, w in ander.programma.items():
            self.programma.setdefault(k, []).extend(w)
        if ander.jaren.size:
            self.jaren = ander.jaren

    def verwerk(self, blok: list[Scenario]) -> None:
        """Collect a block of versions, each validated as a file: the core stacked by group
        of equal scalars, and the versions whose portfolio inputs are equal (a variant of
        building costs or rents, a tornado point, a draw) through each fund's ledger at
        once; collected in the order of `blok`."""
        invoeren = [invoer_uit_scenario(s) for s in blok]
        for inv in invoeren:
            self.panden(inv.pand_ids)
        kernen = _kern(invoeren)
        portefeuilles = _portefeuilles(blok, kernen)
        for u, pf in zip(kernen, portefeuilles, strict=True):
            ort = self._kern(u, 1)
            if pf is None:
                self.na.append(ort)
            else:
                self._portefeuille(pf)
        self.jaren = np.arange(blok[0].startjaar, blok[0].startjaar + blok[0].horizon + 1)

    def panden(self, pand_ids: tuple[str, ...]) -> None:
        if self.pand_ids is None:
            self.pand_ids = pand_ids
        elif pand_ids != self.pand_ids:
            raise ValueError("alle versies van een scenario moeten dezelfde panden hebben")

    def blok(self, u: Uitkomst, n: int, pinv: PortefeuilleInvoer | None) -> None:
        """Collect `n` replicas computed together (a stacked Uitkomst, replica r's panden
        after each other) that share the portfolio inputs `pinv` (None: no portfolio stage)."""
        voor = self.kern(u, n, pinv)
        if pinv is not None and voor is not None:
            self.portefeuilles(pinv, [voor])

    def kern(self, u: Uitkomst, n: int, pinv: PortefeuilleInvoer | None) -> VoorDeFondsen | None:
        """Collect the core's results of `n` stacked replicas (as :meth:`blok`); with
        portfolio inputs, return what the stages before the funds leave (no core matrices:
        `u` may be released), for :meth:`portefeuilles`."""
        ort = self._kern(u, n)
        if pinv is None:
            self.na.append(ort)
            return None
        return voor_de_fondsen(pinv, u, [deel(u, i, n) for i in range(n)] if n > 1 else [u])

    def portefeuilles(self, pinv: PortefeuilleInvoer, blokken: list[VoorDeFondsen]) -> None:
        """Collect the portfolio stages of the replicas of `blokken` (in order), each fund
        run once over all of them."""
        for pf in met_de_fondsen(pinv, blokken):
            self._portefeuille(pf)

    def _kern(self, u: Uitkomst, n: int) -> Array:
        """Collect the ORT and RG of `n` stacked replicas; returns the ORT (n, P)."""
        p = u.invoer.aantal_panden // n
        ort = u.onrendabele_top.reshape(n, p)
        self.ort.append(ort)
        self.rg.append(u.rg_peildatum.reshape(n, p))
        return ort

    def _portefeuille(self, pf: Portefeuille) -> None:
        """Collect one replica's portfolio stages: the ORT after them, each fund's KPIs and
        cash, the programme."""
        self.na.append(pf.ort_na[None, :])
        for f in pf.fondsen:
            rij = self.kpi.setdefault(f.naam, {})
            for k, v in {**f.kpi, **kansen(f.kpi)}.items():
                rij.setdefault(k, []).append(_GEEN if v is None else float(v))
            self.saldo.setdefault(f.naam, []).append(f.grootboek["eind"])
        for k, v in pf.programma.items():
            if not isinstance(v, str):
                self.programma.setdefault(k, []).append(_GEEN if v is None else float(v))  # type: ignore[arg-type]

    def reeks(self) -> Reeks:
        if self.pand_ids is None:
            raise ValueError("geen enkele versie om te berekenen")
        return Reeks(
            pand_ids=self.pand_ids,
            jaren=self.jaren,
            onrendabele_top=np.vstack(self.ort),
            residuele_grondwaarde=np.vstack(self.rg),
            onrendabele_top_na=np.vstack(self.na),
            fondsen={n: {k: np.asarray(v) for k, v in d.items()} for n, d in self.kpi.items()},
            fondssaldo={n: np.vstack(v) for n, v in self.saldo.items()},
            programma={k: np.asarray(v) for k, v in self.programma.items()},
        )


def _portefeuilles(blok: list[Scenario], kernen: list[Uitkomst]) -> list[Portefeuille | None]:
    """The portfolio stages of every version (None without them); versions with equal
    portfolio inputs share one run of each fund's ledger."""
    groepen: list[tuple[PortefeuilleInvoer, tuple[Any, ...], list[int]]] = []
    for i, s in enumerate(blok):
        if not met_stappen(s):
            continue
        pinv = portefeuille_invoer(s)
        # a fund also reads the timeline of the core (years, startjaar, mid-year discounting)
        inv = kernen[i].invoer
        tijd = (inv.jaren, inv.startjaar, inv.midden_jaar)
        groep = next((ld for p, t, ld in groepen if t == tijd and zelfde(p, pinv)), None)
        if groep is None:
            groepen.append((pinv, tijd, [i]))
        else:
            groep.append(i)
    uit: list[Portefeuille | None] = [None] * len(blok)
    for pinv, _, leden in groepen:
        voor = [voor_de_fondsen(pinv, kernen[i], [kernen[i]]) for i in leden]
        for i, pf in zip(leden, met_de_fondsen(pinv, voor), strict=True):
            uit[i] = pf
    return uit


def _kern(invoeren: list[Invoer]) -> list[Uitkomst]:
    """The core for every Invoer, stacked by group of equal scalars; in input order."""
    groepen: dict[tuple[Any, ...], list[int]] = {}
    for i, inv in enumerate(invoeren):
        groepen.setdefault(_sleutel(inv), []).append(i)
    uit: list[Uitkomst | None] = [None] * len(invoeren)
    for leden in groepen.values():
        u = bereken_invoer(stapel([invoeren[i] for i in leden]))
        for k, i in enumerate(leden):
            uit[i] = deel(u, k, len(leden)) if len(leden) > 1 else u
    return [x for x in uit if x is not None]
