"""Sheet 'Functies': one row per programme line, the onrendabele top and the betaalbaarheid.

Each row is written block by block (programme, opbrengst, kosten with where the ORT comes
from, the goal seeks, rent law), every cell a formula of the inputs on Uitgangspunten and the
pand's row on Residuele waarde, with the engine's value cached; the formulas a row shares
stand on :class:`.functierij.Functierij`.
"""

from __future__ import annotations

import math
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from ...engine.invoer import (
    BAR,
    DCF,
    HUURWONING,
    KOOP,
    KOOPWONING,
    NAR,
    AkGrondslag,
    Array,
    WrGrondslag,
)
from ...resultaat import Resultaat
from ...resultaat.huurrecht import bron_maximale_huur, bron_segmentgrens
from .blad import NVT, Blad
from .functierij import Functierij, PerEuro
from .rekenbladen import (
    EERSTE,
    FUN,
    FUN_I,
    FUNCTIES,
    KS_CONTANT,
    KS_TOTAAL,
    NOTATIE,
    Indeling,
    doelzoek,
    kolomtabel,
)
from .uitgangspunten import BETAALBAAR, PRIJS, Invoercellen

#: The note on the netto huur and vaste lasten of a BAR row on Functies.
NIET_IN_WAARDERING = (
    "niet in de waardering: een BAR waardeert de bruto huur; leegstand en exploitatielasten "
    "tellen niet mee in de opbrengst V (METHODE §2)"
)


def schrijf_functies(
    b: Blad, res: Resultaat, cellen: Invoercellen, ind: Indeling, herkomst: str
) -> None:
    b.titel(
        "Functies — onrendabele top en betaalbaarheid per programmaregel",
        "Bedragen in euro's, nominaal in het jaar waarin ze vallen; NCW en onrendabele top contant "
        "in € van het startjaar. Kostprijsdekkende huur, betaalbaarheidsgat en break-even BAR/NAR "
        "zijn de gesloten oplossingen van het doelzoeken (METHODE §5), als formules.",
        herkomst,
    )
    kolomtabel(b, FUN, len(ind.regels), "tabel_functies")
    b.ws.freeze_panes(EERSTE, 3)
    per_euro, inv = PerEuro.van(res), res.uitkomst.invoer
    for f, (p, j) in enumerate(ind.regels):
        functie = res.scenario.panden[p].transformatie.programma[j].functie
        soort, methode = int(inv.soort[f]), int(inv.methode[f])
        r = Functierij(b, res, cellen, ind, per_euro, f, p, j, functie, soort, methode)
        _functie_programma(r)
        _functie_opbrengst(r)
        _functie_kosten(r)
        _functie_doelzoeken(r)
        _functie_betaalbaar(r)
        _functie_break_even(r)
        _functie_huurrecht(r)


def _functie_programma(r: Functierij) -> None:
    """Who, what and how much: pand, regel, functie, woningen, bvo, price units, price."""
    b, inv, f = r.b, r.res.uitkomst.invoer, r.f
    sc = r.res.scenario
    b.tekst(r.rij, 0, sc.panden[r.p].id)
    b.getal(r.rij, 1, r.j, "tekst", "getal")
    b.tekst(r.rij, 2, r.functie)
    b.tekst(r.rij, 3, sc.functies[r.functie].soort)
    b.tekst(r.rij, 4, ("bar", "nar", "dcf", "koop")[r.methode])
    if r.soort in (HUURWONING, KOOPWONING):
        r.schrijf("woningen", "=" + r.cellen.programma[(r.p, r.j, "woningen")], inv.woningen[f])
    else:
        b.getal(r.rij, FUN_I["woningen"], 0, "tekst", "getal")
    r.schrijf("bvo", "=" + r.cellen.programma[(r.p, r.j, "bvo")], inv.bvo[f])
    if r.soort == HUURWONING:
        eenheden = f"={r.F('woningen')}*12"
    elif r.soort == KOOPWONING:
        eenheden = f"={r.F('woningen')}"
    else:
        eenheden = f"={r.F('bvo')}*{r.U('vvo / bvo')}"
    r.schrijf("eenheden", eenheden, inv.eenheden[f])
    prijs = "=" + r.U(PRIJS)
    wet = sc.huurrecht
    if (
        wet is not None
        and sc.conventies.huur_boven_maximum == "aftoppen"
        and math.isfinite(wet.maximale_huur[f])
    ):
        # capped at the legal maximum of the row's WWS points (METHODE §2a)
        prijs = f"=MIN({r.U(PRIJS)},{r.maximale_huur()})"
    r.schrijf("prijs", prijs, inv.prijs[f])
    r.schrijf("o", "=" + r.R("o"), inv.oplevering[r.p])


