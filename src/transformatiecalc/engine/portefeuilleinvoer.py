"""The inputs of the portfolio stages (METHODE §6–7), read once from the validated scenario.

This is the one place where herverkaveling, verevening and fondsen meet the schema (as
:mod:`.invoer` is for §1–5): ownership, gebied and agreements per pand, the projects, the
verevening rules and every fund as plain frozen dataclasses — tranches in order of rang
and each instrument as its own class (:mod:`.fondsen.instrumenten`). Every convention
string of the scenario is resolved here, once, to its enum (:mod:`.fondsen.conventies`,
:class:`.verevening.Grondslag` …). Nothing downstream reads a pydantic model.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np

from ..schema import (
    DeelnemingInstrument,
    ErfpachtInstrument,
    Fonds,
    GarantieInstrument,
    Instrument,
    LeningInstrument,
    Scenario,
    SubsidieInstrument,
    Voor,
)
from .fondsen import (
    Aflossing,
    Deelneming,
    Eigendom,
    Erfpacht,
    FondsInvoer,
    Garantie,
    Geldgebrek,
    Lening,
    Omvang,
    Pandvolgorde,
    Subsidie,
    Tranche,
    Tranchesoort,
    Voorwaarden,
)
from .fondsen import Instrument as FondsInstrument
from .herverkaveling import ProjectInvoer
from .potverdeling import Toewijzingsmethode
from .verevening import Bijdragemethode, BoolArray, Grondslag, VereveningInvoer


@dataclass(frozen=True)
class PortefeuilleInvoer:
    """Per pand (P,) and per programme row (F,) what §6–7 need beyond the core's results."""

    eigenaar: tuple[str, ...]
    publiek: BoolArray  # eigenaar is a gemeente or corporatie
    overeenkomst: BoolArray  # anterieure overeenkomst
    gebied: tuple[str, ...]
    functies: tuple[frozenset[str], ...]
    betaalbaar: BoolArray  # (F,) the row's functie counts as betaalbaar
    projecten: tuple[ProjectInvoer, ...]
    verevening: VereveningInvoer | None
    fondsen: tuple[FondsInvoer, ...]
    disconteringsvoet_publiek: float
    disconteringsvoet_publiek_bron: str  # where that rate comes from, in Dutch

    @property
    def heeft_stappen(self) -> bool:
        return bool(self.projecten) or self.verevening is not None or bool(self.fondsen)

    def met_publiek_geld(self, factor: float) -> PortefeuilleInvoer:
        """The same portfolio with every public tranche's deposit times `factor`."""
        fondsen = tuple(
            replace(
                f,
                tranches=tuple(
                    replace(tr, bedrag=tr.bedrag * factor) if tr.publiek else tr
                    for tr in f.tranches
                ),
            )
            for f in self.fondsen
        )
        return replace(self, fondsen=fondsen)


def _voorwaarden(voor: Voor) -> Voorwaarden:
    return Voorwaarden(
        eigendom=Eigendom(voor.eigendom),
        functies=frozenset(voor.functies),
        panden=frozenset(voor.panden),
        min_woningen=float(voor.min_woningen),
        min_betaalbaar=float(voor.min_betaalbaar),
    )


