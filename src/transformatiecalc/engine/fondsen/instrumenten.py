"""The instruments of a fund (METHODE §7): for one pand, what each offers — subsidie,
lening and garantie here, erfpacht and deelneming (the fund owns the grond or the pand) in
:mod:`.bezit`.

Each instrument is a frozen dataclass of its terms; ``aanbod(fp, g, rest, t)`` gives
what it offers the pand rows ``g`` (A pairs of replica and pand, see :mod:`.panden`)
when the fund decides in year ``t`` and their remaining gaps are ``rest`` (€ peildatum).
The offer is an :class:`Aanbod`: which pairs get one, and for those a
:class:`.toezegging.Toezegging` — the amount, its effect on the pand's onrendabele top
(€ peildatum, at the pand's own rate) and every nominal flow it causes in the fund's
cash book over the horizon, so the fund can check it against its cash before committing
(see :mod:`.kasboek`). A pair gets nothing when the pand would not take it (it does not
lower the gap, or costs more than the owner's own money), it is below ``min_effect``, or
it is too late. Every pair's numbers are computed with the same operations as for that
pair alone. ``maat(fp, g, rest, t)`` sizes the same offers without their flows (a
:class:`Maat`: the same amounts and effects, and what each pays out in year t), so that
a package that cannot pay this year's part need not be built
(:meth:`.kasboek.Kasboek.kan_niet`); both start from the instrument's ``_gemaat``.

A pand that waits (the fund had no cash) is offered the instruments again in a later year
``t``: everything then starts at ``c = max(t, the year it would have started)`` — a
subsidy is paid in year c (nominally more, the same present value), a loan is lent in c,
a guarantee and an erfpacht run from c. A deelneming buys the pand at its start or not at
all.

Amounts are € nominal in the year they move unless said; effects are € peildatum at the
pand's own disconteringsvoet (the basis of its ORT); years are indices from the startjaar.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar, NamedTuple

import numpy as np

from .conventies import Aflossing, Eigendom, Instrumentsoort, Omvang
from .leningen import Aflossingsschema, aflossingsschema, subsidie_equivalent
from .panden import Array, BoolArray, FondsPanden, IntArray
from .posten import CENT, Post
from .toezegging import Toezegging, leeg, rijen, zet


class Aanbod(NamedTuple):
    """An instrument's offers to a batch of A pairs: which pairs get one (indices into the
    batch, in batch order) and their commitments."""

    paren: IntArray
    toezegging: Toezegging


class Maat(NamedTuple):
    """An instrument's offers sized without their flows: which pairs get one (indices into
    the batch, in batch order), the amount (€ nominal) and the effect (€ peildatum), the
    same numbers as in its :class:`Aanbod`, and what it pays out in the year of the decision
    t (€ nominal, ≥ 0; NaN where that needs the flows: a deelneming)."""

    paren: IntArray
    bedrag: Array
    effect: Array
    nu: Array


@dataclass(frozen=True)
class Voorwaarden:
    """Eligibility of a pand for an instrument (all conditions must hold)."""

    eigendom: Eigendom = Eigendom.ALLE
    functies: frozenset[str] = frozenset()  # the programme has at least one (empty: any)
    panden: frozenset[str] = frozenset()  # only these pand ids (empty: any)
    min_woningen: float = 0.0
    min_betaalbaar: float = 0.0  # share of betaalbare woningen in all woningen

    def geschikt(self, fp: FondsPanden) -> BoolArray:
        """Mask (P,) of the panden that meet every condition."""
        ok = np.ones(fp.aantal, dtype=bool)
        if self.eigendom == Eigendom.PUBLIEK:
            ok &= fp.publiek
        elif self.eigendom == Eigendom.PRIVAAT:
            ok &= ~fp.publiek
        if self.functies:
            ok &= fp.per_pand(np.array([bool(f & self.functies) for f in fp.functies], dtype=bool))
        if self.panden:
            ok &= fp.per_pand(np.isin(np.array(fp.pand_ids), list(self.panden)))
        ok &= fp.woningen >= self.min_woningen
        if self.min_betaalbaar > 0:
            with np.errstate(divide="ignore", invalid="ignore"):
                aandeel = np.where(fp.woningen > 0, fp.betaalbare_woningen / fp.woningen, 0.0)
            ok &= (fp.woningen > 0) & (aandeel >= self.min_betaalbaar - 1e-12)
        return ok


@dataclass(frozen=True)
class Instrument:
    """Terms every instrument has: a name, eligibility and a minimum effectiveness."""

    naam: str
    voor: Voorwaarden
    min_effect: float  # ORT closed (€ peildatum, ≤ the gap) per € committed; 0 = no demand

    soort: ClassVar[Instrumentsoort]

    def geschikt(self, fp: FondsPanden) -> BoolArray:
        """Mask (P,) of the panden this instrument may serve."""
        return self.voor.geschikt(fp)

    def betaaljaar(self, fp: FondsPanden) -> IntArray:
        """Year of the (first) outlay when the pand is served on time: its start."""
        return fp.start

    def aanbod(self, fp: FondsPanden, g: IntArray, rest: Array, t: int) -> Aanbod:
        """What it offers the rows `g` (A,) with remaining gaps `rest` (€ peildatum) when
        the fund decides in year index `t` (module docstring)."""
        raise NotImplementedError

    def maat(self, fp: FondsPanden, g: IntArray, rest: Array, t: int) -> Maat:
        """The offers of :meth:`aanbod` sized only: no flows (a package that cannot be
        paid this year need not be built, see :meth:`.kasboek.Kasboek.kan_niet`)."""
        return self._gemaat(fp, g, rest, t)[0]

    def _gemaat(self, fp: FondsPanden, g: IntArray, rest: Array, t: int) -> tuple[Maat, Any]:
        """The sizing both :meth:`maat` and :meth:`aanbod` start from, and what the flows
        need of it (per instrument)."""
        raise NotImplementedError

    def _doelmatig(self, effect: Array, bedrag: Array, rest: Array) -> BoolArray:
        """min_effect: the gap closed (≤ `rest`, € peildatum) per € committed is enough."""
        return np.asarray(np.minimum(effect, rest) >= self.min_effect * bedrag - CENT)


@dataclass(frozen=True)
class Subsidie(Instrument):
    """Lost contribution paid at start: min(aandeel_ort · gap / d(c), max_per_pand, max_per_woning · w)."""

    aandeel_ort: float = 1.0
    max_per_pand: float | None = None
    max_per_woning: float | None = None

    soort: ClassVar[Instrumentsoort] = Instrumentsoort.SUBSIDIE

    def _gemaat(self, fp: FondsPanden, g: IntArray, rest: Array, t: int) -> tuple[Maat, IntArray]:
        c = np.maximum(fp.start[g], t)
        ok = c <= fp.laatste
        g, rest, c = g[ok], rest[ok], c[ok]
        dc = fp.d(g, c)
        bedrag = self.aandeel_ort * rest / dc
        if self.max_per_pand is not None:
            bedrag = np.minimum(bedrag, self.max_per_pand)
        if self.max_per_woning is not None:
            bedrag = np.minimum(bedrag, self.max_per_woning * fp.woningen[g])
        effect = bedrag * dc
        neemt = ~(bedrag <= CENT) & self._doelmatig(effect, bedrag, rest)
        bedrag, c = bedrag[neemt], c[neemt]
        nu = np.where(c == t, bedrag, 0.0)
        return Maat(np.flatnonzero(ok)[neemt], bedrag, effect[neemt], nu), c

    def aanbod(self, fp: FondsPanden, g: IntArray, rest: Array, t: int) -> Aanbod:
        m, c = self._gemaat(fp, g, rest, t)
        n = m.bedrag.size
        posten = (Post.SUBSIDIES,)
        stromen = leeg(n, fp.jaren, posten)
        (subsidies,) = rijen(stromen)
        subsidies[np.arange(n), c] = m.bedrag
        nul = np.zeros(n)
        tz = Toezegging(m.bedrag, m.effect, stromen, nul, nul.copy(), deelbaar=True, posten=posten)
        return Aanbod(m.paren, tz)


@dataclass(frozen=True)
class Lening(Instrument):
    """A loan to the pand; its subsidie-equivalent at the market rate closes part of the gap."""

    aandeel_sk: float = 0.0
    max_bedrag: float | None = None
    rente: float = 0.0
    marktrente: float = 0.0
    looptijd: int = 1
    aflossing: Aflossing = Aflossing.ANNUITAIR
    aflossingsvrij: int = 0
    jaren_voor_start: int = 0
    wanbetaling: float = 0.0  # expected loss: kans × verlies (repayments fall by it)
    omvang: Omvang = Omvang.MAXIMAAL
    #: the fund's rate: values the payments still due after the horizon
    waarderingsvoet: float = 0.0

    soort: ClassVar[Instrumentsoort] = Instrumentsoort.LENING

    @cached_property
    def schema(self) -> Aflossingsschema:
        """Interest, principal and outstanding per € lent, years 1 … looptijd."""
        return aflossingsschema(self.rente, self.looptijd, self.aflossing, self.aflossingsvrij)

    @cached_property
    def open_per_euro(self) -> Array:
        """Contractual principal outstanding per € lent at the end of years 0 … looptijd."""
        return np.asarray(np.concatenate(([1.0], self.schema.uitstaand)), dtype=np.float64)

    @cached_property
    def se(self) -> float:
        """Subsidie-equivalent per € lent, valued in the year of lending."""
        return subsidie_equivalent(self.schema.rente, self.schema.aflossing, self.marktrente)

    def betaaljaar(self, fp: FondsPanden) -> IntArray:
        """The loan is paid `jaren_voor_start` years before the start (not before t = 0)."""
        return np.maximum(fp.start - self.jaren_voor_start, 0)

    def _gemaat(self, fp: FondsPanden, g: IntArray, rest: Array, t: int) -> tuple[Maat, IntArray]:
        c = np.maximum(np.maximum(fp.start[g] - self.jaren_voor_start, 0), t)
        ok = c <= fp.laatste
        per_euro = np.zeros(g.size)
        per_euro[ok] = self.se * fp.d(g[ok], c[ok])
        ok &= ~(per_euro < 0.0)  # dearer than the owner's own money: the pand declines it
        g, rest, c, per_euro = g[ok], rest[ok], c[ok], per_euro[ok]
        vol = self.aandeel_sk * fp.stichtingskosten[g]
        if self.max_bedrag is not None:
            vol = np.minimum(vol, self.max_bedrag)
        bedrag = vol
        if self.omvang == Omvang.TEKORT:
            positief = per_euro > 0
            tekort = np.divide(rest, per_euro, out=np.zeros_like(rest), where=positief)
            bedrag = np.where(positief, np.minimum(vol, tekort), vol)
        effect = bedrag * per_euro
        neemt = ~(bedrag <= CENT) & self._doelmatig(effect, bedrag, rest)
        bedrag, effect, c = bedrag[neemt], effect[neemt], c[neemt]
        nu = np.where(c == t, bedrag, 0.0)
        return Maat(np.flatnonzero(ok)[neemt], bedrag, effect, nu), c

    def aanbod(self, fp: FondsPanden, g: IntArray, rest: Array, t: int) -> Aanbod:
        m, c = self._gemaat(fp, g, rest, t)
        bedrag, effect = m.bedrag, m.effect
        n, schema = bedrag.size, self.schema
        posten = (Post.AFLOSSING, Post.RENTE, Post.LENINGEN)
        stromen = leeg(n, fp.jaren, posten)
        aflossing, rente, leningen = rijen(stromen)
        leningen[np.arange(n), c] = bedrag
        terug = bedrag * (1.0 - self.wanbetaling)
        zet(rente, c + 1, terug[:, None] * schema.rente)
        zet(aflossing, c + 1, terug[:, None] * schema.aflossing)
        uitstaand = np.zeros((n, fp.jaren))
        zet(uitstaand, c, bedrag[:, None] * self.open_per_euro)
        # what the fund is still owed at the horizon: the expected interest and principal of
        # the years after it, at the fund's rate (a loan at 0 % over 50 years is worth
        # less than its principal; nothing once the term has ended)
        jaar = c[:, None] + np.arange(1, self.looptijd + 1)
        korting = (1.0 + self.waarderingsvoet) ** -(jaar - fp.laatste).astype(np.float64)
        na = np.where(jaar > fp.laatste, (schema.rente + schema.aflossing) * korting, 0.0)
        vordering = terug * na.sum(axis=1)
        tz = Toezegging(bedrag, effect, stromen, vordering, np.zeros(n), uitstaand, True, posten)
        return Aanbod(m.paren, tz)


@dataclass(frozen=True)
class Garantie(Instrument):
    """A guarantee on the pand's bank loan: lowers its rate, earns a premium, pays the
    expected loss at the end of the term."""

    bankfinanciering: float = 0.0  # bank loan as a fraction of SK
    dekking: float = 0.0
    premie: float = 0.0
    renteverlaging: float = 0.0
    looptijd: int = 1
    wanbetaling: float = 0.0
    omvang: Omvang = Omvang.MAXIMAAL

    soort: ClassVar[Instrumentsoort] = Instrumentsoort.GARANTIE

    def _gemaat(self, fp: FondsPanden, g: IntArray, rest: Array, t: int) -> tuple[Maat, IntArray]:
        c = np.maximum(fp.start[g], t)
        ok = c <= fp.laatste
        k = np.arange(1, self.looptijd + 1)
        per_euro = np.zeros(g.size)
        factor = self.renteverlaging - self.premie * self.dekking
        per_euro[ok] = factor * fp.d(g[ok], c[ok, None] + k).sum(axis=1)
        ok &= ~(per_euro <= 0.0)  # the pand would not take it: it does not lower its gap
        g, rest, c, per_euro = g[ok], rest[ok], c[ok], per_euro[ok]
        vol = self.bankfinanciering * fp.stichtingskosten[g]
        bank = np.minimum(vol, rest / per_euro) if self.omvang == Omvang.TEKORT else vol
        gegarandeerd = self.dekking * bank
        effect = bank * per_euro
        neemt = ~(bank <= CENT) & self._doelmatig(effect, gegarandeerd, rest)
        gegarandeerd, effect, c = gegarandeerd[neemt], effect[neemt], c[neemt]
        # premiums from c + 1, the loss at c + looptijd: nothing moves in year t
        return Maat(np.flatnonzero(ok)[neemt], gegarandeerd, effect, np.zeros(c.size)), c

    def aanbod(self, fp: FondsPanden, g: IntArray, rest: Array, t: int) -> Aanbod:
        m, c = self._gemaat(fp, g, rest, t)
        gegarandeerd, n = m.bedrag, c.size
        posten = (Post.PREMIES, Post.GARANTIEVERLIEZEN)
        stromen = leeg(n, fp.jaren, posten)
        premies, verliezen = rijen(stromen)
        zet(
            premies,
            c + 1,
            np.broadcast_to((self.premie * gegarandeerd)[:, None], (n, self.looptijd)),
        )
        verlies = self.wanbetaling * gegarandeerd
        verliesjaar = c + self.looptijd
        binnen = verliesjaar <= fp.laatste
        verliezen[np.flatnonzero(binnen), verliesjaar[binnen]] = verlies[binnen]
        na_horizon = np.where(binnen, 0.0, verlies)
        tz = Toezegging(gegarandeerd, m.effect, stromen, np.zeros(n), na_horizon, posten=posten)
        return Aanbod(m.paren, tz)