def _betaalbare_huur_bron(r: Functierij, waarde: Any) -> None:
    """Where the row's betaalbare huur comes from, live like the amount (METHODE §2a):
    'opgegeven' when one is typed on Uitgangspunten, else the segment limit or the home's
    own maximum where lower (both texts are the engine's)."""
    k, cache = "betaalbare_huur_bron", "" if pd.isna(waarde) else str(waarde)
    if (r.functie, BETAALBAAR) not in r.cellen.functie:  # not a rent
        r.b.tekst(r.rij, FUN_I[k], cache)
        return
    wet, f = r.res.scenario.huurrecht, r.f
    anders = '""'
    if wet is not None and math.isfinite(wet.segmentgrens[f]):
        anders = (
            f"IF({r.F('maximale_huur')}<{float(wet.segmentgrens[f])!r},"
            f'"{bron_maximale_huur(wet, f)}","{bron_segmentgrens(wet, f)}")'
        )
    r.schrijf(k, f'=IF(ISNUMBER({r.U(BETAALBAAR)}),"opgegeven",{anders})', cache)


def _functie_huurrecht(r: Functierij) -> None:
    """§2a per row: WWS points, segment, surcharge and maximum rent (live with the pand's
    start and bouwtijd), the checks against it, the rent index and the betaalbare huur's
    source. Points, segment and sources are the engine's (text and numbers)."""
    b, df, f = r.b, r.res.functies, r.f
    wet = r.res.scenario.huurrecht
    rij = df.iloc[f]
    for k in ("wws_bron", "segment"):
        tekst = rij[k]
        b.tekst(r.rij, FUN_I[k], "" if pd.isna(tekst) else str(tekst))
    _betaalbare_huur_bron(r, rij["betaalbare_huur_bron"])
    punten = rij["wws_punten"]
    waarde = None if pd.isna(punten) else float(punten)
    b.getal(r.rij, FUN_I["wws_punten"], waarde, "waarde", "getal")
    r.schrijf("indexatie_huur", f"={r.ih}", float(rij["indexatie_huur"]))
    if wet is None or not wet.getoetst[f]:
        return
    if not math.isfinite(wet.maximale_huur[f]):  # vrije sector: no maximum
        b.janee(r.rij, FUN_I["huur_boven_maximum"], False, "waarde")
        return
    r.schrijf("wws_opslag", f"={r.wws_opslag()}", float(wet.opslag[f]))
    r.schrijf("maximale_huur", f"={r.maximale_huur()}", float(wet.maximale_huur[f]))
    r.schrijf(
        "huur_boven_maximum",
        f"={r.U(PRIJS)}>{r.F('maximale_huur')}+0.005",
        bool(wet.boven_maximum[f]),
    )
    kpd = r.F("kostprijsdekkend")
    binnen = rij["kostprijsdekkend_binnen_maximum"]
    r.schrijf(
        "kostprijsdekkend_binnen_maximum",
        f'=IF(ISNUMBER({kpd}),{kpd}<={r.F("maximale_huur")}+0.005,"{NVT}")',
        NVT if pd.isna(binnen) else bool(binnen),
    )


