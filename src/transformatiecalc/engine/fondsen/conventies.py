"""The choices a fund's terms make (METHODE §7), as enums resolved once from the scenario.

Each is a :class:`~enum.StrEnum` whose values are the scenario's own words, so a member
equals its YAML text (``Omvang.TEKORT == "tekort"``) and prints as it; the engine compares
members, never strings typed inside a formula.
"""

from __future__ import annotations

from enum import StrEnum


class Tranchesoort(StrEnum):
    """What a tranche's money is (``tranches[].soort``)."""

    SUBSIDIE = "subsidie"  # not repaid; a surplus at the end flows back pro rata
    LENING = "lening"  # interest and principal by schedule, a claim of its rest at the end
    EIGEN_VERMOGEN = "eigen_vermogen"  # residual claim


class Aflossing(StrEnum):
    """How a loan is repaid (a tranche or the instrument lening)."""

    ANNUITAIR = "annuitair"
    LINEAIR = "lineair"
    INEENS = "ineens"


class Instrumentsoort(StrEnum):
    """The five instruments of a fund (``instrumenten[].soort``)."""

    SUBSIDIE = "subsidie"
    LENING = "lening"
    GARANTIE = "garantie"
    DEELNEMING = "deelneming"
    ERFPACHT = "erfpacht"


class Omvang(StrEnum):
    """The size of a lening, garantie or erfpacht: the full amount, or what the gap needs."""

    MAXIMAAL = "maximaal"
    TEKORT = "tekort"


class Eigendom(StrEnum):
    """Which owners an instrument is for (``voor.eigendom``)."""

    ALLE = "alle"
    PUBLIEK = "publiek"  # gemeente or corporatie
    PRIVAAT = "privaat"


class Pandvolgorde(StrEnum):
    """The order of the panden within a year (``toewijzing.volgorde_panden``)."""

    STARTJAAR = "startjaar"
    ORT_PER_WONING = "ort_per_woning"
    INVOER = "invoer"


class Geldgebrek(StrEnum):
    """What a pand does when its package does not fit (``toewijzing.bij_geldgebrek``)."""

    WACHTEN = "wachten"  # the waiting list: the whole package when it fits
    DEELS = "deels"  # what the cash allows now, and no waiting
