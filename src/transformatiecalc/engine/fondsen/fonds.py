"""One fund over the horizon (METHODE §7): its terms, its result, and the driver that runs
the steps in methode order.

:func:`bereken_fonds` books the tranches (and the verevening pot it carries) in a
:class:`.kasboek.Kasboek`, runs the year loop of :mod:`.toewijzing` (requests, waiting
list, commitments), settles with the tranches at the horizon (:mod:`.afrekening`) and
computes the KPIs (:mod:`.kengetallen`). :func:`bereken_replicas` does the same for R
replicas of the fund at once (the rows of :class:`.panden.FondsPanden`); each replica's
result equals its own run bit for bit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..kasstroom import Irr
from ..verevening import Pot
from .afrekening import Afrekening, afrekenen, rendementen, trancheoverzicht
from .conventies import Geldgebrek, Pandvolgorde
from .instrumenten import Instrument
from .kasboek import Kasboek, Tranche
from .kengetallen import kengetallen
from .panden import Array, BoolArray, FondsPanden, IntArray
from .posten import CENT, Post
from .toewijzing import Jaarverloop, Toewijzing


@dataclass(frozen=True)
class FondsInvoer:
    """A fund's terms as the engine reads them (built once from the scenario)."""

    naam: str
    tranches: tuple[Tranche, ...]  # in order of rang (stable within a rang)
    instrumenten: tuple[Instrument, ...]
    volgorde: tuple[int, ...]  # instrument indices, in the order they are tried per pand
    volgorde_panden: Pandvolgorde = Pandvolgorde.STARTJAAR
    prioriteit: tuple[str, ...] = ()  # pand ids served first within their year
    bij_geldgebrek: Geldgebrek = Geldgebrek.WACHTEN
    max_wachttijd: int | None = None
    alleen_sluitend: bool = False
    beheerkosten: float = 0.0  # per year, fraction of the loans outstanding
    disconteringsvoet: float = 0.0  # for the net public money of this fund
    kredietlimiet: float = 0.0
    draagt_verevening: bool = False


@dataclass
class FondsUitkomst:
    """The fund's ledger, what it did per pand, its tranches and KPIs.

    Per pand (P,) and per instrument (P, K): amounts nominal, effects € peildatum, years
    as indices from the startjaar (−1 = none).
    """

    naam: str
    grootboek: dict[str, Array]  # begin, each Post by its naam, eind — (J,)
    instrumenten: list[str]  # (K,) the instruments' names (FondsInvoer has their terms)
    toegekend: Array  # (P, K) nominal amount committed per instrument
    effect: Array  # (P, K) reduction of the pand's ORT (€ peildatum)
    jaar: IntArray  # (P, K) year index of the commitment
    ort_voor: Array  # (P,) gap before this fund, € peildatum (+ = gap)
    ort_na: Array  # (P,) gap after it
    reden: IntArray  # Reden code per pand (Reden.GEEN when no gap remains)
    naar_pand: Array  # (P,) Σ over the horizon of money from the fund to/for the pand
    van_pand: Array  # (P,) Σ over the horizon of money from the pand to the fund
    aanvraagjaar: IntArray  # (P,) first year the pand asked (−1: never)
    toezegjaar: IntArray  # (P,) year its package was committed (−1: never)
    gevraagd: Array  # (P,) nominal amount of the package it asked for the first time
    gehonoreerd: Array  # (P,) fraction of that package committed (0 … 1)
    gewacht: BoolArray  # (P,) was put on the waiting list (served later, still waiting or dropped)
    vrije_kas: Array  # (J,) cash the fund could still commit at each year's end
    publiek_ingelegd: Array  # (J,) public tranches' deposits minus what they got back
    kastekort_jaren: list[int] = field(default_factory=list)  # year indices with cash < 0
    #: How far the prognose falls below its floor before any commitment (a design that
    #: cannot serve its tranches or carry its pot on its own), and in which year (index).
    tekort_opzet: float = 0.0
    jaar_tekort_opzet: int | None = None
    tranches: dict[str, list[Any]] = field(default_factory=dict)
    kpi: dict[str, Any] = field(default_factory=dict)
    grootste_garantie_pand: str = ""  # the pand of the KPI grootste_garantie ("" without)
    jaar_laagste_garantiedekking: int | None = None  # the year of the KPI garantiedekking


