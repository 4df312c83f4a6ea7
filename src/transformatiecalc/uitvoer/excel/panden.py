"""Sheet 'Panden': the results per pand, the columns of ``Resultaat.panden`` (the JSON
contract), each a formula over Residuele waarde, Functies and Kasstromen.

One row per pand, written block by block: the pand and the sums it carries over, its
result (NCW, ORT, IRR, sluitende subsidie), where its ORT comes from, and the goal seeks
of §5 in closed form (maximale inbrengwaarde, huurfactor).
"""

from __future__ import annotations

import math
from functools import partial

from ...engine.kasstroom import IRR_BOVEN, IRR_ONDER, IRR_REDENEN, IrrReden
from ...grootheden import RG_POSTEN
from ...resultaat import Resultaat
from .blad import NVT, Blad, cel
from .rekenbladen import (
    EERSTE,
    KS_CONTANT,
    KS_IRR,
    KS_TOTAAL,
    NOTATIE,
    PANDEN,
    PND,
    PND_I,
    Indeling,
    cel_in_rij,
    doelzoek,
    kolomtabel,
    schrijf_formule,
)
from .uitgangspunten import Invoercellen

#: The columns of Panden that repeat a column of Residuele waarde: (Panden, Residuele waarde).
OVERGENOMEN = (
    ("bouwtijd", "b"),
    ("boekwaarde", "boekwaarde"),
    ("inbreng", "inbreng"),
    ("verwervingskosten", "verwervingskosten"),
    *((k, k) for k in RG_POSTEN),
    ("disconteringsvoet", "r"),
    ("rendementseis", "re"),
    ("opbrengst", "opbrengst"),
    ("stichtingskosten", "stichtingskosten"),
    ("residuele_grondwaarde_oplevering", "rg_oplevering"),
    ("residuele_grondwaarde_peildatum", "rg_peildatum"),
    ("grondquote", "grondquote"),
    ("inbrengwaarde", "inbrengwaarde"),
    ("transformatieruimte", "transformatieruimte"),
    ("afwaardering", "afwaardering"),
)


def schrijf_panden(
    b: Blad, res: Resultaat, cellen: Invoercellen, ind: Indeling, herkomst: str
) -> None:
    sc = res.scenario
    b.titel(
        "Panden — de resultaten per pand (het JSON-contract)",
        "Opbrengst, stichtingskosten en residuele grondwaarde bij oplevering nominaal; "
        f"NCW, onrendabele top en residuele grondwaarde (DCF) contant in € van {sc.startjaar}. "
        "Maximale inbrengwaarde en huurfactor zijn de gesloten oplossingen van het doelzoeken "
        "(METHODE §5), als formules.",
        herkomst,
    )
    kolomtabel(b, PND, len(sc.panden), "tabel_panden")
    b.ws.freeze_panes(EERSTE, 2)
    for p in range(len(sc.panden)):
        _pand_gegevens(b, res, ind, p)
        _pand_uitkomst(b, res, ind, p)
        _pand_doelzoeken(b, res, cellen, ind, p)


def _pand_gegevens(b: Blad, res: Resultaat, ind: Indeling, p: int) -> None:
    """Who and when: the pand, its owner and exploitant, start and oplevering (calendar
    years), woningen and bvo, and the columns it repeats from Residuele waarde."""
    u, df, pand = res.uitkomst, res.panden, res.scenario.panden[p]
    rij = EERSTE + p
    schrijf = partial(schrijf_formule, b, rij, PND_I, NOTATIE[PANDEN])
    b.tekst(rij, PND_I["pand"], pand.id)
    b.tekst(rij, PND_I["naam"], pand.naam or pand.id)
    b.tekst(rij, PND_I["eigenaar"], pand.eigenaar)
    b.tekst(rij, PND_I["eigenaar_soort"], str(df["eigenaar_soort"].iloc[p]))
    b.janee(rij, PND_I["publiek"], bool(df["publiek"].iloc[p]), "waarde")
    b.tekst(rij, PND_I["exploitant"], str(pand.transformatie.exploitant))
    for k, bron in (("start", "s"), ("oplevering", "o")):  # calendar years
        schrijf(k, f"={ind.res(p, bron)}+startjaar", df[k].iloc[p])
    schrijf("woningen", "=" + ind.fun_som(p, "woningen"), u.woningen[p])
    schrijf("bvo", "=" + ind.res(p, "bvo"), u.bvo[p])
    for k, bron in OVERGENOMEN:
        schrijf(k, "=" + ind.res(p, bron), df[k].iloc[p])


