"""The scenario as arrays: the one place where typed models become numbers.

Two row sets: **panden** (P rows, in file order) and **functies** (F rows, one per
programme line, grouped by pand in file order so that per-pand sums are contiguous
segments). The engine reads only this object, never the scenario models or YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..schema import Bar, Dcf, Huurwoning, Koopwoning, M2Functie, Nar, Scenario
from ..schema.panden import ProgrammaRegel
from .assen import FUNCTIE, PAND, PANDINDEX, As, assen, snijd
from .huurrecht.programma import HuurrechtRijen

Array = NDArray[np.float64]
IntArray = NDArray[np.int64]


class _Code(IntEnum):
    """An integer code stored in an int64 array of :class:`Invoer`."""

    @property
    def naam(self) -> str:
        """The code as the scenario and the outputs spell it."""
        return self.name.lower()


class Soort(_Code):
    """Soort of a functie row: the code stored in ``Invoer.soort``."""

    HUURWONING = 0
    KOOPWONING = 1
    COMMERCIEEL = 2
    MAATSCHAPPELIJK = 3


class Methode(_Code):
    """Valuation method of a functie row (METHODE §2): the code in ``Invoer.methode``."""

    BAR = 0
    NAR = 1
    DCF = 2
    KOOP = 3


class AkGrondslag(StrEnum):
    """``conventies.ak_grondslag``: what AK is a fraction of (METHODE §3)."""

    BOUW = "bouw"  # B + BK
    BOUW_EN_GROND = "bouw_en_grond"  # B + BK + grond
    OPBRENGST = "opbrengst"  # V


class WrGrondslag(StrEnum):
    """``conventies.wr_grondslag``: what W&R is a fraction of (METHODE §3)."""

    OPBRENGST = "opbrengst"  # V
    KOSTEN = "kosten"  # B + BK + onvoorzien + BTW + F + AK


class RenteModel(StrEnum):
    """``conventies.rente_model``: financieringskosten over the bouwsom (METHODE §3)."""

    GEEN = "geen"
    HALF_BOUWKOSTEN = "half_bouwkosten"
    KASSTROOM = "kasstroom"


# Compatibility aliases: the codes and names as they were before the enums (issue #17),
# still imported by resultaat/tabellen.py, engine/portefeuille.py and uitvoer/excel/functies.py.
HUURWONING = Soort.HUURWONING
KOOPWONING = Soort.KOOPWONING
COMMERCIEEL = Soort.COMMERCIEEL
MAATSCHAPPELIJK = Soort.MAATSCHAPPELIJK
BAR, NAR, DCF, KOOP = Methode.BAR, Methode.NAR, Methode.DCF, Methode.KOOP
#: Name per code (index = code), for the outputs.
SOORT_NAMEN = tuple(s.naam for s in Soort)
METHODE_NAMEN = tuple(m.naam for m in Methode)


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
    ak_grondslag: AkGrondslag
    wr_grondslag: WrGrondslag
    rente_model: RenteModel
    opbrengst_markt: bool  # V valued at markt.disconteringsvoet (else the exploitant's)
    # --- market parameters, per pand (P,): equal within one scenario, but a stacked
    # calculation (varianten, gevoeligheid, Monte Carlo) gives each replica its own
    index_bouwkosten: Array = field(metadata=PAND)  # fractions per year
    index_huur: Array = field(metadata=PAND)
    index_exploitatielasten: Array = field(metadata=PAND)
    index_verkoopprijzen: Array = field(metadata=PAND)
    index_grond: Array = field(metadata=PAND)
    btw: Array = field(metadata=PAND)  # fraction
    bouwrente: Array = field(metadata=PAND)  # fraction per year
    bijkomend: Array = field(metadata=PAND)  # fraction of B
    onvoorzien: Array = field(metadata=PAND)  # fraction of B + BK
    verwervingskosten: Array = field(metadata=PAND)  # fraction of inbreng
    markt_disconteringsvoet: Array = field(metadata=PAND)  # fraction per year
    # --- per pand (P)
    pand_ids: tuple[str, ...] = field(metadata=PAND)
    start: IntArray = field(metadata=PAND)  # s: year index of inbreng and first building year
    bouwtijd: IntArray = field(metadata=PAND)  # b ≥ 1
    verdeling: Array = field(metadata=PAND)  # (P, J) share of bouwkosten per year, rows sum to 1
    inbrengwaarde: Array = field(metadata=PAND)  # €, peildatum
    boekwaarde: Array = field(metadata=PAND)  # €
    verwerving: Array = field(metadata=PAND)  # 1.0 if the pand changes hands, else 0.0
    extra_kosten: Array = field(metadata=PAND)  # €, prijspeil (part of B)
    disconteringsvoet: Array = field(metadata=PAND)  # exploitant's rate (fraction per year)
    rendementseis: Array = field(metadata=PAND)  # exploitant's required IRR
    ak: Array = field(metadata=PAND)  # exploitant's AK fraction
    wr: Array = field(metadata=PAND)  # exploitant's W&R fraction
    # --- per functie row (F)
    pand: IntArray = field(metadata=PANDINDEX)  # index of the pand of each row
    soort: IntArray = field(metadata=FUNCTIE)  # Soort codes
    methode: IntArray = field(metadata=FUNCTIE)  # Methode codes
    bvo: Array = field(metadata=FUNCTIE)  # m² BVO
    woningen: Array = field(metadata=FUNCTIE)  # number of dwellings (0 for m² functies)
    # price units: bruto per year = prijs · eenheden (12·woningen or m² VVO; koop: woningen)
    eenheden: Array = field(metadata=FUNCTIE)
    # huur €/maand/woning, €/m² VVO/jaar, or v.o.n. € incl. BTW per woning (prijspeil)
    prijs: Array = field(metadata=FUNCTIE)
    # affordable price in the same unit (NaN if not given); for a huurwoning with WWS points
    # and no betaalbare huur of its own the upper limit of its segment (METHODE §2a)
    betaalbaar: Array = field(metadata=FUNCTIE)
    # effective yearly rent index of the row: index_huur of its pand, or for a huurwoning
    # with WWS points its segment's index capped by law (METHODE §2a)
    index_huur_functie: Array = field(metadata=FUNCTIE)
    kosten_per_m2: Array = field(metadata=FUNCTIE)  # € per m² BVO by ingreep (prijspeil)
    # 1.0 where BTW on building costs is a real cost
    btw_niet_verrekenbaar: Array = field(metadata=FUNCTIE)
    leegstand: Array = field(metadata=FUNCTIE)  # fraction of bruto huur
    # € per year at prijspeil (per woning or per m² VVO, times the count)
    lasten_vast: Array = field(metadata=FUNCTIE)
    lasten_percentage: Array = field(metadata=FUNCTIE)  # fraction of bruto huur
    rendement: Array = field(metadata=FUNCTIE)  # BAR or NAR (NaN otherwise)
    termijn: IntArray = field(metadata=FUNCTIE)  # DCF years N (0 otherwise)
    exit_yield: Array = field(metadata=FUNCTIE)  # NaN when there is no eindwaarde
    # functie's own DCF rate, NaN = the exploitant's
    waarderingsvoet: Array = field(metadata=FUNCTIE)
    kosten_koper: Array = field(metadata=FUNCTIE)  # kk of the functie's valuation (fraction)
    verkoopkosten: Array = field(metadata=FUNCTIE)  # koop: fraction of the price excl. BTW

    @property
    def oplevering(self) -> IntArray:
        """o = s + b: year index of oplevering."""
        return self.start + self.bouwtijd

    @property
    def aantal_panden(self) -> int:
        return len(self.pand_ids)

    @cached_property
    def segmenten(self) -> IntArray:
        """Index of the first functie row of each pand (for np.add.reduceat); computed once
        (every § sums per pand with it)."""
        return np.searchsorted(self.pand, np.arange(self.aantal_panden)).astype(np.int64)

    def panden(self, van: int, tot: int) -> Invoer:
        """The panden van … tot−1 with their functie rows: a calculation of its own (panden
        are independent in METHODE §1–5)."""
        r0, r1 = np.searchsorted(self.pand, [van, tot])
        return Invoer(**snijd(self, (van, tot), (int(r0), int(r1))))


#: Invoer fields with one entry per functie row (the others with an array hold one per pand).
VELDEN_PER_FUNCTIE = frozenset(k for k, a in assen(Invoer).items() if a is As.FUNCTIE)


def invoer_uit_scenario(scenario: Scenario) -> Invoer:
    """Turn an effective scenario into arrays (one pass over panden and programme lines).

    The conventions become enum members here, once, so that no formula compares strings.
    """
    markt, conv, kosten = scenario.markt, scenario.conventies, scenario.kosten
    assert scenario.prijspeil is not None and kosten.verwervingskosten is not None

    def overal(x: float) -> Array:
        return np.full(len(scenario.panden), x, dtype=np.float64)

    return Invoer(
        startjaar=scenario.startjaar,
        jaren=scenario.horizon + 1,
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
        ak_grondslag=AkGrondslag(conv.ak_grondslag),
        wr_grondslag=WrGrondslag(conv.wr_grondslag),
        rente_model=RenteModel(conv.rente_model),
        opbrengst_markt=conv.disconteringsvoet_opbrengst == "markt",
        markt_disconteringsvoet=overal(markt.disconteringsvoet),
        pand_ids=tuple(p.id for p in scenario.panden),
        **_per_pand(scenario),
        **_per_functie(scenario),
    )


def _per_pand(scenario: Scenario) -> dict[str, Any]:
    """The Invoer fields per pand (P,), and the (P, J) verdeling of the bouwkosten."""
    jaren = scenario.horizon + 1
    kolommen: dict[str, list[float]] = {
        k: []
        for k in (
            "start",
            "bouwtijd",
            "inbrengwaarde",
            "boekwaarde",
            "verwerving",
            "extra_kosten",
            "disconteringsvoet",
            "rendementseis",
            "ak",
            "wr",
        )
    }
    verdeling = np.zeros((len(scenario.panden), jaren))
    for p, pand in enumerate(scenario.panden):
        tr = pand.transformatie
        partij = scenario.partijen[tr.exploitant or pand.eigenaar]
        s = tr.start - scenario.startjaar
        assert tr.kostenverdeling is not None
        verdeling[p, s : s + tr.bouwtijd] = tr.kostenverdeling
        for naam, waarde in (
            ("start", s),
            ("bouwtijd", tr.bouwtijd),
            ("inbrengwaarde", pand.huidig.inbrengwaarde),
            ("boekwaarde", pand.huidig.boekwaarde),
            ("verwerving", 1.0 if tr.verwerving else 0.0),
            ("extra_kosten", sum(tr.extra_kosten.values())),
            ("disconteringsvoet", partij.disconteringsvoet),
            ("rendementseis", partij.rendementseis),
            ("ak", partij.ak),
            ("wr", partij.wr),
        ):
            kolommen[naam].append(waarde)  # type: ignore[arg-type]
    return {"verdeling": verdeling, **_als_arrays(kolommen, ("start", "bouwtijd"))}


#: The Invoer fields per functie row that hold integer codes or counts (the rest float64).
_GEHELE_RIJVELDEN = ("pand", "soort", "methode", "termijn")


def _per_functie(scenario: Scenario) -> dict[str, Any]:
    """The Invoer fields per functie row (F,): every programme line, by pand in file order,
    then rent law (METHODE §2a) where a functie gives WWS points."""
    kolommen: dict[str, list[float]] = {naam: [] for naam in sorted(VELDEN_PER_FUNCTIE)}
    for p, pand in enumerate(scenario.panden):
        for regel in pand.transformatie.programma:
            rij = _functierij(scenario, p, regel)
            for naam, lijst in kolommen.items():
                lijst.append(rij[naam])
    velden = _als_arrays(kolommen, _GEHELE_RIJVELDEN)
    rijen = scenario.huurrecht
    if rijen is not None:
        velden |= _huurrecht(velden, rijen, scenario.conventies.huur_boven_maximum == "aftoppen")
    return velden


def _huurrecht(velden: dict[str, Any], rijen: HuurrechtRijen, aftoppen: bool) -> dict[str, Array]:
    """The rows of huurwoningen with WWS points (METHODE §2a): the price capped at the legal
    maximum (only with huur_boven_maximum: aftoppen; otherwise validation refused it), the
    betaalbare huur defaulting to the segment's upper limit or the home's own maximum where
    lower, the rent index capped by law."""
    prijs = velden["prijs"]
    if aftoppen:
        prijs = np.where(rijen.boven_maximum, rijen.maximale_huur, prijs)
    betaalbaar = velden["betaalbaar"]
    betaalbaar = np.where(np.isnan(betaalbaar), rijen.betaalbare_huur, betaalbaar)
    return {"prijs": prijs, "betaalbaar": betaalbaar, "index_huur_functie": rijen.index_huur}


def _functierij(scenario: Scenario, p: int, regel: ProgrammaRegel) -> dict[str, float]:
    """One programme line of pand `p` as the values of its functie row."""
    f = scenario.functies[regel.functie]
    assert regel.bvo is not None and regel.ingreep is not None
    rij: dict[str, float] = {
        "pand": p,
        "index_huur_functie": scenario.markt.indexatie.huur,
        "bvo": regel.bvo,
        "kosten_per_m2": scenario.kosten.per_m2_bvo[regel.ingreep],
        "btw_niet_verrekenbaar": 0.0 if f.btw_verrekenbaar else 1.0,
        "rendement": np.nan,
        "termijn": 0,
        "exit_yield": np.nan,
        "waarderingsvoet": np.nan,
        "kosten_koper": 0.0,
        "verkoopkosten": 0.0,
    }
    if isinstance(f, Koopwoning):
        n = float(regel.woningen or 0)
        rij |= {
            "soort": Soort.KOOPWONING,
            "methode": Methode.KOOP,
            "woningen": n,
            "eenheden": n,
            "prijs": f.von_prijs_incl_btw,
            "betaalbaar": np.nan,
            "leegstand": 0.0,
            "lasten_vast": 0.0,
            "lasten_percentage": 0.0,
            "verkoopkosten": f.verkoopkosten,
        }
        return rij
    if isinstance(f, Huurwoning):
        n = float(regel.woningen or 0)
        betaalbaar = f.betaalbare_huur_per_maand
        rij |= {
            "soort": Soort.HUURWONING,
            "woningen": n,
            "eenheden": 12.0 * n,
            "prijs": f.huur_per_maand,
            "lasten_vast": f.exploitatielasten.per_woning_per_jaar * n,
        }
    else:
        assert isinstance(f, M2Functie)
        vvo = regel.bvo * f.vvo_bvo
        betaalbaar = f.betaalbare_huur_per_m2_per_jaar
        rij |= {
            "soort": Soort[f.soort.upper()],
            "woningen": 0.0,
            "eenheden": vvo,
            "prijs": f.huur_per_m2_per_jaar,
            "lasten_vast": f.exploitatielasten.per_m2_per_jaar * vvo,
        }
    rij |= {
        "betaalbaar": np.nan if betaalbaar is None else betaalbaar,
        "leegstand": f.leegstand,
        "lasten_percentage": f.exploitatielasten.percentage_huur,
    }
    return rij | _waardering(f.waardering)


def _waardering(w: Bar | Nar | Dcf) -> dict[str, float]:
    """The valuation fields of a rental functie row (METHODE §2)."""
    assert w.kosten_koper is not None
    if isinstance(w, Dcf):
        return {
            "methode": Methode.DCF,
            "termijn": w.termijn,
            "exit_yield": np.nan if w.exit_yield is None else w.exit_yield,
            "waarderingsvoet": np.nan if w.disconteringsvoet is None else w.disconteringsvoet,
            "kosten_koper": w.kosten_koper,
        }
    if isinstance(w, Nar):
        return {"methode": Methode.NAR, "rendement": w.nar, "kosten_koper": w.kosten_koper}
    return {"methode": Methode.BAR, "rendement": w.bar, "kosten_koper": w.kosten_koper}


def _als_arrays(kolommen: dict[str, list[float]], geheel: tuple[str, ...]) -> dict[str, Any]:
    """Each column as an array: int64 for the names in `geheel`, float64 for the others."""
    return {
        naam: np.asarray(x, dtype=np.int64 if naam in geheel else np.float64)
        for naam, x in kolommen.items()
    }