def bereken_fonds(
    fonds: FondsInvoer, fp: FondsPanden, ort: Array, pot: Pot | None = None
) -> FondsUitkomst:
    """Simulate one fund over the horizon (METHODE §7).

    `ort` is each pand's gap before this fund (€ peildatum, + = gap); `pot` the verevening
    pool when this fund carries it: the pool's beginsaldo is then the fund's opening cash
    and its nominal flows run through the cash book.
    """
    return bereken_replicas(fonds, fp, ort, None if pot is None else [pot])[0]


def bereken_replicas(
    fonds: FondsInvoer, fp: FondsPanden, ort: Array, potten: Sequence[Pot] | None = None
) -> list[FondsUitkomst]:
    """:func:`bereken_fonds` for the R replicas in `fp` (and `ort`, R·P), with replica r's
    pot `potten[r]`: one year loop over all of them, then per replica the settlement and
    the KPIs."""
    kas = Kasboek(fp.jaren, fonds.tranches, fonds.kredietlimiet, fp.replicas)
    if potten is not None:
        kas.draag_pot(potten)
    tw = Toewijzing(fonds, fp, ort, kas)
    verloop = tw.over_de_horizon()
    boeken = [kas.replica(r) for r in range(fp.replicas)]
    vermogens = [
        float(verloop.eind[r, -1]) + float(tw.vorderingen[r]) - float(tw.verplichtingen[r])
        for r in range(fp.replicas)
    ]
    afrekeningen = [afrekenen(fonds, k, v) for k, v in zip(boeken, vermogens, strict=True)]
    return [
        _afgerekend(fonds, fp, tw, verloop, r, boeken[r], vermogens[r], afrekeningen[r], rend)
        for r, rend in enumerate(rendementen(afrekeningen))
    ]


def _afgerekend(
    fonds: FondsInvoer,
    fp: FondsPanden,
    tw: Toewijzing,
    verloop: Jaarverloop,
    r: int,
    kas: Kasboek,
    vermogen: float,
    afrekening: Afrekening,
    rendement: Irr,
) -> FondsUitkomst:
    """Replica r's result (`kas` its books): its ledger and decisions, the settlement with
    the tranches (`afrekening`, their IRRs `rendement`) and the KPIs."""
    uitkomst = _uitkomst(fonds, tw, kas, verloop, r, fp.per_replica)
    uitkomst.tranches = trancheoverzicht(fonds.tranches, kas, afrekening, rendement, fp.startjaar)
    publiek = np.array([tr.publiek for tr in fonds.tranches], dtype=bool)
    if publiek.any():
        uitkomst.publiek_ingelegd = -afrekening.stromen[publiek].sum(axis=0)
    uitputting = int(tw.uitputtingsjaar[r])
    uitkomst.kpi = kengetallen(
        uitkomst,
        fonds,
        fp.replica(r),
        vermogen,
        float(tw.vorderingen[r]),
        afrekening.rest,
        None if uitputting < 0 else uitputting,
    )
    return uitkomst


def _uitkomst(
    fonds: FondsInvoer, tw: Toewijzing, kas: Kasboek, verloop: Jaarverloop, r: int, p: int
) -> FondsUitkomst:
    """Replica r's ledger (`kas` is its own) and decisions per pand, before the settlement
    and the KPIs."""
    rijen = slice(r * p, (r + 1) * p)
    grootboek = {
        "begin": verloop.begin[r],
        **{post.naam: kas.rijen[post].copy() for post in Post},
        "eind": verloop.eind[r],
    }
    jaar_opzet = int(verloop.jaar_tekort_opzet[r])
    return FondsUitkomst(
        naam=fonds.naam,
        grootboek=grootboek,
        instrumenten=[ins.naam for ins in fonds.instrumenten],
        toegekend=tw.toegekend[rijen],
        effect=tw.effect[rijen],
        jaar=tw.jaar[rijen],
        ort_voor=tw.ort_voor[rijen],
        ort_na=tw.ort[rijen],
        reden=tw.reden[rijen],
        naar_pand=tw.naar_pand[rijen],
        van_pand=tw.van_pand[rijen],
        aanvraagjaar=tw.aanvraagjaar[rijen],
        toezegjaar=tw.toezegjaar[rijen],
        gevraagd=tw.gevraagd[rijen],
        gehonoreerd=tw.gehonoreerd[rijen],
        gewacht=tw.gewacht[rijen],
        vrije_kas=verloop.vrij[r],
        publiek_ingelegd=np.zeros(kas.jaren),
        kastekort_jaren=[int(j) for j in np.flatnonzero(verloop.eind[r] < -CENT)],
        tekort_opzet=float(verloop.tekort_opzet[r]),
        jaar_tekort_opzet=None if jaar_opzet < 0 else jaar_opzet,
    )
