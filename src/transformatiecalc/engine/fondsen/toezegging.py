"""Commitments of a fund (METHODE §7): for A (replica, pand) pairs at once, what one
instrument commits to each — its amount, its effect on the pand's onrendabele top and every
nominal flow it causes in the cash book.

A batch holds one commitment per pair; a pair the instrument offers nothing has none (the
batch is cut to the pairs that take it, see :meth:`Toezegging.deel`). With one replica and
one pand a batch is a single commitment.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import numpy as np

from .panden import Array, BoolArray, IntArray
from .posten import NAAR_PANDEN_POSTEN, VAN_PANDEN_POSTEN, Post, netto


@dataclass
class Toezegging:
    """What one instrument does for A pairs: amounts, effects and nominal flows, (A,) each.

    ``stromen`` has per pair one row per ledger post in ``posten`` (the posts it may move,
    in :class:`.posten.Post` order; every other post is zero) and one column per year, all
    amounts ≥ 0 (the post says whether it is money in or out); :meth:`rij` is one post's
    row. ``vordering`` is what the fund expects to hold at the horizon because of it (a
    loan's remaining principal, erfpacht grond, an unsold deelneming), ``verplichting`` an
    expected outlay after the horizon (a guarantee's loss); both count in the settlement on
    paper. ``uitstaand`` is a loan's contractual principal at the end of each year (the
    base of beheerkosten), (A, J).
    """

    bedrag: Array  # € nominal: subsidie, loan, guaranteed part, grond, or purchase + build
    effect: Array  # reduction of the pand's ORT, € peildatum
    stromen: Array  # (A, len(posten), J) € nominal, ≥ 0
    vordering: Array
    verplichting: Array
    uitstaand: Array | None = None
    deelbaar: bool = False  # may be granted in part (bij_geldgebrek: deels)
    #: the posts of the rows of `stromen`, in Post order
    posten: tuple[int, ...] = tuple(Post)

    @cached_property
    def netto(self) -> Array:
        """Net flow into the fund per pair and year (A, J), € nominal (+ in, − out)."""
        return netto(self.stromen, self.posten)

    def rij(self, post: Post) -> Array:
        """The flows of `post` per pair and year (A, J): a view to write into."""
        return self.stromen[:, self.posten.index(post)]

    def met_post(self, post: Post) -> None:
        """Row `post` of the flows may be non-zero from now on (zero until the caller
        writes it)."""
        if post not in self.posten:
            posten = tuple(sorted((*self.posten, post)))
            plek = posten.index(post)
            a, n, j = self.stromen.shape
            stromen = np.empty((a, n + 1, j))
            stromen[:, :plek] = self.stromen[:, :plek]
            stromen[:, plek] = 0.0
            stromen[:, plek + 1 :] = self.stromen[:, plek:]
            self.stromen, self.posten = stromen, posten
        for naam in _PER_PAAR:
            self.__dict__.pop(naam, None)

    @cached_property
    def naar_pand(self) -> Array:
        """Σ of the money from the fund to or for the pand (A,), € nominal, ≥ 0."""
        return _som_per_paar(self._volledig(NAAR_PANDEN_POSTEN))

    @cached_property
    def van_pand(self) -> Array:
        """Σ of the money from the pand to the fund (A,), € nominal, ≥ 0."""
        return _som_per_paar(self._volledig(VAN_PANDEN_POSTEN))

    def _volledig(self, posten: tuple[Post, ...]) -> Array:
        """The rows of `posten` (A, len(posten), J), zero where this batch has none."""
        uit = np.zeros((self.stromen.shape[0], len(posten), self.stromen.shape[2]))
        for i, post in enumerate(self.posten):
            if post in posten:
                uit[:, posten.index(Post(post))] = self.stromen[:, i]
        return uit

    def deel(self, welke: IntArray | slice) -> Toezegging:
        """The commitments of the pairs `welke`: increasing indices into this batch, as from
        ``np.flatnonzero`` (all of them: this batch itself), or a slice (views into it)."""
        if not isinstance(welke, slice) and welke.size == self.bedrag.size:
            return self
        tz = Toezegging(
            self.bedrag[welke],
            self.effect[welke],
            self.stromen[welke],
            self.vordering[welke],
            self.verplichting[welke],
            None if self.uitstaand is None else self.uitstaand[welke],
            self.deelbaar,
            self.posten,
        )
        for naam in _PER_PAAR:  # made already: per pair the same numbers
            if naam in self.__dict__:
                tz.__dict__[naam] = self.__dict__[naam][welke]
        return tz

    def maal(self, s: Array) -> Toezegging:
        """The same commitments at fraction `s` (A,) of their size (every flow is linear)."""
        return Toezegging(
            self.bedrag * s,
            self.effect * s,
            self.stromen * s[:, None, None],
            self.vordering * s,
            self.verplichting * s,
            None if self.uitstaand is None else self.uitstaand * s[:, None],
            self.deelbaar,
            self.posten,
        )


#: The cached_property's of a Toezegging, each with one row per pair.
_PER_PAAR = ("netto", "naar_pand", "van_pand")


def _som_per_paar(x: Array) -> Array:
    """Σ over all but the first axis, per pair: the same additions as the sum of one pair's
    contiguous block alone."""
    rijen = np.ascontiguousarray(x).reshape(x.shape[0], x[0].size if len(x) else 0)
    return np.asarray(rijen.sum(axis=1), dtype=np.float64)


class Onderdeel(NamedTuple):
    """One instrument's part of the packages of some pairs of a batch."""

    instrument: int  # index in FondsInvoer.instrumenten
    paren: IntArray  # indices into the batch of the pairs that take it
    toezegging: Toezegging


class Pakket(NamedTuple):
    """The packages of a batch of pairs: each instrument's part (in the order they were
    offered), all parts of a pair as one commitment, and — when built ahead of the
    decisions (:class:`Voorraad`) — what each adds to the prognose of the year
    (:meth:`.kasboek.Kasboek.verloop`)."""

    delen: list[Onderdeel]
    totaal: Toezegging
    verloop: Array | None = None

    def deel(self, welke: IntArray | slice) -> Pakket:
        """The packages of the pairs `welke` — increasing indices (all of them: this batch
        itself) or a slice (views) — numbered from 0 again: the same numbers as building
        those pairs alone, since every pair's are its own."""
        delen = []
        if isinstance(welke, slice):
            begin, eind, _ = welke.indices(self.totaal.bedrag.size)
            for k, paren, tz in self.delen:  # `paren` increase: a slice of every part
                i, j = np.searchsorted(paren, [begin, eind]).tolist()
                if j > i:
                    delen.append(Onderdeel(k, paren[i:j] - begin, tz.deel(slice(i, j))))
        elif welke.size == self.totaal.bedrag.size:
            return self
        else:
            for k, paren, tz in self.delen:
                plek = np.searchsorted(welke, paren)
                neemt = plek < welke.size
                neemt[neemt] = welke[plek[neemt]] == paren[neemt]
                if neemt.any():
                    delen.append(Onderdeel(k, plek[neemt], tz.deel(np.flatnonzero(neemt))))
        verloop = None if self.verloop is None else self.verloop[welke]
        return Pakket(delen, self.totaal.deel(welke), verloop)


class Voorraad(NamedTuple):
    """Packages built ahead with their flows for some rows of a batch — those that could
    pay this year's part with the cash when they were built (the cash only falls within
    a year, so most that are tried later are among them): which rows (increasing indices
    into the batch) and their packages, in that order."""

    rijen: IntArray
    pakket: Pakket

    def stuk(self, begin: int, eind: int) -> Voorraad:
        """The built rows among batch rows begin … eind − 1, numbered from 0 again (views)."""
        i, j = np.searchsorted(self.rijen, [begin, eind]).tolist()
        return Voorraad(self.rijen[i:j] - begin, self.pakket.deel(slice(i, j)))

    def neem(self, wie: IntArray) -> Pakket | None:
        """The packages of batch rows `wie` (increasing) if all of them were built."""
        plek = np.searchsorted(self.rijen, wie)
        if np.any(plek >= self.rijen.size) or not np.array_equal(self.rijen[plek], wie):
            return None
        return self.pakket.deel(plek)


class Raming(NamedTuple):
    """The packages of a batch of pairs sized without their flows
    (:meth:`.toewijzing.Toewijzing.ramen`), per pair: whether any instrument offers
    something, the package's amount (€ nominal) and effect on the gap (€ peildatum) — the
    same numbers as its :class:`Pakket` — and what it pays out in the year of the decision
    (€ nominal, ≥ 0; NaN: not known without the flows)."""

    heeft: BoolArray
    bedrag: Array
    effect: Array
    nu: Array

    def deel(self, welke: slice | IntArray | tuple[IntArray, IntArray]) -> Raming:
        """The packages of the pairs `welke` (any index of the arrays)."""
        return Raming(self.heeft[welke], self.bedrag[welke], self.effect[welke], self.nu[welke])

    @staticmethod
    def samen(delen: list[Raming]) -> Raming:
        """The packages of `delen` (batches of pairs) one batch after the other."""
        return Raming(*(np.concatenate(x) for x in zip(*delen, strict=True)))

    def verspreid(self, plekken: IntArray, vorm: tuple[int, ...]) -> Raming:
        """These packages at the flat positions `plekken` of arrays of shape `vorm`
        (nothing offered, zero, elsewhere)."""
        uit = Raming(np.zeros(vorm, dtype=bool), np.zeros(vorm), np.zeros(vorm), np.zeros(vorm))
        for vol, x in zip(uit, self, strict=True):
            vol.reshape(-1)[plekken] = x
        return uit


def samen(pakket: list[Onderdeel], aantal: int, jaren: int) -> Toezegging:
    """Every pair's package as one commitment (its flows, claims, amounts and effects added
    up in instrument order), for a batch of `aantal` pairs."""
    posten = tuple(sorted({post for _, _, tz in pakket for post in tz.posten}))
    stromen = leeg(aantal, jaren, posten)
    bedrag, effect = np.zeros(aantal), np.zeros(aantal)
    vordering, verplichting = np.zeros(aantal), np.zeros(aantal)
    for _, paren, tz in pakket:
        for i, post in enumerate(tz.posten):
            stromen[paren, posten.index(post)] += tz.stromen[:, i]
        vordering[paren] += tz.vordering
        verplichting[paren] += tz.verplichting
        bedrag[paren] += tz.bedrag
        effect[paren] += tz.effect
    return Toezegging(bedrag, effect, stromen, vordering, verplichting, posten=posten)


def leeg(aantal: int, jaren: int, posten: tuple[int, ...]) -> Array:
    """An (A, len(posten), J) array of zero flows."""
    return np.zeros((aantal, len(posten), jaren))


def rijen(stromen: Array) -> list[Array]:
    """The rows of `stromen` (A, n, J) one post at a time: n views (A, J) to write into."""
    return [stromen[:, i] for i in range(stromen.shape[1])]


def zet(rij: Array, begin: IntArray, waarden: Array) -> None:
    """Add `waarden` (A, n) to `rij` (A, J) from each pair's year `begin` (A,, ≥ 0) on;
    what falls past the horizon is dropped.

    Written into a zero row wide enough for every pair, which is then added to `rij` whole:
    the same numbers as adding at those places only, since `rij` holds no −0.0 (every
    ledger amount is ≥ 0, built up from +0.0) and x + 0.0 is then x."""
    a, n = waarden.shape
    if not a or not n:
        return
    if int(begin.min()) < 0:  # would write into the row of the pair before
        raise ValueError("zet: een stroom kan niet vóór jaar 0 beginnen")
    j = rij.shape[1]
    breed = max(j, int(begin.max())) + n
    buffer = np.zeros((a, breed))
    plek = (np.arange(a) * breed + begin)[:, None] + np.arange(n)
    buffer.reshape(-1)[plek] = waarden
    rij += buffer[:, :j]
