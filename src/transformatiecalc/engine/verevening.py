"""Verevening (METHODE §6): contributions to a pot per gebied and its allocation to gaps.

Everything here works on per-pand vectors of results at peildatum (€, contante
waarde): ``R_p = −ORT_p``, surplus ``S_p = max(R_p, 0)`` and gap ``G_p = max(−R_p, 0)``;
only the pot's yearly flows (:class:`Pot`) are nominal. The functions are pure and
vectorised; the only loops are over gebieden (a handful), never over panden. How one
gebied's pot is divided over its gaps is :mod:`.potverdeling`; herverkaveling, the stage
before, is :mod:`.herverkaveling`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from .potverdeling import Toewijzingsmethode, prioriteitsklasse, rijsom, toewijzen_rijen

Array = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]


# ------------------------------------------------------------- conventions
class Grondslag(StrEnum):
    """Why a pand contributes to the pot: the scenario's rule for private panden
    (``privaat.grondslag``: kostenverhaal | overeenkomst | geen) and, per pand, the basis
    it contributes on (also ``publiek``)."""

    PUBLIEK = "publiek"  # gemeente or corporatie: aandeel_publiek of the surplus
    KOSTENVERHAAL = "kostenverhaal"  # kostenverhaalplichtig, or an anterieure overeenkomst
    OVEREENKOMST = "overeenkomst"  # only an anterieure overeenkomst
    GEEN = "geen"


class Bijdragemethode(StrEnum):
    """How a private pand's contribution is measured (``privaat.methode``)."""

    AANDEEL = "aandeel"  # a share of its surplus
    PER_M2 = "per_m2"  # € per m² BVO
    PER_WONING = "per_woning"  # € per woning
    GEEN = "geen"


# ------------------------------------------------------------------ inputs
@dataclass(frozen=True)
class VereveningInvoer:
    """The verevening rules (METHODE §6) as the engine reads them."""

    aandeel_publiek: float
    grondslag: Grondslag  # kostenverhaal | overeenkomst | geen
    methode: Bijdragemethode
    waarde: float  # the share, or € per m² / per woning
    drempel: float
    min_woningen: float
    min_bvo_niet_wonen: float
    toewijzing: Toewijzingsmethode
    volgorde: tuple[str, ...]
    beginsaldo: Mapping[str, float]  # gebied → € peildatum
    drager: str | None  # the fund that carries the pot, if any


@dataclass(frozen=True)
class VereveningPanden:
    """Per pand what verevening needs: ownership and gebied (P,), and the results of the
    core for R replicas of the P panden (R·P,: replica r's panden at rows r·P … r·P+P−1,
    as in a stacked core result; R = 1: simply the panden)."""

    pand_ids: tuple[str, ...]
    publiek: BoolArray
    overeenkomst: BoolArray
    gebied: tuple[str, ...]
    functies: tuple[frozenset[str], ...]
    woningen: Array
    bvo: Array
    bvo_commercieel: Array
    d_start: Array  # discount factor of the pand's start year (its own rate)
    d_oplevering: Array
    start: IntArray
    oplevering: IntArray
    jaren: int
    replicas: int = 1  # R

    def als_replicas(self, x: NDArray[Any]) -> NDArray[Any]:
        """An array of the core's rows (R·P,) as (R, P)."""
        return x.reshape(self.replicas, -1)


# ----------------------------------------------------------------- results
@dataclass(frozen=True)
class Pot:
    """The verevening pot as a fund that carries it books it (METHODE §6, "Tijd")."""

    beginsaldo: float  # € at the start: the fund's opening cash
    bijdragen: Array  # (J,) € nominal received per year (at the contributors' oplevering)
    toewijzingen: Array  # (J,) € nominal paid per year (at the receivers' start)


@dataclass(frozen=True)
class VereveningUitkomst:
    """Per pand (P,) in € peildatum unless nominal; the pools per gebied; the yearly flows."""

    gebied: list[str]
    grondslag: list[str]  # per pand a Grondslag's text
    ort_voor: Array
    bijdrage: Array
    ontvangst: Array
    ort_na: Array
    bijdrage_nominaal: Array  # paid at oplevering
    ontvangst_nominaal: Array  # received at start
    potten: dict[str, dict[str, float]]  # gebied → beginsaldo, bijdragen, toewijzingen, rest, …
    bijdragen_per_jaar: Array  # (J,) nominal
    toewijzingen_per_jaar: Array  # (J,) nominal
    publieke_bijdragen_per_jaar: Array  # (J,) nominal, from publieke panden
    saldo_per_jaar: Array  # (J,) cumulative, beginsaldo included in year 0
    voorfinanciering: float  # max(0, −min saldo): what someone must bridge
    gedragen_door: str | None  # the fund that carries the pool, if any

    @property
    def beginsaldo(self) -> float:
        """Σ of the gebieden's beginsaldo (€)."""
        return sum(pot["beginsaldo"] for pot in self.potten.values())

    @property
    def pot(self) -> Pot:
        """The pool's flows as a fund that carries it books them."""
        return Pot(self.beginsaldo, self.bijdragen_per_jaar, self.toewijzingen_per_jaar)


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
    methode: Bijdragemethode | str,
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
    methode = Bijdragemethode(methode)
    if methode == Bijdragemethode.AANDEEL:
        privaat = waarde * overschot
    elif methode == Bijdragemethode.PER_M2:
        privaat = waarde * bvo
    elif methode == Bijdragemethode.PER_WONING:
        privaat = waarde * woningen
    else:
        privaat = np.zeros_like(overschot)
    privaat = np.minimum(privaat, overschot)
    privaat = np.where(basis & (privaat >= drempel), privaat, 0.0)
    return np.where(publiek, aandeel_publiek * overschot, privaat).astype(np.float64)


