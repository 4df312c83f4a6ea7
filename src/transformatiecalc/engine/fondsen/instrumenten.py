"""The five instruments of a fund (METHODE §7): for one pand, what each offers.

Each instrument is a frozen dataclass of its terms with one method, ``aanbod(fp, p, rest,
t)``: what it offers pand ``p`` when the fund decides in year ``t`` and the pand's
remaining gap is ``rest`` (€ peildatum). The offer is a :class:`.toezegging.Toezegging`:
the amount, its effect on the pand's onrendabele top (€ peildatum, at the pand's own
rate) and every nominal flow it causes in the fund's cash book over the horizon, so the
fund can check it against its cash before committing (see :mod:`.kasboek`). ``None`` means the instrument
offers nothing: the pand would not take it (it does not lower the gap, or costs more than
the owner's own money), it is below ``min_effect``, or it is too late.

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
from typing import ClassVar

import numpy as np

from .conventies import Aflossing, Eigendom, Instrumentsoort, Omvang
from .leningen import Aflossingsschema, aflossingsschema, subsidie_equivalent
from .panden import Array, BoolArray, FondsPanden, IntArray
from .posten import CENT, Post
from .toezegging import Toezegging, leeg, zet


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
            ok &= np.array([bool(f & self.functies) for f in fp.functies], dtype=bool)
        if self.panden:
            ok &= np.isin(np.array(fp.pand_ids), list(self.panden))
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

    def aanbod(self, fp: FondsPanden, p: int, rest: float, t: int) -> Toezegging | None:
        """What it offers pand `p` with remaining gap `rest` (€ peildatum) when the fund
        decides in year index `t`; None when it offers nothing (module docstring)."""
        raise NotImplementedError

    def _doelmatig(self, effect: float, bedrag: float, rest: float) -> bool:
        """min_effect: the gap closed (≤ `rest`, € peildatum) per € committed is enough."""
        return min(effect, rest) >= self.min_effect * bedrag - CENT


@dataclass(frozen=True)
class Subsidie(Instrument):
    """Lost contribution paid at start: min(aandeel_ort · gap / d(c), max_per_pand, max_per_woning · w)."""

    aandeel_ort: float = 1.0
    max_per_pand: float | None = None
    max_per_woning: float | None = None

    soort: ClassVar[Instrumentsoort] = Instrumentsoort.SUBSIDIE

    def aanbod(self, fp: FondsPanden, p: int, rest: float, t: int) -> Toezegging | None:
        c = max(int(fp.start[p]), t)
        if c > fp.laatste:
            return None
        dc = fp.d1(p, c)
        bedrag = self.aandeel_ort * rest / dc
        if self.max_per_pand is not None:
            bedrag = min(bedrag, self.max_per_pand)
        if self.max_per_woning is not None:
            bedrag = min(bedrag, self.max_per_woning * float(fp.woningen[p]))
        effect = bedrag * dc
        if bedrag <= CENT or not self._doelmatig(effect, bedrag, rest):
            return None
        stromen = leeg(fp.jaren)
        stromen[Post.SUBSIDIES, c] = bedrag
        return Toezegging(bedrag, effect, c, stromen, deelbaar=True)


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

    def aanbod(self, fp: FondsPanden, p: int, rest: float, t: int) -> Toezegging | None:
        c = max(int(fp.start[p]) - self.jaren_voor_start, 0, t)
        if c > fp.laatste:
            return None
        per_euro = self.se * fp.d1(p, c)
        if per_euro < 0.0:
            return None  # dearer than the owner's own money: the pand declines it
        vol = self.aandeel_sk * float(fp.stichtingskosten[p])
        if self.max_bedrag is not None:
            vol = min(vol, self.max_bedrag)
        bedrag = min(vol, rest / per_euro) if self.omvang == Omvang.TEKORT and per_euro > 0 else vol
        effect = bedrag * per_euro
        if bedrag <= CENT or not self._doelmatig(effect, bedrag, rest):
            return None
        schema = self.schema
        stromen = leeg(fp.jaren)
        stromen[Post.LENINGEN, c] = bedrag
        terug = bedrag * (1.0 - self.wanbetaling)
        zet(stromen[Post.RENTE], c + 1, terug * schema.rente)
        zet(stromen[Post.AFLOSSING], c + 1, terug * schema.aflossing)
        uitstaand = np.zeros(fp.jaren)
        zet(uitstaand, c, bedrag * self.open_per_euro)
        verstreken = fp.laatste - c
        vordering = 0.0
        if verstreken < self.looptijd:
            vordering = terug * (schema.uitstaand[verstreken - 1] if verstreken else 1.0)
        return Toezegging(bedrag, effect, c, stromen, vordering, 0.0, uitstaand, deelbaar=True)


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

    def aanbod(self, fp: FondsPanden, p: int, rest: float, t: int) -> Toezegging | None:
        c = max(int(fp.start[p]), t)
        if c > fp.laatste:
            return None
        k = np.arange(1, self.looptijd + 1)
        per_euro = (self.renteverlaging - self.premie * self.dekking) * float(fp.d(p, c + k).sum())
        if per_euro <= 0.0:
            return None  # the pand would not take it: it does not lower its gap
        vol = self.bankfinanciering * float(fp.stichtingskosten[p])
        bank = min(vol, rest / per_euro) if self.omvang == Omvang.TEKORT else vol
        gegarandeerd = self.dekking * bank
        effect = bank * per_euro
        if bank <= CENT or not self._doelmatig(effect, gegarandeerd, rest):
            return None
        stromen = leeg(fp.jaren)
        zet(stromen[Post.PREMIES], c + 1, np.full(self.looptijd, self.premie * gegarandeerd))
        verlies = self.wanbetaling * gegarandeerd
        verliesjaar = c + self.looptijd
        na_horizon = 0.0
        if verliesjaar <= fp.laatste:
            stromen[Post.GARANTIEVERLIEZEN, verliesjaar] = verlies
        else:
            na_horizon = verlies
        return Toezegging(gegarandeerd, effect, c, stromen, 0.0, na_horizon)


@dataclass(frozen=True)
class Erfpacht(Instrument):
    """The fund buys the grond (grondaandeel · inbreng) and receives a canon indexed with
    'grond' for `termijn` years from oplevering."""

    grondaandeel: float = 0.0
    canon: float = 0.0
    termijn: int = 50
    omvang: Omvang = Omvang.MAXIMAAL
    #: the fund's rate: values the erfpacht still running at the horizon
    waarderingsvoet: float = 0.0

    soort: ClassVar[Instrumentsoort] = Instrumentsoort.ERFPACHT

    def aanbod(self, fp: FondsPanden, p: int, rest: float, t: int) -> Toezegging | None:
        s, o = int(fp.start[p]), int(fp.oplevering[p])
        c = max(s, t)
        if c > fp.laatste:
            return None
        groei = 1.0 + float(fp.index_grond[p])
        jaar = max(o, c + 1) + np.arange(self.termijn)
        canon = self.canon * groei ** (jaar - s).astype(np.float64)  # per € grond at s
        prijs = groei ** (c - s)  # the grond's price in year c per € at s
        per_euro = prijs * fp.d1(p, c) - float((canon * fp.d(p, jaar)).sum())
        if per_euro <= 0.0:
            return None  # the pand would not take it: it does not lower its gap
        vol = self.grondaandeel * float(fp.inbreng[p])
        grond = min(vol, rest / per_euro) if self.omvang == Omvang.TEKORT else vol
        bedrag, effect = grond * prijs, grond * per_euro
        if grond <= CENT or not self._doelmatig(effect, bedrag, rest):
            return None
        stromen = leeg(fp.jaren)
        stromen[Post.AANKOPEN, c] = bedrag
        binnen = jaar <= fp.laatste
        stromen[Post.CANON, jaar[binnen]] += grond * canon[binnen]
        # at the horizon the fund holds the grond with the erfpacht still running: the canon
        # still to come and the grond when the term ends, at the fund's rate; a term that
        # ended before the horizon leaves the grond at its indexed price
        na = ~binnen
        if na.any():
            korting = (1.0 + self.waarderingsvoet) ** -(jaar - fp.laatste).astype(np.float64)
            waarde = (canon * korting)[na].sum() + groei ** (jaar[-1] - s) * korting[-1]
        else:
            waarde = groei ** (fp.laatste - s)
        return Toezegging(bedrag, effect, c, stromen, grond * float(waarde))


@dataclass(frozen=True)
class Deelneming(Instrument):
    """The fund buys the pand at inbrengwaarde, pays the build, receives the net rent and
    sells after `verkoop_na` years at the exploitatiewaarde × (1 + huurindex)^n."""

    verkoop_na: int = 0

    soort: ClassVar[Instrumentsoort] = Instrumentsoort.DEELNEMING

    def geschikt(self, fp: FondsPanden) -> BoolArray:
        return self.voor.geschikt(fp) & ~fp.geen_deelneming

    def aanbod(self, fp: FondsPanden, p: int, rest: float, t: int) -> Toezegging | None:
        s, o, n = int(fp.start[p]), int(fp.oplevering[p]), self.verkoop_na
        if t != s:
            return None  # the fund buys the pand when its transformation starts, not later
        kosten = fp.kosten[p]
        bedrag = float(kosten.sum())
        if not self._doelmatig(rest, bedrag, rest):
            return None
        stromen = leeg(fp.jaren)
        stromen[Post.AANKOPEN, s] = fp.aankoop[p]
        ontwikkeling = kosten.copy()
        ontwikkeling[s] -= fp.aankoop[p]
        stromen[Post.ONTWIKKELING] = np.clip(ontwikkeling, 0.0, None)
        zet(stromen[Post.VERKOOP], o, np.array([fp.ew_koop[p]]))
        zet(stromen[Post.EXPLOITATIE], o, fp.noi[p, o : o + n])
        huurgroei = 1.0 + float(fp.index_huur[p])
        vordering = 0.0
        if o + n <= fp.laatste:
            zet(stromen[Post.VERKOOP], o + n, np.array([fp.ew_huur[p] * huurgroei**n]))
        else:
            vordering = float(fp.ew_huur[p]) * huurgroei ** (fp.laatste - o)
        return Toezegging(bedrag, rest, s, stromen, vordering)
