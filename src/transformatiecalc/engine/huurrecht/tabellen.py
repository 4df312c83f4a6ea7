"""Maximum rent, segment, Bhw art. 8a surcharges and rent-increase caps (METHODE §2a).

Sources (docs/methode.md §2a): Besluit huurprijzen woonruimte ("Bhw") as in force on
1-1-2025 and 1-1-2026, bijlage I (huurprijstabel zelfstandige woonruimten) and art. 8a
(prijsopslagen); Uitvoeringswet huurprijzen woonruimte and the Wet betaalbare huur for the
segments; rijksoverheid.nl (15-12-2025) for the rent-increase caps of 2026.

Everything here is vectorised over programme rows; amounts are € per month (kale huur).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from enum import IntEnum
from functools import cache
from importlib.resources import files

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]

#: Years for which the package ships the official table (data/huurrecht/).
TABELJAREN: tuple[int, ...] = (2025, 2026)

#: Segment limits in WWS points (Wet betaalbare huur): sociaal ≤ 143 < midden ≤ 186 < vrij.
SOCIAAL_TOT_EN_MET = 143
MIDDEN_TOT_EN_MET = 186


class Segment(IntEnum):
    """Rent segment of a points total (Wet betaalbare huur, 1-7-2024)."""

    SOCIAAL = 0  # ≤ 143 points: sociale huur, maximum rent binding
    MIDDEN = 1  # 144–186 points: middenhuur, maximum rent binding
    VRIJ = 2  # ≥ 187 points: vrije sector, no maximum rent

    @property
    def naam(self) -> str:
        """The segment as the scenario and the outputs spell it."""
        return self.name.lower()


#: Bhw art. 8a surcharges on the maximum rent for a monument status of the pand (fraction).
#: ``stadsgezicht`` counts only for a building from before 1965 (art. 8a lid 4) and never
#: together with a monument status (one status per pand in the scenario).
MONUMENT_OPSLAG: dict[str, float] = {
    "rijksmonument": 0.35,  # art. 8a lid 1 (huurovereenkomst vanaf 1-7-2024)
    "gemeentelijk": 0.15,  # art. 8a lid 2
    "provinciaal": 0.15,  # art. 8a lid 2
    "stadsgezicht": 0.05,  # art. 8a lid 4, gebouwd vóór 1965
}
#: Building year before which a pand in a beschermd stads- of dorpsgezicht gets its 5 %.
STADSGEZICHT_GEBOUWD_VOOR = 1965
#: Bhw art. 8a lid 3: +10 % for a middenhuur home first let after 1-7-2024 whose
#: construction or conversion to housing started before 1-1-2028, for 20 years.
NIEUWBOUW_OPSLAG = 0.10
NIEUWBOUW_START_VOOR = 2028  # start of the (trans)formation before 1-1-2028
NIEUWBOUW_OPLEVERING_VANAF = 2025  # first let after 1-7-2024: oplevering in 2025 or later
NIEUWBOUW_JAREN = 20


@dataclass(frozen=True)
class Huurprijstabel:
    """The maximum rent per whole point of one year (zelfstandige woonruimten)."""

    jaar: int
    punten: NDArray[np.int64]  # 40 … 250, consecutive
    bedrag: Array  # € per month
    bron: str  # the comment lines of the data file

    def maximale_huur(self, punten: ArrayLike) -> Array:
        """Maximum kale huur (€/month) for whole `punten`, without surcharges.

        Below the first row the amount of the first row; above the last row (250 points)
        the amount at 250 plus (t250 − t249) per point (Bhw bijlage I, onderdeel C).
        """
        p = np.asarray(punten, dtype=np.float64)
        laag, hoog = int(self.punten[0]), int(self.punten[-1])
        binnen = np.clip(p, laag, hoog).astype(np.int64) - laag
        stap = self.bedrag[-1] - self.bedrag[-2]
        boven = np.maximum(p - hoog, 0.0)
        uit: Array = np.round(self.bedrag[binnen] + boven * stap, 2)
        return uit


def _lees(tekst: str) -> tuple[str, list[list[str]]]:
    regels = tekst.splitlines()
    bron = "\n".join(r.lstrip("# ").rstrip() for r in regels if r.startswith("#"))
    rijen = list(csv.reader(io.StringIO("\n".join(r for r in regels if not r.startswith("#")))))
    return bron, rijen[1:]


@cache
def huurprijstabel(jaar: int) -> Huurprijstabel:
    """The official table in force on 1 January of `jaar` (one of :data:`TABELJAREN`)."""
    if jaar not in TABELJAREN:
        raise KeyError(f"geen huurprijstabel voor {jaar}; er zijn tabellen voor {TABELJAREN}")
    bestand = files("transformatiecalc").joinpath(f"data/huurrecht/maximale_huurprijzen_{jaar}.csv")
    bron, rijen = _lees(bestand.read_text(encoding="utf-8"))
    punten = np.array([int(r[0]) for r in rijen], dtype=np.int64)
    bedrag = np.array([float(r[1]) for r in rijen], dtype=np.float64)
    if not np.array_equal(np.diff(punten), np.ones(len(punten) - 1, dtype=np.int64)):
        raise ValueError(f"huurprijstabel {jaar}: punten niet opeenvolgend")
    return Huurprijstabel(jaar, punten, bedrag, bron)


def segment(punten: ArrayLike) -> NDArray[np.int64]:
    """Segment code per whole points total (see :class:`Segment`)."""
    p = np.asarray(punten, dtype=np.float64)
    return np.where(
        p <= SOCIAAL_TOT_EN_MET,
        Segment.SOCIAAL,
        np.where(p <= MIDDEN_TOT_EN_MET, Segment.MIDDEN, Segment.VRIJ),
    ).astype(np.int64)


def opslag(
    segmenten: ArrayLike,
    monument: ArrayLike,
    bouwjaar: ArrayLike,
    start: ArrayLike,
    oplevering: ArrayLike,
) -> Array:
    """Bhw art. 8a surcharge per row (fraction of the maximum rent; the parts add up).

    `monument`: per row a key of :data:`MONUMENT_OPSLAG` or "" (none); `bouwjaar`: the
    building's year of construction (NaN if unknown: no stadsgezicht surcharge); `start`
    and `oplevering`: calendar years of the transformation's start and first letting.
    The +10 % applies to middenhuur only; the engine's check and valuation take the
    surcharge as it stands at first letting (its end after 20 years: METHODE §2a).
    """
    seg = np.asarray(segmenten)
    mon = np.asarray(monument, dtype=object)
    jaar = np.asarray(bouwjaar, dtype=np.float64)
    monument_deel = np.select(
        [mon == m for m in MONUMENT_OPSLAG], list(MONUMENT_OPSLAG.values()), 0.0
    )
    stadsgezicht = mon == "stadsgezicht"
    monument_deel = np.where(stadsgezicht & ~(jaar < STADSGEZICHT_GEBOUWD_VOOR), 0.0, monument_deel)
    nieuwbouw = (
        (seg == Segment.MIDDEN)
        & (np.asarray(start) < NIEUWBOUW_START_VOOR)
        & (np.asarray(oplevering) >= NIEUWBOUW_OPLEVERING_VANAF)
    )
    # rounded so that 5 % + 10 % is 0.15, not 0.15000000000000002
    return np.round(monument_deel + np.where(nieuwbouw, NIEUWBOUW_OPSLAG, 0.0), 10)


def met_opslag(maximale_huur: ArrayLike, opslagfractie: ArrayLike) -> Array:
    """Maximum rent including the surcharge: t + round(t · opslag, 2) (€/month), the
    surcharge rounded to cents with a half cent up (as the Bhw, woningwaardering and Excel's
    ROUND do; € 974,05 × 10 % = 97,405 → € 97,41). The product is first rounded to 6
    decimals of a cent, which removes the binary noise of t · opslag (97,405 is stored as
    97,40499…) without touching any real amount: t has whole cents and the fractions whole
    percents."""
    t = np.asarray(maximale_huur, dtype=np.float64)
    centen = np.round(t * np.asarray(opslagfractie, dtype=np.float64) * 100.0, 6)
    return t + np.floor(centen + 0.5) / 100.0


@dataclass(frozen=True)
class Huurplafonds:
    """Legal maximum yearly rent increase per segment (fraction per year)."""

    sociaal: float  # 3-year average CPI + 0,5 %-punt
    midden: float  # CAO wage growth + 1 %-punt
    vrij: float  # min(CPI, CAO wage growth) + 1 %-punt

    def van(self, seg: Segment) -> float:
        return (self.sociaal, self.midden, self.vrij)[seg]


def huurplafonds(
    inflatie: float, inflatie_driejarig: float, loonontwikkeling: float
) -> Huurplafonds:
    """The caps of the Wet betaalbare huur and the Wet maximering huurprijsverhogingen
    geliberaliseerde huurovereenkomsten, from CPI and CAO wage growth (fractions per year).

    2026 (rijksoverheid.nl 15-12-2025): CPI 3,4 %, 3-year average 3,6 %, CAO 5,1 % →
    sociaal 4,1 %, midden 6,1 %, vrij 4,4 %.
    """
    return Huurplafonds(
        sociaal=round(inflatie_driejarig + 0.005, 10),
        midden=round(loonontwikkeling + 0.01, 10),
        vrij=round(min(inflatie, loonontwikkeling) + 0.01, 10),
    )
