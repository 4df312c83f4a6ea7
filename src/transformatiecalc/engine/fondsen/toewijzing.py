"""Who gets what, when (METHODE §7, "Toewijzing en kas"): the year loop of one fund.

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

Gaps and effects are € peildatum (the basis of the ORT), amounts € nominal, years indices
from the startjaar (−1 = none).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from .conventies import Geldgebrek, Pandvolgorde
from .instrumenten import Deelneming
from .kasboek import Kasboek
from .panden import Array, BoolArray, FondsPanden, IntArray
from .posten import CENT, Post, Reden
from .toezegging import Onderdeel, Toezegging, samen

if TYPE_CHECKING:
    from .fonds import FondsInvoer


class Jaarverloop(NamedTuple):
    """The fund's cash over the horizon (J,), € nominal, and a design that cannot carry
    itself: how far the prognose falls below its floor before any commitment, and when."""

    begin: Array  # cash at the start of each year, before its flows
    eind: Array  # cash at each year's end
    vrij: Array  # cash the fund could still commit at each year's end (≥ 0)
    tekort_opzet: float  # ≥ 0
    jaar_tekort_opzet: int | None  # year index


def beslisjaren(fonds: FondsInvoer, fp: FondsPanden) -> tuple[IntArray, BoolArray]:
    """Per pand the year of its first outlay (its turn) and whether any instrument fits."""
    ooit = np.zeros(fp.aantal, dtype=bool)
    jaar = fp.start.copy()
    for ins in fonds.instrumenten:
        ok = ins.geschikt(fp)
        ooit |= ok
        jaar = np.where(ok, np.minimum(jaar, ins.betaaljaar(fp)), jaar)
    return np.asarray(jaar, dtype=np.int64), ooit


def rangorde(fonds: FondsInvoer, fp: FondsPanden, ort: Array, beslisjaar: IntArray) -> IntArray:
    """Order of service: by year of the first outlay, then prioriteit, then volgorde_panden."""
    prio = {pid: k for k, pid in enumerate(fonds.prioriteit)}
    prio_sleutel = np.array([prio.get(p, len(prio)) for p in fp.pand_ids])
    if fonds.volgorde_panden == Pandvolgorde.STARTJAAR:
        tweede = fp.start.astype(np.float64)
    elif fonds.volgorde_panden == Pandvolgorde.ORT_PER_WONING:
        tweede = np.where(fp.woningen > 0, ort / np.maximum(fp.woningen, 1.0), np.inf)
    else:
        tweede = np.zeros(fp.aantal)
    return np.lexsort((np.arange(fp.aantal), tweede, prio_sleutel, beslisjaar))


class Toewijzing:
    """The decisions of one fund: which pand gets what, when (state of the year loop).

    Per pand (P,) and per instrument (P, K) as in :class:`.fonds.FondsUitkomst`; `ort` is
    each pand's remaining gap (€ peildatum), lowered by every commitment.
    """

    def __init__(self, fonds: FondsInvoer, fp: FondsPanden, ort: Array, kas: Kasboek) -> None:
        p, k = fp.aantal, len(fonds.instrumenten)
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
        self.vorderingen = 0.0  # € expected at the horizon (loans, grond, deelnemingen)
        self.verplichtingen = 0.0  # € expected after the horizon (guarantee losses)
        self.uitputtingsjaar: int | None = None

    # ------------------------------------------------------------ the years
    def over_de_horizon(self) -> Jaarverloop:
        """Run the year loop (module docstring) and give each pand its final Reden."""
        fonds, fp, kas = self.fonds, self.fp, self.kas
        ort_voor = self.ort_voor
        beslisjaar, ooit = beslisjaren(fonds, fp)
        volgorde = rangorde(fonds, fp, ort_voor, beslisjaar)
        beslissingen: list[int] = volgorde[((ort_voor > CENT) & ooit)[volgorde]].tolist()
        self.reden[(ort_voor > CENT) & ~ooit] = Reden.NIET_GESCHIKT

        jaren = fp.jaren
        begin, eind, vrij = np.zeros(jaren), np.zeros(jaren), np.zeros(jaren)
        wachtrij: list[int] = []
        b = 0  # the next pand in `beslissingen`
        tekort_opzet, jaar_opzet = 0.0, None
        for t in range(jaren):
            begin[t] = kas.saldo
            kas.jaar_begin(t)
            if t == 0:
                marge = kas.prognose - kas.ondergrens
                if marge.min() < -CENT:
                    tekort_opzet = float(-marge.min())
                    jaar_opzet = min(int(np.argmin(marge)), jaren - 1)
            wachtrij = self.wachtenden(wachtrij, t)
            while b < len(beslissingen) and beslisjaar[beslissingen[b]] == t:
                p = beslissingen[b]
                b += 1
                if not self.probeer(p, t):
                    wachtrij.append(p)
            eind[t] = kas.saldo
            vrij[t] = kas.vrij()
        self.slotredenen(wachtrij)
        return Jaarverloop(begin, eind, vrij, tekort_opzet, jaar_opzet)

    def wachtenden(self, wachtrij: list[int], t: int) -> list[int]:
        """Year t for the waiting list, in order: drop who waited too long, serve who fits
        now; returns who still waits."""
        blijft: list[int] = []
        for p in wachtrij:
            if (
                self.fonds.max_wachttijd is not None
                and t - self.aanvraagjaar[p] > self.fonds.max_wachttijd
            ):
                self.reden[p] = Reden.WACHTTIJD
            elif self.nodig_nu[p] > self.kas.saldo - self.kas.vloer + CENT:
                blijft.append(p)  # cannot even pay this year's part: no need to size again
            elif not self.probeer(p, t):
                blijft.append(p)
        return blijft

    def slotredenen(self, wachtrij: list[int]) -> None:
        """At the horizon: who still waits, who was helped but not enough, who has no gap."""
        for p in wachtrij:
            self.reden[p] = Reden.WACHT
        open_ = (self.ort_voor > CENT) & (self.ort > CENT)
        self.reden[open_ & (self.reden == Reden.GEEN)] = Reden.DEKT_NIET  # helped, not enough
        self.reden[~open_] = Reden.GEEN

    # ------------------------------------------------------------ packages
    def aanbiedingen(self, p: int, t: int, neem: Callable[[int, Toezegging], float]) -> None:
        """Offer the instruments in order, each sized on the gap left by what `neem` took
        of the earlier ones (`neem` returns the ORT effect it took, € peildatum)."""
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
                tz.stromen[Post.BEHEERKOSTEN, 1:] += self.fonds.beheerkosten * tz.uitstaand[:-1]
            rest -= neem(k, tz)

    def pakket(self, p: int, t: int) -> list[Onderdeel]:
        """The instruments in order, each sized on the gap the earlier ones leave."""
        uit: list[Onderdeel] = []

        def neem(k: int, tz: Toezegging) -> float:
            uit.append(Onderdeel(k, tz))
            return tz.effect

        self.aanbiedingen(p, t, neem)
        return uit

    def vastleggen(self, p: int, k: int, tz: Toezegging, t: int) -> None:
        """Record commitment `tz` of instrument `k` to pand `p` in year `t`."""
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
            self.gevraagd[p] = sum(deel.toezegging.bedrag for deel in pakket)
        rest = float(self.ort[p]) - sum(deel.toezegging.effect for deel in pakket)
        if not pakket:
            self.reden[p] = Reden.DEKT_NIET
            return True
        if self.fonds.alleen_sluitend and rest > CENT:
            self.reden[p] = Reden.NIET_SLUITEND
            return True
        if self.fonds.bij_geldgebrek == Geldgebrek.DEELS:
            self.deels(p, t)
            return True
        totaal = samen(pakket)
        verloop = self.kas.verloop(totaal)
        if self.kas.past(verloop):
            self.kas.boek(totaal, verloop)
            for k, tz in pakket:
                self.vastleggen(p, k, tz, t)
            self.gehonoreerd[p] = 1.0
            self.toezegjaar[p] = t
            return True
        self._kort(t)
        instrumenten = self.fonds.instrumenten
        deelneming = any(isinstance(instrumenten[deel.instrument], Deelneming) for deel in pakket)
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
