"""The instruments by which a fund owns something (METHODE §7): erfpacht (the grond) and
deelneming (the pand). See :mod:`.instrumenten` for what an instrument is and how it offers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, NamedTuple

import numpy as np

from .conventies import Instrumentsoort, Omvang
from .instrumenten import Aanbod, Instrument, Maat
from .machten import macht, macht_int64
from .panden import Array, BoolArray, FondsPanden, IntArray
from .posten import CENT, Post
from .toezegging import Toezegging, leeg, rijen, zet


class _Erfpachtmaat(NamedTuple):
    """What an erfpacht's flows need of its sizing, per pair that takes it."""

    c: IntArray  # the year the grond is bought
    s: IntArray  # the pand's start
    groei: Array  # 1 + index grond
    jaar: IntArray  # (A, termijn) the canon's years
    canon: Array  # (A, termijn) canon per € grond at s
    grond: Array  # € grond at s


@dataclass(frozen=True)
class Erfpacht(Instrument):
    """The fund buys the grond (grondaandeel · inbreng) and receives a canon indexed with
    'grond' for `termijn` years from oplevering; the grond stays the fund's. The effect on
    the pand's gap is the price minus the canon minus the grond when the term ends (each at
    the pand's rate): nothing at a canon of (1 + r)/(1 + i) − 1 with i the grond's index (a
    canon equal to the rate r when the grond is not indexed)."""

    grondaandeel: float = 0.0
    canon: float = 0.0
    termijn: int = 50
    omvang: Omvang = Omvang.MAXIMAAL
    #: the fund's rate: values the erfpacht still running at the horizon
    waarderingsvoet: float = 0.0

    soort: ClassVar[Instrumentsoort] = Instrumentsoort.ERFPACHT

    def _gemaat(
        self, fp: FondsPanden, g: IntArray, rest: Array, t: int
    ) -> tuple[Maat, _Erfpachtmaat]:
        c = np.maximum(fp.start[g], t)
        ok = c <= fp.laatste
        g, rest, c = g[ok], rest[ok], c[ok]
        s, o = fp.start[g], fp.oplevering[g]
        groei = 1.0 + fp.index_grond[g]
        jaar = np.maximum(o, c + 1)[:, None] + np.arange(self.termijn)  # (A, termijn)
        # per € grond at s
        canon = self.canon * groei[:, None] ** (jaar - s[:, None]).astype(np.float64)
        prijs = macht(groei, c - s)  # the grond's price in year c per € at s
        # the pand gets the price in year c, pays the canon, and when the term ends it must
        # buy the grond back (or lease it anew) at its indexed price: the fund counts that
        # grond as its own (`_waarde`), so the pand may not count it as gained
        d = fp.d(g, jaar)
        terug = macht(groei, jaar[:, -1] - s) * d[:, -1]
        per_euro = prijs * fp.d(g, c) - (canon * d).sum(axis=1) - terug
        bieden = ~(per_euro <= 0.0)  # the pand would not take it: it does not lower its gap
        vol = self.grondaandeel * fp.inbreng[g]
        grond = vol
        if self.omvang == Omvang.TEKORT:
            tekort = np.divide(rest, per_euro, out=np.zeros_like(rest), where=bieden)
            grond = np.minimum(vol, tekort)
        bedrag, effect = grond * prijs, grond * per_euro
        neemt = bieden & ~(grond <= CENT) & self._doelmatig(effect, bedrag, rest)
        bedrag, c = bedrag[neemt], c[neemt]
        # the grond is bought in year c, the canon comes from the year after
        m = Maat(np.flatnonzero(ok)[neemt], bedrag, effect[neemt], np.where(c == t, bedrag, 0.0))
        return m, _Erfpachtmaat(c, s[neemt], groei[neemt], jaar[neemt], canon[neemt], grond[neemt])

    def aanbod(self, fp: FondsPanden, g: IntArray, rest: Array, t: int) -> Aanbod:
        m, (c, s, groei, jaar, canon, grond) = self._gemaat(fp, g, rest, t)
        n = c.size
        posten = (Post.CANON, Post.AANKOPEN)
        stromen = leeg(n, fp.jaren, posten)
        canons, aankopen = rijen(stromen)
        aankopen[np.arange(n), c] = m.bedrag
        binnen = jaar <= fp.laatste
        paar = np.broadcast_to(np.arange(n)[:, None], jaar.shape)
        canons[paar[binnen], jaar[binnen]] += (grond[:, None] * canon)[binnen]
        vordering = grond * self._waarde(fp, s, groei, jaar, canon)
        tz = Toezegging(m.bedrag, m.effect, stromen, vordering, np.zeros(n), posten=posten)
        return Aanbod(m.paren, tz)

    def _waarde(
        self, fp: FondsPanden, s: IntArray, groei: Array, jaar: IntArray, canon: Array
    ) -> Array:
        """Per € grond at s, the fund's holding at the horizon (€ nominal): with the erfpacht
        still running, the canon still to come and the grond when the term ends, at the
        fund's rate; a term that ended before the horizon leaves the grond at its indexed
        price."""
        waarde = macht(groei, fp.laatste - s)
        na = jaar > fp.laatste  # (A, termijn): a tail of each row
        aantal_na = na.sum(axis=1)
        korting = (1.0 + self.waarderingsvoet) ** -(jaar - fp.laatste).astype(np.float64)
        for m in np.unique(aantal_na[aantal_na > 0]):
            # the same additions as one pair's tail alone: the rows with m years after the
            # horizon, their last m columns
            welke = np.flatnonzero(aantal_na == m)
            staart = (canon[welke] * korting[welke])[:, -m:].sum(axis=1)
            laatste = macht_int64(groei[welke], jaar[welke, -1] - s[welke])
            waarde[welke] = staart + laatste * korting[welke, -1]
        return waarde


