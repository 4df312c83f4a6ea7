"""The result's tables per pand, per programme line (functie) and per year, built from an
engine :class:`~transformatiecalc.engine.Uitkomst`; every column a quantity of
:mod:`transformatiecalc.grootheden`."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..engine import KASSTROOMPOSTEN, Uitkomst
from ..engine.assen import As
from ..engine.invoer import BAR, KOOP, METHODE_NAMEN, NAR, SOORT_NAMEN
from ..engine.kasstroom import IRR_REDENEN
from ..engine.onrendabel import HerkomstOrt
from ..grootheden import PRIJSEENHEDEN, RG_POSTEN, namen
from ..schema import Scenario
from .huurrecht import huurrecht_kolommen

#: Unit of a functie's price (and so of its kostprijsdekkende prijs), per soort code.
EENHEDEN = PRIJSEENHEDEN

#: The columns of :attr:`Resultaat.panden`, in order (the pand is its index): the Panden
#: sheet of the workbook has them in this order, so that pandas reads it back as this frame.
PANDKOLOMMEN = namen(
    As.PAND,
    "naam",
    "eigenaar",
    "eigenaar_soort",
    "publiek",
    "exploitant",
    "start",
    "bouwtijd",
    "oplevering",
    "woningen",
    "bvo",
    "inbrengwaarde",
    "boekwaarde",
    "opbrengst",
    "inbreng",
    "verwervingskosten",
    *RG_POSTEN,
    "stichtingskosten",
    "residuele_grondwaarde_oplevering",
    "residuele_grondwaarde_peildatum",
    "grondquote",
    "transformatieruimte",
    "afwaardering",
    "exploitatiewaarde",
    "ncw",
    "onrendabele_top",
    "ort_zonder_inbreng",
    "inbreng_aandeel",
    "ort_per_woning",
    "ort_per_m2_bvo",
    "break_even_bouwkosten_per_m2",
    "residuele_grondwaarde_dcf",
    "irr",
    "irr_reden",
    "subsidie_sluitend",
    "max_inbrengwaarde",
    "huurfactor_rendementseis",
    "disconteringsvoet",
    "rendementseis",
)


def pandentabel(uitkomst: Uitkomst, sc: Scenario, h: HerkomstOrt) -> pd.DataFrame:
    """One row per pand (index ``pand``, columns :data:`PANDKOLOMMEN`), euros nominal unless
    a column says ``_peildatum``; `h`: where the ORT comes from."""
    u, inv = uitkomst, uitkomst.invoer
    partij = [sc.partijen[p.eigenaar] for p in sc.panden]
    df = pd.DataFrame(
        {
            "naam": [p.naam or p.id for p in sc.panden],
            "eigenaar": [p.eigenaar for p in sc.panden],
            "eigenaar_soort": [x.soort for x in partij],
            "publiek": [x.publiek for x in partij],
            "exploitant": [p.transformatie.exploitant for p in sc.panden],
            "start": inv.start + inv.startjaar,
            "bouwtijd": inv.bouwtijd,
            "oplevering": inv.oplevering + inv.startjaar,
            "woningen": u.woningen.astype(np.int64),
            "bvo": u.bvo,
            "inbrengwaarde": inv.inbrengwaarde,
            "boekwaarde": inv.boekwaarde,
            "opbrengst": u.opbrengst,
            "inbreng": u.inbreng,
            "verwervingskosten": u.verwervingskosten,
            "bouwkosten": u.bouwkosten,
            "bijkomende_kosten": u.bijkomende_kosten,
            "onvoorzien": u.onvoorzien,
            "btw": u.btw,
            "financieringskosten": u.financieringskosten,
            "algemene_kosten": u.algemene_kosten,
            "winst_en_risico": u.winst_en_risico,
            "stichtingskosten": u.stichtingskosten,
            "residuele_grondwaarde_oplevering": u.rg_oplevering,
            "residuele_grondwaarde_peildatum": u.rg_peildatum,
            "grondquote": u.grondquote,
            "transformatieruimte": u.transformatieruimte,
            "afwaardering": u.afwaardering,
            "exploitatiewaarde": u.exploitatiewaarde,
            "ncw": u.ncw,
            "onrendabele_top": u.onrendabele_top,
            "ort_zonder_inbreng": h.ort_zonder_inbreng,
            "inbreng_aandeel": h.inbreng_aandeel,
            "ort_per_woning": per_eenheid(u.onrendabele_top, u.woningen),
            "ort_per_m2_bvo": per_eenheid(u.onrendabele_top, u.bvo),
            "break_even_bouwkosten_per_m2": h.break_even_bouwkosten_per_m2,
            "residuele_grondwaarde_dcf": u.rg_dcf,
            "irr": u.irr,
            # nullable text: the same dtype whether or not any pand lacks an IRR
            "irr_reden": pd.array([IRR_REDENEN[int(r)] for r in u.irr_reden], dtype="string"),
            "subsidie_sluitend": u.subsidie_sluitend,
            "max_inbrengwaarde": u.max_inbrengwaarde,
            "huurfactor_rendementseis": u.huurfactor_rendementseis,
            "disconteringsvoet": inv.disconteringsvoet,
            "rendementseis": inv.rendementseis,
        },
        index=pd.Index(list(inv.pand_ids), name="pand"),
    )
    return df[list(PANDKOLOMMEN)]


def functietabel(uitkomst: Uitkomst, sc: Scenario, h: HerkomstOrt) -> pd.DataFrame:
    """One row per programme line (index ``pand``, ``regel``); `h`: where the ORT comes from."""
    u, inv = uitkomst, uitkomst.invoer
    regels = [(p.id, k, r) for p in sc.panden for k, r in enumerate(p.transformatie.programma)]
    huur = inv.methode != KOOP
    methode = inv.methode
    df = pd.DataFrame(
        {
            "pand": [x[0] for x in regels],
            "regel": [x[1] for x in regels],
            "functie": [x[2].functie for x in regels],
            "soort": [SOORT_NAMEN[s] for s in inv.soort],
            "waardering": [METHODE_NAMEN[m] for m in methode],
            "ingreep": [x[2].ingreep for x in regels],
            "woningen": inv.woningen.astype(np.int64),
            "bvo": inv.bvo,
            "prijs": inv.prijs,
            "eenheid": [EENHEDEN[s] for s in inv.soort],
            "opbrengst": u.f_opbrengst,
            "exploitatiewaarde": u.f_exploitatiewaarde,
            "inbreng": u.f_inbreng,
            "verwervingskosten": u.f_verwervingskosten,
            "bouwkosten": u.f_bouwkosten,
            "bijkomende_kosten": u.f_bijkomende_kosten,
            "onvoorzien": u.f_onvoorzien,
            "btw": u.f_btw,
            "algemene_kosten": u.f_algemene_kosten,
            "winst_en_risico": u.f_winst_en_risico,
            "ncw": u.f_ncw,
            "onrendabele_top": u.f_onrendabele_top,
            "ort_zonder_inbreng": h.f_ort_zonder_inbreng,
            "inbreng_aandeel": h.f_inbreng_aandeel,
            "ort_per_woning": per_eenheid(u.f_onrendabele_top, inv.woningen),
            "ort_per_m2_bvo": per_eenheid(u.f_onrendabele_top, inv.bvo),
            "kostprijsdekkende_huur": np.where(huur, u.f_kostprijsdekkende_prijs, np.nan),
            "kostprijsdekkende_von_prijs": np.where(huur, np.nan, u.f_kostprijsdekkende_prijs),
            "betaalbare_huur": inv.betaalbaar,
            "betaalbaarheidsgat": u.f_betaalbaarheidsgat,
            "break_even_bar": np.where(methode == BAR, u.f_break_even_rendement, np.nan),
            "break_even_nar": np.where(methode == NAR, u.f_break_even_rendement, np.nan),
            "waarderingsvoet": u.f_waarderingsvoet,
            **huurrecht_kolommen(sc, inv, u.f_kostprijsdekkende_prijs),
        }
    )
    return df.set_index(["pand", "regel"])


def kasstroomtabel(uitkomst: Uitkomst) -> pd.DataFrame:
    """One row per pand and year (index ``pand``, ``jaar``): the posts of the project cash
    flow (costs < 0), the total, the discount factor and the present value."""
    u, inv = uitkomst, uitkomst.invoer
    j = u.kasstroom_totaal.shape[1]
    index = pd.MultiIndex.from_product(
        [list(inv.pand_ids), np.arange(j) + inv.startjaar], names=["pand", "jaar"]
    )
    kolommen: dict[str, Any] = {post: u.kasstroom[post].ravel() for post in KASSTROOMPOSTEN}
    kolommen["kasstroom"] = u.kasstroom_totaal.ravel()
    kolommen["disconteringsfactor"] = u.disconteringsfactor.ravel()
    kolommen["contante_waarde"] = (u.kasstroom_totaal * u.disconteringsfactor).ravel()
    return pd.DataFrame(kolommen, index=index)


def exploitatietabel(uitkomst: Uitkomst, functies: pd.DataFrame) -> pd.DataFrame:
    """Per programme line and year of exploitation (index ``pand``, ``regel``, ``jaar``):
    bruto huur, effectieve huur, lasten, NOI (€ nominaal); `functies`: :func:`functietabel`."""
    u, inv = uitkomst, uitkomst.invoer
    rij, jaar = np.nonzero(u.bruto_huur)
    index = functies.index
    return pd.DataFrame(
        {
            "pand": index.get_level_values("pand")[rij],
            "regel": index.get_level_values("regel")[rij],
            "functie": functies["functie"].to_numpy()[rij],
            "jaar": jaar + inv.startjaar,
            "bruto_huur": u.bruto_huur[rij, jaar],
            "effectieve_huur": u.bruto_huur[rij, jaar] * (1.0 - inv.leegstand[rij]),
            "exploitatielasten": u.exploitatielasten[rij, jaar],
            "noi": u.noi[rij, jaar],
        }
    ).set_index(["pand", "regel", "jaar"])


def per_eenheid(bedrag: np.ndarray, aantal: np.ndarray) -> np.ndarray:
    """`bedrag` per woning or per m² (€ per unit); NaN where there are none."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(aantal > 0, bedrag / aantal, np.nan)
