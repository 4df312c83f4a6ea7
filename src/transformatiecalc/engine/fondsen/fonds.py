"""One fund over the horizon (METHODE §7): requests, commitments, the waiting list and the
settlement with the tranches.

The allocation is sequential by nature — a commitment is only made when the fund can
carry it, so each decision depends on all earlier ones — and is the one place where the
engine loops: over years, and within a year over the panden that ask for money that year
(or wait for it). What an instrument offers a pand is computed for that pand alone
(:mod:`.instrumenten`); whether the fund can carry it is one comparison of two vectors
over the remaining years (:mod:`.kasboek`).

Per year t:

1. receive and pay what was booked for year t; serve the tranches in order of rang;
2. the waiting list, in order: each pand gets its whole package if it now fits
   (``bij_geldgebrek: wachten``), or drops out after ``max_wachttijd`` years;
3. the panden whose first outlay falls in year t, in the order of ``volgorde_panden``:
   per pand the instruments of ``volgorde_instrumenten`` are sized one after another on
   the remaining gap; the package is committed if it fits, else the pand waits (or, with
   ``bij_geldgebrek: deels``, takes what fits now and does not wait).

At the horizon the fund is settled on paper: eindvermogen (cash + expected claims on
panden + grond in erfpacht + unsold deelnemingen − expected guarantee losses still to
come) goes to the tranches in order of rang; the most junior tranche bears a shortfall
first. This settlement is what tranche IRRs and the net public money count as coming back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..kasstroom import IRR_REDENEN, irr
from ..verevening import aandelen_naar_rato
from .instrumenten import Deelneming, Instrument, Toezegging
from .kasboek import Kasboek, Tranche
from .panden import Array, BoolArray, FondsPanden, IntArray
from .posten import CENT, ONTVANGSTEN, RIJ, UITGAVEN, Reden


@dataclass(frozen=True)
class FondsInvoer:
    """A fund's terms as the engine reads them (built once from the scenario)."""

    naam: str
    tranches: tuple[Tranche, ...]  # in order of rang (stable within a rang)
    instrumenten: tuple[Instrument, ...]
    volgorde: tuple[int, ...]  # instrument indices, in the order they are tried per pand
    volgorde_panden: str = "startjaar"  # startjaar | ort_per_woning | invoer
    prioriteit: tuple[str, ...] = ()  # pand ids served first within their year
    bij_geldgebrek: str = "wachten"  # wachten | deels
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
    grootboek: dict[str, Array]  # begin, each ONTVANGSTEN/UITGAVEN row, eind — (J,)
    instrumenten: list[str]
    toegekend: Array  # (P, K) nominal amount committed per instrument
    effect: Array  # (P, K) reduction of the pand's ORT (€ peildatum)
    jaar: IntArray  # (P, K) year index of the commitment
    ort_voor: Array
    ort_na: Array
    reden: IntArray  # Reden per pand (0 when no gap remains)
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


