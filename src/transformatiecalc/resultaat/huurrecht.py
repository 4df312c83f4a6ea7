"""Rent law in the result (METHODE §2a): the caps and effective rent index per segment, the
rent-law columns of the functies table, and the warnings about the programme."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ..engine.huurrecht.programma import HuurrechtRijen, gewenste_huurindexatie, plafonds
from ..engine.huurrecht.tabellen import (
    MIDDEN_TOT_EN_MET,
    NIEUWBOUW_JAREN,
    NIEUWBOUW_OPSLAG,
    SOCIAAL_TOT_EN_MET,
    Segment,
    met_opslag,
)
from ..engine.invoer import Array, IntArray, Invoer, Methode
from ..engine.opbrengst import kosten_koper_factor, voeten
from ..engine.uitkomst import Uitkomst
from ..getallen import decimaal, duizendtallen
from ..schema import Huurwoning, Scenario


def huurplafonds_per_segment(sc: Scenario) -> dict[str, float]:
    """The legal cap of the yearly rent increase per segment (METHODE §2a)."""
    caps = plafonds(sc)
    return {seg.naam: caps.van(seg) for seg in Segment}


def huurindexatie_per_segment(sc: Scenario) -> dict[str, float]:
    """The effective yearly rent index per segment: its own (or markt.indexatie.huur), at
    most the legal cap (METHODE §2a)."""
    wens = gewenste_huurindexatie(sc)
    return {seg: min(wens[seg], plafond) for seg, plafond in huurplafonds_per_segment(sc).items()}


def huurrecht_kolommen(sc: Scenario, inv: Invoer, kostprijsdekkend: np.ndarray) -> dict[str, Any]:
    """The rent-law columns of the functies table (METHODE §2a); empty (None/NaN) for rows
    without WWS points."""
    n = len(inv.pand)
    rijen = sc.huurrecht
    if rijen is None:
        leeg: Any = pd.array([None] * n, dtype="string")
        return {
            "wws_punten": pd.array([None] * n, dtype="Int64"),
            "wws_bron": leeg,
            "segment": leeg,
            "maximale_huur": np.full(n, np.nan),
            "wws_opslag": np.full(n, np.nan),
            "huur_boven_maximum": pd.array([None] * n, dtype="boolean"),
            "kostprijsdekkend_binnen_maximum": pd.array([None] * n, dtype="boolean"),
            "betaalbare_huur_bron": _betaalbare_huur_bron(sc, None),
            "indexatie_huur": inv.index_huur_functie,
        }
    getoetst = rijen.getoetst
    regulier = np.isfinite(rijen.maximale_huur)

    def alleen(mask: np.ndarray, waarde: np.ndarray) -> Any:
        return pd.array(
            [bool(w) if m else None for m, w in zip(mask, waarde, strict=True)], dtype="boolean"
        )

    return {
        "wws_punten": pd.array(
            [int(p) if g else None for g, p in zip(getoetst, rijen.punten, strict=True)],
            dtype="Int64",
        ),
        "wws_bron": pd.array([b or None for b in rijen.bron], dtype="string"),
        "segment": pd.array([rijen.segment_naam(i) or None for i in range(n)], dtype="string"),
        "maximale_huur": rijen.maximale_huur,
        "wws_opslag": rijen.opslag,
        "huur_boven_maximum": alleen(getoetst, rijen.boven_maximum),
        "kostprijsdekkend_binnen_maximum": alleen(
            regulier & np.isfinite(kostprijsdekkend),
            kostprijsdekkend <= rijen.maximale_huur + 0.005,
        ),
        "betaalbare_huur_bron": _betaalbare_huur_bron(sc, rijen),
        "indexatie_huur": inv.index_huur_functie,
    }


def bron_segmentgrens(rijen: HuurrechtRijen, i: int) -> str:
    """The source text of row `i`'s betaalbare huur when it is the segment limit."""
    seg = rijen.segment_naam(i)
    grens = SOCIAAL_TOT_EN_MET if seg == "sociaal" else MIDDEN_TOT_EN_MET
    return f"segmentgrens {seg} ({grens} punten, {rijen.tabel_tekst})"


def bron_maximale_huur(rijen: HuurrechtRijen, i: int) -> str:
    """The source text of row `i`'s betaalbare huur when it is the home's own maximum."""
    return (
        f"maximale huur van de woning ({int(rijen.punten[i])} punten, {rijen.tabel_tekst}), "
        "lager dan de segmentgrens"
    )