def _pand_uitkomst(b: Blad, res: Resultaat, ind: Indeling, p: int) -> None:
    """The result: EW and NCW from Kasstromen, the ORT and where it comes from, the residuele
    grondwaarde (DCF), the IRR (or why there is none) and the sluitende subsidie."""
    u, rij = res.uitkomst, EERSTE + p
    P = partial(cel_in_rij, rij, PND_I)
    schrijf = partial(schrijf_formule, b, rij, PND_I, NOTATIE[PANDEN])
    schrijf(
        "exploitatiewaarde",
        "=" + ind.ks(p, "exploitatiewaarde", KS_TOTAAL),
        u.exploitatiewaarde[p],
    )
    schrijf("ncw", "=" + ind.ks(p, "kasstroom", KS_CONTANT), u.ncw[p])
    schrijf("onrendabele_top", f"=-{P('ncw')}", u.onrendabele_top[p])
    _pand_herkomst(b, res, ind, p)
    schrijf(
        "residuele_grondwaarde_dcf",
        f"={P('ncw')}+({ind.res(p, 'inbreng')}+{ind.res(p, 'verwervingskosten')})*{ind.res(p, 'd_s')}",
        u.rg_dcf[p],
    )
    # The IRR or why there is none, both formulas of the IRR cell on Kasstromen (which
    # holds the IRR or the reason): a root outside the engine's bracket is no IRR either.
    irr, reden = float(u.irr[p]), IRR_REDENEN[int(u.irr_reden[p])]
    ks = ind.ks(p, "kasstroom", KS_IRR)
    binnen = f"AND({ks}>={IRR_ONDER!r},{ks}<={IRR_BOVEN!r})"
    schrijf(
        "irr",
        f'=IF(ISNUMBER({ks}),IF({binnen},{ks},"geen IRR"),"geen IRR")',
        irr if math.isfinite(irr) else "geen IRR",
    )
    schrijf(
        "irr_reden",
        f'=IF(ISNUMBER({ks}),IF({binnen},"","{IRR_REDENEN[IrrReden.BUITEN_BEREIK]}"),{ks})',
        reden or "",
    )
    schrijf(
        "subsidie_sluitend",
        f"=MAX({P('onrendabele_top')},0)/{ind.res(p, 'd_s')}",
        u.subsidie_sluitend[p],
    )


def _pand_herkomst(b: Blad, res: Resultaat, ind: Indeling, p: int) -> None:
    """Where the pand's ORT comes from (METHODE §5): the inbreng's share summed over its
    functies, the ORT without it, per woning and per m² BVO, and the break-even bouwkosten
    per m² BVO: B·(1 + NCW / K) / (Σ bouwprofiel · BVO), K = π · Σ_f bouwkosten met
    opslagen."""
    rij, df, n = EERSTE + p, res.panden, NOTATIE[PANDEN]
    P = partial(cel_in_rij, rij, PND_I)
    schrijf = partial(schrijf_formule, b, rij, PND_I, n)
    schrijf(
        "inbreng_aandeel", "=" + ind.fun_som(p, "inbreng_aandeel"), df["inbreng_aandeel"].iloc[p]
    )
    schrijf(
        "ort_zonder_inbreng",
        f"={P('onrendabele_top')}-{P('inbreng_aandeel')}",
        df["ort_zonder_inbreng"].iloc[p],
    )
    for k, deler in (("ort_per_woning", "woningen"), ("ort_per_m2_bvo", "bvo")):
        schrijf(
            k,
            f'=IF({P(deler)}>0,{P("onrendabele_top")}/{P(deler)},"{NVT}")',
            doelzoek(df[k].iloc[p]),
        )
    k = f"({ind.ks(p, 'bouwprofiel', KS_CONTANT)}*{ind.fun_som(p, 'bouw_k')})"
    schrijf(
        "break_even_bouwkosten_per_m2",
        f"=IF(AND({k}>0,{P('bvo')}>0),{ind.res(p, 'bouwkosten')}*(1+{P('ncw')}/{k})"
        f'/({ind.ks(p, "bouwprofiel", KS_TOTAAL)}*{P("bvo")}),"{NVT}")',
        doelzoek(df["break_even_bouwkosten_per_m2"].iloc[p]),
    )


def _pand_doelzoeken(b: Blad, res: Resultaat, cellen: Invoercellen, ind: Indeling, p: int) -> None:
    """§5 per pand in closed form. Maximale inbrengwaarde: the NCW falls per euro of
    inbrengwaarde by g·((1 + verwerving)·d_s + a1·(1 + wr_kosten)·π), g = (1 + i_grond)^s
    and a1 = ak with bouw_en_grond (AK over the grond); huurfactor: 1 − NCW / (its change
    per 100 % more rent), both at the rendementseis (Residuele waarde)."""
    u, rij = res.uitkomst, EERSTE + p
    R = partial(ind.res, p)
    ncw = cel(rij, PND_I["ncw"])
    verwerving = f"IF({cellen.pand[(p, 'verwerving')]},verwervingskosten,0)"
    a1 = f'IF(ak_grondslag="bouw_en_grond",{R("ak")},0)*(1+IF(wr_grondslag="kosten",{R("wr")},0))'
    helling = (
        f"(1+index_grond)^{R('s')}*((1+{verwerving})*{R('d_s')}"
        f"+{a1}*{ind.ks(p, 'bouwprofiel', KS_CONTANT)})"
    )
    b.formule(
        rij,
        PND_I["max_inbrengwaarde"],
        f"={R('inbrengwaarde')}+{ncw}/({helling})",
        doelzoek(u.max_inbrengwaarde[p]),
        "euro",
    )
    b.formule(
        rij,
        PND_I["huurfactor_rendementseis"],
        f'=IF({R("dncw_eis")}>0,1-{R("ncw_eis")}/{R("dncw_eis")},"{NVT}")',
        doelzoek(u.huurfactor_rendementseis[p]),
        "factor",
    )