class _Toewijzing:
    """The decisions of one fund: which pand gets what, when (state of the year loop)."""

    def __init__(self, fonds: FondsInvoer, fp: FondsPanden, ort: Array, kas: Kasboek) -> None:
        p, k = fp.aantal, len(fonds.instrumenten)
        self.fonds, self.fp, self.kas = fonds, fp, kas
        self.ort = np.asarray(ort, dtype=np.float64).copy()
        self.geschikt = [ins.geschikt(fp) for ins in fonds.instrumenten]
        self.toegekend = np.zeros((p, k))
        self.effect = np.zeros((p, k))
        self.jaar = np.full((p, k), -1, dtype=np.int64)
        self.naar_pand, self.van_pand = np.zeros(p), np.zeros(p)
        self.aanvraagjaar = np.full(p, -1, dtype=np.int64)
        self.toezegjaar = np.full(p, -1, dtype=np.int64)
        self.gevraagd, self.gehonoreerd = np.zeros(p), np.zeros(p)
        self.reden = np.zeros(p, dtype=np.int64)
        self.nodig_nu = np.zeros(p)  # this year's outlay of a waiting pand's last package
        self.gewacht = np.zeros(p, dtype=bool)  # was put on the waiting list
        self.vorderingen = 0.0
        self.verplichtingen = 0.0
        self.uitputtingsjaar: int | None = None

    # ------------------------------------------------------------ packages
    def aanbiedingen(self, p: int, t: int, neem: Callable[[int, Toezegging], float]) -> None:
        """Offer the instruments in order, each sized on the gap left by what `neem` took
        of the earlier ones (`neem` returns the ORT effect it took)."""
        rest = float(self.ort[p])
        for k in self.fonds.volgorde:
            if rest <= CENT:
                break
            if not self.geschikt[k][p]:
                continue
            tz = self.fonds.instrumenten[k].aanbod(self.fp, p, rest, t)
            if tz is None:
                continue
            if tz.uitstaand is not None and self.fonds.beheerkosten:
                # beheerkosten in year u: fee × the loan outstanding at the start of u
                tz.stromen[RIJ["beheerkosten"], 1:] += self.fonds.beheerkosten * tz.uitstaand[:-1]
            rest -= neem(k, tz)

    def pakket(self, p: int, t: int) -> list[tuple[int, Toezegging]]:
        """The instruments in order, each sized on the gap the earlier ones leave."""
        uit: list[tuple[int, Toezegging]] = []

        def neem(k: int, tz: Toezegging) -> float:
            uit.append((k, tz))
            return tz.effect

        self.aanbiedingen(p, t, neem)
        return uit

    def vastleggen(self, p: int, k: int, tz: Toezegging, t: int) -> None:
        self.toegekend[p, k] += tz.bedrag
        self.effect[p, k] += tz.effect
        if self.jaar[p, k] < 0:
            self.jaar[p, k] = t
        self.naar_pand[p] += tz.naar_pand
        self.van_pand[p] += tz.van_pand
        self.vorderingen += tz.vordering
        self.verplichtingen += tz.verplichting
        self.ort[p] -= tz.effect

    def probeer(self, p: int, t: int) -> bool:
        """Serve pand `p` in year `t` if the fund can; False when it must wait."""
        eerste = self.aanvraagjaar[p] < 0
        if eerste:
            self.aanvraagjaar[p] = t
        pakket = self.pakket(p, t)
        if eerste:
            self.gevraagd[p] = sum(tz.bedrag for _, tz in pakket)
        rest = float(self.ort[p]) - sum(tz.effect for _, tz in pakket)
        if not pakket:
            self.reden[p] = Reden.DEKT_NIET
            return True
        if self.fonds.alleen_sluitend and rest > CENT:
            self.reden[p] = Reden.NIET_SLUITEND
            return True
        if self.fonds.bij_geldgebrek == "deels":
            self.deels(p, t)
            return True
        totaal = _som(pakket)
        verloop = self.kas.verloop(totaal)
        if self.kas.past(verloop):
            self.kas.boek(totaal, verloop)
            for k, tz in pakket:
                self.vastleggen(p, k, tz, t)
            self.gehonoreerd[p] = 1.0
            self.toezegjaar[p] = t
            return True
        self._kort(t)
        deelneming = any(isinstance(self.fonds.instrumenten[k], Deelneming) for k, _ in pakket)
        self.nodig_nu[p] = 0.0 if deelneming else max(-float(totaal.netto[t]), 0.0)
        self.gewacht[p] = True
        return False

    def deels(self, p: int, t: int) -> None:
        """bij_geldgebrek: deels — each instrument in turn gets what the cash allows now
        (subsidie and lening in part, the others whole or not)."""
        toegezegd, kort = 0.0, False

        def neem(k: int, tz: Toezegging) -> float:
            nonlocal toegezegd, kort
            verloop = self.kas.verloop(tz)
            if not self.kas.past(verloop):
                kort = True
                s = min(self.kas.ruimte(verloop), 1.0)
                if not tz.deelbaar or s * tz.bedrag <= CENT:
                    return 0.0
                tz, verloop = tz.maal(s), verloop * s
            self.kas.boek(tz, verloop)
            self.vastleggen(p, k, tz, t)
            toegezegd += tz.bedrag
            return tz.effect

        self.aanbiedingen(p, t, neem)
        if kort:
            self.reden[p] = Reden.GEEN_GELD
            self._kort(t)
        if toegezegd > 0:
            self.toezegjaar[p] = t
        if self.gevraagd[p] > 0:
            self.gehonoreerd[p] = min(toegezegd / self.gevraagd[p], 1.0)

    def _kort(self, t: int) -> None:
        if self.uitputtingsjaar is None:
            self.uitputtingsjaar = t


def _som(pakket: list[tuple[int, Toezegging]]) -> Toezegging:
    """The package as one commitment (its flows and claims added up)."""
    if len(pakket) == 1:
        return pakket[0][1]
    stromen = np.zeros_like(pakket[0][1].stromen)
    vordering = verplichting = bedrag = effect = 0.0
    for _, tz in pakket:
        stromen += tz.stromen
        vordering += tz.vordering
        verplichting += tz.verplichting
        bedrag += tz.bedrag
        effect += tz.effect
    return Toezegging(bedrag, effect, pakket[0][1].jaar, stromen, vordering, verplichting)