def _instrument(ins: Instrument, voet: float) -> FondsInstrument:
    """The engine's class for one instrument of the (effective) scenario; `voet` is the
    fund's rate (it values an erfpacht still running at the horizon)."""
    assert ins.naam is not None  # filled by schema.standaarden.vul_standaarden
    gemeen: dict[str, Any] = {
        "naam": ins.naam,
        "voor": _voorwaarden(ins.voor),
        "min_effect": float(ins.min_effect),
    }
    if isinstance(ins, SubsidieInstrument):
        return Subsidie(
            **gemeen,
            aandeel_ort=ins.aandeel_ort,
            max_per_pand=ins.max_per_pand,
            max_per_woning=ins.max_per_woning,
        )
    if isinstance(ins, LeningInstrument):
        assert ins.marktrente is not None  # filled by schema.standaarden.vul_standaarden
        return Lening(
            **gemeen,
            aandeel_sk=ins.aandeel_sk,
            max_bedrag=ins.max_bedrag,
            rente=ins.rente,
            marktrente=ins.marktrente,
            looptijd=ins.looptijd,
            aflossing=Aflossing(ins.aflossing),
            aflossingsvrij=ins.aflossingsvrij,
            jaren_voor_start=ins.jaren_voor_start,
            wanbetaling=ins.wanbetaling.verwacht,
            omvang=Omvang(ins.omvang),
            waarderingsvoet=voet,
        )
    if isinstance(ins, GarantieInstrument):
        return Garantie(
            **gemeen,
            bankfinanciering=ins.bankfinanciering,
            dekking=ins.dekking,
            premie=ins.premie,
            renteverlaging=ins.renteverlaging,
            looptijd=ins.looptijd,
            wanbetaling=ins.wanbetaling.verwacht,
            omvang=Omvang(ins.omvang),
        )
    if isinstance(ins, DeelnemingInstrument):
        return Deelneming(**gemeen, verkoop_na=ins.verkoop_na)
    assert isinstance(ins, ErfpachtInstrument)
    return Erfpacht(
        **gemeen,
        grondaandeel=ins.grondaandeel,
        canon=ins.canon,
        termijn=ins.termijn,
        omvang=Omvang(ins.omvang),
        waarderingsvoet=voet,
    )


def fonds_invoer(fonds: Fonds, startjaar: int) -> FondsInvoer:
    """One fund of the effective scenario as the engine's plain terms."""
    tranches = tuple(
        Tranche(
            naam=tr.naam,
            soort=Tranchesoort(tr.soort),
            bedrag=float(tr.bedrag),
            jaar=(tr.jaar or startjaar) - startjaar,
            rang=int(tr.rang or 0),
            publiek=bool(tr.publiek),
            rente=float(tr.rente or 0.0),
            looptijd=int(tr.looptijd or 0),
            aflossing=Aflossing(tr.aflossing or Aflossing.INEENS),
        )
        for tr in sorted(fonds.tranches, key=lambda x: x.rang or 0)
    )
    voet = float(fonds.disconteringsvoet or 0.0)
    instrumenten = tuple(_instrument(i, voet) for i in fonds.instrumenten)
    index = {ins.naam: k for k, ins in enumerate(instrumenten)}
    genoemd = [index[n] for n in fonds.toewijzing.volgorde_instrumenten or [] if n in index]
    volgorde = (*genoemd, *(k for k in range(len(instrumenten)) if k not in genoemd))
    tw = fonds.toewijzing
    return FondsInvoer(
        naam=fonds.naam,
        tranches=tranches,
        instrumenten=instrumenten,
        volgorde=volgorde,
        volgorde_panden=Pandvolgorde(tw.volgorde_panden),
        prioriteit=tuple(tw.prioriteit),
        bij_geldgebrek=Geldgebrek(tw.bij_geldgebrek),
        max_wachttijd=tw.max_wachttijd,
        alleen_sluitend=tw.alleen_sluitend,
        beheerkosten=float(fonds.beheerkosten),
        disconteringsvoet=voet,
        kredietlimiet=float(fonds.kredietlimiet),
        draagt_verevening="verevening" in (tw.volgorde_instrumenten or []),
    )


def _bron_publiek(scenario: Scenario) -> str:
    """Where the rate for public money comes from, as the outputs print it beside the KPI."""
    if scenario.is_opgegeven("markt.disconteringsvoet_publiek"):
        return "opgegeven in markt.disconteringsvoet_publiek"
    gemeente = scenario.gemeente
    if gemeente is None:
        return "markt.disconteringsvoet: het scenario heeft geen partij van soort gemeente"
    return f"de voet van de gemeente (partij {gemeente})"


