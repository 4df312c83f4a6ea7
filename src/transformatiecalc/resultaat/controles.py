"""Warnings that do not stop a calculation (Dutch, one line each): rent law
(:mod:`.huurrecht`), a programme of another BVO than the pand, a non-positive exploitation
value, and what a workgroup must not miss about the funds and the pot."""

from __future__ import annotations

import math

from ..engine import Uitkomst
from ..engine.fondsen import FondsUitkomst, Reden
from ..engine.portefeuille import Portefeuille
from ..getallen import decimaal, duizendtallen, reeksen
from ..schema import Scenario
from .huurrecht import huurwaarschuwingen


def _euro(x: float) -> str:
    return f"€ {duizendtallen(x)}"


def fondswaarschuwingen(pf: Portefeuille, startjaar: int) -> list[str]:
    """What a workgroup must not miss about the funds and the pot (Dutch, one line each):
    a lending or equity tranche that loses money, a loan paid late, cash below zero, panden still
    waiting at the horizon, and a pot whose bridging nobody carries (an assumption)."""
    uit: list[str] = []
    v = pf.verevening
    if v is not None and v.gedragen_door is None and v.voorfinanciering > 0.005:
        uit.append(
            f"verevening: de pot moet {_euro(v.voorfinanciering)} voorfinancieren (toewijzingen "
            "bij de start, bijdragen pas bij oplevering) en geen fonds draagt hem; gerekend is "
            "alsof de gemeente dat doet (zet 'verevening' vooraan in volgorde_instrumenten van "
            "een fonds om het door een fonds te laten dragen)"
        )
    for f in pf.fondsen:
        uit += _tranchewaarschuwingen(f)
        uit += _kaswaarschuwingen(f, None if v is None else v.gedragen_door, startjaar)
        uit += _opzetwaarschuwing(f, startjaar)
        uit += _wachtwaarschuwingen(f, startjaar)
        uit += _garantiewaarschuwing(f, startjaar)
    return uit


def _garantiewaarschuwing(f: FondsUitkomst, startjaar: int) -> list[str]:
    """A fund that stands guarantor for more than its cash: the ledger reserves only the
    expected loss, so a call the size of its largest guarantee may be more than it has."""
    k = f.kpi
    dekking = k.get("garantiedekking")
    if dekking is None or dekking >= 1.0:
        return []
    jaar = int(k["jaar_garanties_max"])
    kas = float(f.grootboek["eind"][jaar - startjaar])
    # rounded down: a cover of 99,6 % is short, and must not read as 100 %
    procent = math.floor(100 * dekking)
    tekst = (
        f"fonds {f.naam} staat in {jaar} garant voor {_euro(float(k['garanties_uitstaand_max']))} "
        f"met {_euro(kas)} kas (op het laagst, in {f.jaar_laagste_garantiedekking}, {procent} % "
        "kas per euro garantie); het kasboek rekent alleen met het verwachte verlies "
        "(wanbetaling)"
    )
    grootste = float(k["grootste_garantie"])
    if grootste > kas:
        tekst += (
            f" — de grootste garantie, {_euro(grootste)} voor {f.grootste_garantie_pand}, "
            "is meer dan die kas"
        )
    return [tekst]


def _tranchewaarschuwingen(f: FondsUitkomst) -> list[str]:
    """Per lending tranche of fund `f`: an expected loss, and payment in arrears; per
    eigen-vermogen tranche an expected loss of its deposit (€ nominaal). A subsidie tranche
    is not meant to come back and is not named."""
    uit: list[str] = []
    t = f.tranches
    for i, naam in enumerate(t["naam"]):
        irr = t["irr"][i]
        irr_tekst = f"IRR {decimaal(100 * irr, 1)} %" if math.isfinite(irr) else "geen IRR"
        if t["soort"][i] == "eigen_vermogen" and t["verlies"][i] > 0.005:
            wie = "publiek" if t["publiek"][i] else "privaat"
            inleg = float(t["bedrag"][i])
            uit.append(
                f"fonds {f.naam}: tranche {naam} (eigen vermogen, {wie}, rang {t['rang'][i]}) "
                f"verliest naar verwachting {_euro(t['verlies'][i])} van "
                f"{_euro(inleg)} inleg ({decimaal(100 * t['verlies'][i] / inleg, 0)} %, "
                f"{irr_tekst})"
            )
        if t["soort"][i] != "lening":
            continue
        rente = t["rente"][i]
        rente_tekst = f"{decimaal(100 * float(rente or 0.0), 1)} % rente"
        tranche = f"fonds {f.naam}: tranche {naam} (lening, rang {t['rang'][i]})"
        if t["verlies"][i] > 0.005:
            uit.append(
                f"{tranche} verliest naar verwachting {_euro(t['verlies'][i])} "
                f"({irr_tekst} tegen {rente_tekst})"
            )
        if t["jaren_achterstand"][i] > 0:
            uit.append(
                f"{tranche} wordt te laat betaald: achterstand tot "
                f"{_euro(t['achterstand_max'][i])}, {t['jaren_achterstand'][i]} jaar vanaf "
                f"{t['eerste_jaar_achterstand'][i]} ({irr_tekst} tegen {rente_tekst})"
            )
    return uit