@dataclass(frozen=True)
class Deelneming(Instrument):
    """The fund buys the pand at inbrengwaarde, pays the build, receives the net rent and
    sells after `verkoop_na` years at the exploitatiewaarde a buyer gives then
    (:meth:`.opbrengst.Waardering.waarde_later`: rents indexed as the law allows, a finite
    DCF run down); unsold at the horizon it holds that value of the horizon year."""

    verkoop_na: int = 0

    soort: ClassVar[Instrumentsoort] = Instrumentsoort.DEELNEMING

    def geschikt(self, fp: FondsPanden) -> BoolArray:
        return self.voor.geschikt(fp) & ~fp.geen_deelneming

    def _gemaat(
        self, fp: FondsPanden, g: IntArray, rest: Array, t: int
    ) -> tuple[Maat, tuple[IntArray, Array]]:
        # the fund buys the pand when its transformation starts, not later
        ok = fp.start[g] == t
        g, rest = g[ok], rest[ok]
        kosten = fp.kosten[g]
        bedrag = kosten.sum(axis=1)
        neemt = self._doelmatig(rest, bedrag, rest)
        g, kosten = g[neemt], kosten[neemt]
        # this year it buys, builds and may already receive: known from the flows only
        nu = np.full(g.size, np.nan)
        return Maat(np.flatnonzero(ok)[neemt], bedrag[neemt], rest[neemt], nu), (g, kosten)

    def aanbod(self, fp: FondsPanden, g: IntArray, rest: Array, t: int) -> Aanbod:
        m, (g, kosten) = self._gemaat(fp, g, rest, t)
        s, o, n = fp.start[g], fp.oplevering[g], self.verkoop_na
        a = np.arange(g.size)
        posten = (Post.VERKOOP, Post.EXPLOITATIE, Post.AANKOPEN, Post.ONTWIKKELING)
        stromen = leeg(g.size, fp.jaren, posten)
        verkoop, exploitatie, aankopen, ontwikkelingen = rijen(stromen)
        aankopen[a, s] = fp.aankoop[g]
        ontwikkeling = kosten.copy()
        ontwikkeling[a, s] -= fp.aankoop[g]
        ontwikkelingen[:] = np.clip(ontwikkeling, 0.0, None)
        zet(verkoop, o, fp.ew_koop[g][:, None])
        kolom = np.minimum(o[:, None] + np.arange(n), fp.jaren - 1)
        zet(
            exploitatie,
            o,
            np.where(o[:, None] + np.arange(n) < fp.jaren, fp.noi[g[:, None], kolom], 0.0),
        )
        # sold n years after o, or held at the horizon: the rental functies as a buyer
        # values them then (FondsPanden.ew_huur_later, ew_huur_einde)
        verkocht = o + n <= fp.laatste
        v = np.flatnonzero(verkocht)
        verkoop[v, o[v] + n] += fp.ew_huur_later[g[v], fp.verkoop_na.index(n)]
        vordering = np.zeros(g.size)
        w = np.flatnonzero(~verkocht)
        vordering[w] = fp.ew_huur_einde[g[w]]
        tz = Toezegging(m.bedrag, m.effect, stromen, vordering, np.zeros(g.size), posten=posten)
        return Aanbod(m.paren, tz)
