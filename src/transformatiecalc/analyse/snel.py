"""The fast way for many draws: the inputs as an affine function of the drawn numbers.

Validating every draw as a file (:mod:`.reeks`) is exact but costs ~0,1–0,2 s per draw at
1 000 panden, far more than the calculation. The core reads nothing but its
:class:`~transformatiecalc.engine.invoer.Invoer`, and the portfolio stages (herverkaveling,
verevening, fondsen) nothing but the core's results and their
:class:`~transformatiecalc.engine.portefeuilleinvoer.PortefeuilleInvoer`; each Invoer field
is a scenario value or a product of at most two of them. So when the drawn paths enter the
Invoer affinely and leave the PortefeuilleInvoer as it is,

    x(v) = x(v₀) + Σ_k (v_k − v₀_k) · a_k        (a_k: the slope of every field in path k)

the Invoer of every draw follows from a few validated probes, without validating each draw:

- per path three probes, at the smallest, middle and largest drawn value (the others at
  base): the slope from the outer two, affinity checked at the middle one; validating the
  extremes also checks the range of every draw in between (the schema's bounds are
  intervals);
- one joint probe with every path at its largest value: no interaction between paths;
- integer and conventional fields (years, methods, conventions) must not move at all;
- the portfolio inputs (ownership, gebieden, projecten, the verevening rules, every fund's
  terms) must be equal in every probe: a drawn fund term takes the exact way.

If any check fails (a non-linear default such as inbrengwaarde = huur / bar, two paths
multiplying in one field, a drawn fund term) the caller takes the exact way. Entries that
merely copy the drawn value get it exactly, so a field like a BAR or an index carries the
drawn number bit for bit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..engine import bereken_invoer, invoer_uit_scenario
from ..engine.assen import As, assen, herhaal_velden, zonder_as
from ..engine.invoer import Invoer
from ..engine.portefeuilleinvoer import (
    PortefeuilleInvoer,
    met_stappen,
    portefeuille_invoer,
    zelfde,
)
from ..fouten import ScenarioFout
from ..schema.paden import getal_op
from .reeks import Basis, Reeks, Verzamelaar, verzamel
from .uitvoerder import LOKAAL, Uitvoerder

Array = NDArray[np.float64]

#: The Invoer fields with an axis (per pand or per functie row): the ones a draw can move.
_ARRAYVELDEN = tuple(k for k, a in assen(Invoer).items() if a is not As.GEHEEL)
#: Tolerance of the affinity checks: relative to the field's size, plus an absolute floor.
_REL, _ABS = 1e-10, 1e-9


@dataclass(frozen=True)
class AffieneInvoer:
    """The Invoer of a scenario as an affine function of some numeric paths."""

    basis: Invoer
    paden: tuple[str, ...]
    v0: Array  # (K,) base values
    helling: tuple[dict[str, Array], ...]  # per path: field → slope (fields that move)
    kopie: tuple[dict[str, NDArray[np.bool_]], ...]  # per path: field → entries equal to v
    portefeuille: PortefeuilleInvoer | None = None  # the same in every draw; None: no stages
    #: draws per run of the core inside a block (0: the whole block at once); a block of a
    #: scenario with funds is larger, so each fund's ledger runs over many draws at once
    kern_per_blok: int = 0

    def blok(self, waarden: Array) -> Invoer:
        """The stacked Invoer of `waarden` (n draws × K paths): draw r's panden are rows
        r·P … r·P+P−1, exactly as :func:`.reeks.stapel` lays out validated replicas."""
        n = waarden.shape[0]
        b = self.basis
        uit = herhaal_velden(b, n, b.aantal_panden, lambda naam, x: self._veld(naam, x, waarden))
        assert len(uit["pand"]) == n * len(b.pand)
        return Invoer(**uit)

    def _veld(self, naam: str, x: np.ndarray, waarden: Array) -> np.ndarray:
        n = waarden.shape[0]
        stapel = np.broadcast_to(x, (n, *x.shape))
        if not any(naam in h for h in self.helling):
            return stapel
        y = np.array(stapel, dtype=np.float64)
        for k, h in enumerate(self.helling):
            if naam in h:
                delta = (waarden[:, k] - self.v0[k]).reshape(n, *([1] * x.ndim))
                y += delta * h[naam]
        for k, kopie in enumerate(self.kopie):  # entries that copy the value: exactly it
            if naam in kopie:
                y[:, kopie[naam]] = waarden[:, k][:, None]
        return y


class _Ongeldig(Exception):
    """A probe the schema refuses: the exact way will name the draw."""


class _Beweegt(Exception):
    """A probe whose portfolio inputs differ from the base: the exact way."""


def _invoer(basis: Basis, wijziging: dict[str, float], pinv: PortefeuilleInvoer | None) -> Invoer:
    """The Invoer of a probe; `pinv` the base's portfolio inputs, which it must keep."""
    try:
        sc = basis.met(wijziging, "controlepunt")
    except ScenarioFout:
        raise _Ongeldig from None
    if pinv is not None and not zelfde(portefeuille_invoer(sc), pinv):
        raise _Beweegt
    return invoer_uit_scenario(sc)


