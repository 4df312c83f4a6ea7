"""The live sheets: Functies, Residuele waarde, Kasstromen and Panden.

Each cell that is a formula of inputs is written as that formula (English function
names, as Excel stores them), referring to the named cells and tables on Uitgangspunten,
with the engine's value cached. The formulas restate METHODE §2–5 exactly as the engine
computes them; a test recalculates the workbook in LibreOffice and checks every formula
cell against the engine. The goal seeks (kostprijsdekkende huur, betaalbaarheidsgat,
break-even BAR/NAR, maximale inbrengwaarde, huurfactor) are formulas too: the same closed
forms, from what one euro more of price (Functies) or a 100 % higher rent at the
rendementseis (Residuele waarde) adds to the NCW, so they follow a changed input.

Layout: every calculation sheet has its column headers on row 5 (index 4) and data from
row 6; Functies has one row per programme line, Residuele waarde and Panden one row per
pand, Kasstromen a block of rows per pand with the years in columns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ...engine import KASSTROOMPOSTEN
from ...engine.huurrecht.tabellen import (
    NIEUWBOUW_OPLEVERING_VANAF,
    NIEUWBOUW_OPSLAG,
    NIEUWBOUW_START_VOOR,
)
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
from ...engine.kasstroom import IRR_REDENEN
from ...engine.opbrengst import programmawaarde
from ...engine.tijd import Discontering, discontering_tegen, tijdlijn
from ...grootheden import GROOTHEDEN, RG_POSTEN
from ...resultaat import PANDKOLOMMEN, Resultaat
from .blad import NVT, Blad, bereik, cel
from .uitgangspunten import BETAALBAAR, PRIJS, Invoercellen

FUNCTIES, RESIDUEEL, KASSTROMEN, PANDEN = "Functies", "Residuele waarde", "Kasstromen", "Panden"
KOP, EERSTE = 4, 5

Kolom = tuple[str, str, str]

#: The note on the netto huur and vaste lasten of a BAR row on Functies.
NIET_IN_WAARDERING = (
    "niet in de waardering: een BAR waardeert de bruto huur; leegstand en exploitatielasten "
    "tellen niet mee in de opbrengst V (METHODE §2)"
)


#: The field name of each column in its sheet's Excel table: the quantity's name (its key in
#: the JSON and in Resultaat's tables), filled by _kol; for a step of the formulas, the
#: name in STAPVELDEN.
_VELDEN: dict[str, str] = {}
STAPVELDEN = {
    # Functies
    "eenheden": "huur_eenheden",
    "o": "oplevering_t",
    "voet_ew": "disconteringsvoet_ew",
    "voet_v": "disconteringsvoet_v",
    "kk": "factor_kosten_koper",
    "bruto": "bruto_huur_oplevering",
    "netto": "netto_huur_oplevering",
    "vast": "vaste_lasten_oplevering",
    "bouw_k": "bouwkosten_met_opslagen",
    "dv": "opbrengst_per_euro_prijs",
    "dew": "exploitatiewaarde_per_euro_prijs",
    "dopslag": "opslagen_per_euro_prijs",
    "dncw": "ncw_per_euro_prijs",
    "kostprijsdekkend": "kostprijsdekkende_prijs",
    "break_even": "break_even_voet",
    # Residuele waarde
    "s": "start_t",
    "ak": "algemene_kosten_voet",
    "wr": "winst_en_risico_voet",
    "bouwsom": "bouwsom",
    "rentefactor": "rentefactor",
    "d_o": "disconteringsfactor_oplevering",
    "d_s": "disconteringsfactor_start",
    "d_s_eis": "disconteringsfactor_start_rendementseis",
    "d_o_eis": "disconteringsfactor_oplevering_rendementseis",
    "pi_eis": "contante_waarde_per_euro_bouwkosten_rendementseis",
    "ncw_eis": "ncw_rendementseis",
    "dncw_eis": "ncw_rendementseis_per_huurfactor",
}


def veld(sleutel: str) -> str:
    """The field name (table column name) of the column with key `sleutel`."""
    return _VELDEN.get(sleutel) or STAPVELDEN[sleutel]


def _kol(naam: str, sleutel: str = "", kop: str = "", symbool: bool = False) -> Kolom:
    """A column showing a quantity of ``grootheden.py``: its label (with its METHODE symbol,
    or `kop` where the sheet says more) and its number format; `sleutel` names the column
    in this module's formulas when it is not the quantity's name."""
    g = GROOTHEDEN[naam]
    _VELDEN[sleutel or naam] = naam
    return (sleutel or naam, kop or (g.label_met_symbool if symbool else g.label), g.excel)


# (key, header, number format) per column: a registered quantity (_kol) or a step of the
# sheet's formulas (a literal; these exist only here).
FUN: list[Kolom] = [
    *map(_kol, ("pand", "regel", "functie", "soort", "waardering", "woningen", "bvo")),
    ("eenheden", "huur-eenheden (per jaar)", "getal"),
    _kol("prijs"),
    ("o", "oplevering (t)", "getal"),
    ("voet_ew", "disconteringsvoet EW", "procent"),
    ("voet_v", "disconteringsvoet V", "procent"),
    ("kk", "factor k.k.", "factor"),
    ("bruto", "bruto huur jaar o", "euro"),
    ("netto", "netto huur jaar o", "euro"),
    ("vast", "vaste lasten jaar o", "euro"),
    _kol("opbrengst", symbool=True),
    _kol("exploitatiewaarde", symbool=True),
    _kol("bouwkosten", symbool=True),
    *map(_kol, ("bijkomende_kosten", "onvoorzien", "btw", "inbreng", "verwervingskosten")),
    _kol("algemene_kosten", kop="algemene kosten (kasstroom)"),
    _kol("winst_en_risico", kop="winst & risico (kasstroom)"),
    _kol("ncw"),
    _kol("onrendabele_top"),
    # where the ORT comes from (METHODE §5)
    *map(_kol, ("inbreng_aandeel", "ort_zonder_inbreng", "ort_per_woning", "ort_per_m2_bvo")),
    ("bouw_k", "bouwkosten met opslagen (kasstroom)", "euro"),
    # the goal seeks' steps: what one euro more of price adds (METHODE §5)
    ("dv", "opbrengst V per € huur / prijs", "euro_centen"),
    ("dew", "exploitatiewaarde EW per € huur / prijs", "euro_centen"),
    ("dopslag", "AK + W&R (kasstroom) per € huur / prijs", "euro_centen"),
    ("dncw", "NCW per € huur / prijs", "euro_centen"),
    ("kostprijsdekkend", "kostprijsdekkende huur / prijs", "euro_centen"),
    _kol("eenheid"),
    _kol("betaalbare_huur", sleutel="betaalbaar"),
    _kol("betaalbaarheidsgat"),
    ("break_even", "break-even BAR / NAR", "procent"),
    # rent law (METHODE §2a)
    *map(
        _kol,
        (
            "wws_punten",
            "wws_bron",
            "segment",
            "wws_opslag",
            "maximale_huur",
            "huur_boven_maximum",
            "kostprijsdekkend_binnen_maximum",
            "betaalbare_huur_bron",
            "indexatie_huur",
        ),
    ),
]
RES: list[Kolom] = [
    _kol("pand"),
    _kol("naam"),
    ("s", "start (t)", "getal"),
    _kol("bouwtijd", "b"),
    ("o", "oplevering (t)", "getal"),
    _kol("disconteringsvoet", "r"),
    ("ak", "AK", "procent"),
    ("wr", "W&R", "procent"),
    _kol("bvo"),
    _kol("opbrengst", symbool=True),
    _kol("bouwkosten", symbool=True),
    *map(_kol, ("bijkomende_kosten", "onvoorzien", "btw")),
    ("bouwsom", "bouwsom", "euro"),
    ("rentefactor", "rentefactor", "factor"),
    *map(_kol, ("financieringskosten", "algemene_kosten", "winst_en_risico")),
    _kol("residuele_grondwaarde_oplevering", "rg_oplevering", "residuele grondwaarde (oplevering)"),
    ("d_o", "disconteringsfactor oplevering", "factor"),
    _kol("residuele_grondwaarde_peildatum", "rg_peildatum", "residuele grondwaarde (peildatum)"),
    *map(_kol, ("grondquote", "inbrengwaarde", "transformatieruimte", "boekwaarde")),
    _kol("afwaardering"),
    _kol("inbreng", kop="inbreng (jaar s)"),
    _kol("verwervingskosten"),
    _kol("stichtingskosten"),
    ("d_s", "disconteringsfactor start", "factor"),
    # the huurfactor's steps (METHODE §5): the cash flow at the exploitant's rendementseis
    _kol("rendementseis", "re"),
    ("d_s_eis", "disconteringsfactor start (rendementseis)", "factor"),
    ("d_o_eis", "disconteringsfactor oplevering (rendementseis)", "factor"),
    ("pi_eis", "contante waarde per € bouwkosten (rendementseis)", "factor"),
    ("ncw_eis", "NCW tegen de rendementseis", "euro"),
    ("dncw_eis", "NCW tegen de rendementseis per 100 % meer huur", "euro"),
]
#: The Panden sheet: the columns of ``Resultaat.panden`` in its order (PANDKOLOMMEN), after
#: the pand, each as registered; ``pandas.read_excel(…, sheet_name="Panden", header=4,
#: index_col="pand")`` reads it back as that frame (docs/excel.md).
PND: list[Kolom] = [_kol(naam) for naam in ("pand", *PANDKOLOMMEN)]
KS_RIJEN = ["kop", "bouwprofiel", "disconteringsfactor", *KASSTROOMPOSTEN, "kasstroom"]
KS_BLOK = len(KS_RIJEN) + 1
KS_T_RIJ, KS_EERSTE = 3, 5
KS_TOTAAL, KS_CONTANT, KS_IRR, KS_JAAR0 = 2, 3, 4, 5
#: The name of each Kasstromen row: the label of its quantity.
KS_POSTNAMEN = {post: GROOTHEDEN[post].label for post in KS_RIJEN[1:]}


def _index(kolommen: list[Kolom]) -> dict[str, int]:
    return {k: i for i, (k, _, _) in enumerate(kolommen)}


FUN_I, RES_I, PND_I = _index(FUN), _index(RES), _index(PND)
_NOTATIE = {
    blad: {k: n for k, _, n in kol}
    for blad, kol in ((FUNCTIES, FUN), (RESIDUEEL, RES), (PANDEN, PND))
}


@dataclass(frozen=True)
class Indeling:
    """Row numbers of every pand and programme line on every sheet."""

    regels: tuple[tuple[int, int], ...]  # (pand index, regel index) per functie row
    segment: tuple[tuple[int, int], ...]  # (first, last) functie row index per pand
    jaren: int

    @staticmethod
    def van(resultaat: Resultaat) -> Indeling:
        regels: list[tuple[int, int]] = []
        segment: list[tuple[int, int]] = []
        for p, pand in enumerate(resultaat.scenario.panden):
            eerste = len(regels)
            regels.extend((p, j) for j in range(len(pand.transformatie.programma)))
            segment.append((eerste, len(regels) - 1))
        return Indeling(tuple(regels), tuple(segment), resultaat.uitkomst.invoer.jaren)

    def fun(self, f: int, kolom: str, blad: bool = True) -> str:
        return cel(EERSTE + f, FUN_I[kolom], FUNCTIES if blad else None)

    def fun_som(self, p: int, kolom: str) -> str:
        a, b = self.segment[p]
        return f"SUM({bereik(EERSTE + a, FUN_I[kolom], EERSTE + b, FUN_I[kolom], FUNCTIES)})"

    def res(self, p: int, kolom: str, blad: bool = True) -> str:
        return cel(EERSTE + p, RES_I[kolom], RESIDUEEL if blad else None)

    def ks_rij(self, p: int, post: str) -> int:
        return KS_EERSTE + p * KS_BLOK + KS_RIJEN.index(post)

    def ks(self, p: int, post: str, kolom: int, blad: bool = True) -> str:
        return cel(self.ks_rij(p, post), kolom, KASSTROMEN if blad else None)

    def ks_jaren(self, p: int, post: str, blad: bool = True, vanaf: int = 0) -> str:
        r = self.ks_rij(p, post)
        return bereik(
            r, KS_JAAR0 + vanaf, r, KS_JAAR0 + self.jaren - 1, KASSTROMEN if blad else None
        )

    def t_rij(self, blad: bool = True) -> str:
        return bereik(
            KS_T_RIJ, KS_JAAR0, KS_T_RIJ, KS_JAAR0 + self.jaren - 1, KASSTROMEN if blad else None
        )


def _dcf(
    r: str, netto: str, vast: str, kk: str, termijn: str, exit_yield: str, ih: str = "index_huur"
) -> str:
    """METHODE §2 dcf: (E·A(g_h) − X·A(g_e))·m + [NOI_{N+1}/exit_yield·kk]·(1+r)^−N, with
    A(g) = Σ_{k=1..N} (1+g)^(k−1)(1+r)^−k = (1 − ((1+g)/(1+r))^N)/(r − g) and m = (1+r)^½
    for midden_jaar."""

    def annuiteit(g: str) -> str:
        return f"IF(ABS({g}-{r})<1E-12,{termijn}/(1+{r}),(1-((1+{g})/(1+{r}))^{termijn})/({r}-{g}))"

    return (
        f"=({netto}*{annuiteit(ih)}-{vast}*{annuiteit('index_exploitatielasten')})"
        f'*IF(disconteringsmoment="midden_jaar",(1+{r})^0.5,1)'
        f"+IF(ISNUMBER({exit_yield}),({netto}*(1+{ih})^{termijn}"
        f"-{vast}*(1+index_exploitatielasten)^{termijn})/{exit_yield}*{kk},0)*(1+{r})^(-{termijn})"
    )


def _tabel(b: Blad, kolommen: list[Kolom], rijen: int, naam: str) -> None:
    """The sheet's columns as an Excel table: field names on the header row KOP, the Dutch
    labels on the row above it, `rijen` data rows from EERSTE."""
    b.tabel(KOP, [veld(k) for k, _, _ in kolommen], rijen, naam, [h for _, h, _ in kolommen])


def _schrijf(
    b: Blad,
    rij: int,
    kolommen: dict[str, int],
    notaties: dict[str, str],
    k: str,
    formule: str,
    waarde: Any,
) -> None:
    """Formula `k` of a row, in its column and number format, with the engine's value cached."""
    b.formule(rij, kolommen[k], formule, waarde, notaties[k])


