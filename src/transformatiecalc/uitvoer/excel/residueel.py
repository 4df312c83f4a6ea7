"""Sheet 'Residuele waarde': per pand the way from opbrengst V through the posts to the
residuele grondwaarde (METHODE §4), and the huurfactor's steps at the rendementseis (§5).

One row per pand, written block by block: the pand's times, rates and sums of its functies;
the residual calculation itself; the grond (inbreng, verwerving, stichtingskosten); and the
cash flow discounted at the rendementseis.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import numpy as np

from ...engine import KASSTROOMPOSTEN
from ...engine.invoer import KOOP, Array
from ...engine.tijd import Discontering, discontering_tegen, tijdlijn
from ...resultaat import Resultaat
from .blad import Blad
from .functierij import PerEuro
from .rekenbladen import (
    EERSTE,
    KS_TOTAAL,
    NOTATIE,
    RES,
    RES_I,
    RESIDUEEL,
    Indeling,
    kolomtabel,
    schrijf_formule,
)
from .uitgangspunten import Invoercellen


def schrijf_residueel(
    b: Blad, res: Resultaat, cellen: Invoercellen, ind: Indeling, herkomst: str
) -> None:
    b.titel(
        "Residuele waarde — opbouw per pand: opbrengst V → posten → residuele grondwaarde",
        "Nominale bedragen (statische residuele berekening, METHODE §4); de residuele "
        "grondwaarde op de peildatum is contant met de disconteringsvoet van de exploitant.",
        herkomst,
    )
    kolomtabel(b, RES, len(res.scenario.panden), "tabel_residuele_waarde")
    b.ws.freeze_panes(EERSTE, 2)
    eis = _Eis.van(res, PerEuro.van(res))
    for p in range(len(res.scenario.panden)):
        _residueel_pand(b, res, cellen, ind, p)
        c = _residueel_rg(b, res, ind, p)
        _residueel_grond(b, res, cellen, ind, p, c)
        _residueel_rendementseis(b, res, cellen, ind, eis, p)


def _rij(b: Blad, ind: Indeling, p: int) -> tuple[Callable[..., str], Callable[..., None]]:
    """Pand p's row on this sheet: R(kolom), one of its cells (without the sheet's name),
    and schrijf(kolom, formule, waarde), a formula in it with the engine's value cached."""
    return (
        partial(ind.res, p, blad=False),
        partial(schrijf_formule, b, EERSTE + p, RES_I, NOTATIE[RESIDUEEL]),
    )


def _residueel_pand(b: Blad, res: Resultaat, cellen: Invoercellen, ind: Indeling, p: int) -> None:
    """The pand, its start, bouwtijd and oplevering (t), its exploitant's rates, and the sums
    of its functies: bvo, V and the bouwposten, and the bouwsom."""
    u, inv, pand = res.uitkomst, res.uitkomst.invoer, res.scenario.panden[p]
    rij, exploitant = EERSTE + p, str(pand.transformatie.exploitant)
    R, schrijf = _rij(b, ind, p)
    b.tekst(rij, 0, pand.id)
    b.tekst(rij, 1, pand.naam or pand.id)
    schrijf("s", f"={cellen.pand[(p, 'start')]}-startjaar", inv.start[p])
    schrijf("b", f"={cellen.pand[(p, 'bouwtijd')]}", inv.bouwtijd[p])
    schrijf("o", f"={R('s')}+{R('b')}", inv.oplevering[p])
    schrijf("r", "=" + cellen.partij[(exploitant, "disconteringsvoet")], inv.disconteringsvoet[p])
    schrijf("ak", "=" + cellen.partij[(exploitant, "algemene kosten")], inv.ak[p])
    schrijf("wr", "=" + cellen.partij[(exploitant, "winst & risico")], inv.wr[p])
    schrijf("bvo", "=" + ind.fun_som(p, "bvo"), u.bvo[p])
    for k in ("opbrengst", "bouwkosten", "bijkomende_kosten", "onvoorzien", "btw"):
        schrijf(k, "=" + ind.fun_som(p, k), getattr(u, k)[p])
    schrijf(
        "bouwsom",
        f"={R('bouwkosten')}+{R('bijkomende_kosten')}+{R('onvoorzien')}+{R('btw')}",
        u.bouwsom[p],
    )