def _gelijk_behalve_getallen(a: Invoer, b: Invoer) -> bool:
    """Everything but float arrays equal (integers, conventions, ids, shapes)."""
    if zonder_as(a) != zonder_as(b):
        return False
    for naam in _ARRAYVELDEN:
        x, y = getattr(a, naam), getattr(b, naam)
        if isinstance(x, np.ndarray):
            if x.shape != y.shape or (x.dtype != np.float64 and not np.array_equal(x, y)):
                return False
        elif x != y:
            return False
    return True


def _dichtbij(x: np.ndarray, y: np.ndarray) -> bool:
    schaal = np.maximum(np.abs(x), np.abs(y))
    gelijk = (x == y) | (np.abs(x - y) <= _REL * schaal + _ABS)
    return bool(np.all(gelijk | (np.isnan(x) & np.isnan(y))))


def affiene_invoer(
    basis: Basis,
    paden: Sequence[str],
    laag: Array,
    hoog: Array,
    uitvoerder: Uitvoerder | None = None,
) -> AffieneInvoer | None:
    """The affine model of the Invoer in `paden` over [laag, hoog], or None when the fast
    way does not apply (see the module docstring) — also when an extreme value is invalid:
    the exact way then names the first invalid draw. The probes are validated where
    `uitvoerder` runs its blocks (default: here), each on its own."""
    try:
        return _affien(basis, paden, laag, hoog, uitvoerder or LOKAAL)
    except (_Ongeldig, _Beweegt):
        return None


def _proef(gedeeld: tuple[Basis, PortefeuilleInvoer | None], wijziging: dict[str, float]) -> Invoer:
    """One probe's Invoer (a block for an Uitvoerder)."""
    basis, pinv = gedeeld
    return _invoer(basis, wijziging, pinv)


def _affien(
    basis: Basis, paden: Sequence[str], laag: Array, hoog: Array, uitvoerder: Uitvoerder
) -> AffieneInvoer | None:
    sc = basis.scenario
    x0 = invoer_uit_scenario(sc)
    pinv = portefeuille_invoer(sc) if met_stappen(sc) else None
    v0 = np.array([getal_op(sc, pad)[1] for pad in paden], dtype=np.float64)
    # the probes: per moving path its smallest, largest and middle value (the others at
    # base), then every path at its largest; validated all at once, in any order
    punten: list[tuple[float, float, float] | None] = []
    wijzigingen: list[dict[str, float]] = []
    for k, pad in enumerate(paden):
        lo, hi = float(laag[k]), float(hoog[k])
        if lo == hi == v0[k]:
            punten.append(None)
            continue
        gesorteerd = sorted({lo, hi, v0[k]})  # at least two distinct values here
        laagste, hoogste = gesorteerd[0], gesorteerd[-1]
        midden = 0.5 * (laagste + hoogste)
        punten.append((laagste, midden, hoogste))
        wijzigingen += [{pad: laagste}, {pad: hoogste}, {pad: midden}]
    if len(paden) > 1:
        wijzigingen.append({pad: float(h) for pad, h in zip(paden, hoog, strict=True)})
    proeven: list[Invoer | None] = [None] * len(wijzigingen)
    for i, x in uitvoerder.kaart(_proef, (basis, pinv), wijzigingen):
        proeven[i] = x
    invoeren = iter(proeven)
    hellingen: list[dict[str, Array]] = []
    kopieen: list[dict[str, NDArray[np.bool_]]] = []
    for k, p in enumerate(punten):
        if p is None:
            hellingen.append({})
            kopieen.append({})
            continue
        xl, xh, xm = (next(invoeren) for _ in range(3))
        assert xl is not None and xh is not None and xm is not None
        gevonden = _helling(x0, xl, xh, xm, p, float(v0[k]))
        if gevonden is None:
            return None
        hellingen.append(gevonden[0])
        kopieen.append(gevonden[1])
    model = AffieneInvoer(x0, tuple(paden), v0, tuple(hellingen), tuple(kopieen), pinv)
    if len(paden) > 1:  # no interaction: the joint extreme is the sum of the single effects
        samen = next(invoeren)
        assert samen is not None
        voorspeld = model.blok(np.asarray(hoog, dtype=np.float64)[None, :])
        for naam in _ARRAYVELDEN:
            a, b = getattr(samen, naam), getattr(voorspeld, naam)
            if isinstance(a, np.ndarray) and a.dtype == np.float64 and not _dichtbij(a, b):
                return None
    return model


