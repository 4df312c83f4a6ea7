"""The rows of a fund's cash book and the reasons a pand keeps a gap (METHODE §7).

A :class:`Post` is both the name of a ledger row (its JSON key and Excel label, lower
case) and its row index in a ``(len(Post), J)`` matrix of nominal flows (the cash book's);
a commitment keeps only the rows it moves, with their posts beside them. Every amount is
≥ 0 and the post says whether it is money in or out (:data:`TEKEN`).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

import numpy as np
from numpy.typing import NDArray


class Post(IntEnum):
    """A ledger row, in sheet order: first money in (ontvangsten), then money out (uitgaven).

    The value is the row index in a matrix of flows; :attr:`naam` is the grootboek key.
    """

    # ontvangsten
    STORTINGEN = 0
    AFLOSSING = 1
    RENTE = 2
    CANON = 3
    VERKOOP = 4
    EXPLOITATIE = 5
    PREMIES = 6
    VEREVENINGSBIJDRAGEN = 7
    # uitgaven
    SUBSIDIES = 8
    LENINGEN = 9
    AANKOPEN = 10
    ONTWIKKELING = 11
    GARANTIEVERLIEZEN = 12
    VEREVENINGSTOEWIJZINGEN = 13
    BEHEERKOSTEN = 14
    RENTE_TRANCHES = 15
    AFLOSSING_TRANCHES = 16

    @property
    def naam(self) -> str:
        """The row's key in the grootboek, the JSON and the Excel sheet."""
        return self.name.lower()

    @property
    def is_ontvangst(self) -> bool:
        return self < Post.SUBSIDIES


#: Ledger rows by name: money in (ontvangsten) and money out (uitgaven), in sheet order.
ONTVANGSTEN = tuple(p.naam for p in Post if p.is_ontvangst)
UITGAVEN = tuple(p.naam for p in Post if not p.is_ontvangst)
POSTEN = (*ONTVANGSTEN, *UITGAVEN)
#: +1 for money in, −1 for money out: :func:`netto` of a flow matrix is the net flow per year.
TEKEN = np.array([1.0 if p.is_ontvangst else -1.0 for p in Post])


def netto(stromen: NDArray[np.float64], posten: Sequence[int] | None = None) -> NDArray[np.float64]:
    """Net flow into the fund (€ nominal, + in, − out) of flow rows ``(…, len(Post), …)``:
    the rows are on axis −2 when `stromen` has two or more axes (``(len(Post), J)`` or
    ``(R, len(Post), J)``), else on axis 0 (one year's column).

    Added one post after the other in :class:`Post` order (a running sum, ``cumsum``):
    the same additions for one replica alone as for that replica among many (a BLAS
    matrix-vector product sums in an order that depends on the shape and alignment).
    With `posten` (in Post order; ≥ 2 axes) `stromen` holds only those rows, row i being
    post ``posten[i]`` (a compact block, every other post zero); they are added after a
    +0.0: the same number as the sum over all rows, since adding ±0.0 to a running sum that
    starts at +0.0 leaves it as it is (it is never −0.0).
    """
    if posten is not None:
        uit = np.zeros(stromen.shape[:-2] + stromen.shape[-1:])
        for i, post in enumerate(posten):
            uit = uit + TEKEN[post] * stromen[..., i, :]
        return uit
    as_ = 0 if stromen.ndim == 1 else -2
    teken = TEKEN if stromen.ndim == 1 else TEKEN[:, None]
    return np.asarray(np.cumsum(teken * stromen, axis=as_).take(-1, axis=as_), dtype=np.float64)


#: The rows that are money between the fund and panden (not tranches, fees or verevening).
VAN_PANDEN_POSTEN = (
    Post.AFLOSSING,
    Post.RENTE,
    Post.CANON,
    Post.VERKOOP,
    Post.EXPLOITATIE,
    Post.PREMIES,
)
NAAR_PANDEN_POSTEN = (
    Post.SUBSIDIES,
    Post.LENINGEN,
    Post.AANKOPEN,
    Post.ONTWIKKELING,
    Post.GARANTIEVERLIEZEN,
)
VAN_PANDEN = tuple(p.naam for p in VAN_PANDEN_POSTEN)
NAAR_PANDEN = tuple(p.naam for p in NAAR_PANDEN_POSTEN)

#: Amounts below half a cent count as zero (a gap of € 0,004 is closed).
CENT = 0.005


class Reden(IntEnum):
    """Why a pand keeps a gap after the fund (GEEN when it does not).

    The value is the code in ``FondsUitkomst.reden`` (an int64 array); :attr:`tekst` is the
    Dutch text of the JSON field ``reden``.
    """

    GEEN = 0
    GEEN_GELD = 1  # bij_geldgebrek: deels, and the cash did not cover the whole package
    NIET_GESCHIKT = 2  # no instrument's conditions (voor) fit the pand
    DEKT_NIET = 3  # instruments granted or declined, but the gap is not closed
    WACHT = 4  # on the waiting list until the horizon
    WACHTTIJD = 5  # dropped from the waiting list after max_wachttijd years
    NIET_SLUITEND = 6  # alleen_sluitend: the package would not close the gap
    NA_WACHTEN = 7  # waited for cash; the package sized again offers nothing or does not close

    @property
    def tekst(self) -> str:
        """The reason in Dutch, as the JSON, the workbook and the terminal print it."""
        return REDENEN[self]


#: The Dutch text of each reason (the JSON field ``reden``); also as ``Reden.tekst``.
REDENEN = {
    Reden.GEEN: "",
    Reden.GEEN_GELD: "geen geld: het fonds had te weinig kas (deels toegezegd)",
    Reden.NIET_GESCHIKT: "niet in aanmerking voor een instrument",
    Reden.DEKT_NIET: "de instrumenten dekken het tekort niet",
    Reden.WACHT: "wacht op geld: tot het eind van de horizon te weinig kas",
    Reden.WACHTTIJD: "viel af: wachtte langer dan max_wachttijd",
    Reden.NIET_SLUITEND: "het pakket sluit het tekort niet (alleen_sluitend)",
    Reden.NA_WACHTEN: (
        "viel af na wachten op geld: het pakket van dat jaar bood niets meer of sloot het "
        "tekort niet (alleen_sluitend)"
    ),
}