def _residueel_rg(b: Blad, res: Resultaat, ind: Indeling, p: int) -> str:
    """§4: financieringskosten, the residuele grondwaarde at oplevering (AK and W&R on their
    grondslag, AK over the grond solved for), AK, W&R, and the RG at the peildatum with the
    grondquote. Returns the formula of the costs C = bouwsom + financieringskosten."""
    u = res.uitkomst
    R, schrijf = _rij(b, ind, p)
    schrijf(
        "rentefactor",
        f'=IF(rente_model="geen",0,IF(rente_model="half_bouwkosten",'
        f"0.5*((1+bouwrente)^{R('b')}-1),"
        f"SUMPRODUCT({ind.ks_jaren(p, 'bouwprofiel')},(1+bouwrente)^({R('o')}-{ind.t_rij()})-1)"
        f"/{ind.ks(p, 'bouwprofiel', KS_TOTAAL)}))",
        u.rentefactor[p],
    )
    schrijf("financieringskosten", f"={R('bouwsom')}*{R('rentefactor')}", u.financieringskosten[p])
    c = f"({R('bouwsom')}+{R('financieringskosten')})"
    wr_v = f'IF(wr_grondslag="opbrengst",{R("wr")},0)'
    wr_k = f'IF(wr_grondslag="kosten",{R("wr")},0)'
    bouw_bk = f"{R('bouwkosten')}+{R('bijkomende_kosten')}"
    a0 = f'{R("ak")}*IF(ak_grondslag="opbrengst",{R("opbrengst")},{bouw_bk})'
    a1 = f'IF(ak_grondslag="bouw_en_grond",{R("ak")},0)'
    schrijf(
        "rg_oplevering",
        f"=({R('opbrengst')}*(1-{wr_v})-(1+{wr_k})*({c}+{a0}))/(1+{a1}*(1+{wr_k}))",
        u.rg_oplevering[p],
    )
    schrijf(
        "algemene_kosten",
        f'={R("ak")}*IF(ak_grondslag="opbrengst",{R("opbrengst")},{R("bouwkosten")}'
        f'+{R("bijkomende_kosten")}+IF(ak_grondslag="bouw_en_grond",{R("rg_oplevering")},0))',
        u.algemene_kosten[p],
    )
    schrijf(
        "winst_en_risico",
        f'={R("wr")}*IF(wr_grondslag="opbrengst",{R("opbrengst")},{c}+{R("algemene_kosten")})',
        u.winst_en_risico[p],
    )
    schrijf(
        "d_o",
        f"=INDEX({ind.ks_jaren(p, 'disconteringsfactor')},1,{R('o')}+1)",
        u.d_oplevering[p],
    )
    schrijf("rg_peildatum", f"={R('rg_oplevering')}*{R('d_o')}", u.rg_peildatum[p])
    schrijf(
        "grondquote",
        f'=IF({R("opbrengst")}=0,"",{R("rg_oplevering")}/{R("opbrengst")})',
        u.grondquote[p],
    )
    return c


def _residueel_grond(
    b: Blad, res: Resultaat, cellen: Invoercellen, ind: Indeling, p: int, c: str
) -> None:
    """The grond: inbrengwaarde, transformatieruimte, boekwaarde and afwaardering, the
    inbreng in year s with its verwervingskosten, the stichtingskosten (C: bouwsom +
    financieringskosten) and the discount factor of year s."""
    u, inv = res.uitkomst, res.uitkomst.invoer
    R, schrijf = _rij(b, ind, p)
    schrijf("inbrengwaarde", "=" + cellen.pand[(p, "inbrengwaarde")], inv.inbrengwaarde[p])
    schrijf(
        "transformatieruimte",
        f"={R('rg_peildatum')}-{R('inbrengwaarde')}",
        u.transformatieruimte[p],
    )
    schrijf("boekwaarde", "=" + cellen.pand[(p, "boekwaarde")], inv.boekwaarde[p])
    schrijf(
        "afwaardering",
        f"=MAX(0,{R('boekwaarde')}-MAX({R('inbrengwaarde')},{R('rg_peildatum')}))",
        u.afwaardering[p],
    )
    schrijf("inbreng", f"={R('inbrengwaarde')}*(1+index_grond)^{R('s')}", u.inbreng[p])
    schrijf(
        "verwervingskosten",
        f"=IF({cellen.pand[(p, 'verwerving')]},verwervingskosten*{R('inbreng')},0)",
        u.verwervingskosten[p],
    )
    schrijf(
        "stichtingskosten",
        f"={R('inbreng')}+{R('verwervingskosten')}+{c}+{R('algemene_kosten')}+{R('winst_en_risico')}",
        u.stichtingskosten[p],
    )
    schrijf("d_s", f"=INDEX({ind.ks_jaren(p, 'disconteringsfactor')},1,{R('s')}+1)", u.d_start[p])


