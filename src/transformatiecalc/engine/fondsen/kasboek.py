"""The fund's cash book: ledger rows, tranche service, and the cash projection that
decides whether a new commitment fits (METHODE §7, "Reserveren").

Everything the fund has agreed to — its tranches' deposits and debt service, the flows
of the verevening pot it carries, and every commitment to a pand (outlays, expected
receipts, beheerkosten) — is booked as nominal flows per year. The **prognose** is the
cash the fund would hold at the end of each remaining year if all of that happens, plus
one element on paper for the horizon: cash + expected claims − expected obligations
after the horizon − what the lending tranches are still owed. A new commitment is made
only when, with its own flows added, no element falls below the floor (−kredietlimiet
for cash, 0 for the paper element): so it reserves its future outlays, and it can count
on the receipts it and earlier commitments bring (a revolving fund re-lends its
repayments). The projection can only dip below the floor by flows the fund does not
decide on — the verevening pot it carries — and that is reported as kastekort.

One Kasboek keeps the books of R replicas of the fund at once (Monte Carlo draws, issue
#18): every state has a first axis of replicas, and each replica's numbers come from the
same operations as when it is kept alone.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from ..verevening import Pot
from .conventies import Aflossing, Tranchesoort
from .leningen import aflossingsschema
from .panden import Array, BoolArray, IntArray
from .posten import CENT, Post, netto
from .toezegging import Toezegging


class Schuldpost(IntEnum):
    """What a lending tranche is owed: the first axis of `Kasboek.schuld` and `.achterstand`,
    in the order it is paid (interest before principal)."""

    RENTE = 0
    AFLOSSING = 1

    @property
    def rij(self) -> Post:
        """The ledger row the payment is booked on."""
        return Post.RENTE_TRANCHES if self == Schuldpost.RENTE else Post.AFLOSSING_TRANCHES


@dataclass(frozen=True)
class Tranche:
    """A source of capital: deposited in year `jaar` (index); a loan is repaid by schedule."""

    naam: str
    soort: Tranchesoort
    bedrag: float
    jaar: int
    rang: int  # 1 = most senior
    publiek: bool
    rente: float = 0.0
    looptijd: int = 0
    aflossing: Aflossing = Aflossing.INEENS

    @property
    def is_lening(self) -> bool:
        return self.soort == Tranchesoort.LENING


class Kasboek:
    """Ledger rows (R, len(Post), J), cash and the tranche service of one fund in R
    replicas (€ nominal); the tranches' terms are the same in every replica."""

    def __init__(
        self, jaren: int, tranches: tuple[Tranche, ...], kredietlimiet: float, replicas: int = 1
    ) -> None:
        self.jaren = jaren
        self.laatste = jaren - 1
        self.replicas = replicas
        self.rijen = np.zeros((replicas, len(Post), jaren))  # one row per Post, ≥ 0
        self.saldo = np.zeros(replicas)
        self.vloer = -kredietlimiet
        self.papier = np.zeros(replicas)  # Σ vordering − verplichting of the commitments
        self.t = 0
        self.tranches = tranches
        nt = len(tranches)
        self.schuld = np.zeros((len(Schuldpost), nt, jaren))  # contractual, due per year
        self.achterstand = np.zeros((replicas, len(Schuldpost), nt))  # due and not yet paid
        self.achterstand_jaar = np.zeros((replicas, nt, jaren))  # arrears at each year's end
        self.betaald = np.zeros((replicas, nt, jaren))
        self.open_na_horizon = np.zeros(nt)  # loan principal not yet due at the horizon
        for i, tr in enumerate(tranches):
            self.rijen[:, Post.STORTINGEN, tr.jaar] += tr.bedrag
            if not tr.is_lening:
                continue
            n = tr.looptijd or 1
            schema = aflossingsschema(tr.rente, n, tr.aflossing)
            for post, reeks in (
                (Schuldpost.RENTE, schema.rente),
                (Schuldpost.AFLOSSING, schema.aflossing),
            ):
                stuk = reeks[: max(self.laatste - tr.jaar, 0)]
                self.schuld[post, i, tr.jaar + 1 : tr.jaar + 1 + stuk.size] = tr.bedrag * stuk
            verstreken = min(self.laatste - tr.jaar, n)
            open_ = schema.uitstaand[verstreken - 1] if verstreken else 1.0
            self.open_na_horizon[i] = tr.bedrag * open_
        lening = np.array([tr.is_lening for tr in tranches], dtype=bool)
        self._open_leningen = float(self.open_na_horizon[lening].sum())
        self._prognose = np.zeros((replicas, jaren + 1))
        self._berekend = np.zeros(replicas, dtype=bool)
        self.ondergrens = np.full(jaren + 1, self.vloer)
        self.ondergrens[-1] = 0.0

    # ---------------------------------------------------------------- flows
    def draag_pot(self, potten: Sequence[Pot]) -> None:
        """Carry the verevening pot, `potten[r]` in replica r: its beginsaldo is the opening
        cash, its flows are booked."""
        self.saldo += np.array([pot.beginsaldo for pot in potten])
        self.rijen[:, Post.VEREVENINGSBIJDRAGEN] += np.stack([pot.bijdragen for pot in potten])
        self.rijen[:, Post.VEREVENINGSTOEWIJZINGEN] += np.stack(
            [pot.toewijzingen for pot in potten]
        )

    def jaar_begin(self, t: int) -> None:
        """Year t: receive and pay what was booked for it, then serve the tranches in order of
        rang (interest before principal), as far as cash above the floor allows; what cannot
        be paid becomes achterstand, due again next year (without extra interest). Then the
        prognose from year t on is made when first asked for."""
        self.t = t
        self.saldo += netto(self.rijen[:, :, t : t + 1])[:, 0]
        vrij = np.maximum(self.saldo - self.vloer, 0.0)
        for i in range(len(self.tranches)):
            for post in Schuldpost:
                verschuldigd = self.schuld[post, i, t] + self.achterstand[:, post, i]
                betaling = np.minimum(verschuldigd, vrij)
                vrij -= betaling
                self.achterstand[:, post, i] = verschuldigd - betaling
                self.rijen[:, post.rij, t] += betaling
                self.betaald[:, i, t] += betaling
                self.saldo -= betaling
        self.achterstand_jaar[:, :, t] = self.achterstand.sum(axis=1)
        self.ondergrens = np.full(self.jaren - t + 1, self.vloer)
        self.ondergrens[-1] = 0.0
        self._prognose = np.zeros((self.replicas, self.jaren - t + 1))
        self._berekend[:] = False

    # ----------------------------------------------------------- projection
    def _bereken(self, r: IntArray) -> Array:
        """Projected cash of replicas `r` at the end of years t … J−1, then the paper value
        at the horizon (len(r), J − t + 1), from the books as they are now."""
        t, n = self.t, r.size
        achterstand = self.achterstand[r].reshape(n, -1).sum(axis=1)
        schuld = self.schuld[:, :, t + 1 :].sum(axis=(0, 1))
        toekomst = netto(self.rijen[r, :, t + 1 :]) - schuld
        if toekomst.shape[1]:
            toekomst[:, 0] -= achterstand
        kas = np.empty((n, toekomst.shape[1] + 1))
        kas[:, 0] = 0.0
        kas[:, 1:] = np.cumsum(toekomst, axis=1)
        kas = self.saldo[r, None] + kas
        eind = self.papier[r] - self._open_leningen
        if not toekomst.shape[1]:  # the horizon: arrears stay a claim in the settlement
            eind = eind - achterstand
        uit = np.empty((n, kas.shape[1] + 1))
        uit[:, :-1] = kas
        uit[:, -1] = kas[:, -1] + eind
        return uit

    def prognose(self, r: IntArray) -> Array:
        """The prognose of replicas `r` (len(r), J − t + 1): made from the books the first
        time it is asked for in a year, then kept up to date by :meth:`boek` (adding each
        commitment's `verloop`), so each replica's numbers do not depend on the others."""
        nieuw = r[~self._berekend[r]]
        if nieuw.size:
            self._prognose[nieuw] = self._bereken(nieuw)
            self._berekend[nieuw] = True
        return self._prognose[r]

    def marge(self, r: IntArray) -> Array:
        """prognose − ondergrens of replicas `r`: how much each element may still fall."""
        return np.asarray(self.prognose(r) - self.ondergrens, dtype=np.float64)

    def verloop(self, tz: Toezegging) -> Array:
        """What each commitment of `tz` adds to each element of the prognose (A, J − t + 1)."""
        cum = np.cumsum(tz.netto[:, self.t :], axis=1)
        uit = np.empty((cum.shape[0], cum.shape[1] + 1))
        uit[:, :-1] = cum
        uit[:, -1] = cum[:, -1] + tz.vordering - tz.verplichting
        return uit

    def ruimte(self, verloop: Array, r: IntArray) -> Array:
        """Per commitment (A,) in replicas `r`: the largest fraction s ≥ 0 of it that keeps
        every element of the prognose at or above its floor (inf if it only adds cash)."""
        daalt = verloop < -1e-9
        uit = np.full(r.size, np.inf)
        welke = np.flatnonzero(daalt.any(axis=1))
        if welke.size:
            deel = np.full((welke.size, verloop.shape[1]), np.inf)
            np.divide(self.marge(r[welke]), -verloop[welke], out=deel, where=daalt[welke])
            uit[welke] = np.maximum(deel.min(axis=1), 0.0)
        return uit

    def past(self, verloop: Array, r: IntArray) -> BoolArray:
        """Does each whole commitment fit (to the cent)?"""
        s = self.ruimte(verloop, r)
        with np.errstate(invalid="ignore"):
            rest = (1.0 - s) * -verloop.min(axis=1, initial=np.inf)
        return np.asarray((s >= 1.0) | (rest <= CENT))

    def kan_niet(self, nu: Array, r: IntArray) -> BoolArray:
        """True where a commitment that pays out `nu` this year (€ nominal, ≥ 0; NaN: not
        known) in replica r[i] (`nu` (len(r),) or (len(r), n)) does not fit, by that
        outlay alone: whatever else it does, :meth:`past` refuses it.

        The first element of the prognose is the cash at the end of this year, now the
        saldo; its margin m = saldo − vloer. A commitment whose flows this year come to
        −N (N > 1e-9, nothing comes in this year) has s ≤ max(m / N, 0) in :meth:`ruimte`
        and so does not fit when (1 − max(m / N, 0)) · N > CENT, i.e. N > max(m, 0) +
        CENT. `nu` is N added up in another order (a last-bit difference), so the test
        asks a little more: 1e-9 of the amounts and a millionth of a euro."""
        marge = self.saldo[r] - self.vloer
        marge = marge.reshape(marge.shape + (1,) * (nu.ndim - 1))
        grens = np.maximum(marge, 0.0) + CENT + 1e-9 * (nu + np.abs(marge)) + 1e-6
        return np.asarray(nu > grens)

    def vrij(self) -> Array:
        """Cash each replica could still commit now as an outlay this year (R,), ≥ 0."""
        laagste = self.marge(np.arange(self.replicas)).min(axis=1)
        return np.asarray(np.maximum(laagste, 0.0), dtype=np.float64)

    def boek(self, tz: Toezegging, verloop: Array, r: IntArray) -> None:
        """Commit, one commitment per replica in `r` (no replica twice): book the flows; this
        year's flows move the cash at once."""
        self.rijen[r[:, None], tz.posten] += tz.stromen  # no replica twice: no pair twice
        if "netto" in tz.__dict__:  # made for the whole horizon already: its column
            self.saldo[r] += tz.netto[:, self.t]
        else:
            self.saldo[r] += netto(tz.stromen[:, :, self.t : self.t + 1], tz.posten)[:, 0]
        self.papier[r] += tz.vordering - tz.verplichting
        bij = self._berekend[r]
        self._prognose[r[bij]] += verloop[bij]

    def replica(self, r: int) -> Kasboek:
        """Replica `r`'s books alone, to read (the settlement, the KPIs): its ledger rows
        (len(Post), J), arrears (2, nt) and (nt, J) and payments (nt, J) as views."""
        kas = copy.copy(self)
        kas.replicas = 1
        for naam in ("rijen", "saldo", "papier", "achterstand", "achterstand_jaar", "betaald"):
            setattr(kas, naam, getattr(self, naam)[r])
        return kas