def _cel_in_rij(rij: int, kolommen: dict[str, int], k: str) -> str:
    return cel(rij, kolommen[k])


def _functiecel(cellen: Invoercellen, functie: str, kop: str) -> str:
    return cellen.functie[(functie, kop)]


def _doelzoek(waarde: float) -> float | str:
    """The cached value of a goal-seek formula: the engine's number, or 'n.v.t.' (the text
    the formula gives) where there is none."""
    return float(waarde) if math.isfinite(waarde) else NVT


class PerEuro(NamedTuple):
    """Per functie row, what one euro more of price (rent or v.o.n. price, prijspeil) adds:
    to V, to EW, to AK + W&R of the cash flow, and to the NCW. The cached values of the
    goal-seek steps on Functies; the engine's own two-point slopes (METHODE §5)."""

    opbrengst: Array
    exploitatiewaarde: Array
    opslagen: Array
    ncw: Array

    @staticmethod
    def van(res: Resultaat) -> PerEuro:
        u, inv = res.uitkomst, res.uitkomst.invoer
        prog = programmawaarde(inv)
        dv = (prog.dubbel.opbrengst - prog.basis.opbrengst) / inv.prijs
        dew = (prog.dubbel.exploitatiewaarde - prog.basis.exploitatiewaarde) / inv.prijs
        p = inv.pand
        ak = inv.ak[p] * (dv if inv.ak_grondslag == AkGrondslag.OPBRENGST else 0.0)
        kosten = inv.wr_grondslag == WrGrondslag.KOSTEN
        opslagen = ak * (1.0 + (inv.wr[p] if kosten else 0.0)) + (0.0 if kosten else inv.wr[p] * dv)
        ncw = dew * u.d_oplevering[p] - opslagen * u.pi[p]
        return PerEuro(dv, dew, opslagen, ncw)