def _functie_opbrengst(r: Functierij) -> None:
    """§2: the rates, huur and lasten in year o, V and EW."""
    u, F, U = r.res.uitkomst, r.F, r.U
    f, methode = r.f, r.methode
    # a DCF functie's own rate, when its cell holds one (typing one in makes it count)
    eigen = U("eigen disconteringsvoet") if methode == DCF else None
    r.schrijf(
        "voet_ew",
        f"=IF(ISNUMBER({eigen}),{eigen},{r.R('r')})" if eigen else "=" + r.R("r"),
        u.f_voet_exploitatiewaarde[f],
    )
    markt = f'IF(disconteringsvoet_opbrengst="markt",markt_disconteringsvoet,{F("voet_ew")})'
    r.schrijf(
        "voet_v",
        f"=IF(ISNUMBER({eigen}),{eigen},{markt})" if eigen else "=" + markt,
        u.f_voet_opbrengst[f],
    )
    tijd = r.tijd
    if methode != KOOP:
        kk = U("kosten koper")
        r.schrijf("kk", f'=IF(kk_methode="delen",1/(1+{kk}),1-{kk})', u.f_kk_factor[f])
        r.schrijf(
            "bruto", f"={F('prijs')}*{F('eenheden')}*(1+{r.ih})^{tijd}", u.f_bruto_oplevering[f]
        )
        teller = F("woningen") if r.soort == HUURWONING else F("eenheden")
        for k, formule, jaar_o in (
            ("netto", f"={F('bruto')}*(1-{U('leegstand')}-{U('lasten % huur')})", u.f_netto_huur),
            (
                "vast",
                f"={U('vaste lasten per jaar')}*{teller}*(1+index_exploitatielasten)^{tijd}",
                u.f_vaste_lasten,
            ),
        ):
            if methode == BAR:  # shown, but a BAR values the bruto huur (METHODE §2)
                r.b.formule(
                    r.rij, FUN_I[k], formule, jaar_o[f], NOTATIE[FUNCTIES][k], "buiten_waardering"
                )
                r.b.ws.write_comment(r.rij, FUN_I[k], NIET_IN_WAARDERING)
            else:
                r.schrijf(k, formule, jaar_o[f])
    waarde = partial(r.waardering, bruto=F("bruto"), netto=F("netto"), vast=F("vast"))
    r.schrijf("opbrengst", waarde(F("voet_v"), prijs=F("prijs")), u.f_opbrengst[f])
    ew = waarde(F("voet_ew"), prijs=F("prijs")) if methode == DCF else f"={F('opbrengst')}"
    r.schrijf("exploitatiewaarde", ew, u.f_exploitatiewaarde[f])


def _functie_kosten(r: Functierij) -> None:
    """§3 and §5 per row: the bouwposten, inbreng, AK and W&R of the cash flow, NCW, ORT."""
    u, F, R, ind, p, f = r.res.uitkomst, r.F, r.R, r.ind, r.p, r.f
    regel = r.res.scenario.panden[p].transformatie.programma[r.j]
    ingreep = r.cellen.ingreep[str(regel.ingreep)]
    extra = r.cellen.pand[(p, "extra_kosten")]
    r.schrijf(
        "bouwkosten",
        f"=({F('bvo')}*{ingreep}+{extra}*{F('bvo')}/{R('bvo')})"
        f"*{ind.ks(p, 'bouwprofiel', KS_TOTAAL)}",
        u.f_bouwkosten[f],
    )
    r.schrijf("bijkomende_kosten", f"=bijkomend*{F('bouwkosten')}", u.f_bijkomende_kosten[f])
    r.schrijf(
        "onvoorzien", f"=onvoorzien*({F('bouwkosten')}+{F('bijkomende_kosten')})", u.f_onvoorzien[f]
    )
    bouw3 = f"{F('bouwkosten')}+{F('bijkomende_kosten')}+{F('onvoorzien')}"
    r.schrijf("btw", f"=IF({r.U('BTW verrekenbaar')},0,btw*({bouw3}))", u.f_btw[f])
    r.schrijf("inbreng", f"={R('inbreng')}*{F('bvo')}/{R('bvo')}", u.f_inbreng[f])
    r.schrijf(
        "verwervingskosten",
        f"=IF({r.cellen.pand[(p, 'verwerving')]},verwervingskosten*{F('inbreng')},0)",
        u.f_verwervingskosten[f],
    )
    r.schrijf(
        "algemene_kosten",
        f'={R("ak")}*IF(ak_grondslag="opbrengst",{F("opbrengst")},'
        f'{F("bouwkosten")}+{F("bijkomende_kosten")}+IF(ak_grondslag="bouw_en_grond",'
        f"{F('inbreng')},0))",
        u.f_algemene_kosten[f],
    )
    bouwsom = f"{bouw3}+{F('btw')}"
    r.schrijf(
        "winst_en_risico",
        f'={R("wr")}*IF(wr_grondslag="opbrengst",{F("opbrengst")},'
        f"{bouwsom}+{F('algemene_kosten')})",
        u.f_winst_en_risico[f],
    )
    r.schrijf(
        "ncw",
        f"={F('exploitatiewaarde')}*{R('d_o')}"
        f"-({F('inbreng')}+{F('verwervingskosten')})*{R('d_s')}"
        f"-({bouwsom}+{F('algemene_kosten')}+{F('winst_en_risico')})"
        f"*{ind.ks(p, 'bouwprofiel', KS_CONTANT)}",
        u.f_ncw[f],
    )
    r.schrijf("onrendabele_top", f"=-{F('ncw')}", u.f_onrendabele_top[f])
    _functie_herkomst(r, bouwsom)


