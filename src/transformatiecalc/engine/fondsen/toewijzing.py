"""Who gets what, when (METHODE §7, "Toewijzing en kas"): the year loop of one fund.

The allocation is sequential by nature — a commitment is only made when the fund can
carry it, so each decision depends on all earlier ones — and is the one place where the
engine loops: over years, and within a year over the places in the queue of panden that ask
for money that year (or wait for it). What an instrument offers a pand is computed for that
pand alone (:mod:`.instrumenten`); whether the fund can carry it is one comparison of two
vectors over the remaining years (:mod:`.kasboek`).

The loop runs for R replicas of the fund at once (Monte Carlo draws, issue #18): step k
of a year decides the k-th pand in the queue of every replica that has one, with arrays
over those replicas; each replica sees exactly the decisions, in the same order and with
the same arithmetic, as when it runs alone (R = 1).

Per year t:

1. receive and pay what was booked for year t; serve the tranches in order of rang;
2. the waiting list, in order: each pand gets its whole package if it now fits
   (``bij_geldgebrek: wachten``), or drops out after ``max_wachttijd`` years;
3. the panden whose first outlay falls in year t, in the order of ``volgorde_panden``:
   per pand the instruments of ``volgorde_instrumenten`` are sized one after another on
   the remaining gap; the package is committed if it fits, else the pand waits (or, with
   ``bij_geldgebrek: deels``, takes what fits now and does not wait).

Gaps and effects are € peildatum (the basis of the ORT), amounts € nominal, years indices
from the startjaar (−1 = none).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from .conventies import Geldgebrek, Pandvolgorde
from .instrumenten import Deelneming
from .kasboek import Kasboek
from .panden import Array, BoolArray, FondsPanden, IntArray
from .posten import CENT, Post, Reden
from .toezegging import Onderdeel, Pakket, Toezegging, samen

#: `neem` of :meth:`Toewijzing.aanbiedingen`: takes instrument k's offers to some pairs of
#: the batch (their indices) and returns the ORT effect taken per pair (€ peildatum).
Neem = Callable[[int, IntArray, Toezegging], Array]

if TYPE_CHECKING:
    from .fonds import FondsInvoer


class Jaarverloop(NamedTuple):
    """The fund's cash over the horizon (R, J), € nominal, and a design that cannot carry
    itself: how far the prognose falls below its floor before any commitment, and when."""

    begin: Array  # cash at the start of each year, before its flows
    eind: Array  # cash at each year's end
    vrij: Array  # cash the fund could still commit at each year's end (≥ 0)
    tekort_opzet: Array  # (R,) ≥ 0
    jaar_tekort_opzet: IntArray  # (R,) year index, −1: none


def beslisjaren(fonds: FondsInvoer, fp: FondsPanden) -> tuple[IntArray, BoolArray]:
    """Per pand row the year of its first outlay (its turn) and whether any instrument fits."""
    ooit = np.zeros(fp.aantal, dtype=bool)
    jaar = fp.start.copy()
    for ins in fonds.instrumenten:
        ok = ins.geschikt(fp)
        ooit |= ok
        jaar = np.where(ok, np.minimum(jaar, ins.betaaljaar(fp)), jaar)
    return np.asarray(jaar, dtype=np.int64), ooit


def rangorde(fonds: FondsInvoer, fp: FondsPanden, ort: Array, beslisjaar: IntArray) -> IntArray:
    """Order of service per replica (R, P), pand indices within the replica: by year of
    the first outlay, then prioriteit, then volgorde_panden."""
    r, p = fp.replicas, fp.per_replica
    prio = {pid: k for k, pid in enumerate(fonds.prioriteit)}
    prio_sleutel = np.array([prio.get(pid, len(prio)) for pid in fp.pand_ids])
    if fonds.volgorde_panden == Pandvolgorde.STARTJAAR:
        tweede = fp.start.astype(np.float64)
    elif fonds.volgorde_panden == Pandvolgorde.ORT_PER_WONING:
        tweede = np.where(fp.woningen > 0, ort / np.maximum(fp.woningen, 1.0), np.inf)
    else:
        tweede = np.zeros(fp.aantal)
    sleutels = (np.arange(p), tweede, prio_sleutel, beslisjaar)
    return np.lexsort([np.broadcast_to(np.reshape(k, (-1, p)), (r, p)) for k in sleutels])


#: Pairs whose packages are sized in one batch ahead of their steps: a larger batch costs
#: less per pair; its flows take about pairs × J × 8 bytes per ledger row they move.
PAREN_PER_BUNDEL = 8192


def _bundels(stappen: list[IntArray]) -> Iterator[list[tuple[int, IntArray]]]:
    """Consecutive steps (k, replicas) in bundles of about PAREN_PER_BUNDEL pairs (at least
    one step each)."""
    bundel: list[tuple[int, IntArray]] = []
    paren = 0
    for k, wie in enumerate(stappen):
        if bundel and paren + wie.size > PAREN_PER_BUNDEL:
            yield bundel
            bundel, paren = [], 0
        bundel.append((k, wie))
        paren += wie.size
    if bundel:
        yield bundel


class Rij:
    """Per replica an ordered list of pand rows (a queue): (R, P) rows and their counts."""

    def __init__(self, replicas: int, plaatsen: int) -> None:
        self.rijen = np.full((replicas, plaatsen), -1, dtype=np.int64)
        self.lengte = np.zeros(replicas, dtype=np.int64)

    def achteraan(self, r: IntArray, g: IntArray) -> None:
        """Put row g[i] at the end of replica r[i]'s queue (no replica twice)."""
        self.rijen[r, self.lengte[r]] = g
        self.lengte[r] += 1

    def gevuld(self) -> tuple[IntArray, BoolArray]:
        """The occupied part of the queues: rows (R, n) and which places hold one."""
        n = int(self.lengte.max(initial=0))
        return self.rijen[:, :n], np.arange(n) < self.lengte[:, None]

    def houd(self, blijft: BoolArray) -> None:
        """Keep the places marked in `blijft` (R, n), in their order."""
        rijen, _ = self.gevuld()
        volgorde = np.argsort(~blijft, axis=1, kind="stable")
        self.lengte = blijft.sum(axis=1)
        gehouden = np.take_along_axis(rijen, volgorde, axis=1)
        gehouden[np.arange(rijen.shape[1]) >= self.lengte[:, None]] = -1
        self.rijen[:, : rijen.shape[1]] = gehouden