@dataclass(frozen=True)
class _Functierij:
    """One programme line while Functies is written: its cells and its numbers."""

    b: Blad
    res: Resultaat
    cellen: Invoercellen
    ind: Indeling
    per_euro: PerEuro
    f: int  # functie row index
    p: int  # pand index
    j: int  # regel index within the pand

    functie: str  # its key in functies
    soort: int  # Soort code
    methode: int  # Methode code

    @property
    def rij(self) -> int:
        return EERSTE + self.f

    def F(self, kolom: str) -> str:
        return self.ind.fun(self.f, kolom, blad=False)

    def U(self, kop: str) -> str:
        return self.cellen.functie[(self.functie, kop)]

    def R(self, kolom: str) -> str:
        return self.ind.res(self.p, kolom)

    @property
    def ih(self) -> str:
        """The row's yearly rent index: index_huur, or for a row with WWS points (METHODE
        §2a) MIN(its segment's index, the legal cap); the cap and a segment's own index are
        the engine's values (locked on Uitgangspunten)."""
        wet = self.res.scenario.huurrecht
        if wet is None or not wet.getoetst[self.f]:
            return "index_huur"
        eigen = self.res.scenario.markt.indexatie.huur_per_segment
        seg = wet.segment_naam(self.f)
        waarde = None if eigen is None else getattr(eigen, seg)
        gewenst = "index_huur" if waarde is None else repr(float(waarde))
        return f"MIN({gewenst},{float(wet.plafond[self.f])!r})"

    def schrijf(self, k: str, formule: str, waarde: Any) -> None:
        _schrijf(self.b, self.rij, FUN_I, _NOTATIE[FUNCTIES], k, formule, waarde)


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
    _tabel(b, FUN, len(ind.regels), "tabel_functies")
    b.ws.freeze_panes(EERSTE, 3)
    per_euro, inv = PerEuro.van(res), res.uitkomst.invoer
    for f, (p, j) in enumerate(ind.regels):
        functie = res.scenario.panden[p].transformatie.programma[j].functie
        soort, methode = int(inv.soort[f]), int(inv.methode[f])
        r = _Functierij(b, res, cellen, ind, per_euro, f, p, j, functie, soort, methode)
        _functie_programma(r)
        _functie_opbrengst(r)
        _functie_kosten(r)
        _functie_doelzoeken(r)
        _functie_huurrecht(r)