def _functie_herkomst(r: Functierij, bouwsom: str) -> None:
    """Where the row's ORT comes from (METHODE §5): the inbreng's share (inbreng and
    verwerving at year s, AK over the grond and W&R on that AK spent like B), the ORT
    without it, per woning and per m² BVO; and B with every post that scales with it in
    the cash flow (BS, AK over B + BK, W&R over those), the step of the pand's break-even
    bouwkosten on Panden."""
    F, R, f = r.F, r.R, r.f
    h, df = r.res.herkomst_ort, r.res.functies
    pi = r.ind.ks(r.p, "bouwprofiel", KS_CONTANT)
    ak_grond = (
        f'IF(ak_grondslag="bouw_en_grond",{R("ak")}*{F("inbreng")},0)'
        f'*(1+IF(wr_grondslag="kosten",{R("wr")},0))'
    )
    r.schrijf(
        "inbreng_aandeel",
        f"=({F('inbreng')}+{F('verwervingskosten')})*{R('d_s')}+{ak_grond}*{pi}",
        h.f_inbreng_aandeel[f],
    )
    r.schrijf(
        "ort_zonder_inbreng",
        f"={F('onrendabele_top')}-{F('inbreng_aandeel')}",
        h.f_ort_zonder_inbreng[f],
    )
    for k, deler in (("ort_per_woning", "woningen"), ("ort_per_m2_bvo", "bvo")):
        r.schrijf(
            k,
            f'=IF({F(deler)}>0,{F("onrendabele_top")}/{F(deler)},"{NVT}")',
            doelzoek(df[k].iloc[f]),
        )
    ak_b = f'IF(ak_grondslag="opbrengst",0,{R("ak")}*({F("bouwkosten")}+{F("bijkomende_kosten")}))'
    r.schrijf(
        "bouw_k",
        f'={bouwsom}+{ak_b}+IF(wr_grondslag="kosten",{R("wr")}*({bouwsom}+{ak_b}),0)',
        _bouw_k(r.res)[f],
    )


def _bouw_k(res: Resultaat) -> Array:
    """Per functie row (nominal €): B and every post of the cash flow that scales with it —
    BS, AK over B + BK (unless its grondslag is opbrengst), W&R over those (grondslag
    kosten); the cached values of Functies' column 'bouwkosten met opslagen'."""
    u, inv = res.uitkomst, res.uitkomst.invoer
    p = inv.pand
    bouw = u.f_bouwkosten + u.f_bijkomende_kosten
    bouwsom = bouw + u.f_onvoorzien + u.f_btw
    ak_b = 0.0 * bouw if inv.ak_grondslag == AkGrondslag.OPBRENGST else inv.ak[p] * bouw
    wr_b = inv.wr[p] * (bouwsom + ak_b) if inv.wr_grondslag == WrGrondslag.KOSTEN else 0.0 * bouw
    return np.asarray(bouwsom + ak_b + wr_b)