def _beslisjaar(fonds: FondsInvoer, fp: FondsPanden) -> tuple[IntArray, BoolArray]:
    """Per pand the year of its first outlay (its turn) and whether any instrument fits."""
    ooit = np.zeros(fp.aantal, dtype=bool)
    jaar = fp.start.copy()
    for ins in fonds.instrumenten:
        ok = ins.geschikt(fp)
        ooit |= ok
        jaar = np.where(ok, np.minimum(jaar, ins.betaaljaar(fp)), jaar)
    return np.asarray(jaar, dtype=np.int64), ooit


def _rangorde(fonds: FondsInvoer, fp: FondsPanden, ort: Array, beslisjaar: IntArray) -> IntArray:
    """Order of service: by year of the first outlay, then prioriteit, then volgorde_panden."""
    prio = {pid: k for k, pid in enumerate(fonds.prioriteit)}
    prio_sleutel = np.array([prio.get(p, len(prio)) for p in fp.pand_ids])
    if fonds.volgorde_panden == "startjaar":
        tweede = fp.start.astype(np.float64)
    elif fonds.volgorde_panden == "ort_per_woning":
        tweede = np.where(fp.woningen > 0, ort / np.maximum(fp.woningen, 1.0), np.inf)
    else:
        tweede = np.zeros(fp.aantal)
    return np.lexsort((np.arange(fp.aantal), tweede, prio_sleutel, beslisjaar))


def bereken_fonds(
    fonds: FondsInvoer,
    fp: FondsPanden,
    ort: Array,
    pot: tuple[float, Array, Array] | None = None,
) -> FondsUitkomst:
    """Simulate one fund over the horizon.

    `ort` is each pand's gap before this fund (€ peildatum); `pot` the verevening pool's
    (beginsaldo, nominal bijdragen per year, nominal toewijzingen per year) when this fund
    carries the pool: the pool's beginsaldo is then the fund's opening cash.
    """
    from .kengetallen import kengetallen

    jaren = fp.jaren
    kas = Kasboek(jaren, fonds.tranches, fonds.kredietlimiet)
    if pot is not None:
        kas.draag_pot(*pot)
    tw = _Toewijzing(fonds, fp, ort, kas)
    ort_voor = tw.ort.copy()
    beslisjaar, ooit = _beslisjaar(fonds, fp)
    rangorde = _rangorde(fonds, fp, ort_voor, beslisjaar)
    beslissingen: list[int] = rangorde[((ort_voor > CENT) & ooit)[rangorde]].tolist()
    tw.reden[(ort_voor > CENT) & ~ooit] = Reden.NIET_GESCHIKT

    begin, eind, vrij = np.zeros(jaren), np.zeros(jaren), np.zeros(jaren)
    wachtrij: list[int] = []
    b = 0
    tekort_opzet, jaar_opzet = 0.0, None
    for t in range(jaren):
        begin[t] = kas.saldo
        kas.jaar_begin(t)
        if t == 0:
            marge = kas.prognose - kas.ondergrens
            if marge.min() < -CENT:
                tekort_opzet = float(-marge.min())
                jaar_opzet = min(int(np.argmin(marge)), jaren - 1)
        blijft: list[int] = []
        for p in wachtrij:
            if fonds.max_wachttijd is not None and t - tw.aanvraagjaar[p] > fonds.max_wachttijd:
                tw.reden[p] = Reden.WACHTTIJD
            elif tw.nodig_nu[p] > kas.saldo - kas.vloer + CENT or not tw.probeer(p, t):
                blijft.append(p)  # cannot even pay this year's part: no need to size again
        wachtrij = blijft
        while b < len(beslissingen) and beslisjaar[beslissingen[b]] == t:
            p = beslissingen[b]
            b += 1
            if not tw.probeer(p, t):
                wachtrij.append(p)
        eind[t] = kas.saldo
        vrij[t] = kas.vrij()
    for p in wachtrij:
        tw.reden[p] = Reden.WACHT
    open_ = (ort_voor > CENT) & (tw.ort > CENT)
    tw.reden[open_ & (tw.reden == Reden.GEEN)] = Reden.DEKT_NIET  # helped, but not enough
    tw.reden[~open_] = Reden.GEEN

    grootboek = {
        "begin": begin,
        **{post: kas.rij[RIJ[post]].copy() for post in (*ONTVANGSTEN, *UITGAVEN)},
        "eind": eind,
    }
    uitkomst = FondsUitkomst(
        naam=fonds.naam,
        grootboek=grootboek,
        instrumenten=[ins.naam for ins in fonds.instrumenten],
        toegekend=tw.toegekend,
        effect=tw.effect,
        jaar=tw.jaar,
        ort_voor=ort_voor,
        ort_na=tw.ort,
        reden=tw.reden,
        naar_pand=tw.naar_pand,
        van_pand=tw.van_pand,
        aanvraagjaar=tw.aanvraagjaar,
        toezegjaar=tw.toezegjaar,
        gevraagd=tw.gevraagd,
        gehonoreerd=tw.gehonoreerd,
        gewacht=tw.gewacht,
        vrije_kas=vrij,
        publiek_ingelegd=np.zeros(jaren),
        kastekort_jaren=[int(j) for j in np.flatnonzero(eind < -CENT)],
        tekort_opzet=tekort_opzet,
        jaar_tekort_opzet=jaar_opzet,
    )
    vermogen = float(eind[-1]) + tw.vorderingen - tw.verplichtingen
    stromen, over = afrekenen(uitkomst, fonds, kas, vermogen, fp.startjaar)
    publiek = np.array([tr.publiek for tr in fonds.tranches], dtype=bool)
    uitkomst.publiek_ingelegd = -stromen[publiek].sum(axis=0) if publiek.any() else np.zeros(jaren)
    uitkomst.kpi = kengetallen(
        uitkomst, fonds, fp, stromen, vermogen, tw.vorderingen, over, tw.uitputtingsjaar
    )
    return uitkomst


