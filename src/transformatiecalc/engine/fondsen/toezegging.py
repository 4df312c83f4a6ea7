"""One commitment of a fund to one pand (METHODE §7): its amount, its effect on the pand's
onrendabele top and every nominal flow it causes in the cash book.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .panden import Array
from .posten import NAAR, VAN, Post, netto


@dataclass
class Toezegging:
    """What one instrument does for one pand: amount, effect and nominal flows.

    ``stromen`` has one row per ledger post (:class:`.posten.Post`) and one column per year,
    all amounts ≥ 0 (the post says whether it is money in or out). ``vordering`` is what
    the fund expects to hold at the horizon because of it (a loan's remaining principal,
    erfpacht grond, an unsold deelneming), ``verplichting`` an expected outlay after the
    horizon (a guarantee's loss); both count in the settlement on paper. ``uitstaand`` is
    a loan's contractual principal at the end of each year (the base of beheerkosten).
    """

    bedrag: float  # € nominal: subsidie, loan, guaranteed part, grond, or purchase + build
    effect: float  # reduction of the pand's ORT, € peildatum
    jaar: int  # year index of the (first) outlay
    stromen: Array  # (len(Post), J) € nominal, ≥ 0
    vordering: float = 0.0
    verplichting: float = 0.0
    uitstaand: Array | None = None
    deelbaar: bool = False  # may be granted in part (bij_geldgebrek: deels)

    @property
    def netto(self) -> Array:
        """Net flow into the fund per year (J,), € nominal (+ in, − out)."""
        return netto(self.stromen)

    @property
    def naar_pand(self) -> float:
        """Σ of the money from the fund to or for the pand (€ nominal, ≥ 0)."""
        return float(self.stromen[NAAR].sum())

    @property
    def van_pand(self) -> float:
        """Σ of the money from the pand to the fund (€ nominal, ≥ 0)."""
        return float(self.stromen[VAN].sum())

    def maal(self, s: float) -> Toezegging:
        """The same commitment at fraction `s` of its size (every flow is linear in it)."""
        return Toezegging(
            self.bedrag * s,
            self.effect * s,
            self.jaar,
            self.stromen * s,
            self.vordering * s,
            self.verplichting * s,
            None if self.uitstaand is None else self.uitstaand * s,
            self.deelbaar,
        )


class Onderdeel(NamedTuple):
    """One instrument's part of a pand's package: which instrument, and its commitment."""

    instrument: int  # index in FondsInvoer.instrumenten
    toezegging: Toezegging


def samen(pakket: list[Onderdeel]) -> Toezegging:
    """The package as one commitment (its flows, claims, amounts and effects added up)."""
    if len(pakket) == 1:
        return pakket[0].toezegging
    eerste = pakket[0].toezegging
    stromen = np.zeros_like(eerste.stromen)
    vordering = verplichting = bedrag = effect = 0.0
    for _, tz in pakket:
        stromen += tz.stromen
        vordering += tz.vordering
        verplichting += tz.verplichting
        bedrag += tz.bedrag
        effect += tz.effect
    return Toezegging(bedrag, effect, eerste.jaar, stromen, vordering, verplichting)


def leeg(jaren: int) -> Array:
    """A (len(Post), J) matrix of zero flows."""
    return np.zeros((len(Post), jaren))


def zet(rij: Array, begin: int, waarden: Array) -> None:
    """Add `waarden` to `rij` from year `begin` on; what falls past the horizon is dropped."""
    if begin >= rij.size:
        return
    stuk = waarden[: rij.size - begin]
    rij[begin : begin + stuk.size] += stuk