def _functie_programma(r: _Functierij) -> None:
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
        prijs = f"=MIN({r.U(PRIJS)},{_maximale_huur(r)})"
    r.schrijf("prijs", prijs, inv.prijs[f])
    r.schrijf("o", "=" + r.R("o"), inv.oplevering[r.p])


def _wws_opslag(r: _Functierij) -> str:
    """The Bhw art. 8a surcharge of the row (METHODE §2a) as a formula of its pand's start
    and bouwtijd: the monument part (an engine value) + 10 % for middenhuur whose
    transformation starts before 2028 and is first let from 2025."""
    wet = r.res.scenario.huurrecht
    assert wet is not None
    monument = repr(float(wet.monument_opslag[r.f]))
    if wet.segment_naam(r.f) != "midden":
        return monument
    start, bouwtijd = r.cellen.pand[(r.p, "start")], r.cellen.pand[(r.p, "bouwtijd")]
    return (
        f"{monument}+IF(AND({start}<{NIEUWBOUW_START_VOOR},{start}+{bouwtijd}>="
        f"{NIEUWBOUW_OPLEVERING_VANAF}),{NIEUWBOUW_OPSLAG!r},0)"
    )


def _maximale_huur(r: _Functierij) -> str:
    """The legal maximum rent of the row (METHODE §2a): T + ROUND(T × opslag, 2), with T the
    table value of its WWS points (an engine value) and the surcharge of :func:`_wws_opslag`."""
    wet = r.res.scenario.huurrecht
    assert wet is not None
    kaal = repr(float(wet.kale_maximale_huur[r.f]))
    return f"({kaal}+ROUND({kaal}*({_wws_opslag(r)}),2))"


def _functie_huurrecht(r: _Functierij) -> None:
    """§2a per row: WWS points, segment, surcharge and maximum rent (live with the pand's
    start and bouwtijd), the checks against it, the rent index and the betaalbare huur's
    source. Points, segment and sources are the engine's (text and numbers)."""
    b, df, f = r.b, r.res.functies, r.f
    wet = r.res.scenario.huurrecht
    rij = df.iloc[f]
    for k in ("wws_bron", "segment", "betaalbare_huur_bron"):
        tekst = rij[k]
        b.tekst(r.rij, FUN_I[k], "" if pd.isna(tekst) else str(tekst))
    punten = rij["wws_punten"]
    waarde = None if pd.isna(punten) else float(punten)
    b.getal(r.rij, FUN_I["wws_punten"], waarde, "waarde", "getal")
    r.schrijf("indexatie_huur", f"={r.ih}", float(rij["indexatie_huur"]))
    if wet is None or not wet.getoetst[f]:
        return
    if not math.isfinite(wet.maximale_huur[f]):  # vrije sector: no maximum
        b.janee(r.rij, FUN_I["huur_boven_maximum"], False, "waarde")
        return
    r.schrijf("wws_opslag", f"={_wws_opslag(r)}", float(wet.opslag[f]))
    r.schrijf("maximale_huur", f"={_maximale_huur(r)}", float(wet.maximale_huur[f]))
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