def _functie_doelzoeken(r: Functierij) -> None:
    """§5 goal seeks in closed form: the NCW is affine in the price, so with its change per
    euro of price (dncw) the kostprijsdekkende prijs is prijs − NCW / dncw."""
    u, F, R, f = r.res.uitkomst, r.F, r.R, r.f
    per_euro = r.per_euro
    huur = r.methode != KOOP
    per_prijs = partial(
        r.waardering,
        bruto=f"({r.per_prijs(netto=False)})" if huur else "0",
        netto=f"({r.per_prijs(netto=True)})" if huur else "0",
        vast="0",
        prijs="1",
    )
    r.schrijf("dv", per_prijs(F("voet_v")), per_euro.opbrengst[f])
    dew = per_prijs(F("voet_ew")) if r.methode == DCF else f"={F('dv')}"
    r.schrijf("dew", dew, per_euro.exploitatiewaarde[f])
    r.schrijf(
        "dopslag",
        f'=({R("ak")}*IF(ak_grondslag="opbrengst",{F("dv")},0))'
        f'*(1+IF(wr_grondslag="kosten",{R("wr")},0))'
        f'+IF(wr_grondslag="opbrengst",{R("wr")}*{F("dv")},0)',
        per_euro.opslagen[f],
    )
    r.schrijf(
        "dncw",
        f"={F('dew')}*{R('d_o')}-{F('dopslag')}*{r.ind.ks(r.p, 'bouwprofiel', KS_CONTANT)}",
        per_euro.ncw[f],
    )
    r.schrijf(
        "kostprijsdekkend",
        f'=IF({F("dncw")}>0,{F("prijs")}-{F("ncw")}/{F("dncw")},"{NVT}")',
        doelzoek(u.f_kostprijsdekkende_prijs[f]),
    )
    r.b.tekst(r.rij, FUN_I["eenheid"], r.res.functies["eenheid"].iloc[f])


def _functie_betaalbaar(r: Functierij) -> None:
    """The betaalbare huur of a rent row (typing one on Uitgangspunten counts) and the
    betaalbaarheidsgat: the kostprijsdekkende huur minus it (METHODE §5)."""
    if (r.functie, BETAALBAAR) not in r.cellen.functie:  # not a rent
        return
    u, F, f = r.res.uitkomst, r.F, r.f
    betaalbaar, kpd = r.U(BETAALBAAR), F("kostprijsdekkend")
    # without its own: the segment limit of rent law (an engine value), or the home's own
    # maximum where that is lower (METHODE §2a)
    grens = r.res.scenario.huurrecht
    anders = (
        f"MIN({float(grens.segmentgrens[f])!r},{r.F('maximale_huur')})"
        if grens is not None and math.isfinite(grens.segmentgrens[f])
        else f'"{NVT}"'
    )
    r.schrijf(
        "betaalbaar",
        f"=IF(ISNUMBER({betaalbaar}),{betaalbaar},{anders})",
        doelzoek(u.invoer.betaalbaar[f]),
    )
    r.schrijf(
        "betaalbaarheidsgat",
        f'=IF(AND(ISNUMBER({kpd}),ISNUMBER({F("betaalbaar")})),{kpd}-{F("betaalbaar")},"{NVT}")',
        doelzoek(u.f_betaalbaarheidsgat[f]),
    )


def _functie_break_even(r: Functierij) -> None:
    """The break-even BAR/NAR of a BAR or NAR row: rendement · V / V*, with V* the value at
    the kostprijsdekkende prijs (METHODE §5); 'n.v.t.' for DCF and koop."""
    if r.methode not in (BAR, NAR):
        r.b.tekst(r.rij, FUN_I["break_even"], NVT)
        return
    F, kpd = r.F, r.F("kostprijsdekkend")
    rendement = r.U("BAR" if r.methode == BAR else "NAR")
    v_nul = f"({F('opbrengst')}+{F('dv')}*({kpd}-{F('prijs')}))"
    r.schrijf(
        "break_even",
        f'=IF(ISNUMBER({kpd}),IF({v_nul}>0,{rendement}*{F("opbrengst")}/{v_nul},"{NVT}"),"{NVT}")',
        doelzoek(r.res.uitkomst.f_break_even_rendement[r.f]),
    )