def _kaswaarschuwingen(f: FondsUitkomst, potdrager: str | None, startjaar: int) -> list[str]:
    """Fund `f`'s cash below zero during the horizon (when, how deep, why) and a deficit
    left at the horizon (who does not get it back); `potdrager` is the fund that carries
    the verevening pot, if any."""
    uit: list[str] = []
    k = f.kpi
    if f.kastekort_jaren:
        jaren = [j + startjaar for j in f.kastekort_jaren]
        limiet = float(k["kredietlimiet"])
        if float(k["kastekort"]) <= limiet + 0.005:
            waarom = f"binnen de kredietlimiet van {_euro(limiet)}, zonder rente gerekend"
        elif potdrager == f.naam:
            waarom = "de vereveningspot die het fonds draagt vraagt meer dan zijn kas"
        else:
            waarom = "meer dan de kredietlimiet"
        wanneer = f"in {reeksen(jaren)}"
        if len(jaren) > 1:
            wanneer += f", het laagst in {k['jaar_minimum_saldo']}"
        uit.append(
            f"fonds {f.naam} staat rood: kas tot {_euro(float(k['kastekort']))} onder nul "
            f"{wanneer}; {waarom}"
        )
    if float(k["tekort_einde"]) > 0.005:
        wie = (
            "de kredietverstrekker krijgt de roodstand niet terug"
            if float(k["kredietlimiet"]) > 0
            else "geen tranche in de afrekening draagt dit"
        )
        uit.append(
            f"fonds {f.naam} eindigt met een tekort: eindvermogen aan de horizon "
            f"{_euro(float(k['tekort_einde']))} onder nul; {wie}"
        )
    return uit


def _opzetwaarschuwing(f: FondsUitkomst, startjaar: int) -> list[str]:
    """A fund whose set-up does not close: without any commitment its forecast goes below
    zero (in which year, or at the settlement at the horizon)."""
    if f.jaar_tekort_opzet is None:
        return []
    return [
        f"fonds {f.naam}: de opzet sluit niet — zonder één toezegging komt de "
        f"prognose {_euro(f.tekort_opzet)} onder nul "
        + (
            "bij de afrekening aan de horizon"
            if f.jaar_tekort_opzet == len(f.vrije_kas) - 1
            else f"in {f.jaar_tekort_opzet + startjaar}"
        )
        + " (rente en aflossing aan tranches of de vereveningspot vragen meer dan er "
        "binnenkomt); het fonds doet alleen toezeggingen die dat niet verergeren"
    ]


def _wachtwaarschuwingen(f: FondsUitkomst, startjaar: int) -> list[str]:
    """Panden fund `f` dropped after the maximum waiting time or because their package,
    sized again after waiting for cash, no longer offered anything (or no longer closed),
    and panden still waiting at the horizon, each with their remaining gap (€ of
    `startjaar`)."""
    uit: list[str] = []
    for reden, waarom in (
        (Reden.WACHTTIJD, "na de maximale wachttijd"),
        (Reden.NA_WACHTEN, "na wachten op geld: het pakket bood daarna niets meer of sloot niet"),
    ):
        afgevallen = f.reden == reden
        if afgevallen.any():
            n = int(afgevallen.sum())
            uit.append(
                f"fonds {f.naam}: {n} {'pand viel' if n == 1 else 'panden vielen'} af {waarom} "
                f"(tekort {_euro(float(f.ort_na[afgevallen].sum()))}, € van {startjaar})"
            )
    wachtend = int(f.kpi["panden_wachtend_einde"])
    if wachtend:
        open_ = float(f.ort_na[f.reden == Reden.WACHT].sum())
        uit.append(
            f"fonds {f.naam}: {wachtend} {'pand wacht' if wachtend == 1 else 'panden wachten'} "
            f"tot het eind van de horizon op geld (tekort {_euro(open_)}, € van {startjaar})"
        )
    return uit


