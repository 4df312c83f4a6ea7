"""Monte Carlo (METHODE §8): distributions on paths, drawn together, computed in blocks.

Draws: standard normal scores Z (trekkingen × K) from numpy's PCG64 generator with the
scenario's seed, correlated by a square root L of the correlation matrix (X = Z·Lᵀ;
L = I without correlations, so Z is used as drawn), then mapped to each distribution:

- ``normaal``: gemiddelde + sd · x
- ``lognormaal``: exp(μ + σ · x) with σ² = ln(1 + (sd/gemiddelde)²), μ = ln gemiddelde − σ²/2
  (so the value itself has the given mean and sd)
- for both, x is cut off at ±Z_GRENS (4): every draw lies in the range the scenario check
  validated against the target's hard and plausible bounds (schema.grenzen)
- ``uniform``: min + (max − min) · Φ(x)
- ``driehoek``: the inverse of the triangular CDF at u = Φ(x)

A degenerate distribution (sd 0, min = max) gives exactly its value. All draws are made
before any calculation, so the numbers do not depend on the block size; the same seed
gives the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..engine.blokken import kernen
from ..schema.analyse import Z_GRENS, Driehoek, Lognormaal, Normaal, Onzekerheid, Uniform
from .reeks import (
    Basis,
    Reeks,
    bereken_versies,
    kansen,
    per_blok_fondsen,
    per_blok_standaard,
)
from .snel import affiene_invoer, bereken_snel
from .uitvoerder import BLOKKEN_PER_WERKER_FONDSEN, LOKAAL, Draden, Uitvoerder, blokgrootte

Array = NDArray[np.float64]
#: Percentiles reported (P5, P50, P95) and, for the fan chart, the inner band.
PERCENTIELEN = (5, 50, 95)
#: The per-draw yes/no outcomes of a fund (analyse.reeks.kansen).
KANS_UITKOMSTEN = tuple(kansen({}))
WAAIER = (5, 25, 50, 75, 95)

_ERFC = np.frompyfunc(math.erfc, 1, 1)


def phi(x: Array) -> Array:
    """Standard normal CDF Φ(x) = ½ · erfc(−x/√2), elementwise."""
    return np.asarray(0.5 * _ERFC(-np.asarray(x) / math.sqrt(2.0)), dtype=np.float64)


def wortel(correlatie: Array) -> Array:
    """L with L·Lᵀ = C for a positive semidefinite correlation matrix C (Cholesky when
    C is positive definite, else the symmetric square root); the identity stays exact."""
    if np.array_equal(correlatie, np.eye(len(correlatie))):
        return np.eye(len(correlatie))
    try:
        return np.asarray(np.linalg.cholesky(correlatie), dtype=np.float64)
    except np.linalg.LinAlgError:
        w, v = np.linalg.eigh(correlatie)
        return np.asarray(v * np.sqrt(np.clip(w, 0.0, None)), dtype=np.float64)


def trek(o: Onzekerheid, aantal: int | None = None, seed: int | None = None) -> pd.DataFrame:
    """The draws: one row per trekking, one column per parameter path."""
    n = o.trekkingen if aantal is None else aantal
    rng = np.random.Generator(np.random.PCG64(o.seed if seed is None else seed))
    k = len(o.parameters)
    z = rng.standard_normal((n, k))
    x = z @ wortel(o.correlatiematrix()).T if o.correlaties else z
    kolommen = {}
    for j, (pad, v) in enumerate(o.parameters.items()):
        kolommen[pad] = _transformeer(v, x[:, j])
    return pd.DataFrame(kolommen, index=pd.RangeIndex(1, n + 1, name="trekking"))


def _transformeer(v: Normaal | Lognormaal | Driehoek | Uniform, x: Array) -> Array:
    if isinstance(v, Normaal | Lognormaal):
        return v.uit_score(np.clip(x, -Z_GRENS, Z_GRENS))
    a, b = float(v.min), float(v.max)
    if a == b:
        return np.full(x.shape, a)
    u = phi(x)
    if isinstance(v, Uniform):
        return a + (b - a) * u
    c = float(v.modus)
    f = (c - a) / (b - a)
    links = a + np.sqrt(u * (b - a) * (c - a))
    rechts = b - np.sqrt((1.0 - u) * (b - a) * (b - c))
    return np.where(u < f, links, rechts)


@dataclass(frozen=True)
class MonteCarlo:
    """Draws and what each gave; summaries as tables."""

    seed: int
    trekkingen: pd.DataFrame  # (R, K) parameter values
    reeks: Reeks
    snel: bool = False  # True when the draws went straight into the inputs (analyse.snel)

    def uitkomsten(self) -> pd.DataFrame:
        """Per trekking: the parameter values, the portfolio totals, the programme and the
        fund KPIs (with the yes/no outcomes of analyse.reeks.kansen as 1/0)."""
        uit = self.trekkingen.copy()
        for naam, waarden in self.reeks.totalen().items():
            uit[naam] = waarden
        for k, waarden in self.reeks.programma.items():
            uit[f"programma.{k}"] = waarden
        for fonds, kpi in self.reeks.fondsen.items():
            for k, waarden in kpi.items():
                uit[f"fondsen.{fonds}.{k}"] = waarden
        return uit

    def samenvatting(self) -> pd.DataFrame:
        """Totals and fund KPIs: gemiddelde, sd, P5, P50, P95 (NaN-aware for KPIs without
        a value in some draws)."""
        kolommen = self.uitkomsten().drop(columns=list(self.trekkingen.columns))
        return _percentielen(kolommen)

    def per_pand(self) -> pd.DataFrame:
        """Per pand: ORT P5/P50/P95 and mean, P(ORT > 0); the same after the fondsen."""
        ort, na = self.reeks.onrendabele_top, self.reeks.onrendabele_top_na
        tabel = pd.DataFrame(index=pd.Index(self.reeks.pand_ids, name="pand"))
        for naam, waarden in (("ort", ort), ("ort_na", na)):
            p = np.percentile(waarden, PERCENTIELEN, axis=0)
            tabel[f"{naam}_gemiddelde"] = waarden.mean(axis=0)
            for q, rij in zip(PERCENTIELEN, p, strict=True):
                tabel[f"{naam}_p{q}"] = rij
            tabel[f"kans_{naam}_positief"] = (waarden > 0.005).mean(axis=0)
        return tabel

    def kansen(self) -> dict[str, dict[str, float]]:
        """Per fund: the share of draws with its cash below zero, with a lending tranche
        that loses money, and with requested support not fully honoured."""
        return {
            n: {k: float(kpi[k].mean()) for k in KANS_UITKOMSTEN}
            for n, kpi in self.reeks.fondsen.items()
        }

    def saldo_waaier(self) -> dict[str, pd.DataFrame]:
        """Per fund: percentiles (WAAIER) of the year-end cash per year (€ nominaal)."""
        return {
            n: pd.DataFrame(
                np.percentile(s, WAAIER, axis=0).T,
                index=pd.Index(self.reeks.jaren, name="jaar"),
                columns=[f"p{q}" for q in WAAIER],
            )
            for n, s in self.reeks.fondssaldo.items()
        }


def _percentielen(tabel: pd.DataFrame) -> pd.DataFrame:
    """Per column: how many draws have a value, mean, sd and the PERCENTIELEN."""
    rijen: dict[str, dict[str, float]] = {}
    for naam, kolom in tabel.items():
        w = kolom.to_numpy(dtype=np.float64)
        w = w[~np.isnan(w)]
        rij: dict[str, float] = {
            "trekkingen_met_waarde": float(w.size),
            "gemiddelde": float(w.mean()) if w.size else math.nan,
            "sd": float(w.std(ddof=1)) if w.size > 1 else math.nan,
        }
        for q in PERCENTIELEN:
            rij[f"p{q}"] = float(np.percentile(w, q)) if w.size else math.nan
        rijen[str(naam)] = rij
    return pd.DataFrame.from_dict(rijen, orient="index").rename_axis("uitkomst")


def monte_carlo(
    basis: Basis,
    trekkingen: int | None = None,
    seed: int | None = None,
    per_blok: int | None = None,
    voortgang: Callable[[int], None] | None = None,
    snel: bool = True,
    uitvoerder: Uitvoerder | None = None,
) -> MonteCarlo:
    """Draw the scenario's onzekerheid and compute every draw (in blocks).

    With `snel` (default) the draws go straight into the inputs when that is provably the
    same calculation (:mod:`.snel`); otherwise, and always with `snel=False`, every draw is
    validated as a file. The blocks run where `uitvoerder` runs them (default: here, one
    after another; the fast way of a scenario with fondsen two at a time on threads where
    there are two or more cores; :mod:`.uitvoerder`); all draws are made first, so that
    changes no number.
    """
    o = basis.scenario.onzekerheid
    if o is None:
        raise ValueError("het scenario heeft geen sectie onzekerheid")
    getrokken = trek(o, trekkingen, seed)
    paden = list(getrokken.columns)
    waarden = getrokken.to_numpy()
    model = None
    snel_hier = uitvoerder
    if uitvoerder is None and basis.scenario.fondsen and kernen() > 1:
        # the fast way here two blocks at a time: one block's year loop beside the other's
        # core, and the probes two by two (Draden); a draw validated as a file holds the GIL
        # throughout, so the exact way stays one block after another
        snel_hier = Draden(2)
    if snel:
        model = affiene_invoer(basis, paden, waarden.min(axis=0), waarden.max(axis=0), snel_hier)
    if model is not None:
        sc = basis.scenario
        jaren = np.arange(sc.startjaar, sc.startjaar + sc.horizon + 1)
        grootte = per_blok or blokgrootte(snel_hier or LOKAAL, len(waarden), per_blok_standaard(sc))
        if model.portefeuille is not None and model.portefeuille.fondsen:
            # the funds' ledgers over larger blocks, the core inside them as before
            model = replace(model, kern_per_blok=min(grootte, per_blok_standaard(sc)))
            grootte = per_blok or blokgrootte(
                snel_hier or LOKAAL,
                len(waarden),
                per_blok_fondsen(sc),
                BLOKKEN_PER_WERKER_FONDSEN,
            )
        reeks = bereken_snel(model, waarden, jaren, grootte, voortgang, snel_hier)
    else:
        versies = (
            (dict(zip(paden, rij, strict=True)), f"trekking {i}")
            for i, rij in enumerate(waarden, start=1)
        )
        reeks = bereken_versies(basis, versies, len(waarden), per_blok, voortgang, uitvoerder)
    return MonteCarlo(o.seed if seed is None else seed, getrokken, reeks, model is not None)
