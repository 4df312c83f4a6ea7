"""Onrendabele top per functie and the goal seeks (METHODE §5).

The NCW of a functie (its share of the pand's project cash flow) is

    NCW_f = EW_f·d_o − (inbreng_f + verwerving_f)·d_s − (BS_f + AK_f + W&R_f)·π

with π = Σ_t bouwprofiel_t·d_t / Σ_t bouwprofiel_t (the present value of one nominal
euro spent like the bouwkosten). Inbreng and verwerving are shared by BVO; B follows
each functie's own BVO and ingreep, with named extra kosten shared by BVO; BTW applies
to the functie's own BVO where it is not recoverable; AK and W&R follow their
grondslag per functie. Σ_f NCW_f is the pand's NCW and ORT = −NCW.

Every NCW here is affine in a functie's price (rent or v.o.n. price) and in the
inbrengwaarde, so each goal seek is a closed-form linear solve from two evaluations of
the same function — exact up to rounding, no iteration. The values of the programme
(V and EW, the expensive part) depend on the price only, so they are computed once per
price (:meth:`FunctieRekening.waarden`) and shared by the evaluations that use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from .invoer import Array, IntArray, Invoer, Methode
from .kosten import Bouwkosten, opslagen
from .opbrengst import Waardering


class DisconteringPerRij(NamedTuple):
    """The discount factors of :class:`Discontering` for each functie row."""

    start: Array
    oplevering: Array
    bouw: Array


@dataclass(frozen=True)
class Discontering:
    """Per pand: discount factor of year s and of year o, and π for the building years."""

    start: Array
    oplevering: Array
    bouw: Array
    pand: IntArray  # the pand of each functie row

    @cached_property
    def per_rij(self) -> DisconteringPerRij:
        """(start, oplevering, bouw) for each functie row."""
        p = self.pand
        return DisconteringPerRij(self.start[p], self.oplevering[p], self.bouw[p])


@dataclass(frozen=True)
class Waarden:
    """V (opbrengst) and EW (exploitatiewaarde) of each functie row at one price (nominal €)."""

    opbrengst: Array
    exploitatiewaarde: Array

    def kies(self, waar: NDArray[np.bool_], anders: Waarden) -> Waarden:
        """These values where `waar`, those of `anders` elsewhere (row by row)."""
        return Waarden(
            np.where(waar, self.opbrengst, anders.opbrengst),
            np.where(waar, self.exploitatiewaarde, anders.exploitatiewaarde),
        )


@dataclass(frozen=True)
class FunctieNcw:
    """NCW of each functie row and the posts it is built from (nominal €)."""

    ncw: Array
    opbrengst: Array
    exploitatiewaarde: Array
    inbreng: Array
    verwervingskosten: Array
    algemene_kosten: Array
    winst_en_risico: Array


class _Opslagbasis(NamedTuple):
    """Per functie row: what the NCW's inbreng, AK and W&R are built from."""

    verwervingsfactor: Array  # verwervingskosten · verwerving (fraction of inbreng)
    ak: Array  # the exploitant's AK fraction
    wr: Array  # the exploitant's W&R fraction
    bouw_en_bijkomend: Array  # B + BK (€)
    bouwsom: Array  # B + BK + onvoorzien + BTW (€)


