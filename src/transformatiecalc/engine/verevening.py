"""Herverkaveling and verevening (METHODE §6): moving results between panden.

Everything here works on per-pand vectors of results at peildatum (€, contante
waarde): ``R_p = −ORT_p``, surplus ``S_p = max(R_p, 0)`` and gap ``G_p = max(−R_p, 0)``.
The functions are pure and vectorised; the only loops are over projecten, gebieden
and prioriteitsklassen (a handful), never over panden.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]


def aandelen_naar_rato(gewicht: Array) -> Array:
    """Shares proportional to `gewicht` (≥ 0); equal shares when all weights are zero."""
    som = gewicht.sum()
    if som > 0:
        return np.asarray(gewicht / som, dtype=np.float64)
    return np.full(gewicht.shape, 1.0 / gewicht.size)


def herverdeel(resultaat: Array, aandeel: Array) -> Array:
    """Herverkaveling of one project: each member gets its share of the joint result.

    `resultaat` and `aandeel` are the members' own results (€, R = −ORT) and shares
    (summing to 1); the joint result Σ R is conserved.
    """
    return np.asarray(aandeel * resultaat.sum(), dtype=np.float64)


def kostenverhaalplichtig(
    woningen: Array, bvo_commercieel: Array, min_woningen: float, min_bvo: float
) -> BoolArray:
    """Omgevingsbesluit art. 8.13: ≥ min_woningen woningen or ≥ min_bvo m² new commercial BVO."""
    return (woningen >= min_woningen) | (bvo_commercieel >= min_bvo)


def bijdragen(
    overschot: Array,
    publiek: BoolArray,
    basis: BoolArray,
    aandeel_publiek: float,
    methode: str,
    waarde: float,
    bvo: Array,
    woningen: Array,
    drempel: float,
) -> Array:
    """Contribution per pand to the pool (€ peildatum).

    Publiek: ``aandeel_publiek · S``. Privaat, only where `basis`: ``aandeel · S``,
    ``per_m2 · bvo`` or ``per_woning · woningen``, capped at S (waardevermeerderingstoets)
    and waived when below `drempel`.
    """
    if methode == "aandeel":
        privaat = waarde * overschot
    elif methode == "per_m2":
        privaat = waarde * bvo
    elif methode == "per_woning":
        privaat = waarde * woningen
    else:
        privaat = np.zeros_like(overschot)
    privaat = np.minimum(privaat, overschot)
    privaat = np.where(basis & (privaat >= drempel), privaat, 0.0)
    return np.where(publiek, aandeel_publiek * overschot, privaat).astype(np.float64)


def pro_rata(tekort: Array, pot: float) -> Array:
    """Allocate `pot` in proportion to the gaps, never above a gap."""
    totaal = float(tekort.sum())
    if totaal <= pot:
        return tekort.copy()
    return tekort * (pot / totaal)


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
    pand_ids: Sequence[str], functies_per_pand: Sequence[set[str]], volgorde: Sequence[str]
) -> IntArray:
    """Class of each pand: the first entry of `volgorde` naming its id or one of its functies."""
    positie = {naam: k for k, naam in reversed(list(enumerate(volgorde)))}
    laatste = len(volgorde)
    return np.array(
        [
            min([positie.get(pid, laatste), *(positie.get(f, laatste) for f in functies)])
            for pid, functies in zip(pand_ids, functies_per_pand, strict=True)
        ],
        dtype=np.int64,
    )


def prioriteit(tekort: Array, klasse: IntArray, pot: float) -> Array:
    """Serve classes in order (0 first), pro rata within a class, until the pot is empty."""
    uit = np.zeros_like(tekort)
    for k in np.unique(klasse):
        if pot <= 0:
            break
        in_klasse = klasse == k
        deel = pro_rata(tekort[in_klasse], pot)
        uit[in_klasse] = deel
        pot -= float(deel.sum())
    return uit


def toewijzen(tekort: Array, pot: float, methode: str, woningen: Array, klasse: IntArray) -> Array:
    """Allocation of one pool by `methode` (pro_rata | prioriteit | per_woning)."""
    if pot <= 0:
        return np.zeros_like(tekort)
    if methode == "per_woning":
        return per_woning(tekort, woningen, pot)
    if methode == "prioriteit":
        return prioriteit(tekort, klasse, pot)
    return pro_rata(tekort, pot)