def _betaalbare_huur_bron(sc: Scenario, rijen: HuurrechtRijen | None) -> Any:
    """Per row where its betaalbare huur comes from: 'opgegeven', 'segmentgrens sociaal
    (143 punten, …)', 'segmentgrens midden (186 punten, …)', 'maximale huur van de woning
    (… punten, …)' where that is lower, or None (no betaalbare huur)."""
    uit: list[str | None] = []
    i = 0
    for pand in sc.panden:
        for regel in pand.transformatie.programma:
            f = sc.functies[regel.functie]
            eigen = getattr(f, "betaalbare_huur_per_maand", None) or getattr(
                f, "betaalbare_huur_per_m2_per_jaar", None
            )
            if eigen is not None:
                uit.append("opgegeven")
            elif rijen is not None and rijen.maximale_huur[i] < rijen.segmentgrens[i]:
                uit.append(bron_maximale_huur(rijen, i))
            elif rijen is not None and np.isfinite(rijen.segmentgrens[i]):
                uit.append(bron_segmentgrens(rijen, i))
            else:
                uit.append(None)
            i += 1
    return pd.array(uit, dtype="string")


def huurwaarschuwingen(sc: Scenario, uitkomst: Uitkomst) -> list[str]:
    """What rent law says about the programme (METHODE §2a), one Dutch line each: a rent
    capped at the legal maximum, a rent index capped by law, a rent that rests on the 10 %
    surcharge in a DCF longer than its 20 years, huurwoningen whose rent is not checked, a
    pand that may already be housing but gets the 10 % for conversion to wonen."""
    uit: list[str] = []
    rijen = sc.huurrecht
    zonder = [k for k, f in sc.functies.items() if isinstance(f, Huurwoning) and f.wws is None]
    gebruikt = {r.functie for p in sc.panden for r in p.transformatie.programma}
    zonder = [k for k in zonder if k in gebruikt]
    if zonder:
        uit.append(
            f"huurwoningen zonder WWS-punten ({', '.join(zonder)}): de huur is niet getoetst aan "
            "de Wet betaalbare huur; geef per functie wws (METHODE §2a)"
        )
    if rijen is None:
        return uit
    if rijen.tabeljaar != rijen.prijspeil:
        uit.append(
            f"maximale huren: {rijen.tabel_tekst} (een aanname; de tabel van {rijen.prijspeil} "
            "is nog niet bekend)"
        )
    for i in np.flatnonzero(rijen.boven_maximum):
        uit.append(
            f"{sc.panden[int(rijen.pand[i])].id}, {rijen.functie[i]}: huur "
            f"€ {decimaal(float(rijen.huur[i]))} ligt boven de maximale huur "
            f"€ {decimaal(float(rijen.maximale_huur[i]))} ({int(rijen.punten[i])} WWS-punten); "
            "gerekend met het maximum (conventies.huur_boven_maximum: aftoppen)"
        )
    wens = gewenste_huurindexatie(sc)
    for seg in Segment:
        mijn = rijen.segment == seg
        if not mijn.any():
            continue
        gewenst = wens[seg.naam]
        plafond = float(rijen.plafond[mijn][0])
        if gewenst > plafond:
            uit.append(
                f"huurindexatie {seg.naam}: {decimaal(100 * gewenst, 1)} % ligt boven het wettelijke "
                f"plafond van {decimaal(100 * plafond, 1)} %; gerekend met het plafond"
            )
    uit += _wonen_al(sc, rijen)
    uit += _opslag_vervalt(sc, rijen, uitkomst)
    return uit


#: Words in huidig.functie that say the pand may already hold homes (whole words: not
#: 'Kamer van Koophandel' or 'vergaderkamers').
WOONWOORDEN = re.compile(r"\b(woning\w*|wonen|bovenhuis\w*|bovenwoning\w*|appartement\w*)\b")


def _wonen_al(sc: Scenario, rijen: HuurrechtRijen) -> list[str]:
    """Panden whose current functie mentions homes but that are not marked ``huidig.wonen``,
    while a row gets the 10 % for conversion to wonen: that surcharge is only for new homes."""
    met = (
        np.nan_to_num(rijen.opslag) - np.nan_to_num(rijen.monument_opslag)
        >= NIEUWBOUW_OPSLAG - 1e-12
    )
    uit: list[str] = []
    for p in dict.fromkeys(int(rijen.pand[i]) for i in np.flatnonzero(met)):
        pand = sc.panden[p]
        tekst = (pand.huidig.functie or "").lower()
        if pand.huidig.wonen is None and WOONWOORDEN.search(tekst):
            uit.append(
                f"{pand.id}: de huidige functie '{pand.huidig.functie}' noemt wonen, en de "
                "maximale huur rekent met de opslag van 10 % voor verbouw naar wonen vóór 2028 "
                "— die geldt niet voor bestaande woningen (geef huidig.wonen: ja als de "
                "woningen er al zijn, nee om deze melding uit te zetten)"
            )
    return uit


