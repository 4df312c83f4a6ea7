"""The scenario as arrays: the one place where typed models become numbers.

Two row sets: **panden** (P rows, in file order) and **functies** (F rows, one per
programme line, grouped by pand in file order so that per-pand sums are contiguous
segments). The engine reads only this object, never the scenario models or YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import NDArray

from ..schema import Dcf, Huurwoning, Koopwoning, M2Functie, Nar, Scenario

Array = NDArray[np.float64]
IntArray = NDArray[np.int64]

# functie soort codes
HUURWONING, KOOPWONING, COMMERCIEEL, MAATSCHAPPELIJK = 0, 1, 2, 3
SOORT_NAMEN = ("huurwoning", "koopwoning", "commercieel", "maatschappelijk")
# waardering codes
BAR, NAR, DCF, KOOP = 0, 1, 2, 3
METHODE_NAMEN = ("bar", "nar", "dcf", "koop")


@dataclass(frozen=True)
class Invoer:
    """All inputs of one scenario as numpy arrays (units in the field comments)."""

    # --- time
    startjaar: int
    jaren: int  # J = horizon + 1 (years t = 0 … horizon)
    verschuiving: int  # startjaar − prijspeil (years)
    # --- conventions (scalars: one value for every pand of a calculation)
    kk_delen: bool  # kosten koper: divide (True) or multiply (False)
    midden_jaar: bool
    ak_grondslag: str
    wr_grondslag: str
    rente_model: str
    opbrengst_markt: bool  # V valued at markt.disconteringsvoet (else the exploitant's)
    # --- market parameters, per pand (P,): equal within one scenario, but a stacked
    # calculation (varianten, gevoeligheid, Monte Carlo) gives each replica its own
    index_bouwkosten: Array  # fractions per year
    index_huur: Array
    index_exploitatielasten: Array
    index_verkoopprijzen: Array
    index_grond: Array
    btw: Array  # fraction
    bouwrente: Array  # fraction per year
    bijkomend: Array  # fraction of B
    onvoorzien: Array  # fraction of B + BK
    verwervingskosten: Array  # fraction of inbreng
    markt_disconteringsvoet: Array  # fraction per year
    # --- per pand (P)
    pand_ids: tuple[str, ...]
    start: IntArray  # s: year index of inbreng and first building year
    bouwtijd: IntArray  # b ≥ 1
    verdeling: Array  # (P, J) share of bouwkosten per year, rows sum to 1
    inbrengwaarde: Array  # €, peildatum
    boekwaarde: Array  # €
    verwerving: Array  # 1.0 if the pand changes hands, else 0.0
    extra_kosten: Array  # €, prijspeil (part of B)
    disconteringsvoet: Array  # exploitant's rate (fraction per year)
    rendementseis: Array  # exploitant's required IRR
    ak: Array  # exploitant's AK fraction
    wr: Array  # exploitant's W&R fraction
    # --- per functie row (F)
    pand: IntArray  # index of the pand of each row
    soort: IntArray  # HUURWONING … MAATSCHAPPELIJK
    methode: IntArray  # BAR, NAR, DCF, KOOP
    bvo: Array  # m² BVO
    woningen: Array  # number of dwellings (0 for m² functies)
    eenheden: Array  # price units: bruto per year = prijs · eenheden (12·woningen or m² VVO; koop: woningen)
    prijs: Array  # huur €/maand/woning, €/m² VVO/jaar, or v.o.n. € incl. BTW per woning (prijspeil)
    betaalbaar: Array  # affordable price in the same unit (NaN if not given)
    kosten_per_m2: Array  # € per m² BVO by ingreep (prijspeil)
    btw_niet_verrekenbaar: Array  # 1.0 where BTW on building costs is a real cost
    leegstand: Array  # fraction of bruto huur
    lasten_vast: Array  # € per year at prijspeil (per woning or per m² VVO, times the count)
    lasten_percentage: Array  # fraction of bruto huur
    rendement: Array  # BAR or NAR (NaN otherwise)
    termijn: IntArray  # DCF years N (0 otherwise)
    exit_yield: Array  # NaN when there is no eindwaarde
    waarderingsvoet: Array  # functie's own DCF rate, NaN = the exploitant's
    kosten_koper: Array  # kk of the functie's valuation (fraction)
    verkoopkosten: Array  # koop: fraction of the price excl. BTW

    @property
    def oplevering(self) -> IntArray:
        """o = s + b: year index of oplevering."""
        return self.start + self.bouwtijd

    @property
    def aantal_panden(self) -> int:
        return len(self.pand_ids)

    @property
    def segmenten(self) -> IntArray:
        """Index of the first functie row of each pand (for np.add.reduceat)."""
        return np.searchsorted(self.pand, np.arange(self.aantal_panden)).astype(np.int64)

    def panden(self, van: int, tot: int) -> Invoer:
        """The panden van … tot−1 with their functie rows: a calculation of its own (panden
        are independent in METHODE §1–5)."""
        r0, r1 = np.searchsorted(self.pand, [van, tot])
        waarden: dict[str, object] = {}
        for veld in fields(self):
            x = getattr(self, veld.name)
            if veld.name in FUNCTIEVELDEN:
                x = x[r0:r1] - van if veld.name == "pand" else x[r0:r1]
            elif isinstance(x, np.ndarray | tuple):
                x = x[van:tot]
            waarden[veld.name] = x
        return Invoer(**waarden)  # type: ignore[arg-type]


#: Fields with one entry per functie row (the others with an array hold one per pand).
FUNCTIEVELDEN = frozenset(
    v.name for v in fields(Invoer)[[v.name for v in fields(Invoer)].index("pand") :]
)


def invoer_uit_scenario(scenario: Scenario) -> Invoer:
    """Turn an effective scenario into arrays (one pass over panden and programme lines)."""
    markt, conv, kosten = scenario.markt, scenario.conventies, scenario.kosten
    assert scenario.prijspeil is not None and kosten.verwervingskosten is not None
    jaren = scenario.horizon + 1

    p_start, p_bouwtijd, p_inbreng, p_boek, p_verw, p_extra = [], [], [], [], [], []
    p_r, p_eis, p_ak, p_wr = [], [], [], []
    verdeling = np.zeros((len(scenario.panden), jaren))
    rijen: dict[str, list[float]] = {
        k: []
        for k in (
            "pand",
            "soort",
            "methode",
            "bvo",
            "woningen",
            "eenheden",
            "prijs",
            "betaalbaar",
            "kosten_per_m2",
            "btw_nr",
            "leegstand",
            "lasten_vast",
            "lasten_pct",
            "rendement",
            "termijn",
            "exit_yield",
            "waarderingsvoet",
            "kosten_koper",
            "verkoopkosten",
        )
    }
    for p, pand in enumerate(scenario.panden):
        tr = pand.transformatie
        partij = scenario.partijen[tr.exploitant or pand.eigenaar]
        s = tr.start - scenario.startjaar
        assert tr.kostenverdeling is not None
        verdeling[p, s : s + tr.bouwtijd] = tr.kostenverdeling
        p_start.append(s)
        p_bouwtijd.append(tr.bouwtijd)
        p_inbreng.append(pand.huidig.inbrengwaarde)
        p_boek.append(pand.huidig.boekwaarde)
        p_verw.append(1.0 if tr.verwerving else 0.0)
        p_extra.append(sum(tr.extra_kosten.values()))
        p_r.append(partij.disconteringsvoet)
        p_eis.append(partij.rendementseis)
        p_ak.append(partij.ak)
        p_wr.append(partij.wr)
        for regel in tr.programma:
            f = scenario.functies[regel.functie]
            assert regel.bvo is not None and regel.ingreep is not None
            rijen["pand"].append(p)
            rijen["bvo"].append(regel.bvo)
            rijen["kosten_per_m2"].append(kosten.per_m2_bvo[regel.ingreep])
            rijen["btw_nr"].append(0.0 if f.btw_verrekenbaar else 1.0)
            rendement, termijn, exit_yield, voet, kk = np.nan, 0, np.nan, np.nan, 0.0
            if isinstance(f, Koopwoning):
                n = float(regel.woningen or 0)
                rijen["soort"].append(KOOPWONING)
                rijen["methode"].append(KOOP)
                rijen["woningen"].append(n)
                rijen["eenheden"].append(n)
                rijen["prijs"].append(f.von_prijs_incl_btw)
                rijen["betaalbaar"].append(np.nan)
                rijen["leegstand"].append(0.0)
                rijen["lasten_vast"].append(0.0)
                rijen["lasten_pct"].append(0.0)
                rijen["verkoopkosten"].append(f.verkoopkosten)
            else:
                if isinstance(f, Huurwoning):
                    n = float(regel.woningen or 0)
                    rijen["soort"].append(HUURWONING)
                    rijen["woningen"].append(n)
                    rijen["eenheden"].append(12.0 * n)
                    rijen["prijs"].append(f.huur_per_maand)
                    rijen["betaalbaar"].append(
                        np.nan
                        if f.betaalbare_huur_per_maand is None
                        else f.betaalbare_huur_per_maand
                    )
                    rijen["lasten_vast"].append(f.exploitatielasten.per_woning_per_jaar * n)
                else:
                    assert isinstance(f, M2Functie)
                    vvo = regel.bvo * f.vvo_bvo
                    rijen["soort"].append(
                        COMMERCIEEL if f.soort == "commercieel" else MAATSCHAPPELIJK
                    )
                    rijen["woningen"].append(0.0)
                    rijen["eenheden"].append(vvo)
                    rijen["prijs"].append(f.huur_per_m2_per_jaar)
                    rijen["betaalbaar"].append(
                        np.nan
                        if f.betaalbare_huur_per_m2_per_jaar is None
                        else f.betaalbare_huur_per_m2_per_jaar
                    )
                    rijen["lasten_vast"].append(f.exploitatielasten.per_m2_per_jaar * vvo)
                rijen["leegstand"].append(f.leegstand)
                rijen["lasten_pct"].append(f.exploitatielasten.percentage_huur)
                rijen["verkoopkosten"].append(0.0)
                w = f.waardering
                assert w.kosten_koper is not None
                kk = w.kosten_koper
                if isinstance(w, Dcf):
                    rijen["methode"].append(DCF)
                    termijn = w.termijn
                    exit_yield = np.nan if w.exit_yield is None else w.exit_yield
                    voet = np.nan if w.disconteringsvoet is None else w.disconteringsvoet
                else:
                    rijen["methode"].append(NAR if isinstance(w, Nar) else BAR)
                    rendement = w.nar if isinstance(w, Nar) else w.bar
            rijen["rendement"].append(rendement)
            rijen["termijn"].append(termijn)
            rijen["exit_yield"].append(exit_yield)
            rijen["waarderingsvoet"].append(voet)
            rijen["kosten_koper"].append(kk)

    def f64(x: list[float]) -> Array:
        return np.asarray(x, dtype=np.float64)

    def i64(x: list[float] | list[int]) -> IntArray:
        return np.asarray(x, dtype=np.int64)

    def overal(x: float) -> Array:
        return np.full(len(scenario.panden), x, dtype=np.float64)

    return Invoer(
        startjaar=scenario.startjaar,
        jaren=jaren,
        verschuiving=scenario.startjaar - scenario.prijspeil,
        index_bouwkosten=overal(markt.indexatie.bouwkosten),
        index_huur=overal(markt.indexatie.huur),
        index_exploitatielasten=overal(markt.indexatie.exploitatielasten),
        index_verkoopprijzen=overal(markt.indexatie.verkoopprijzen),
        index_grond=overal(markt.indexatie.grond),
        btw=overal(markt.btw),
        bouwrente=overal(markt.bouwrente),
        bijkomend=overal(kosten.bijkomend),
        onvoorzien=overal(kosten.onvoorzien),
        verwervingskosten=overal(kosten.verwervingskosten),
        kk_delen=markt.kosten_koper.methode == "delen",
        midden_jaar=conv.disconteringsmoment == "midden_jaar",
        ak_grondslag=conv.ak_grondslag,
        wr_grondslag=conv.wr_grondslag,
        rente_model=conv.rente_model,
        opbrengst_markt=conv.disconteringsvoet_opbrengst == "markt",
        markt_disconteringsvoet=overal(markt.disconteringsvoet),
        pand_ids=tuple(p.id for p in scenario.panden),
        start=i64(p_start),
        bouwtijd=i64(p_bouwtijd),
        verdeling=verdeling,
        inbrengwaarde=f64(p_inbreng),  # type: ignore[arg-type]
        boekwaarde=f64(p_boek),  # type: ignore[arg-type]
        verwerving=f64(p_verw),
        extra_kosten=f64(p_extra),
        disconteringsvoet=f64(p_r),  # type: ignore[arg-type]
        rendementseis=f64(p_eis),  # type: ignore[arg-type]
        ak=f64(p_ak),  # type: ignore[arg-type]
        wr=f64(p_wr),  # type: ignore[arg-type]
        pand=i64(rijen["pand"]),
        soort=i64(rijen["soort"]),
        methode=i64(rijen["methode"]),
        bvo=f64(rijen["bvo"]),
        woningen=f64(rijen["woningen"]),
        eenheden=f64(rijen["eenheden"]),
        prijs=f64(rijen["prijs"]),
        betaalbaar=f64(rijen["betaalbaar"]),
        kosten_per_m2=f64(rijen["kosten_per_m2"]),
        btw_niet_verrekenbaar=f64(rijen["btw_nr"]),
        leegstand=f64(rijen["leegstand"]),
        lasten_vast=f64(rijen["lasten_vast"]),
        lasten_percentage=f64(rijen["lasten_pct"]),
        rendement=f64(rijen["rendement"]),
        termijn=i64(rijen["termijn"]),
        exit_yield=f64(rijen["exit_yield"]),
        waarderingsvoet=f64(rijen["waarderingsvoet"]),
        kosten_koper=f64(rijen["kosten_koper"]),
        verkoopkosten=f64(rijen["verkoopkosten"]),
    )
