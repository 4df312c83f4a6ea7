"""The portfolio stages after the per-pand core: herverkaveling → verevening → fondsen.

Each stage takes every pand's onrendabele top (€ peildatum) as the previous stage
left it and hands on its own result, so a project leader can follow one pand through
the chain: ORT voor → na herverkaveling → na verevening → na elk fonds. Per-pand data
come from the core's arrays; the few scalar rules of each stage are read from their
validated scenario sections.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..schema import Scenario
from . import verevening as vv
from .fondsen import FondsPanden, FondsUitkomst, bereken_fonds
from .invoer import COMMERCIEEL, KOOP, Array, IntArray
from .rekenkern import Uitkomst
from .verevening import BoolArray


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
    saldo_per_jaar: Array  # (J,) cumulative, beginsaldo included in year 0
    voorfinanciering: float  # max(0, −min saldo): what someone must bridge
    gedragen_door: str | None  # the fund that carries the pool, if any


@dataclass
class Portefeuille:
    ort_voor: Array
    herverkaveling: Herverkaveling | None
    verevening: VereveningUitkomst | None
    fondsen: list[FondsUitkomst] = field(default_factory=list)
    ort_na: Array = field(default_factory=lambda: np.zeros(0))


def _per_pand(x: Array, segmenten: IntArray) -> Array:
    return np.add.reduceat(x, segmenten, axis=0)


def herverkavel(scenario: Scenario, ort: Array, inbrengwaarde: Array) -> Herverkaveling:
    """Redistribute each project's joint result among its owners (METHODE §6, herverkaveling)."""
    index = {p.id: i for i, p in enumerate(scenario.panden)}
    eigenaar = [p.eigenaar for p in scenario.panden]
    resultaat = -ort.copy()
    project = [""] * len(scenario.panden)
    rijen: list[dict[str, object]] = []
    for pr in scenario.projecten:
        leden = np.array([index[p] for p in pr.panden])
        eigen = resultaat[leden].copy()
        if isinstance(pr.verdeling, dict):
            aandeel = np.zeros(leden.size)
            for eig, deel in pr.verdeling.items():
                van = np.array([eigenaar[i] == eig for i in leden])
                aandeel[van] = deel * vv.aandelen_naar_rato(inbrengwaarde[leden][van])
        else:
            aandeel = vv.aandelen_naar_rato(inbrengwaarde[leden])
        resultaat[leden] = vv.herverdeel(eigen, aandeel)
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


def vereven(
    scenario: Scenario, u: Uitkomst, ort: Array, publiek: BoolArray, functies: list[set[str]]
) -> VereveningUitkomst:
    """Contributions, allocation per gebied, and the pool's yearly flows (METHODE §6)."""
    regels = scenario.verevening
    assert regels is not None
    inv = u.invoer
    resultaat = -ort
    overschot, tekort = np.maximum(resultaat, 0.0), np.maximum(-resultaat, 0.0)
    pv = regels.privaat
    commercieel = _per_pand(np.where(inv.soort == COMMERCIEEL, inv.bvo, 0.0), inv.segmenten)
    plicht = vv.kostenverhaalplichtig(
        u.woningen, commercieel, pv.min_woningen, pv.min_bvo_niet_wonen
    )
    overeenkomst = np.array([p.transformatie.anterieure_overeenkomst for p in scenario.panden])
    if pv.grondslag == "kostenverhaal":
        basis = plicht | overeenkomst
    elif pv.grondslag == "overeenkomst":
        basis = overeenkomst
    else:
        basis = np.zeros_like(overeenkomst)
    waarde = {
        "aandeel": pv.aandeel,
        "per_m2": pv.bijdrage_per_m2,
        "per_woning": pv.bijdrage_per_woning,
    }
    bijdrage = vv.bijdragen(
        overschot,
        publiek,
        basis,
        regels.aandeel_publiek,
        pv.methode,
        float(waarde.get(pv.methode) or 0.0),
        u.bvo,
        u.woningen,
        pv.drempel,
    )
    grondslag = [
        "publiek" if pub else ("overeenkomst" if ov else "kostenverhaal") if b else "geen"
        for pub, b, ov in zip(publiek, basis, overeenkomst & ~plicht, strict=True)
    ]
    gebied = [p.gebied for p in scenario.panden]
    gebieden = np.array(gebied)
    klasse = vv.prioriteitsklasse(inv.pand_ids, functies, regels.toewijzing.volgorde)
    ontvangst = np.zeros_like(ort)
    potten: dict[str, dict[str, float]] = {}
    for g in sorted(set(gebied)):
        hier = gebieden == g
        begin = float(regels.beginsaldo.get(g, 0.0))
        pot = begin + float(bijdrage[hier].sum())
        deel = vv.toewijzen(
            tekort[hier], pot, regels.toewijzing.methode, u.woningen[hier], klasse[hier]
        )
        ontvangst[hier] = deel
        potten[g] = {
            "beginsaldo": begin,
            "bijdragen": float(bijdrage[hier].sum()),
            "toewijzingen": float(deel.sum()),
            "rest": pot - float(deel.sum()),
            "tekort_voor": float(tekort[hier].sum()),
            "tekort_na": float((tekort[hier] - deel).sum()),
        }
    bijdrage_nom = bijdrage / u.d_oplevering
    ontvangst_nom = ontvangst / u.d_start
    jaren = inv.jaren
    in_jaar = np.bincount(inv.oplevering, weights=bijdrage_nom, minlength=jaren).astype(np.float64)
    uit_jaar = np.bincount(inv.start, weights=ontvangst_nom, minlength=jaren).astype(np.float64)
    begin_totaal = sum(float(x) for x in regels.beginsaldo.values())
    saldo = begin_totaal + np.cumsum(in_jaar - uit_jaar)
    dragers = [
        f.naam
        for f in scenario.fondsen
        if "verevening" in (f.toewijzing.volgorde_instrumenten or [])
    ]
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
        saldo_per_jaar=saldo,
        voorfinanciering=float(max(0.0, -saldo.min())),
        gedragen_door=dragers[0] if dragers else None,
    )


