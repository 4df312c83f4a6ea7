"""Herverkaveling and verevening (METHODE §6): moving results between panden.

Everything here works on per-pand vectors of results at peildatum (€, contante
waarde): ``R_p = −ORT_p``, surplus ``S_p = max(R_p, 0)`` and gap ``G_p = max(−R_p, 0)``.
The functions are pure and vectorised; the only loops are over projecten, gebieden
and prioriteitsklassen (a handful), never over panden.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]


# ------------------------------------------------------------------ inputs
@dataclass(frozen=True)
class ProjectInvoer:
    """A herverkaveling project: member panden (indices) and how owners share the result."""

    id: str
    naam: str
    leden: tuple[int, ...]
    verdeling: Mapping[str, float] | None  # eigenaar → share; None: by inbrengwaarde


@dataclass(frozen=True)
class VereveningInvoer:
    """The verevening rules (METHODE §6) as the engine reads them."""

    aandeel_publiek: float
    grondslag: str  # kostenverhaal | overeenkomst | geen
    methode: str  # aandeel | per_m2 | per_woning | geen
    waarde: float  # the share, or € per m² / per woning
    drempel: float
    min_woningen: float
    min_bvo_niet_wonen: float
    toewijzing: str  # pro_rata | prioriteit | per_woning
    volgorde: tuple[str, ...]
    beginsaldo: Mapping[str, float]  # gebied → € peildatum
    drager: str | None  # the fund that carries the pot, if any


@dataclass(frozen=True)
class VereveningPanden:
    """Per pand (P,) what verevening needs: ownership, gebied and results of the core."""

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


# ----------------------------------------------------------------- results
@dataclass(frozen=True)
class Herverkaveling:
    """Per pand the result after herverkaveling, and per project and owner the shares."""

    ort_na: Array  # (P,) € peildatum
    project: list[str]  # (P,) project id or ''
    eigenaren: list[dict[str, object]]  # rows: project, eigenaar, aandeel, alleen, samen, verschil


@dataclass(frozen=True)
class VereveningUitkomst:
    """Per pand (P,) in € peildatum unless nominal; the pools per gebied; the yearly flows."""

    gebied: list[str]
    grondslag: list[str]  # publiek | kostenverhaal | overeenkomst | geen
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
        return sum(pot["beginsaldo"] for pot in self.potten.values())


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
    pand_ids: Sequence[str],
    functies_per_pand: Sequence[AbstractSet[str]],
    volgorde: Sequence[str],
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


# ------------------------------------------------------------- the stages
def herverkavel(
    projecten: Sequence[ProjectInvoer],
    eigenaar: Sequence[str],
    ort: Array,
    inbrengwaarde: Array,
) -> Herverkaveling:
    """Redistribute each project's joint result among its owners (METHODE §6, herverkaveling)."""
    resultaat = -ort.copy()
    project = [""] * len(eigenaar)
    rijen: list[dict[str, object]] = []
    for pr in projecten:
        leden = np.array(pr.leden)
        eigen = resultaat[leden].copy()
        if pr.verdeling is not None:
            aandeel = np.zeros(leden.size)
            for eig, deel in pr.verdeling.items():
                van = np.array([eigenaar[i] == eig for i in leden])
                aandeel[van] = deel * aandelen_naar_rato(inbrengwaarde[leden][van])
        else:
            aandeel = aandelen_naar_rato(inbrengwaarde[leden])
        resultaat[leden] = herverdeel(eigen, aandeel)
        for i in leden:
            project[i] = pr.id
        for eig in dict.fromkeys(eigenaar[i] for i in leden):
            van = np.array([eigenaar[i] == eig for i in leden])
            alleen, samen = float(eigen[van].sum()), float(resultaat[leden][van].sum())
            rijen.append(
                {
                    "project": pr.id,
                    "eigenaar": eig,
                    "aandeel": float(aandeel[van].sum()),
                    "resultaat_alleen": alleen,
                    "resultaat_samen": samen,
                    "verschil": samen - alleen,
                }
            )
    return Herverkaveling(-resultaat, project, rijen)


