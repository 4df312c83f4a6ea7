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
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from ..verevening import Pot
from .conventies import Aflossing, Tranchesoort
from .leningen import aflossingsschema
from .panden import Array
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
    """Ledger rows (len(Post), J), cash and the tranche service of one fund (€ nominal)."""

    def __init__(self, jaren: int, tranches: tuple[Tranche, ...], kredietlimiet: float) -> None:
        self.jaren = jaren
        self.laatste = jaren - 1
        self.rijen = np.zeros((len(Post), jaren))  # one row per Post, ≥ 0
        self.saldo = 0.0
        self.vloer = -kredietlimiet
        self.papier = 0.0  # Σ vordering − verplichting of the commitments
        self.t = 0
        self.tranches = tranches
        nt = len(tranches)
        self.schuld = np.zeros((len(Schuldpost), nt, jaren))  # contractual, due per year
        self.achterstand = np.zeros((len(Schuldpost), nt))  # due and not yet paid
        self.achterstand_jaar = np.zeros((nt, jaren))  # arrears at each year's end
        self.betaald = np.zeros((nt, jaren))
        self.open_na_horizon = np.zeros(nt)  # loan principal not yet due at the horizon
        for i, tr in enumerate(tranches):
            self.rijen[Post.STORTINGEN, tr.jaar] += tr.bedrag
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
        self._prognose: Array | None = None
        self._marge: Array | None = None
        self._ondergrens = np.full(jaren + 1, self.vloer)
        self._ondergrens[-1] = 0.0

    # ---------------------------------------------------------------- flows
    def draag_pot(self, pot: Pot) -> None:
        """Carry the verevening pot: its beginsaldo is the opening cash, its flows are booked."""
        self.saldo += pot.beginsaldo
        self.rijen[Post.VEREVENINGSBIJDRAGEN] += pot.bijdragen
        self.rijen[Post.VEREVENINGSTOEWIJZINGEN] += pot.toewijzingen

    def jaar_begin(self, t: int) -> None:
        """Year t: receive and pay what was booked for it, then serve the tranches in order of
        rang (interest before principal), as far as cash above the floor allows; what cannot
        be paid becomes achterstand, due again next year (without extra interest)."""
        self.t = t
        self.saldo += float(netto(self.rijen[:, t]))
        vrij = max(self.saldo - self.vloer, 0.0)
        for i in range(len(self.tranches)):
            for post in Schuldpost:
                verschuldigd = self.schuld[post, i, t] + self.achterstand[post, i]
                betaling = min(verschuldigd, vrij)
                vrij -= betaling
                self.achterstand[post, i] = verschuldigd - betaling
                self.rijen[post.rij, t] += betaling
                self.betaald[i, t] += betaling
                self.saldo -= betaling
        self.achterstand_jaar[:, t] = self.achterstand.sum(axis=0)
        self._prognose = self._marge = None
        self._ondergrens = np.full(self.jaren - t + 1, self.vloer)
        self._ondergrens[-1] = 0.0

    # ----------------------------------------------------------- projection
    @property
    def prognose(self) -> Array:
        """Projected cash at the end of years t … J−1, then the paper value at the horizon."""
        if self._prognose is None:
            t = self.t
            toekomst = netto(self.rijen[:, t + 1 :]) - self.schuld[:, :, t + 1 :].sum(axis=(0, 1))
            if toekomst.size:
                toekomst[0] -= self.achterstand.sum()
            kas = self.saldo + np.r_[0.0, np.cumsum(toekomst)]
            lening = np.array([tr.is_lening for tr in self.tranches], dtype=bool)
            eind = self.papier - float(self.open_na_horizon[lening].sum())
            if not toekomst.size:  # the horizon: arrears stay a claim in the settlement
                eind -= float(self.achterstand.sum())
            uit = np.empty(kas.size + 1)
            uit[:-1] = kas
            uit[-1] = kas[-1] + eind
            self._prognose = uit
        return self._prognose

    @property
    def marge(self) -> Array:
        """prognose − ondergrens: how much each element may still fall."""
        if self._marge is None:
            self._marge = self.prognose - self._ondergrens
        return self._marge

    @property
    def ondergrens(self) -> Array:
        """The floor of each element of the prognose: −kredietlimiet for cash, 0 on paper."""
        return self._ondergrens

    def verloop(self, tz: Toezegging) -> Array:
        """What commitment `tz` adds to each element of the prognose."""
        cum = np.cumsum(tz.netto[self.t :])
        uit = np.empty(cum.size + 1)
        uit[:-1] = cum
        uit[-1] = cum[-1] + tz.vordering - tz.verplichting
        return uit

    def ruimte(self, verloop: Array) -> float:
        """The largest fraction s ≥ 0 of a commitment with this `verloop` that keeps every
        element of the prognose at or above its floor (inf if it only adds cash)."""
        daalt = verloop < -1e-9
        if not daalt.any():
            return float("inf")
        marge = self.marge[daalt]
        return max(float((marge / -verloop[daalt]).min()), 0.0)

    def past(self, verloop: Array) -> bool:
        """Does the whole commitment fit (to the cent)?"""
        s = self.ruimte(verloop)
        return s >= 1.0 or (1.0 - s) * float(-verloop.min()) <= CENT

    def vrij(self) -> float:
        """Cash the fund could still commit now as an outlay this year (≥ 0)."""
        return max(float(self.marge.min()), 0.0)

    def boek(self, tz: Toezegging, verloop: Array) -> None:
        """Commit: book the flows; this year's flows move the cash at once."""
        self.rijen += tz.stromen
        self.saldo += float(netto(tz.stromen[:, self.t]))
        self.papier += tz.vordering - tz.verplichting
        if self._prognose is not None:
            self._prognose = self._prognose + verloop
        self._marge = None