def fondspanden(
    scenario: Scenario,
    u: Uitkomst,
    publiek: BoolArray,
    functies: list[set[str]],
    geen_deelneming: BoolArray,
) -> FondsPanden:
    """The per-pand arrays a fund needs, from the core's results."""
    inv = u.invoer
    betaalbaar_functie = {
        k: bool(getattr(f, "betaalbaar", False)) for k, f in scenario.functies.items()
    }
    regels = [r for p in scenario.panden for r in p.transformatie.programma]
    betaalbaar = np.array([betaalbaar_functie[r.functie] for r in regels], dtype=bool)
    kosten = -sum(
        (stroom for post, stroom in u.kasstroom.items() if post != "exploitatiewaarde"),
        np.zeros_like(u.kasstroom_totaal),
    )
    koop = inv.methode == KOOP
    return FondsPanden(
        pand_ids=inv.pand_ids,
        jaren=inv.jaren,
        midden_jaar=inv.midden_jaar,
        disconteringsvoet=inv.disconteringsvoet,
        start=inv.start,
        oplevering=inv.oplevering,
        stichtingskosten=u.stichtingskosten,
        inbreng=u.inbreng,
        woningen=u.woningen,
        betaalbare_woningen=_per_pand(np.where(betaalbaar, inv.woningen, 0.0), inv.segmenten),
        bvo=u.bvo,
        publiek=publiek,
        functies=[frozenset(f) for f in functies],
        kosten=kosten,
        aankoop=u.inbreng + u.verwervingskosten,
        noi=_per_pand(u.noi, inv.segmenten),
        ew_koop=_per_pand(np.where(koop, u.f_exploitatiewaarde, 0.0), inv.segmenten),
        ew_huur=_per_pand(np.where(koop, 0.0, u.f_exploitatiewaarde), inv.segmenten),
        index_huur=inv.index_huur,
        index_grond=inv.index_grond,
        geen_deelneming=geen_deelneming,
        startjaar=inv.startjaar,
    )


def bereken_portefeuille(scenario: Scenario, u: Uitkomst) -> Portefeuille:
    """Run herverkaveling, verevening and the fondsen in that order."""
    publiek = np.array([scenario.partijen[p.eigenaar].publiek for p in scenario.panden])
    functies = [{r.functie for r in p.transformatie.programma} for p in scenario.panden]
    ort = u.onrendabele_top.copy()
    uit = Portefeuille(ort_voor=ort.copy(), herverkaveling=None, verevening=None)
    geen_deelneming = np.zeros(ort.shape, dtype=bool)
    if scenario.projecten:
        uit.herverkaveling = herverkavel(scenario, ort, u.invoer.inbrengwaarde)
        ort = uit.herverkaveling.ort_na.copy()
        geen_deelneming |= np.array([bool(x) for x in uit.herverkaveling.project])
    pot: tuple[float, Array, Array] | None = None
    if scenario.verevening is not None:
        uit.verevening = vereven(scenario, u, ort, publiek, functies)
        ort = uit.verevening.ort_na.copy()
        geen_deelneming |= (uit.verevening.bijdrage > 0) | (uit.verevening.ontvangst > 0)
        pot = (
            sum(g["beginsaldo"] for g in uit.verevening.potten.values()),
            uit.verevening.bijdragen_per_jaar,
            uit.verevening.toewijzingen_per_jaar,
        )
    if scenario.fondsen:
        pd = fondspanden(scenario, u, publiek, functies, geen_deelneming)
        for fonds in scenario.fondsen:
            draagt = "verevening" in (fonds.toewijzing.volgorde_instrumenten or [])
            f = bereken_fonds(fonds, pd, ort, scenario.markt.bouwrente, pot if draagt else None)
            uit.fondsen.append(f)
            ort = f.ort_na.copy()
    uit.ort_na = ort
    return uit