# ------------------------------------------------------------- the stage
def grondslagen(
    regels: VereveningInvoer, vp: VereveningPanden
) -> tuple[BoolArray, list[list[str]]]:
    """Which private panden may be charged (mask (R, P)), and per replica and pand the
    basis it contributes on as text: publiek, kostenverhaal, overeenkomst or geen (METHODE
    §6, "Bijdragen")."""
    plicht = kostenverhaalplichtig(
        vp.als_replicas(vp.woningen),
        vp.als_replicas(vp.bvo_commercieel),
        regels.min_woningen,
        regels.min_bvo_niet_wonen,
    )
    overeenkomst = np.broadcast_to(vp.overeenkomst, plicht.shape)
    if regels.grondslag == Grondslag.KOSTENVERHAAL:
        basis = plicht | overeenkomst
    elif regels.grondslag == Grondslag.OVEREENKOMST:
        basis = overeenkomst.copy()
    else:
        basis = np.zeros_like(plicht)
    alleen_overeenkomst = overeenkomst & ~plicht
    soort = np.select(
        [np.broadcast_to(vp.publiek, plicht.shape), ~basis, alleen_overeenkomst],
        [0, 1, 2],
        3,
    )
    return basis, _GRONDSLAGEN[soort].tolist()


#: The texts of np.select's choices in :func:`grondslagen`, in order.
_GRONDSLAGEN = np.array(
    [
        g.value
        for g in (
            Grondslag.PUBLIEK,
            Grondslag.GEEN,
            Grondslag.OVEREENKOMST,
            Grondslag.KOSTENVERHAAL,
        )
    ],
    dtype=object,
)


@functools.lru_cache(maxsize=8)
def _gebieden(gebied: tuple[str, ...]) -> tuple[tuple[str, BoolArray], ...]:
    """Each gebied (sorted) and the mask of its panden; the same for every draw of a
    scenario, remembered for the last few portfolios, read-only."""
    namen = np.array(gebied)
    uit = []
    for g in sorted(set(gebied)):
        hier = namen == g
        hier.setflags(write=False)
        uit.append((g, hier))
    return tuple(uit)


def potten_per_gebied(
    regels: VereveningInvoer, vp: VereveningPanden, bijdrage: Array, tekort: Array
) -> tuple[Array, list[dict[str, dict[str, float]]]]:
    """Allocate each gebied's pot (beginsaldo + Σ bijdragen, €) to its gaps, in every
    replica (`bijdrage`, `tekort`: (R, P)); per pand what it receives (€ peildatum, (R, P))
    and per replica and gebied the pot's account (METHODE §6, "Toewijzing"). A replica's
    sums are the additions of its own row."""
    klasse = prioriteitsklasse(vp.pand_ids, vp.functies, regels.volgorde)
    woningen = vp.als_replicas(vp.woningen)
    ontvangst = np.zeros_like(tekort)
    potten: list[dict[str, dict[str, float]]] = [{} for _ in range(vp.replicas)]
    for g, hier in _gebieden(tuple(vp.gebied)):
        begin = float(regels.beginsaldo.get(g, 0.0))
        tekort_hier = tekort.compress(hier, axis=1)
        bijdragen_hier = rijsom(bijdrage.compress(hier, axis=1))
        pot = begin + bijdragen_hier
        deel = toewijzen_rijen(
            tekort_hier, pot, regels.toewijzing, woningen.compress(hier, axis=1), klasse[hier]
        )
        ontvangst[:, hier] = deel
        toegewezen = rijsom(deel)
        rest = pot - toegewezen
        voor, na = rijsom(tekort_hier), rijsom(tekort_hier - deel)
        for r, rekening in enumerate(potten):
            rekening[g] = {
                "beginsaldo": begin,
                "bijdragen": float(bijdragen_hier[r]),
                "toewijzingen": float(toegewezen[r]),
                "rest": float(rest[r]),
                "tekort_voor": float(voor[r]),
                "tekort_na": float(na[r]),
            }
    return ontvangst, potten