def _helling(
    x0: Invoer,
    xl: Invoer,
    xh: Invoer,
    xm: Invoer,
    punten: tuple[float, float, float],
    v0: float,
) -> tuple[dict[str, Array], dict[str, NDArray[np.bool_]]] | None:
    """One path's slope per moving field and the entries that copy its value, from the
    probes at its smallest, largest and middle value `punten` (laag, midden, hoog); None
    when a field is not affine in it (checked at the middle and at the base value)."""
    laag, midden, hoog = punten
    if not all(_gelijk_behalve_getallen(x0, x) for x in (xl, xh, xm)):
        return None
    helling: dict[str, Array] = {}
    kopie: dict[str, NDArray[np.bool_]] = {}
    for naam in _ARRAYVELDEN:
        a, b, m, nul = (getattr(x, naam) for x in (xl, xh, xm, x0))
        if not isinstance(a, np.ndarray) or a.dtype != np.float64:
            continue
        if np.array_equal(a, b, equal_nan=True) and np.array_equal(a, nul, equal_nan=True):
            continue
        s = (b - a) / (hoog - laag)
        if not _dichtbij(m, a + s * (midden - laag)):
            return None
        if not _dichtbij(nul, a + s * (v0 - laag)):
            return None
        helling[naam] = np.where(np.isnan(s), 0.0, s)
        gelijk = (a == laag) & (b == hoog) & (nul == v0)
        if gelijk.any():
            kopie[naam] = gelijk
    return helling, kopie


def bereken_snel(
    model: AffieneInvoer,
    waarden: Array,
    jaren: NDArray[np.int64],
    per_blok: int,
    voortgang: Callable[[int], None] | None = None,
    uitvoerder: Uitvoerder | None = None,
) -> Reeks:
    """Every draw through the core and the portfolio stages, block by block, from the
    affine model (no validation per draw); the same Reeks as :func:`.reeks.bereken_reeks`.
    A block is computed where `uitvoerder` runs it (default: here)."""
    stap = max(per_blok, 1)
    stukken = (waarden[begin : begin + stap] for begin in range(0, waarden.shape[0], stap))
    uit = verzamel(uitvoerder or LOKAAL, _snelblok, model, stukken, voortgang)
    uit.panden(model.basis.pand_ids)
    uit.jaren = jaren
    return uit.reeks()


def _snelblok(model: AffieneInvoer, stuk: Array) -> Verzamelaar:
    """One block of draws (n × K) through the core and the portfolio stages."""
    uit = Verzamelaar()
    uit.panden(model.basis.pand_ids)
    stap = model.kern_per_blok or len(stuk)
    voor = []
    for begin in range(0, len(stuk), stap):
        deel = stuk[begin : begin + stap]
        voor.append(uit.kern(bereken_invoer(model.blok(deel)), len(deel), model.portefeuille))
    if model.portefeuille is not None:
        uit.portefeuilles(model.portefeuille, [v for v in voor if v is not None])
    return uit