BVO_MARGE = 0.05


#: Up to this many panden with a programme of another BVO get a line each; more get one line.
BVO_LOS = 2


def _bvo_waarschuwingen(scenario: Scenario, uitkomst: Uitkomst) -> list[str]:
    """Panden whose programme has more or less BVO than the pand has now (beyond BVO_MARGE):
    a line each for a few, one line listing them all for more (the example has ten; ten
    lines hid the other warnings)."""
    afwijkend: list[tuple[str, float, float]] = []
    for p, pand in enumerate(scenario.panden):
        huidig = pand.huidig.bvo
        nieuw = float(uitkomst.bvo[p])
        if huidig is not None and abs(nieuw - huidig) > BVO_MARGE * huidig:
            afwijkend.append((pand.id, nieuw, float(huidig)))

    def procent(nieuw: float, huidig: float) -> str:
        return f"{'+' if nieuw > huidig else ''}{decimaal(100 * (nieuw / huidig - 1), 1)} %"

    if len(afwijkend) <= BVO_LOS:
        return [
            f"{id_}: het programma heeft {duizendtallen(nieuw)} m² BVO, het pand nu "
            f"{duizendtallen(huidig)} m² ({procent(nieuw, huidig)}; "
            f"{'optoppen of uitbouwen?' if nieuw > huidig else 'leegstand of sloop?'} "
            "de bouwkosten volgen het programma)"
            for id_, nieuw, huidig in afwijkend
        ]
    lijst = ", ".join(f"{id_} {procent(nieuw, huidig)}" for id_, nieuw, huidig in afwijkend)
    return [
        f"{len(afwijkend)} panden hebben een programma met meer of minder BVO dan het pand nu "
        f"(meer dan {round(100 * BVO_MARGE)} % verschil; minder: leegstand of sloop?, meer: "
        f"optoppen of uitbouwen?; de bouwkosten volgen het programma): {lijst}"
    ]


def _zonder_wanbetaling(scenario: Scenario) -> list[str]:
    """Loans and guarantees of a fund whose chance of default the scenario does not give:
    computed with none (kans 0), so the ledger and the KPIs show them free of credit risk —
    an assumption the workgroup must see (METHODE §7)."""
    uit: list[str] = []
    for i, fonds in enumerate(scenario.fondsen):
        namen = [
            f"{ins.soort} {ins.naam}"
            for j, ins in enumerate(fonds.instrumenten)
            if ins.soort in ("lening", "garantie")
            and not scenario.is_opgegeven(f"fondsen[{i}].instrumenten[{j}].wanbetaling.kans")
        ]
        if namen:
            uit.append(
                f"fonds {fonds.naam}: {' en '.join(namen)} rekent zonder wanbetaling (kans 0, niet "
                "opgegeven): kasboek en kengetallen tonen geen kredietrisico; geef wanbetaling: "
                "{kans: …, verlies: …}"
            )
    return uit


def waarschuwingen(scenario: Scenario, uitkomst: Uitkomst) -> list[str]:
    """Plausibility notes that do not stop the calculation (Dutch, one line each), rent
    law first (:func:`huurwaarschuwingen`)."""
    uit = huurwaarschuwingen(scenario, uitkomst)
    uit += _zonder_wanbetaling(scenario)
    uit += _bvo_waarschuwingen(scenario, uitkomst)
    for p, pand in enumerate(scenario.panden):
        if uitkomst.exploitatiewaarde[p] <= 0:
            uit.append(
                f"{pand.id}: de exploitatiewaarde is niet positief; controleer huren en lasten"
            )
    return uit