def _tijd(r: _Functierij) -> str:
    """Years from prijspeil to oplevering: the exponent of the indexation to year o."""
    return f"({r.F('o')}+startjaar-prijspeil)"


def _per_prijs(r: _Functierij, netto: bool) -> str:
    """Bruto (or netto) huur in year o per euro of price (rent rows)."""
    uit = f"{r.F('eenheden')}*(1+{r.ih})^{_tijd(r)}"
    return f"{uit}*(1-{r.U('leegstand')}-{r.U('lasten % huur')})" if netto else uit


def _functie_opbrengst(r: _Functierij) -> None:
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
    tijd = _tijd(r)
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
                    r.rij, FUN_I[k], formule, jaar_o[f], _NOTATIE[FUNCTIES][k], "buiten_waardering"
                )
                r.b.ws.write_comment(r.rij, FUN_I[k], NIET_IN_WAARDERING)
            else:
                r.schrijf(k, formule, jaar_o[f])
    waarde = partial(_waardering, r, bruto=F("bruto"), netto=F("netto"), vast=F("vast"))
    r.schrijf("opbrengst", waarde(F("voet_v"), prijs=F("prijs")), u.f_opbrengst[f])
    ew = waarde(F("voet_ew"), prijs=F("prijs")) if methode == DCF else f"={F('opbrengst')}"
    r.schrijf("exploitatiewaarde", ew, u.f_exploitatiewaarde[f])


def _waardering(r: _Functierij, voet: str, *, bruto: str, netto: str, vast: str, prijs: str) -> str:
    """§2: the value of the row at rate `voet` (DCF) for this bruto and netto huur, vaste
    lasten and price; with the huur per euro of price, vast "0" and prijs "1" it is the
    value per euro of price (V and EW are affine in the price)."""
    F, U, tijd = r.F, r.U, _tijd(r)
    if r.methode == BAR:
        return f"={bruto}/{U('BAR')}*{F('kk')}"
    if r.methode == NAR:
        return f"=({netto}-{vast})/{U('NAR')}*{F('kk')}"
    if r.methode == DCF:
        return _dcf(voet, netto, vast, F("kk"), U("DCF-termijn"), U("exit yield"), r.ih)
    return (
        f"={prijs}*{F('woningen')}*(1+index_verkoopprijzen)^{tijd}/(1+btw)*(1-{U('verkoopkosten')})"
    )


def _functie_kosten(r: _Functierij) -> None:
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