def vereven(regels: VereveningInvoer, vp: VereveningPanden, ort: Array) -> VereveningUitkomst:
    """Contributions, allocation per gebied, and the pool's yearly flows (METHODE §6)."""
    resultaat = -ort
    overschot, tekort = np.maximum(resultaat, 0.0), np.maximum(-resultaat, 0.0)
    plicht = kostenverhaalplichtig(
        vp.woningen, vp.bvo_commercieel, regels.min_woningen, regels.min_bvo_niet_wonen
    )
    overeenkomst = vp.overeenkomst
    if regels.grondslag == "kostenverhaal":
        basis = plicht | overeenkomst
    elif regels.grondslag == "overeenkomst":
        basis = overeenkomst
    else:
        basis = np.zeros_like(overeenkomst)
    bijdrage = bijdragen(
        overschot,
        vp.publiek,
        basis,
        regels.aandeel_publiek,
        regels.methode,
        regels.waarde,
        vp.bvo,
        vp.woningen,
        regels.drempel,
    )
    grondslag = [
        "publiek" if pub else ("overeenkomst" if ov else "kostenverhaal") if b else "geen"
        for pub, b, ov in zip(vp.publiek, basis, overeenkomst & ~plicht, strict=True)
    ]
    gebied = list(vp.gebied)
    gebieden = np.array(gebied)
    klasse = prioriteitsklasse(vp.pand_ids, vp.functies, regels.volgorde)
    ontvangst = np.zeros_like(ort)
    potten: dict[str, dict[str, float]] = {}
    for g in sorted(set(gebied)):
        hier = gebieden == g
        begin = float(regels.beginsaldo.get(g, 0.0))
        pot = begin + float(bijdrage[hier].sum())
        deel = toewijzen(tekort[hier], pot, regels.toewijzing, vp.woningen[hier], klasse[hier])
        ontvangst[hier] = deel
        potten[g] = {
            "beginsaldo": begin,
            "bijdragen": float(bijdrage[hier].sum()),
            "toewijzingen": float(deel.sum()),
            "rest": pot - float(deel.sum()),
            "tekort_voor": float(tekort[hier].sum()),
            "tekort_na": float((tekort[hier] - deel).sum()),
        }
    bijdrage_nom = bijdrage / vp.d_oplevering
    ontvangst_nom = ontvangst / vp.d_start
    jaren = vp.jaren
    in_jaar = np.bincount(vp.oplevering, weights=bijdrage_nom, minlength=jaren).astype(np.float64)
    publiek_jaar = np.bincount(
        vp.oplevering, weights=np.where(vp.publiek, bijdrage_nom, 0.0), minlength=jaren
    ).astype(np.float64)
    uit_jaar = np.bincount(vp.start, weights=ontvangst_nom, minlength=jaren).astype(np.float64)
    begin_totaal = sum(float(x) for x in regels.beginsaldo.values())
    saldo = begin_totaal + np.cumsum(in_jaar - uit_jaar)
    return VereveningUitkomst(
        gebied=gebied,
        grondslag=grondslag,
        ort_voor=ort.copy(),
        bijdrage=bijdrage,
        ontvangst=ontvangst,
        ort_na=ort + bijdrage - ontvangst,
        bijdrage_nominaal=bijdrage_nom,
        ontvangst_nominaal=ontvangst_nom,
        potten=potten,
        bijdragen_per_jaar=in_jaar,
        toewijzingen_per_jaar=uit_jaar,
        publieke_bijdragen_per_jaar=publiek_jaar,
        saldo_per_jaar=saldo,
        voorfinanciering=float(max(0.0, -saldo.min())),
        gedragen_door=regels.drager,
    )