def _opslag_vervalt(sc: Scenario, rijen: HuurrechtRijen, uitkomst: Uitkomst) -> list[str]:
    """Functies valued by a DCF longer than 20 years whose rent needs the 10 % surcharge,
    with how much lower V would be if the rent fell back to the maximum without it once
    the surcharge has lapsed (METHODE §2a), summed per functie."""
    inv = uitkomst.invoer
    zonder = met_opslag(rijen.kale_maximale_huur, rijen.monument_opslag)  # without the 10 %
    rij = np.flatnonzero(
        (
            np.nan_to_num(rijen.opslag) - np.nan_to_num(rijen.monument_opslag)
            >= NIEUWBOUW_OPSLAG - 1e-12
        )
        & (inv.methode == Methode.DCF)
        & (inv.termijn > NIEUWBOUW_JAREN)
        & (inv.prijs > zonder + 0.005)
    )
    if not rij.size:
        return []
    minder = lagere_opbrengst_na_opslag(inv, rij, zonder[rij], rijen.plafond[rij])
    namen = np.asarray(rijen.functie, dtype=object)[rij]
    uit: list[str] = []
    for naam in dict.fromkeys(namen):
        deze = namen == naam
        mijn = rij[deze]
        verschil = float(minder[deze].sum())
        if verschil < 0.5:  # the maximum without the surcharge has overtaken the rent by then
            continue
        v = float(uitkomst.f_opbrengst[mijn].sum())
        termijnen = sorted({int(n) for n in inv.termijn[mijn]})
        panden = len({int(p) for p in inv.pand[mijn]})
        uit.append(
            f"{naam} ({panden} {'pand' if panden == 1 else 'panden'}): de huur past alleen met "
            f"de opslag van 10 % voor transformatie vóór 2028, die na {NIEUWBOUW_JAREN} jaar "
            f"verhuur vervalt; de DCF van {'/'.join(map(str, termijnen))} jaar rekent door met "
            f"die huur. Zakt de huur daarna naar het maximum zonder opslag, dan is de opbrengst "
            f"V ca. € {duizendtallen(verschil)} lager ({decimaal(100 * verschil / v, 1)} %) en "
            "de onrendabele top hoger (METHODE §2a)"
        )
    return uit


def lagere_opbrengst_na_opslag(inv: Invoer, rij: IntArray, zonder: Array, plafond: Array) -> Array:
    """How much lower V of DCF rows `rij` is (€ of year o, ≥ 0) when from exploitation year
    21 on the rent is at most the legal maximum without the 10 % surcharge (METHODE §2a).

    Per row the rent of exploitation year k (k = 1 is the oplevering year o, o years after
    prijspeil) is prijs·(1 + i_huur)^(o+k−1) and that maximum `zonder`·(1 + plafond)^(o+k−1)
    (the table indexed with the segment's cap, cents not rounded); the excess from k = 21
    on is netto (× (1 − leegstand − %lasten) · eenheden), discounted like the DCF over
    k = 21 … N, and in year N + 1 capitalised at the exit yield (k.k.) when there is one.
    """
    r = voeten(inv).opbrengst[rij]
    n = inv.termijn[rij]
    k = np.arange(1, int(n.max()) + 2)
    t = (inv.oplevering[inv.pand[rij]] + inv.verschuiving)[:, None] + k[None, :] - 1
    huur = inv.prijs[rij, None] * np.power(1.0 + inv.index_huur_functie[rij, None], t)
    maximum = zonder[:, None] * np.power(1.0 + plafond[:, None], t)
    te_veel = np.where(k[None, :] > NIEUWBOUW_JAREN, np.maximum(huur - maximum, 0.0), 0.0)
    per_euro = inv.eenheden[rij] * (1.0 - inv.leegstand[rij] - inv.lasten_percentage[rij])
    korting = np.power(1.0 + r[:, None], -k[None, :].astype(np.float64))
    if inv.midden_jaar:
        korting = korting * np.sqrt(1.0 + r)[:, None]
    looptijd = (k[None, :] <= n[:, None]).astype(np.float64)
    pv = (te_veel * korting * looptijd).sum(axis=1)
    ey = inv.exit_yield[rij]
    na = te_veel[np.arange(len(rij)), n]  # year N + 1 (k = N + 1 is column N)
    kk = kosten_koper_factor(inv.kosten_koper[rij], inv.kk_delen)
    eind = np.where(
        np.isnan(ey), 0.0, na / np.where(np.isnan(ey), 1.0, ey) * kk * np.power(1.0 + r, -n)
    )
    uit: Array = per_euro * (pv + eind)
    return uit