class Toewijzing:
    """The decisions of one fund in R replicas: which pand gets what, when (state of the
    year loop).

    Per pand row (R·P,) and per instrument (R·P, K) as in :class:`.fonds.FondsUitkomst`,
    per replica (R,); `ort` is each pand's remaining gap (€ peildatum), lowered by every
    commitment.
    """

    def __init__(self, fonds: FondsInvoer, fp: FondsPanden, ort: Array, kas: Kasboek) -> None:
        p, k, r = fp.aantal, len(fonds.instrumenten), fp.replicas
        self.fonds, self.fp, self.kas = fonds, fp, kas
        self.ort = np.asarray(ort, dtype=np.float64).copy()
        self.ort_voor = self.ort.copy()  # the gaps before this fund
        self.geschikt = [ins.geschikt(fp) for ins in fonds.instrumenten]
        self.toegekend = np.zeros((p, k))
        self.effect = np.zeros((p, k))
        self.jaar = np.full((p, k), -1, dtype=np.int64)
        self.naar_pand, self.van_pand = np.zeros(p), np.zeros(p)
        self.aanvraagjaar = np.full(p, -1, dtype=np.int64)
        self.toezegjaar = np.full(p, -1, dtype=np.int64)
        self.gevraagd, self.gehonoreerd = np.zeros(p), np.zeros(p)
        self.reden = np.zeros(p, dtype=np.int64)  # Reden codes
        self.nodig_nu = np.zeros(p)  # this year's outlay of a waiting pand's last package
        self.gewacht = np.zeros(p, dtype=bool)  # was put on the waiting list
        self.vorderingen = np.zeros(r)  # € expected at the horizon (loans, grond, deelnemingen)
        self.verplichtingen = np.zeros(r)  # € expected after the horizon (guarantee losses)
        self.uitputtingsjaar = np.full(r, -1, dtype=np.int64)  # −1: the cash never fell short
        self.deelneming = np.array([isinstance(i, Deelneming) for i in fonds.instrumenten])
        #: bij_geldgebrek: deels sizes each instrument on the cash left by the one before
        self.in_delen = fonds.bij_geldgebrek == Geldgebrek.DEELS

    # ------------------------------------------------------------ the years
    def over_de_horizon(self) -> Jaarverloop:
        """Run the year loop (module docstring) and give each pand its final Reden."""
        fp, kas = self.fp, self.kas
        r, p, jaren = fp.replicas, fp.per_replica, fp.jaren
        beslisjaar, ooit = beslisjaren(self.fonds, fp)
        gap = self.ort_voor > CENT
        self.reden[gap & ~ooit] = Reden.NIET_GESCHIKT
        # per replica its decisions in order of service (global rows), eligible ones first
        rijen = rangorde(self.fonds, fp, self.ort_voor, beslisjaar) + p * np.arange(r)[:, None]
        mee = (gap & ooit)[rijen]
        rijen = np.take_along_axis(rijen, np.argsort(~mee, axis=1, kind="stable"), axis=1)
        aantal = mee.sum(axis=1)
        jaar_van = np.where(np.arange(p) < aantal[:, None], beslisjaar[rijen], jaren)

        begin, eind, vrij = np.zeros((r, jaren)), np.zeros((r, jaren)), np.zeros((r, jaren))
        wachtrij = Rij(r, p)
        tekort_opzet, jaar_opzet = np.zeros(r), np.full(r, -1, dtype=np.int64)
        alle = np.arange(r)
        for t in range(jaren):
            begin[:, t] = kas.saldo
            kas.jaar_begin(t)
            if t == 0:
                marge = kas.marge(alle)
                laagste = marge.min(axis=1)
                tekort = laagste < -CENT
                tekort_opzet[tekort] = -laagste[tekort]
                jaar_opzet[tekort] = np.minimum(np.argmin(marge, axis=1), jaren - 1)[tekort]
            self.wachtenden(wachtrij, t)
            eerste = (jaar_van < t).sum(axis=1)
            nu = (jaar_van == t).sum(axis=1)
            stappen = [alle[nu > k] for k in range(int(nu.max(initial=0)))]
            for bundel in _bundels(stappen):
                # the panden whose turn it is: their packages sized together, then decided
                # one step at a time (a package does not depend on the cash)
                g = [rijen[wie, eerste[wie] + k] for k, wie in bundel]
                if self.in_delen:
                    stukken: Iterable[Pakket | None] = itertools.repeat(None)
                else:
                    grenzen = np.cumsum([0, *(gk.size for gk in g)]).tolist()
                    stukken = self.pakket(np.concatenate(g), t, True).stukken(grenzen)
                for (_, wie), gk, stuk in zip(bundel, g, stukken, strict=False):
                    wacht = ~self.probeer(gk, wie, t, stuk)
                    wachtrij.achteraan(wie[wacht], gk[wacht])
            eind[:, t] = kas.saldo
            vrij[:, t] = kas.vrij()
        self.slotredenen(wachtrij)
        return Jaarverloop(begin, eind, vrij, tekort_opzet, jaar_opzet)

    def wachtenden(self, wachtrij: Rij, t: int) -> None:
        """Year t for the waiting lists, in order: drop who waited too long, serve who fits
        now; who is left still waits.

        Per replica only the places whose pand may fit are tried (one place per replica
        per step): a pand that cannot even pay this year's part with the cash at that
        moment is not sized again, and the cash only moves when a pand is served.
        """
        rijen, bezet = wachtrij.gevuld()
        if not bezet.any():
            return
        kandidaat = bezet.copy()
        if self.fonds.max_wachttijd is not None:
            te_lang = bezet & (t - self.aanvraagjaar[rijen] > self.fonds.max_wachttijd)
            self.reden[rijen[te_lang]] = Reden.WACHTTIJD
            kandidaat &= ~te_lang
        blijft = kandidaat.copy()
        nodig = self.nodig_nu[rijen]
        plaats = np.arange(rijen.shape[1])
        vanaf = np.zeros(rijen.shape[0], dtype=np.int64)
        kas = self.kas
        while True:
            # cannot even pay this year's part: no need to size again
            ruimte = kas.saldo - kas.vloer + CENT
            proberen = kandidaat & (plaats >= vanaf[:, None]) & ~(nodig > ruimte[:, None])
            wie = np.flatnonzero(proberen.any(axis=1))
            if not wie.size:
                break
            q = np.argmax(proberen[wie], axis=1)
            bediend = self.probeer(rijen[wie, q], wie, t)
            blijft[wie[bediend], q[bediend]] = False
            vanaf[wie] = q + 1
        wachtrij.houd(blijft)

    def slotredenen(self, wachtrij: Rij) -> None:
        """At the horizon: who still waits, who was helped but not enough, who has no gap."""
        rijen, bezet = wachtrij.gevuld()
        self.reden[rijen[bezet]] = Reden.WACHT
        open_ = (self.ort_voor > CENT) & (self.ort > CENT)
        self.reden[open_ & (self.reden == Reden.GEEN)] = Reden.DEKT_NIET  # helped, not enough
        self.reden[~open_] = Reden.GEEN

    # ------------------------------------------------------------ packages
    def aanbiedingen(self, g: IntArray, t: int, neem: Neem) -> None:
        """Offer the instruments in order to the rows `g` (A,), each sized on the gap left
        by what `neem` took of the earlier ones."""
        rest = self.ort[g].copy()
        klaar = np.zeros(g.size, dtype=bool)
        for k in self.fonds.volgorde:
            klaar |= rest <= CENT
            kandidaat = np.flatnonzero(~klaar & self.geschikt[k][g])
            if not kandidaat.size:
                continue
            aanbod = self.fonds.instrumenten[k].aanbod(self.fp, g[kandidaat], rest[kandidaat], t)
            paren, tz = kandidaat[aanbod.paren], aanbod.toezegging
            if not paren.size:
                continue
            if tz.uitstaand is not None and self.fonds.beheerkosten:
                # beheerkosten in year u: fee × the loan outstanding at the start of u
                tz.met_post(Post.BEHEERKOSTEN)
                tz.rij(Post.BEHEERKOSTEN)[:, 1:] += self.fonds.beheerkosten * tz.uitstaand[:, :-1]
            rest[paren] -= neem(k, paren, tz)

    def pakket(self, g: IntArray, t: int, met_verloop: bool = False) -> Pakket:
        """The instruments in order, each sized on the gap the earlier ones leave, and the
        package of each row as one commitment; with `met_verloop` also what it adds to this
        year's prognose. Depends on nothing but the rows' gaps and year `t`: the packages
        of many steps can be sized at once (:meth:`over_de_horizon`)."""
        uit: list[Onderdeel] = []

        def neem(k: int, paren: IntArray, tz: Toezegging) -> Array:
            uit.append(Onderdeel(k, paren, tz))
            return tz.effect

        self.aanbiedingen(g, t, neem)
        totaal = samen(uit, g.size, self.fp.jaren)
        if not met_verloop:
            return Pakket(uit, totaal)
        return Pakket(uit, totaal, self.kas.verloop(totaal))

    def vastleggen(self, g: IntArray, r: IntArray, k: int, tz: Toezegging, t: int) -> None:
        """Record commitments `tz` of instrument `k` to rows `g` in replicas `r`, year `t`."""
        self.toegekend[g, k] += tz.bedrag
        self.effect[g, k] += tz.effect
        nieuw = g[self.jaar[g, k] < 0]
        self.jaar[nieuw, k] = t
        self.naar_pand[g] += tz.naar_pand
        self.van_pand[g] += tz.van_pand
        self.vorderingen[r] += tz.vordering
        self.verplichtingen[r] += tz.verplichting
        self.ort[g] -= tz.effect

    def probeer(self, g: IntArray, r: IntArray, t: int, vooraf: Pakket | None = None) -> BoolArray:
        """Serve rows `g` (one per replica `r`) in year `t` where the fund can; False where
        the pand must wait. `vooraf`: their packages, sized ahead (else sized here)."""
        a = g.size
        eerste = self.aanvraagjaar[g] < 0
        self.aanvraagjaar[g[eerste]] = t
        pakket, totaal, verloop = vooraf if vooraf is not None else self.pakket(g, t)
        self.gevraagd[g[eerste]] = totaal.bedrag[eerste]
        rest = self.ort[g] - totaal.effect
        heeft = np.zeros(a, dtype=bool)
        for deel in pakket:
            heeft[deel.paren] = True
        self.reden[g[~heeft]] = Reden.DEKT_NIET
        verder = heeft
        if self.fonds.alleen_sluitend:
            sluit_niet = verder & (rest > CENT)
            self.reden[g[sluit_niet]] = Reden.NIET_SLUITEND
            verder = verder & ~sluit_niet
        bediend = np.ones(a, dtype=bool)
        if self.in_delen:
            if verder.any():
                self.deels(g[verder], r[verder], t)
            return bediend
        wie = np.flatnonzero(verder)
        totaal = totaal.deel(wie)
        verloop = self.kas.verloop(totaal) if verloop is None else verloop[wie]
        past = self.kas.past(verloop, r[wie])
        ja = wie[past]
        self.kas.boek(totaal.deel(np.flatnonzero(past)), verloop[past], r[ja])
        gekozen = np.zeros(a, dtype=bool)
        gekozen[ja] = True
        for k, paren, tz in pakket:
            neemt = gekozen[paren]
            self.vastleggen(g[paren[neemt]], r[paren[neemt]], k, tz.deel(np.flatnonzero(neemt)), t)
        self.gehonoreerd[g[ja]] = 1.0
        self.toezegjaar[g[ja]] = t
        nee = wie[~past]
        self._kort(t, r[nee])
        deelneming = np.zeros(a, dtype=bool)
        for k, paren, _ in pakket:
            if self.deelneming[k]:
                deelneming[paren] = True
        nodig = np.maximum(-totaal.netto[~past, t], 0.0)
        self.nodig_nu[g[nee]] = np.where(deelneming[nee], 0.0, nodig)
        self.gewacht[g[nee]] = True
        bediend[nee] = False
        return bediend

    def deels(self, g: IntArray, r: IntArray, t: int) -> None:
        """bij_geldgebrek: deels — each instrument in turn gets what the cash allows now
        (subsidie and lening in part, the others whole or not)."""
        toegezegd = np.zeros(g.size)
        kort = np.zeros(g.size, dtype=bool)
        kas = self.kas

        def neem(k: int, paren: IntArray, tz: Toezegging) -> Array:
            rr = r[paren]
            verloop = kas.verloop(tz)
            past = kas.past(verloop, rr)
            kort[paren[~past]] = True
            s = np.ones(paren.size)
            s[~past] = np.minimum(kas.ruimte(verloop[~past], rr[~past]), 1.0)
            boekt = past | (tz.deelbaar & ~(s * tz.bedrag <= CENT))
            welke = np.flatnonzero(boekt)
            deel = tz.deel(welke).maal(s[welke])
            kas.boek(deel, verloop[welke] * s[welke, None], rr[welke])
            self.vastleggen(g[paren[welke]], rr[welke], k, deel, t)
            toegezegd[paren[welke]] += deel.bedrag
            genomen = np.zeros(paren.size)
            genomen[welke] = deel.effect
            return genomen

        self.aanbiedingen(g, t, neem)
        self.reden[g[kort]] = Reden.GEEN_GELD
        self._kort(t, r[kort])
        self.toezegjaar[g[toegezegd > 0]] = t
        gevraagd = self.gevraagd[g]
        met = gevraagd > 0
        self.gehonoreerd[g[met]] = np.minimum(toegezegd[met] / gevraagd[met], 1.0)

    def _kort(self, t: int, r: IntArray) -> None:
        """The cash fell short in year t in replicas `r`: their uitputtingsjaar if the first."""
        eerst = r[self.uitputtingsjaar[r] < 0]
        self.uitputtingsjaar[eerst] = t