def _functie_herkomst(r: _Functierij, bouwsom: str) -> None:
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
        r.b.formule(
            r.rij,
            FUN_I[k],
            f'=IF({F(deler)}>0,{F("onrendabele_top")}/{F(deler)},"{NVT}")',
            _doelzoek(df[k].iloc[f]),
            _NOTATIE[FUNCTIES][k],
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


def _functie_doelzoeken(r: _Functierij) -> None:
    """§5 goal seeks in closed form: the NCW is affine in the price, so with its change per
    euro of price (dncw) the kostprijsdekkende prijs is prijs − NCW / dncw; the gap is that
    minus the betaalbare huur; the break-even BAR/NAR is rendement · V / V* with V* the
    value at the kostprijsdekkende prijs."""
    u, inv, F, R, f = r.res.uitkomst, r.res.uitkomst.invoer, r.F, r.R, r.f
    n, b, per_euro = _NOTATIE[FUNCTIES], r.b, r.per_euro
    huur = r.methode != KOOP
    per_prijs = partial(
        _waardering,
        r,
        bruto=f"({_per_prijs(r, netto=False)})" if huur else "0",
        netto=f"({_per_prijs(r, netto=True)})" if huur else "0",
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
    kpd = F("kostprijsdekkend")
    b.formule(
        r.rij,
        FUN_I["kostprijsdekkend"],
        f'=IF({F("dncw")}>0,{F("prijs")}-{F("ncw")}/{F("dncw")},"{NVT}")',
        _doelzoek(u.f_kostprijsdekkende_prijs[f]),
        n["kostprijsdekkend"],
    )
    b.tekst(r.rij, FUN_I["eenheid"], r.res.functies["eenheid"].iloc[f])
    if (r.functie, BETAALBAAR) in r.cellen.functie:  # a rent: typing a betaalbare huur counts
        betaalbaar = r.U(BETAALBAAR)
        # without its own: the segment limit of rent law (METHODE §2a), an engine value
        grens = r.res.scenario.huurrecht
        anders = (
            repr(float(grens.segmentgrens[f]))
            if grens is not None and math.isfinite(grens.segmentgrens[f])
            else f'"{NVT}"'
        )
        b.formule(
            r.rij,
            FUN_I["betaalbaar"],
            f"=IF(ISNUMBER({betaalbaar}),{betaalbaar},{anders})",
            _doelzoek(inv.betaalbaar[f]),
            n["betaalbaar"],
        )
        b.formule(
            r.rij,
            FUN_I["betaalbaarheidsgat"],
            f"=IF(AND(ISNUMBER({kpd}),ISNUMBER({F('betaalbaar')})),{kpd}-{F('betaalbaar')},"
            f'"{NVT}")',
            _doelzoek(u.f_betaalbaarheidsgat[f]),
            n["betaalbaarheidsgat"],
        )
    if r.methode in (BAR, NAR):
        rendement = r.U("BAR" if r.methode == BAR else "NAR")
        v_nul = f"({F('opbrengst')}+{F('dv')}*({kpd}-{F('prijs')}))"
        b.formule(
            r.rij,
            FUN_I["break_even"],
            f'=IF(ISNUMBER({kpd}),IF({v_nul}>0,{rendement}*{F("opbrengst")}/{v_nul},"{NVT}"),'
            f'"{NVT}")',
            _doelzoek(u.f_break_even_rendement[f]),
            "procent",
        )
    else:
        b.tekst(r.rij, FUN_I["break_even"], NVT)


def schrijf_residueel(
    b: Blad, res: Resultaat, cellen: Invoercellen, ind: Indeling, herkomst: str
) -> None:
    u, inv, sc = res.uitkomst, res.uitkomst.invoer, res.scenario
    b.titel(
        "Residuele waarde — opbouw per pand: opbrengst V → posten → residuele grondwaarde",
        "Nominale bedragen (statische residuele berekening, METHODE §4); de residuele "
        "grondwaarde op de peildatum is contant met de disconteringsvoet van de exploitant.",
        herkomst,
    )
    _tabel(b, RES, len(sc.panden), "tabel_residuele_waarde")
    b.ws.freeze_panes(EERSTE, 2)
    n = _NOTATIE[RESIDUEEL]
    eis = _Eis.van(res, PerEuro.van(res))
    for p, pand in enumerate(sc.panden):
        rij = EERSTE + p
        exploitant = str(pand.transformatie.exploitant)

        R = partial(ind.res, p, blad=False)  # a cell of this pand's row
        schrijf = partial(_schrijf, b, rij, RES_I, n)

        b.tekst(rij, 0, pand.id)
        b.tekst(rij, 1, pand.naam or pand.id)
        schrijf("s", f"={cellen.pand[(p, 'start')]}-startjaar", inv.start[p])
        schrijf("b", f"={cellen.pand[(p, 'bouwtijd')]}", inv.bouwtijd[p])
        schrijf("o", f"={R('s')}+{R('b')}", inv.oplevering[p])
        schrijf(
            "r", "=" + cellen.partij[(exploitant, "disconteringsvoet")], inv.disconteringsvoet[p]
        )
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
        schrijf(
            "rentefactor",
            f'=IF(rente_model="geen",0,IF(rente_model="half_bouwkosten",'
            f"0.5*((1+bouwrente)^{R('b')}-1),"
            f"SUMPRODUCT({ind.ks_jaren(p, 'bouwprofiel')},(1+bouwrente)^({R('o')}-{ind.t_rij()})-1)"
            f"/{ind.ks(p, 'bouwprofiel', KS_TOTAAL)}))",
            u.rentefactor[p],
        )
        schrijf(
            "financieringskosten", f"={R('bouwsom')}*{R('rentefactor')}", u.financieringskosten[p]
        )
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
        schrijf(
            "d_s", f"=INDEX({ind.ks_jaren(p, 'disconteringsfactor')},1,{R('s')}+1)", u.d_start[p]
        )
        _residueel_rendementseis(b, res, cellen, ind, eis, p)


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
    rij, pand = EERSTE + p, res.scenario.panden[p]
    R = partial(ind.res, p, blad=False)
    schrijf = partial(_schrijf, b, rij, RES_I, _NOTATIE[RESIDUEEL])
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


def schrijf_kasstromen(
    b: Blad, res: Resultaat, cellen: Invoercellen, ind: Indeling, herkomst: str
) -> None:
    u, sc = res.uitkomst, res.scenario
    midden = sc.conventies.disconteringsmoment == "midden_jaar"
    b.titel(
        "Kasstromen — projectkasstroom per pand, per post en per jaar",
        "Vanuit de exploitant: geld erin positief, eruit negatief; nominale euro's van elk jaar. "
        "NCW = CF0 + NPV(r; CF1:CFn) (Nederlandse Excel: NHW), contant in € van "
        f"{sc.startjaar}; IRR (IR) van de kasstroomregel.",
        herkomst,
    )
    b.tekst(KS_T_RIJ, 1, "t (jaren na het startjaar)", "notitie")
    for k in range(ind.jaren):
        b.getal(KS_T_RIJ, KS_JAAR0 + k, k, "notitie", "getal")
    b.kopregel(
        KOP,
        [
            "pand",
            "post",
            "totaal (nominaal)",
            GROOTHEDEN["contante_waarde"].label,
            GROOTHEDEN["irr"].label,
        ],
    )
    b.formules(  # the years follow the startjaar on Uitgangspunten
        KOP,
        KS_JAAR0,
        [f"=startjaar+{k}" for k in range(ind.jaren)],
        [sc.startjaar + k for k in range(ind.jaren)],  # numbers: the years as numbers
        "jaar",
        "kop",
    )
    b.ws.freeze_panes(EERSTE, KS_JAAR0)
    jaren = range(ind.jaren)

    t_cel = [cel(KS_T_RIJ, KS_JAAR0 + k) for k in jaren]  # the cell holding year index t = k

    # Row by row, in order: the workbook streams each finished row to disk (blad.py).
    for p, pand in enumerate(sc.panden):
        rij = {post: ind.ks_rij(p, post) for post in KS_RIJEN}
        b.blok(rij["kop"])  # printed: a pand's block is not split over two pages
        b.tekst(rij["kop"], 0, pand.id, "totaal")
        b.tekst(rij["kop"], 1, pand.naam or pand.id, "totaal")
        s, o, r = ind.res(p, "s"), ind.res(p, "o"), ind.res(p, "r")
        bouwtijd = ind.res(p, "b")
        profiel = ind.ks_jaren(p, "bouwprofiel", blad=False)
        d_rij = ind.ks_jaren(p, "disconteringsfactor", blad=False)
        nominaal = cel(rij["bouwprofiel"], KS_TOTAAL)

        _postnaam(b, rij["bouwprofiel"], pand.id, "bouwprofiel")
        b.formules(
            rij["bouwprofiel"],
            KS_JAAR0,
            [
                f"=IF(AND({t}>={s},{t}<{s}+{bouwtijd}),"
                f"INDEX({cellen.verdeling[p]},1,{t}-{s}+1),0)"
                f"*(1+index_bouwkosten)^({t}+startjaar-prijspeil)"
                for t in t_cel
            ],
            u.bouwprofiel[p].tolist(),
            "factor",
        )
        b.formule(rij["bouwprofiel"], KS_TOTAAL, f"=SUM({profiel})", u.nominaal[p], "factor")
        b.formule(
            rij["bouwprofiel"],
            KS_CONTANT,
            f"=SUMPRODUCT({profiel},{d_rij})/{nominaal}",
            u.pi[p],
            "factor",
        )
        _postnaam(b, rij["disconteringsfactor"], pand.id, "disconteringsfactor")
        b.formules(
            rij["disconteringsfactor"],
            KS_JAAR0,
            [
                f'=1/(1+{r})^({t}-IF(AND(disconteringsmoment="midden_jaar",{t}>0),0.5,0))'
                for t in t_cel
            ],
            u.disconteringsfactor[p].tolist(),
            "factor",
        )
        totalen = {
            "inbreng": f"=-{ind.res(p, 'inbreng')}",
            "verwervingskosten": f"=-{ind.res(p, 'verwervingskosten')}",
            **{
                k: f"=-{ind.res(p, k)}"
                for k in ("bouwkosten", "bijkomende_kosten", "onvoorzien", "btw")
            },
            "algemene_kosten": "=-" + ind.fun_som(p, "algemene_kosten"),
            "winst_en_risico": "=-" + ind.fun_som(p, "winst_en_risico"),
            "exploitatiewaarde": "=" + ind.fun_som(p, "exploitatiewaarde"),
        }
        profielcellen = [cel(rij["bouwprofiel"], KS_JAAR0 + k) for k in jaren]
        for post in KASSTROOMPOSTEN:
            _postnaam(b, rij[post], pand.id, post)
            totaal = cel(rij[post], KS_TOTAAL)
            b.formule(rij[post], KS_TOTAAL, totalen[post], u.kasstroom_totalen[post][p], "euro")
            if post in ("inbreng", "verwervingskosten"):
                per_jaar = [f"=IF({t}={s},{totaal},0)" for t in t_cel]
            elif post == "exploitatiewaarde":
                per_jaar = [f"=IF({t}={o},{totaal},0)" for t in t_cel]
            else:
                per_jaar = [f"={totaal}*{c}/{nominaal}" for c in profielcellen]
            b.formules(rij[post], KS_JAAR0, per_jaar, u.kasstroom[post][p].tolist(), "euro")
            b.formule(
                rij[post],
                KS_CONTANT,
                f"=SUMPRODUCT({ind.ks_jaren(p, post, blad=False)},{d_rij})",
                u.kasstroom_contant[post][p],
                "euro",
            )
        _postnaam(b, rij["kasstroom"], pand.id, "kasstroom")
        eerste_post, laatste_post = rij[KASSTROOMPOSTEN[0]], rij[KASSTROOMPOSTEN[-1]]
        b.formules(
            rij["kasstroom"],
            KS_JAAR0,
            [
                f"=SUM({bereik(eerste_post, KS_JAAR0 + k, laatste_post, KS_JAAR0 + k)})"
                for k in jaren
            ],
            u.kasstroom_totaal[p].tolist(),
            "euro",
            "totaal",
        )
        stroom = ind.ks_jaren(p, "kasstroom", blad=False)
        b.formule(
            rij["kasstroom"],
            KS_TOTAAL,
            f"=SUM({stroom})",
            u.kasstroom_totalen["kasstroom"][p],
            "euro",
            "totaal",
        )
        cf0 = cel(rij["kasstroom"], KS_JAAR0)
        rest = ind.ks_jaren(p, "kasstroom", blad=False, vanaf=1)
        b.formule(
            rij["kasstroom"],
            KS_CONTANT,
            f'={cf0}+NPV({r},{rest})*IF(disconteringsmoment="midden_jaar",(1+{r})^0.5,1)',
            u.ncw[p],
            "euro",
            "totaal",
        )
        irr = float(u.irr[p])
        if not math.isfinite(irr):
            b.tekst(rij["kasstroom"], KS_IRR, "geen IRR", "waarde")
        elif midden:  # Excel's IRR assumes end-of-year flows: write the engine's root as a value
            b.getal(rij["kasstroom"], KS_IRR, irr, "waarde", "procent")
        else:
            # The guess follows the inputs (a fixed one, the engine's root at export, sent
            # Newton past −100 % after an edit): the rate at which the costs, paid at the
            # start, grow into EW at oplevering — the root when all costs fall in year s.
            ew = cel(rij["exploitatiewaarde"], KS_TOTAAL)
            totaal = cel(rij["kasstroom"], KS_TOTAAL)
            gok = f"MAX(-0.9,({ew}/({ew}-{totaal}))^(1/MAX(1,{o}-{s}))-1)"
            b.formule(rij["kasstroom"], KS_IRR, f"=IRR({stroom},{gok})", irr, "procent", "totaal")


def _postnaam(b: Blad, rij: int, pand: str, post: str) -> None:
    """The pand and the name of the post at the start of a Kasstromen row."""
    b.tekst(rij, 0, pand, "notitie")
    b.tekst(rij, 1, KS_POSTNAMEN[post])


def schrijf_panden(
    b: Blad, res: Resultaat, cellen: Invoercellen, ind: Indeling, herkomst: str
) -> None:
    u, sc = res.uitkomst, res.scenario
    b.titel(
        "Panden — de resultaten per pand (het JSON-contract)",
        "Opbrengst, stichtingskosten en residuele grondwaarde bij oplevering nominaal; "
        f"NCW, onrendabele top en residuele grondwaarde (DCF) contant in € van {sc.startjaar}. "
        "Maximale inbrengwaarde en huurfactor zijn de gesloten oplossingen van het doelzoeken "
        "(METHODE §5), als formules.",
        herkomst,
    )
    _tabel(b, PND, len(sc.panden), "tabel_panden")
    b.ws.freeze_panes(EERSTE, 2)
    n = _NOTATIE[PANDEN]
    df = res.panden
    for p, pand in enumerate(sc.panden):
        rij = EERSTE + p

        P = partial(_cel_in_rij, rij, PND_I)
        schrijf = partial(_schrijf, b, rij, PND_I, n)

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
        for k, bron in (
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
        ):
            schrijf(k, "=" + ind.res(p, bron), df[k].iloc[p])
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
        irr = float(u.irr[p])
        if math.isfinite(irr):
            schrijf("irr", "=" + ind.ks(p, "kasstroom", KS_IRR), irr)
        else:
            b.tekst(rij, PND_I["irr"], "geen IRR", "waarde")
            b.tekst(rij, PND_I["irr_reden"], str(IRR_REDENEN[int(u.irr_reden[p])]), "waarde")
        schrijf(
            "subsidie_sluitend",
            f"=MAX({P('onrendabele_top')},0)/{ind.res(p, 'd_s')}",
            u.subsidie_sluitend[p],
        )
        _pand_doelzoeken(b, res, cellen, ind, p)


def _pand_herkomst(b: Blad, res: Resultaat, ind: Indeling, p: int) -> None:
    """Where the pand's ORT comes from (METHODE §5): the inbreng's share summed over its
    functies, the ORT without it, per woning and per m² BVO, and the break-even bouwkosten
    per m² BVO: B·(1 + NCW / K) / (Σ bouwprofiel · BVO), K = π · Σ_f bouwkosten met
    opslagen."""
    rij, df, n = EERSTE + p, res.panden, _NOTATIE[PANDEN]
    P = partial(_cel_in_rij, rij, PND_I)
    schrijf = partial(_schrijf, b, rij, PND_I, n)
    schrijf(
        "inbreng_aandeel", "=" + ind.fun_som(p, "inbreng_aandeel"), df["inbreng_aandeel"].iloc[p]
    )
    schrijf(
        "ort_zonder_inbreng",
        f"={P('onrendabele_top')}-{P('inbreng_aandeel')}",
        df["ort_zonder_inbreng"].iloc[p],
    )
    for k, deler in (("ort_per_woning", "woningen"), ("ort_per_m2_bvo", "bvo")):
        b.formule(
            rij,
            PND_I[k],
            f'=IF({P(deler)}>0,{P("onrendabele_top")}/{P(deler)},"{NVT}")',
            _doelzoek(df[k].iloc[p]),
            n[k],
        )
    k = f"({ind.ks(p, 'bouwprofiel', KS_CONTANT)}*{ind.fun_som(p, 'bouw_k')})"
    b.formule(
        rij,
        PND_I["break_even_bouwkosten_per_m2"],
        f"=IF(AND({k}>0,{P('bvo')}>0),{ind.res(p, 'bouwkosten')}*(1+{P('ncw')}/{k})"
        f'/({ind.ks(p, "bouwprofiel", KS_TOTAAL)}*{P("bvo")}),"{NVT}")',
        _doelzoek(df["break_even_bouwkosten_per_m2"].iloc[p]),
        n["break_even_bouwkosten_per_m2"],
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
        _doelzoek(u.max_inbrengwaarde[p]),
        "euro",
    )
    b.formule(
        rij,
        PND_I["huurfactor_rendementseis"],
        f'=IF({R("dncw_eis")}>0,1-{R("ncw_eis")}/{R("dncw_eis")},"{NVT}")',
        _doelzoek(u.huurfactor_rendementseis[p]),
        "factor",
    )