class _Eis(NamedTuple):
    """Per pand, the cash flow discounted at the exploitant's rendementseis (the cached
    values of the huurfactor's steps on Residuele waarde, METHODE §5)."""

    d: Discontering  # d of years s and o, and π, at the rendementseis
    ncw: Array  # NCW at the rendementseis
    per_factor: Array  # its change when all rents rise by 100 %

    @staticmethod
    def van(res: Resultaat, per_euro: PerEuro) -> _Eis:
        u, inv = res.uitkomst, res.uitkomst.invoer
        d = discontering_tegen(inv.rendementseis, inv, tijdlijn(inv))
        t = u.kasstroom_totalen
        bouw = sum(t[k] for k in KASSTROOMPOSTEN[2:-1])
        ncw = (t["inbreng"] + t["verwervingskosten"]) * d.start + bouw * d.bouw
        ncw = ncw + t["exploitatiewaarde"] * d.oplevering
        huur = np.where(inv.methode != KOOP, inv.prijs, 0.0)
        seg = inv.segmenten
        ew = np.add.reduceat(huur * per_euro.exploitatiewaarde, seg)
        opslagen = np.add.reduceat(huur * per_euro.opslagen, seg)
        return _Eis(d, ncw, ew * d.oplevering - opslagen * d.bouw)


def _residueel_rendementseis(
    b: Blad, res: Resultaat, cellen: Invoercellen, ind: Indeling, eis: _Eis, p: int
) -> None:
    """The huurfactor's steps: the discount factors at the rendementseis, the NCW at it
    (the Kasstromen totals, each post discounted as it falls) and its change per 100 %
    more rent on every rent row (koop prices stay)."""
    pand = res.scenario.panden[p]
    R, schrijf = _rij(b, ind, p)
    exploitant = str(pand.transformatie.exploitant)
    schrijf(
        "re",
        "=" + cellen.partij[(exploitant, "rendementseis")],
        res.uitkomst.invoer.rendementseis[p],
    )
    midden = 'disconteringsmoment="midden_jaar"'
    for k, t, waarde in (("d_s_eis", R("s"), eis.d.start), ("d_o_eis", R("o"), eis.d.oplevering)):
        schrijf(k, f"=1/(1+{R('re')})^({t}-IF(AND({midden},{t}>0),0.5,0))", waarde[p])
    t_rij = ind.t_rij()
    schrijf(
        "pi_eis",
        f"=SUMPRODUCT({ind.ks_jaren(p, 'bouwprofiel')},1/(1+{R('re')})^({t_rij}-0.5*({midden})"
        f"*({t_rij}>0)))/{ind.ks(p, 'bouwprofiel', KS_TOTAAL)}",
        eis.d.bouw[p],
    )
    totaal = partial(ind.ks, p, kolom=KS_TOTAAL)
    bouw = "+".join(totaal(post) for post in KASSTROOMPOSTEN[2:-1])
    schrijf(
        "ncw_eis",
        f"=({totaal('inbreng')}+{totaal('verwervingskosten')})*{R('d_s_eis')}"
        f"+({bouw})*{R('pi_eis')}+{totaal('exploitatiewaarde')}*{R('d_o_eis')}",
        eis.ncw[p],
    )
    huur = [
        f
        for f in range(ind.segment[p][0], ind.segment[p][1] + 1)
        if res.uitkomst.invoer.methode[f] != KOOP
    ]
    ew = "+".join(f"{ind.fun(f, 'prijs')}*{ind.fun(f, 'dew')}" for f in huur) or "0"
    opslagen = "+".join(f"{ind.fun(f, 'prijs')}*{ind.fun(f, 'dopslag')}" for f in huur) or "0"
    schrijf(
        "dncw_eis",
        f"=({ew})*{R('d_o_eis')}-({opslagen})*{R('pi_eis')}",
        eis.per_factor[p],
    )