@dataclass(frozen=True)
class FunctieRekening:
    """What the NCW of a functie depends on besides prices and inbreng (fixed per scenario)."""

    inv: Invoer
    kosten: Bouwkosten
    bvo_aandeel: Array  # BVO share of the row in its pand
    voet_opbrengst: Array  # DCF rate for V per row
    voet_ew: Array  # DCF rate for EW per row
    grondfactor: Array  # per pand: (1 + i_grond)^s, inbrengwaarde → euros of year s

    @cached_property
    def waardering_opbrengst(self) -> Waardering:
        """Values V at the rate for opbrengst."""
        return Waardering(self.inv, self.voet_opbrengst)

    @cached_property
    def _waardering_ew(self) -> Waardering:
        if self.voet_ew is self.voet_opbrengst:
            return self.waardering_opbrengst
        return Waardering(self.inv, self.voet_ew)

    @cached_property
    def _per_rij(self) -> _Opslagbasis:
        inv = self.inv
        p = inv.pand
        return _Opslagbasis(
            inv.verwervingskosten[p] * inv.verwerving[p],
            inv.ak[p],
            inv.wr[p],
            self.kosten.bouw_en_bijkomend,
            self.kosten.bouwsom,
        )

    def waarden(self, prijs: Array) -> Waarden:
        """V and EW of every row at `prijs` (per unit, prijspeil); EW is V when both use
        the same rate. Row by row: a row's values depend on its own price only."""
        opbrengst = self.waardering_opbrengst.waarde(prijs)
        if self._waardering_ew is self.waardering_opbrengst:
            return Waarden(opbrengst, opbrengst)
        return Waarden(opbrengst, self._waardering_ew.waarde(prijs))

    def ncw(self, w: Waarden, inbrengwaarde: Array, d: Discontering) -> FunctieNcw:
        """NCW per row for the programme values `w` (from :meth:`waarden`)."""
        inv = self.inv
        basis, rij = self._per_rij, d.per_rij
        opbrengst, ew = w.opbrengst, w.exploitatiewaarde
        inbreng = (inbrengwaarde * self.grondfactor)[inv.pand] * self.bvo_aandeel
        verwerving = basis.verwervingsfactor * inbreng
        # The cash-flow view carries no financing costs: discounting is the cost of
        # money there (METHODE §5); the grond is the inbreng.
        ak, wr = opslagen(
            inv, basis.bouw_en_bijkomend, basis.bouwsom, opbrengst, inbreng, basis.ak, basis.wr
        )
        ncw = (
            ew * rij.oplevering
            - (inbreng + verwerving) * rij.start
            - (basis.bouwsom + ak + wr) * rij.bouw
        )
        return FunctieNcw(ncw, opbrengst, ew, inbreng, verwerving, ak, wr)


def lineaire_oplossing(x0: Array, y0: Array, x1: Array, y1: Array) -> Array:
    """x where the line through (x0, y0) and (x1, y1) is zero; NaN where it is flat."""
    helling = (y1 - y0) / (x1 - x0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(helling != 0.0, x0 - y0 / helling, np.nan)


def kostprijsdekkende_prijs(
    rek: FunctieRekening, basis: FunctieNcw, dubbel: Waarden, inbreng: Array, d: Discontering
) -> Array:
    """Price per row (same unit as ``Invoer.prijs``, prijspeil) at which NCW_f = 0.

    `dubbel` are the programme values at twice the price. For a rental functie this is
    the kostprijsdekkende huur; for a koopwoning the kostprijsdekkende v.o.n.-prijs. NaN
    where the NCW does not rise with the price.
    """
    prijs = rek.inv.prijs
    hoger = rek.ncw(dubbel, inbreng, d).ncw
    uitkomst = lineaire_oplossing(prijs, basis.ncw, 2.0 * prijs, hoger)
    return np.where(hoger > basis.ncw, uitkomst, np.nan)


def break_even_rendement(rek: FunctieRekening, basis: FunctieNcw, prijs_nul: Array) -> Array:
    """BAR/NAR at which NCW_f = 0 for bar/nar rows (NaN for others).

    V ∝ 1/rendement at a fixed rent, and NCW_f is affine in V, so the break-even
    yield is rendement · V / V*, with V* the value at the kostprijsdekkende huur.
    """
    inv = rek.inv
    v_nul = rek.waardering_opbrengst.waarde(prijs_nul)
    with np.errstate(divide="ignore", invalid="ignore"):
        uit = inv.rendement * basis.opbrengst / v_nul
    return np.where(np.isfinite(uit) & (v_nul > 0), uit, np.nan)


def huurfactor(
    rek: FunctieRekening,
    basis: Waarden,
    dubbel: Waarden,
    inbreng: Array,
    d: Discontering,
    segmenten: IntArray,
) -> Array:
    """Per pand: the factor on all rents (not koop prices) at which the pand's NCW is zero.

    `basis` and `dubbel` are the programme values at the price and at twice the price.
    Evaluated with the discount factors `d` — at the exploitant's rendementseis this
    is the rent level at which the development IRR equals that rendementseis.
    """
    inv = rek.inv
    huur = inv.methode != Methode.KOOP
    n1 = np.add.reduceat(rek.ncw(basis, inbreng, d).ncw, segmenten)
    n2 = np.add.reduceat(rek.ncw(dubbel.kies(huur, basis), inbreng, d).ncw, segmenten)
    heeft_huur = np.add.reduceat(huur.astype(np.float64), segmenten) > 0
    een = np.ones_like(n1)
    factor = lineaire_oplossing(een, n1, 2.0 * een, n2)
    return np.where(heeft_huur & (n2 > n1), factor, np.nan)
