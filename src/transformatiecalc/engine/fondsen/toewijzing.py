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
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, TypeVar

import numpy as np

from .beurt import PAREN_PER_BUNDEL, Rij, beslisjaren, bundels, rangorde
from .conventies import Geldgebrek
from .instrumenten import Maat
from .kasboek import Kasboek
from .panden import Array, BoolArray, FondsPanden, IntArray
from .posten import CENT, Post, Reden
from .toezegging import Onderdeel, Pakket, Raming, Toezegging, Voorraad, samen

#: `neem` of :meth:`Toewijzing.aanbiedingen`: takes instrument k's offers to some pairs of
#: the batch (their indices) and returns the ORT effect taken per pair (€ peildatum).
Neem = Callable[[int, IntArray, Toezegging], Array]
#: An instrument's offers in :meth:`Toewijzing._keten`: a Toezegging or a Maat.
Bod = TypeVar("Bod")

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
        self.gewacht = np.zeros(p, dtype=bool)  # was put on the waiting list
        self.vorderingen = np.zeros(r)  # € expected at the horizon (loans, grond, deelnemingen)
        self.verplichtingen = np.zeros(r)  # € expected after the horizon (guarantee losses)
        self.uitputtingsjaar = np.full(r, -1, dtype=np.int64)  # −1: the cash never fell short
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
            for bundel in bundels(stappen):
                # the panden whose turn it is: their packages sized together, then decided
                # one step at a time (a package does not depend on the cash)
                g = [rijen[wie, eerste[wie] + k] for k, wie in bundel]
                grenzen = np.cumsum([0, *(gk.size for gk in g)]).tolist()
                alle_g = np.concatenate(g)
                raming = self.ramen(alle_g, t)
                voorraad = self.vooraf(alle_g, np.concatenate([w for _, w in bundel]), t, raming)
                for (_, wie), gk, stuk in zip(bundel, g, itertools.pairwise(grenzen), strict=True):
                    deel = None if voorraad is None else voorraad.stuk(*stuk)
                    wacht = ~self.probeer(gk, wie, t, raming.deel(slice(*stuk)), deel)
                    wachtrij.achteraan(wie[wacht], gk[wacht])
            eind[:, t] = kas.saldo
            vrij[:, t] = kas.vrij()
        self.slotredenen(wachtrij)
        return Jaarverloop(begin, eind, vrij, tekort_opzet, jaar_opzet)

    def wachtenden(self, wachtrij: Rij, t: int) -> None:
        """Year t for the waiting lists, in order: drop who waited too long, serve who fits
        now; who is left still waits.

        Every waiting pand's package is sized again for year t, all at once and without its
        flows (it depends on the pand's gap and the year only); who now gets no instrument,
        or no closing package, leaves the list without the cash (:meth:`_zonder_kas`).
        Then per replica the places are tried in order, one place per replica per step,
        passing over a pand whose package cannot even pay this year's part with the cash
        at that moment (:meth:`.kasboek.Kasboek.kan_niet`): it would not fit.
        """
        rijen, bezet = wachtrij.gevuld()
        if not bezet.any():
            return
        kandidaat = bezet.copy()
        if self.fonds.max_wachttijd is not None:
            te_lang = bezet & (t - self.aanvraagjaar[rijen] > self.fonds.max_wachttijd)
            self.reden[rijen[te_lang]] = Reden.WACHTTIJD
            kandidaat &= ~te_lang
        plekken = np.flatnonzero(kandidaat)
        g = rijen.reshape(-1)[plekken]
        gemaat = self.ramen(g, t)
        af = ~self._zonder_kas(g, gemaat)
        self.reden[g[af]] = Reden.NA_WACHTEN  # the cause was the wait: say so
        kandidaat.reshape(-1)[plekken[af]] = False
        raming = gemaat.verspreid(plekken, rijen.shape)
        blijft = kandidaat.copy()
        plaats = np.arange(rijen.shape[1])
        vanaf = np.zeros(rijen.shape[0], dtype=np.int64)
        alle = np.arange(rijen.shape[0])
        while True:
            proberen = kandidaat & (plaats >= vanaf[:, None]) & ~self.kas.kan_niet(raming.nu, alle)
            wie = np.flatnonzero(proberen.any(axis=1))
            if not wie.size:
                break
            q = np.argmax(proberen[wie], axis=1)
            bediend = self.probeer(rijen[wie, q], wie, t, raming.deel((wie, q)))
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
    def _keten(
        self,
        g: IntArray,
        bied: Callable[[int, IntArray, Array], tuple[IntArray, Bod]],
        neem: Callable[[int, IntArray, Bod], Array],
    ) -> None:
        """Offer the instruments in order to the rows `g` (A,), each sized on the gap left
        by what the earlier ones took: ``bied(k, rows, gaps)`` gives instrument k's offers
        (the pairs that get one, indices into `rows`, and the offers), ``neem(k, pairs,
        offers)`` takes them and returns the effect taken per pair (€ peildatum)."""
        rest = self.ort[g].copy()
        klaar = np.zeros(g.size, dtype=bool)
        for k in self.fonds.volgorde:
            klaar |= rest <= CENT
            kandidaat = np.flatnonzero(~klaar & self.geschikt[k][g])
            if not kandidaat.size:
                continue
            paren, bod = bied(k, g[kandidaat], rest[kandidaat])
            if paren.size:
                paren = kandidaat[paren]
                rest[paren] -= neem(k, paren, bod)

    def aanbiedingen(self, g: IntArray, t: int, neem: Neem) -> None:
        """Offer the instruments in order to the rows `g` (A,) in year `t`, with their flows
        (:meth:`_keten`)."""

        def bied(k: int, gk: IntArray, rest: Array) -> tuple[IntArray, Toezegging]:
            aanbod = self.fonds.instrumenten[k].aanbod(self.fp, gk, rest, t)
            tz = aanbod.toezegging
            if aanbod.paren.size and tz.uitstaand is not None and self.fonds.beheerkosten:
                # beheerkosten in year u: fee × the loan outstanding at the start of u
                tz.met_post(Post.BEHEERKOSTEN)
                tz.rij(Post.BEHEERKOSTEN)[:, 1:] += self.fonds.beheerkosten * tz.uitstaand[:, :-1]
            return aanbod.paren, tz

        self._keten(g, bied, neem)

    def ramen(self, g: IntArray, t: int) -> Raming:
        """The packages of rows `g` in year `t` sized without their flows
        (:class:`.toezegging.Raming`); amounts and effects added up per pair in instrument
        order as :func:`.toezegging.samen` adds them, so the same numbers as
        :meth:`pakket`. Beheerkosten start the year after a loan: they move nothing in t.
        In batches of at most PAREN_PER_BUNDEL pairs (the memory of an erfpacht's sizing)."""
        a = g.size
        if a > PAREN_PER_BUNDEL:
            stukken = range(0, a, PAREN_PER_BUNDEL)
            return Raming.samen([self.ramen(g[i : i + PAREN_PER_BUNDEL], t) for i in stukken])
        heeft = np.zeros(a, dtype=bool)
        bedrag, effect, nu = np.zeros(a), np.zeros(a), np.zeros(a)

        def bied(k: int, gk: IntArray, rest: Array) -> tuple[IntArray, Maat]:
            m = self.fonds.instrumenten[k].maat(self.fp, gk, rest, t)
            return m.paren, m

        def neem(k: int, paren: IntArray, m: Maat) -> Array:
            heeft[paren] = True
            bedrag[paren] += m.bedrag
            effect[paren] += m.effect
            nu[paren] += m.nu
            return m.effect

        self._keten(g, bied, neem)
        return Raming(heeft, bedrag, effect, nu)

    def vooraf(self, g: IntArray, r: IntArray, t: int, raming: Raming) -> Voorraad | None:
        """The packages of rows `g` (in replicas `r`, sized as `raming`) that go on to the
        cash and can pay this year's part with the cash now, built ahead with their flows
        (None with bij_geldgebrek: deels, which sizes on the cash)."""
        if self.in_delen:
            return None
        kan = self._naar_de_kas(g, raming) & ~self.kas.kan_niet(raming.nu, r)
        return self.bouw(g, t, np.flatnonzero(kan))

    def bouw(self, g: IntArray, t: int, welke: IntArray) -> Voorraad:
        """The packages of rows g[welke] (`welke` increasing) built with their flows and
        what each adds to this year's prognose, ahead of the decisions."""
        pakket, totaal, _ = self.pakket(g[welke], t)
        return Voorraad(welke, Pakket(pakket, totaal, self.kas.verloop(totaal)))

    def pakket(self, g: IntArray, t: int) -> Pakket:
        """The instruments in order, each sized on the gap the earlier ones leave, and the
        package of each row as one commitment, with their flows. Depends on nothing but the
        rows' gaps and year `t`."""
        uit: list[Onderdeel] = []

        def neem(k: int, paren: IntArray, tz: Toezegging) -> Array:
            uit.append(Onderdeel(k, paren, tz))
            return tz.effect

        self.aanbiedingen(g, t, neem)
        return Pakket(uit, samen(uit, g.size, self.fp.jaren))

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

    def probeer(
        self,
        g: IntArray,
        r: IntArray,
        t: int,
        raming: Raming | None = None,
        voorraad: Voorraad | None = None,
    ) -> BoolArray:
        """Serve rows `g` (one per replica `r`) in year `t` where the fund can; False where
        the pand must wait. `raming`: their packages sized ahead (else sized here); only
        those that can pay this year's part are built with their flows (or taken from
        `voorraad`, built ahead) and checked."""
        a = g.size
        raming = self.ramen(g, t) if raming is None else raming
        eerste = self.aanvraagjaar[g] < 0
        self.aanvraagjaar[g[eerste]] = t
        self.gevraagd[g[eerste]] = raming.bedrag[eerste]
        verder = self._zonder_kas(g, raming)
        bediend = np.ones(a, dtype=bool)
        if self.in_delen:
            if verder.any():
                self.deels(g[verder], r[verder], t)
            return bediend
        wie = np.flatnonzero(verder)
        bediend[wie] = False
        ja = self._zeg_toe(g, r, t, wie[~self.kas.kan_niet(raming.nu[wie], r[wie])], voorraad)
        bediend[ja] = True
        nee = wie[~bediend[wie]]
        self._kort(t, r[nee])
        self.gewacht[g[nee]] = True
        return bediend

    def _zonder_kas(self, g: IntArray, raming: Raming) -> BoolArray:
        """What is decided without the cash for rows `g` with packages `raming`: no
        instrument offers anything, or (alleen_sluitend) the package would not close the
        gap — the reason is recorded; True for the rows that go on to the cash."""
        self.reden[g[~raming.heeft]] = Reden.DEKT_NIET
        verder = self._naar_de_kas(g, raming)
        self.reden[g[raming.heeft & ~verder]] = Reden.NIET_SLUITEND
        return verder

    def _naar_de_kas(self, g: IntArray, raming: Raming) -> BoolArray:
        """Which rows `g` with packages `raming` go on to the cash (:meth:`_zonder_kas`)."""
        if self.fonds.alleen_sluitend:
            return np.asarray(raming.heeft & ~(self.ort[g] - raming.effect > CENT))
        return raming.heeft

    def _zeg_toe(
        self, g: IntArray, r: IntArray, t: int, wie: IntArray, voorraad: Voorraad | None
    ) -> IntArray:
        """Build the packages of batch rows `wie` with their flows (or take them from
        `voorraad`) and commit each one that fits; the rows served (a subset of `wie`, in
        order)."""
        if not wie.size:
            return wie
        gebouwd = None if voorraad is None else voorraad.neem(wie)
        if gebouwd is None:
            gebouwd = self.pakket(g[wie], t)
        pakket, totaal, verloop = gebouwd
        if verloop is None:
            verloop = self.kas.verloop(totaal)
        past = self.kas.past(verloop, r[wie])
        ja = wie[past]
        self.kas.boek(totaal.deel(np.flatnonzero(past)), verloop[past], r[ja])
        for k, paren, tz in pakket:
            neemt = past[paren]
            welke = wie[paren[neemt]]
            self.vastleggen(g[welke], r[welke], k, tz.deel(np.flatnonzero(neemt)), t)
        # a package sized again after waiting may be smaller (or nominally larger) than asked
        gevraagd = self.gevraagd[g[ja]]
        deel = np.divide(totaal.bedrag[past], gevraagd, out=np.ones(ja.size), where=gevraagd > 0)
        self.gehonoreerd[g[ja]] = np.minimum(deel, 1.0)
        self.toezegjaar[g[ja]] = t
        return ja

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
