"""How one pot is divided over the gaps of its gebied (METHODE §6, "Toewijzing").

Pure functions on per-pand vectors in € peildatum: a gap ``G_p ≥ 0`` per pand and a pot
of ``pot`` €; no pand receives more than its gap and the allocations sum to at most the
pot. Each rule also takes R rows at once (``…_rijen``: R replicas of one gebied, each with
its own pot), giving every row the bits it gets alone. The only loops are over
prioriteitsklassen (a handful) and, for per woning's sort, over the rows; never over
panden. :mod:`.verevening` calls :func:`toewijzen_rijen` once per gebied.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
IntArray = NDArray[np.int64]


class Toewijzingsmethode(StrEnum):
    """How a pot is allocated to the gaps of its gebied (``toewijzing.methode``)."""

    PRO_RATA = "pro_rata"
    PRIORITEIT = "prioriteit"
    PER_WONING = "per_woning"


def pro_rata(tekort: Array, pot: float) -> Array:
    """Allocate `pot` in proportion to the gaps, never above a gap."""
    uit: Array = pro_rata_rijen(tekort[None], np.array([pot]))[0]
    return uit


def pro_rata_rijen(tekort: Array, pot: Array) -> Array:
    """:func:`pro_rata` for each row of `tekort` (R, n) with its own pot (R,)."""
    totaal = rijsom(tekort)
    with np.errstate(divide="ignore", invalid="ignore"):  # rows that take their gaps whole
        naar_rato = tekort * (pot / totaal)[:, None]
    return np.where((totaal <= pot)[:, None], tekort, naar_rato)


def rijsom(x: Array) -> Array:
    """Σ of each row of `x` (R, n): per row the same additions as the row's own sum (numpy
    adds a contiguous row pairwise; a row of a strided array would be added otherwise)."""
    return np.asarray(np.ascontiguousarray(x).sum(axis=1), dtype=np.float64)


def per_woning(tekort: Array, woningen: Array, pot: float) -> Array:
    """Equal amount λ per woning until a pand's gap is closed: A = min(G, λ·w).

    Water-filling in closed form: sort panden by gap per woning; the level λ lies in
    the segment where the cumulative allocation first reaches `pot`. Panden without
    woningen receive nothing.
    """
    uit = np.zeros_like(tekort)
    kan = (woningen > 0) & (tekort > 0)
    g, w = tekort[kan], woningen[kan]
    if g.size == 0:
        return uit
    if g.sum() <= pot:
        uit[kan] = g
        return uit
    volgorde = np.argsort(g / w, kind="stable")
    g_s, w_s = g[volgorde], w[volgorde]
    niveau = g_s / w_s
    # allocation if λ = niveau[k]: panden 0..k fully closed, the rest λ·w
    gesloten = np.cumsum(g_s)
    rest_w = w_s[::-1].cumsum()[::-1] - w_s  # Σ_{i>k} w_i
    bij_niveau = gesloten + niveau * rest_w
    k = int(np.searchsorted(bij_niveau, pot))  # first k with bij_niveau ≥ pot
    voor = gesloten[k - 1] if k > 0 else 0.0
    lam = (pot - voor) / w_s[k:].sum()
    toewijzing = np.minimum(g_s, lam * w_s)
    toewijzing[:k] = g_s[:k]
    terug = np.empty_like(toewijzing)
    terug[volgorde] = toewijzing
    uit[kan] = terug
    return uit


def prioriteitsklasse(
    pand_ids: Sequence[str],
    functies_per_pand: Sequence[AbstractSet[str]],
    volgorde: Sequence[str],
) -> IntArray:
    """Class of each pand: the first entry of `volgorde` naming its id or one of its functies.

    The same for every draw of a scenario (ids and functies do not move): remembered for
    the last few portfolios, read-only."""
    functies = tuple(f if type(f) is frozenset else frozenset(f) for f in functies_per_pand)
    return _prioriteitsklasse(tuple(pand_ids), functies, tuple(volgorde))


@functools.lru_cache(maxsize=8)
def _prioriteitsklasse(
    pand_ids: tuple[str, ...],
    functies_per_pand: tuple[AbstractSet[str], ...],
    volgorde: tuple[str, ...],
) -> IntArray:
    positie = {naam: k for k, naam in reversed(list(enumerate(volgorde)))}
    laatste = len(volgorde)
    klasse = np.array(
        [
            min([positie.get(pid, laatste), *(positie.get(f, laatste) for f in functies)])
            for pid, functies in zip(pand_ids, functies_per_pand, strict=True)
        ],
        dtype=np.int64,
    )
    klasse.setflags(write=False)
    return klasse


def prioriteit(tekort: Array, klasse: IntArray, pot: float) -> Array:
    """Serve classes in order (0 first), pro rata within a class, until the pot is empty."""
    uit: Array = prioriteit_rijen(tekort[None], klasse, np.array([pot]))[0]
    return uit


def prioriteit_rijen(tekort: Array, klasse: IntArray, pot: Array) -> Array:
    """:func:`prioriteit` for each row of `tekort` (R, n) with its own pot (R,); the
    classes (n,) are the same in every row."""
    uit = np.zeros_like(tekort)
    pot = np.asarray(pot, dtype=np.float64)
    for k in np.unique(klasse):
        actief = ~(pot <= 0)  # a row whose pot is empty stops (a NaN pot goes on, as alone)
        if not actief.any():
            break
        in_klasse = klasse == k
        deel = pro_rata_rijen(tekort.compress(in_klasse, axis=1), pot)
        deel[~actief] = 0.0
        uit[:, in_klasse] = deel
        pot = pot - rijsom(deel)
    return uit


def toewijzen(
    tekort: Array,
    pot: float,
    methode: Toewijzingsmethode | str,
    woningen: Array,
    klasse: IntArray,
) -> Array:
    """Allocation of one pool of `pot` € to the gaps `tekort` (€ peildatum, ≥ 0) by `methode`."""
    uit: Array = toewijzen_rijen(tekort[None], np.array([pot]), methode, woningen[None], klasse)[0]
    return uit


def toewijzen_rijen(
    tekort: Array,
    pot: Array,
    methode: Toewijzingsmethode | str,
    woningen: Array,
    klasse: IntArray,
) -> Array:
    """:func:`toewijzen` for each row of `tekort` and `woningen` (R, n) with its own pot
    (R,): R replicas of one gebied (Monte Carlo draws). Pro rata and prioriteit without a
    loop over the rows; per woning sorts each row on its own (a loop over the rows)."""
    uit = np.zeros_like(tekort)
    actief = ~(np.asarray(pot) <= 0)  # as `if pot <= 0` alone: a NaN pot is not empty
    if not actief.any():
        return uit
    methode = Toewijzingsmethode(methode)
    if methode == Toewijzingsmethode.PER_WONING:
        for r in np.flatnonzero(actief):
            uit[r] = per_woning(tekort[r], woningen[r], float(pot[r]))
        return uit
    if methode == Toewijzingsmethode.PRIORITEIT:
        return prioriteit_rijen(tekort, klasse, pot)
    uit = pro_rata_rijen(tekort, pot)
    uit[~actief] = 0.0
    return uit