def _projecten(scenario: Scenario) -> tuple[ProjectInvoer, ...]:
    """The herverkaveling projects, their members as pand indices."""
    index = {p.id: i for i, p in enumerate(scenario.panden)}
    return tuple(
        ProjectInvoer(
            id=pr.id,
            naam=pr.naam or pr.id,
            leden=tuple(index[p] for p in pr.panden),
            verdeling=dict(pr.verdeling) if isinstance(pr.verdeling, dict) else None,
        )
        for pr in scenario.projecten
    )


def _verevening(scenario: Scenario) -> VereveningInvoer | None:
    """The verevening rules, and the fund that carries the pot (the first to name it)."""
    if scenario.verevening is None:
        return None
    vv, pv = scenario.verevening, scenario.verevening.privaat
    methode = Bijdragemethode(pv.methode)
    waarde = {
        Bijdragemethode.AANDEEL: pv.aandeel,
        Bijdragemethode.PER_M2: pv.bijdrage_per_m2,
        Bijdragemethode.PER_WONING: pv.bijdrage_per_woning,
    }.get(methode)
    dragers = [f.naam for f in scenario.fondsen if fonds_invoer(f, 0).draagt_verevening]
    return VereveningInvoer(
        aandeel_publiek=vv.aandeel_publiek,
        grondslag=Grondslag(pv.grondslag),
        methode=methode,
        waarde=float(waarde or 0.0),
        drempel=pv.drempel,
        min_woningen=pv.min_woningen,
        min_bvo_niet_wonen=pv.min_bvo_niet_wonen,
        toewijzing=Toewijzingsmethode(vv.toewijzing.methode),
        volgorde=tuple(vv.toewijzing.volgorde),
        beginsaldo={g: float(b) for g, b in vv.beginsaldo.items()},
        drager=dragers[0] if dragers else None,
    )


def met_stappen(scenario: Scenario) -> bool:
    """Does the scenario have a portfolio stage (herverkaveling, verevening or fondsen)?"""
    return bool(scenario.projecten) or scenario.verevening is not None or bool(scenario.fondsen)


def zelfde(a: PortefeuilleInvoer, b: PortefeuilleInvoer) -> bool:
    """Are two portfolio inputs equal in every field (arrays element by element)?"""
    for f in fields(PortefeuilleInvoer):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, np.ndarray):
            if not (isinstance(y, np.ndarray) and x.dtype == y.dtype and np.array_equal(x, y)):
                return False
        elif x != y:
            return False
    return True


def portefeuille_invoer(scenario: Scenario) -> PortefeuilleInvoer:
    """Everything herverkaveling, verevening and fondsen read from the scenario."""
    panden = scenario.panden
    betaalbaar_functie = {k: getattr(f, "betaalbaar", False) for k, f in scenario.functies.items()}
    rijen = scenario.huurrecht
    regels = [r.functie for p in panden for r in p.transformatie.programma]
    # a functie's own betaalbaar, else (WWS points in several segments) its row's segment
    betaalbaar = [
        bool(betaalbaar_functie[k])
        if betaalbaar_functie[k] is not None or rijen is None
        else rijen.segment_naam(i) in ("sociaal", "midden")
        for i, k in enumerate(regels)
    ]
    voet = scenario.markt.disconteringsvoet_publiek
    assert voet is not None  # filled by schema.standaarden.vul_standaarden
    return PortefeuilleInvoer(
        eigenaar=tuple(p.eigenaar for p in panden),
        publiek=np.array([scenario.partijen[p.eigenaar].publiek for p in panden], dtype=bool),
        overeenkomst=np.array([p.transformatie.anterieure_overeenkomst for p in panden]),
        gebied=tuple(p.gebied for p in panden),
        functies=tuple(frozenset(r.functie for r in p.transformatie.programma) for p in panden),
        betaalbaar=np.array(betaalbaar, dtype=bool),
        projecten=_projecten(scenario),
        verevening=_verevening(scenario),
        fondsen=tuple(fonds_invoer(f, scenario.startjaar) for f in scenario.fondsen),
        disconteringsvoet_publiek=float(voet),
        disconteringsvoet_publiek_bron=_bron_publiek(scenario),
    )