class Jaarstromen(NamedTuple):
    """The pool's nominal flows per replica and year (R, J), € (METHODE §6, "Tijd")."""

    bijdragen: Array  # received at the contributors' oplevering
    publieke_bijdragen: Array  # the part of it from publieke panden
    toewijzingen: Array  # paid at the receivers' start
    saldo: Array  # cumulative, beginsaldo included in year 0


def jaarstromen(
    vp: VereveningPanden, bijdrage_nom: Array, ontvangst_nom: Array, beginsaldo: float
) -> Jaarstromen:
    """Book each nominal contribution (R, P) in its pand's oplevering year and each
    allocation in its pand's start year; the saldo is the pool's cash at each year's end.
    Each replica's years are bins of their own, filled in pand order as when alone."""
    r, jaren = vp.replicas, vp.jaren
    eigen = np.repeat(np.arange(r) * jaren, len(vp.pand_ids))

    def per_jaar(jaar: IntArray, bedrag: Array) -> Array:
        bakken = np.bincount(jaar + eigen, weights=bedrag.reshape(-1), minlength=r * jaren)
        return np.asarray(bakken, dtype=np.float64).reshape(r, jaren)

    in_jaar = per_jaar(vp.oplevering, bijdrage_nom)
    publiek_jaar = per_jaar(vp.oplevering, np.where(vp.publiek, bijdrage_nom, 0.0))
    uit_jaar = per_jaar(vp.start, ontvangst_nom)
    saldo = beginsaldo + np.cumsum(in_jaar - uit_jaar, axis=1)
    return Jaarstromen(in_jaar, publiek_jaar, uit_jaar, saldo)


def vereven(regels: VereveningInvoer, vp: VereveningPanden, ort: Array) -> VereveningUitkomst:
    """Contributions, allocation per gebied, and the pool's yearly flows (METHODE §6).

    `ort` (P,) is each pand's gap after herverkaveling (€ peildatum, + = gap); per pand
    ORT na = ORT voor + bijdrage − ontvangst. A contribution is paid at the pand's
    oplevering and an allocation received at its start, nominally (amount / d).
    """
    if vp.replicas != 1:
        raise ValueError("vereven rekent één replica; gebruik vereven_replicas")
    return vereven_replicas(regels, vp, ort)[0]


def vereven_replicas(
    regels: VereveningInvoer, vp: VereveningPanden, ort: Array
) -> list[VereveningUitkomst]:
    """:func:`vereven` for the R replicas of `vp` at once (`ort` (R·P,)), without a loop over
    the replicas but for per woning's sort: each replica's result equals its own run, bit
    for bit (elementwise the same operations; a sum over a replica's panden adds its own
    row, :func:`.potverdeling.rijsom`)."""
    ort2 = vp.als_replicas(np.asarray(ort, dtype=np.float64))
    resultaat = -ort2
    overschot, tekort = np.maximum(resultaat, 0.0), np.maximum(-resultaat, 0.0)
    basis, grondslag = grondslagen(regels, vp)
    bijdrage = bijdragen(
        overschot,
        vp.publiek,
        basis,
        regels.aandeel_publiek,
        regels.methode,
        regels.waarde,
        vp.als_replicas(vp.bvo),
        vp.als_replicas(vp.woningen),
        regels.drempel,
    )
    ontvangst, potten = potten_per_gebied(regels, vp, bijdrage, tekort)
    bijdrage_nom = bijdrage / vp.als_replicas(vp.d_oplevering)
    ontvangst_nom = ontvangst / vp.als_replicas(vp.d_start)
    begin_totaal = sum(float(x) for x in regels.beginsaldo.values())
    stromen = jaarstromen(vp, bijdrage_nom, ontvangst_nom, begin_totaal)
    ort_na = ort2 + bijdrage - ontvangst
    return [
        VereveningUitkomst(
            gebied=list(vp.gebied),
            grondslag=grondslag[r],
            ort_voor=ort2[r].copy(),
            bijdrage=bijdrage[r],
            ontvangst=ontvangst[r],
            ort_na=ort_na[r],
            bijdrage_nominaal=bijdrage_nom[r],
            ontvangst_nominaal=ontvangst_nom[r],
            potten=potten[r],
            bijdragen_per_jaar=stromen.bijdragen[r],
            toewijzingen_per_jaar=stromen.toewijzingen[r],
            publieke_bijdragen_per_jaar=stromen.publieke_bijdragen[r],
            saldo_per_jaar=stromen.saldo[r],
            voorfinanciering=float(max(0.0, -stromen.saldo[r].min())),
            gedragen_door=regels.drager,
        )
        for r in range(vp.replicas)
    ]
