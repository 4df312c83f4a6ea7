"""A fund's key figures (METHODE §7, "Kengetallen per fonds"), from its ledger and settlement.

Every figure states its basis in its name or in uitvoer/labels.py: amounts nominal (the
ledger's euros) unless they are a gap (€ peildatum, the basis of the ORT) or a net
present value at the fund's `disconteringsvoet` (public money). Years are calendar years.
The groups below follow the table in docs/methode.md; their keys, in this order, are the
JSON names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .conventies import Tranchesoort
from .instrumenten import Garantie
from .panden import Array, BoolArray, FondsPanden
from .posten import CENT, NAAR_PANDEN, VAN_PANDEN, Reden

if TYPE_CHECKING:
    from .fonds import FondsInvoer, FondsUitkomst


def _of_niets(teller: float, noemer: float, schaal: float = 1.0) -> float | None:
    return teller / noemer * schaal if noemer > CENT else None


def kengetallen(
    fu: FondsUitkomst,
    fonds: FondsInvoer,
    fp: FondsPanden,
    vermogen: float,
    vorderingen: float,
    restwaarde: float,
    uitputtingsjaar: int | None,
) -> dict[str, object]:
    """The fund's KPIs in reading order (keys are the JSON names).

    `vermogen` is the eindvermogen and `vorderingen` the expected claims at the horizon,
    `restwaarde` what is left after the tranches (all € nominal); `uitputtingsjaar` a year
    index (None: the cash never fell short).
    """
    gap = fu.ort_voor > CENT
    geholpen = np.asarray((fu.toegekend > 0).any(axis=1), dtype=bool)  # (P,)
    gesloten = gap & (fu.ort_na <= CENT)
    return {
        **bereik(fu, fp, gap, geholpen, gesloten),
        **vraag_en_wachten(fu, uitputtingsjaar, fp.startjaar),
        **publiek_geld(fu, fonds, fp, gesloten),
        **geld_terug(fu, vorderingen),
        **kas_en_risico(fu, fonds, fp.startjaar, vermogen, restwaarde),
        **garanties(fu, fonds, fp),
    }


def bereik(
    fu: FondsUitkomst, fp: FondsPanden, gap: BoolArray, geholpen: BoolArray, gesloten: BoolArray
) -> dict[str, Any]:
    """What the fund achieves: panden, woningen and BVO helped and unlocked, and the gaps
    (€ peildatum) before, closed, overcovered and left."""
    tekort = np.clip(fu.ort_voor, 0.0, None)
    niet = gap & (fu.ort_na > CENT)
    tekort_gesloten = float((tekort - np.clip(fu.ort_na, 0.0, None))[gap].sum())
    return {
        "panden_geholpen": int(geholpen.sum()),
        "panden_gesloten": int(gesloten.sum()),
        "panden_niet_gefinancierd": int(niet.sum()),
        "woningen_ontsloten": int(float(fp.woningen[gesloten].sum())),
        "woningen_ontsloten_betaalbaar": int(fp.betaalbare_woningen[gesloten].sum()),
        "bvo_ontsloten": float(fp.bvo[gesloten].sum()),
        "woningen_geholpen": int(fp.woningen[geholpen].sum()),
        "bvo_geholpen": float(fp.bvo[geholpen].sum()),
        "tekort_voor": float(tekort.sum()),
        "tekort_gesloten": tekort_gesloten,
        "overdekking": float(np.clip(-fu.ort_na[gap], 0.0, None).sum()),
        "niet_gefinancierd_tekort": float(fu.ort_na[niet].sum()),
    }


def vraag_en_wachten(
    fu: FondsUitkomst, uitputtingsjaar: int | None, startjaar: int
) -> dict[str, Any]:
    """Demand (€ nominal), the waiting list (years) and idle cash (€ nominal)."""
    gevraagd = float(fu.gevraagd.sum())
    bediend = (fu.toezegjaar >= 0) & (fu.aanvraagjaar >= 0)
    wacht = np.where(bediend, fu.toezegjaar - fu.aanvraagjaar, 0)
    laat = bediend & (wacht > 0)
    return {
        "steun_gevraagd": gevraagd,
        "aandeel_gehonoreerd": _of_niets(float((fu.gevraagd * fu.gehonoreerd).sum()), gevraagd),
        "panden_gewacht": int(fu.gewacht.sum()),
        "wachttijd_gemiddeld": float(wacht[laat].mean()) if laat.any() else None,
        "wachttijd_max": int(wacht[laat].max()) if laat.any() else None,
        "panden_wachtend_einde": int((fu.reden == Reden.WACHT).sum()),
        "uitputtingsjaar": None if uitputtingsjaar is None else uitputtingsjaar + startjaar,
        "vrije_kas_gemiddeld": float(fu.vrije_kas.mean()),
        "vrije_kas_einde": float(fu.vrije_kas[-1]),
    }


def publiek_geld(
    fu: FondsUitkomst,
    fonds: FondsInvoer,
    fp: FondsPanden,
    gesloten: BoolArray,
) -> dict[str, Any]:
    """Public money in (€ nominal) and net (present value at the fund's rate, the
    settlement included), per woning unlocked and as leverage: the SK of the panden whose
    gap the fund closed (a pand helped but left with a gap is not unlocked by it)."""
    voet = fonds.disconteringsvoet
    d = np.power(1.0 + voet, -np.arange(fp.jaren, dtype=np.float64))
    ingelegd = float(sum(tr.bedrag for tr in fonds.tranches if tr.publiek))
    netto = float((fu.publiek_ingelegd * d).sum())
    positief = netto > CENT
    woningen = float(fp.woningen[gesloten].sum())
    return {
        "publiek_geld_ingelegd": ingelegd,
        "publiek_geld_netto": netto,
        "disconteringsvoet_publiek": voet,
        "publiek_geld_per_woning": netto / woningen if woningen and positief else None,
        "woningen_per_miljoen_publiek": woningen / netto * 1e6 if positief else None,
        "hefboom": _of_niets(float(fp.stichtingskosten[gesloten].sum()), netto),
    }


def geld_terug(fu: FondsUitkomst, vorderingen: float) -> dict[str, Any]:
    """Money out to panden and back from them (€ nominal), revolverendheid, and what the
    tranches got back as a fraction of their deposits."""
    g, tranches = fu.grootboek, fu.tranches
    uit = float(sum(g[k].sum() for k in NAAR_PANDEN))
    terug = float(sum(g[k].sum() for k in VAN_PANDEN))
    revolverend = _of_niets(terug + vorderingen, uit)
    return {
        "uitgezet": uit,
        "terugontvangen": terug,
        "vorderingen_einde": vorderingen,
        "revolverendheid": revolverend,
        "revolverend": revolverend is not None and revolverend >= 0.8,
        "kapitaal_terug": _of_niets(
            float(sum(tranches["ontvangen"]) + sum(tranches["afrekening"])),
            float(sum(tranches["bedrag"])),
        ),
    }


def kas_en_risico(
    fu: FondsUitkomst, fonds: FondsInvoer, startjaar: int, vermogen: float, restwaarde: float
) -> dict[str, Any]:
    """Cash (€ nominal) and risk: the lowest balance, years below zero, a design that does
    not close, panden dropped, losses and arrears of the lending tranches, the loss of the
    eigen-vermogen tranches, the end state."""
    eind: Array = fu.grootboek["eind"]
    tranches = fu.tranches
    per_soort = list(zip(tranches["soort"], tranches["verlies"], strict=True))
    verlies = [v for s, v in per_soort if s == Tranchesoort.LENING]
    ev = [v for s, v in per_soort if s == Tranchesoort.EIGEN_VERMOGEN]
    return {
        "minimum_saldo": float(eind.min()),
        "jaar_minimum_saldo": int(np.argmin(eind)) + startjaar,
        "kastekort": float(max(0.0, -eind.min())),
        "jaren_kastekort": len(fu.kastekort_jaren),
        "eerste_jaar_kastekort": fu.kastekort_jaren[0] + startjaar if fu.kastekort_jaren else None,
        "kredietlimiet": fonds.kredietlimiet,
        "tekort_opzet": fu.tekort_opzet,
        "panden_afgevallen": int(np.isin(fu.reden, (Reden.WACHTTIJD, Reden.NA_WACHTEN)).sum()),
        "verlies_leningtranches": float(sum(verlies)),
        "tranches_met_verlies": int(sum(v > CENT for v in verlies)),
        "verlies_eigen_vermogen": float(sum(ev)),
        "tranches_te_laat": int(sum(n > 0 for n in tranches["jaren_achterstand"])),
        "eindsaldo": float(eind[-1]),
        "eindvermogen": float(vermogen),
        "tekort_einde": float(max(0.0, -vermogen)),
        "restwaarde_na_tranches": float(restwaarde),
    }


def garanties(fu: FondsUitkomst, fonds: FondsInvoer, fp: FondsPanden) -> dict[str, Any]:
    """What the fund stands guarantor for (€ nominal): in each year the guaranteed parts of
    the bank loans whose term runs (from the year after the commitment to its end), at its
    highest, and the cash at each year's end per euro outstanding, at its lowest. The ledger
    reserves only the expected loss (``wanbetaling``); these show what one call can cost.
    The pand of the largest guarantee goes to ``fu.grootste_garantie_pand`` (a KPI is a
    number: Monte Carlo takes its percentiles), the year of the lowest cover to
    ``fu.jaar_laagste_garantiedekking`` (for the warning)."""
    t = np.arange(fp.jaren)
    rijen: list[Array] = []  # per guarantee (instrument by instrument, pand by pand) its years
    grootste, pand = 0.0, ""
    for k, ins in enumerate(fonds.instrumenten):
        if not isinstance(ins, Garantie):
            continue
        wie = np.flatnonzero(fu.toegekend[:, k] > CENT)
        if not wie.size:
            continue
        bedrag, c = fu.toegekend[wie, k], fu.jaar[wie, k, None]
        rijen.append(np.where((t > c) & (t <= c + ins.looptijd), bedrag[:, None], 0.0))
        i = int(np.argmax(bedrag))
        if bedrag[i] > grootste:
            grootste, pand = float(bedrag[i]), fp.pand_ids[int(wie[i])]
    stand = np.concatenate(rijen).sum(axis=0) if rijen else np.zeros(fp.jaren)
    fu.grootste_garantie_pand = pand
    if not (stand > CENT).any():
        return {
            "garanties_uitstaand_max": 0.0,
            "jaar_garanties_max": None,
            "garantiedekking": None,
            "grootste_garantie": 0.0,
        }
    hoogst = int(np.argmax(stand))
    eind: Array = fu.grootboek["eind"]
    loopt = np.flatnonzero(stand > CENT)
    dekking = eind[loopt] / stand[loopt]
    fu.jaar_laagste_garantiedekking = int(loopt[np.argmin(dekking)]) + fp.startjaar
    return {
        "garanties_uitstaand_max": float(stand[hoogst]),
        "jaar_garanties_max": hoogst + fp.startjaar,
        "garantiedekking": float(dekking.min()),
        "grootste_garantie": grootste,
    }