def afrekenen(
    u: FondsUitkomst, fonds: FondsInvoer, kas: Kasboek, vermogen: float, startjaar: int
) -> tuple[Array, float]:
    """Settle on paper at the horizon; fill `u.tranches`. Returns each tranche's flows
    (nt, J) from its own side (−storting, +betaald, +afrekening) and what is left over.

    Claims by rang: a loan its remaining principal and arrears, a subsidie or eigen
    vermogen its deposit; the most junior bears a shortfall first; a surplus goes pro
    rata to the deposits of the subsidie and eigen-vermogen tranches.
    """
    tranches = fonds.tranches
    nt = len(tranches)
    laatste = kas.laatste
    claim = np.array(
        [
            kas.open_na_horizon[i] + kas.achterstand[:, i].sum() if tr.is_lening else tr.bedrag
            for i, tr in enumerate(tranches)
        ]
    )
    afrekening = np.zeros(nt)
    over = max(vermogen, 0.0)
    rangen = np.array([tr.rang for tr in tranches])
    for rang in np.unique(rangen):
        groep = rangen == rang
        nodig = float(claim[groep].sum())
        deel = min(over, nodig)
        if nodig > 0:
            afrekening[groep] = claim[groep] * (deel / nodig)
        over -= deel
    rest = np.array([not tr.is_lening for tr in tranches], dtype=bool)
    if over > 0 and rest.any():
        afrekening[rest] += over * aandelen_naar_rato(
            np.array([tr.bedrag for tr in tranches])[rest]
        )
        over = 0.0
    stromen = kas.betaald.copy()
    for i, tr in enumerate(tranches):
        stromen[i, tr.jaar] -= tr.bedrag
    stromen[:, laatste] += afrekening
    tranche_irr, tranche_reden = irr(stromen, False)
    achterstand = kas.achterstand_jaar
    te_laat = achterstand > CENT
    u.tranches = {
        "naam": [tr.naam for tr in tranches],
        "soort": [tr.soort for tr in tranches],
        "rang": [tr.rang for tr in tranches],
        "publiek": [tr.publiek for tr in tranches],
        "jaar": [tr.jaar + startjaar for tr in tranches],
        "bedrag": [tr.bedrag for tr in tranches],
        "rente": [tr.rente if tr.is_lening else None for tr in tranches],
        "ontvangen": [float(x) for x in kas.betaald.sum(axis=1)],
        "claim_einde": [float(x) for x in claim],
        "afrekening": [float(x) for x in afrekening],
        "verlies": [float(max(c - a, 0.0)) for c, a in zip(claim, afrekening, strict=True)],
        "achterstand_max": [float(x) for x in achterstand.max(axis=1, initial=0.0)],
        "jaren_achterstand": [int(x) for x in te_laat.sum(axis=1)],
        "eerste_jaar_achterstand": [
            int(np.argmax(rij)) + startjaar if rij.any() else None for rij in te_laat
        ],
        "irr": [float(x) for x in tranche_irr],
        "irr_reden": [IRR_REDENEN[int(x)] for x in tranche_reden],
    }
    return stromen, over
