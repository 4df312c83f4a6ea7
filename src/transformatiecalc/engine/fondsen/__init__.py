"""Fondsen (METHODE §7): tranches in, instruments out, a cash book per year.

- :mod:`.posten` — the ledger rows and the reasons a pand keeps a gap;
- :mod:`.panden` — what a fund knows about the panden (arrays from the core);
- :mod:`.instrumenten` — subsidie, lening, garantie, deelneming, erfpacht: what each offers
  one pand, as amounts, an effect on its ORT and nominal flows;
- :mod:`.kasboek` — the ledger, tranche service and the cash projection that decides
  whether a commitment fits;
- :mod:`.fonds` — the year loop (requests, waiting list, commitments) and the settlement;
- :mod:`.kengetallen` — the fund's KPIs.

Conventions: ledger amounts are nominal euros in the year they move; the effect of an
instrument on a pand's onrendabele top is its present value at peildatum at the pand's
own disconteringsvoet (the same basis as the ORT).
"""

from .fonds import FondsInvoer, FondsUitkomst, afrekenen, bereken_fonds
from .instrumenten import (
    Deelneming,
    Erfpacht,
    Garantie,
    Instrument,
    Lening,
    Subsidie,
    Toezegging,
    Voorwaarden,
    aflossingsschema,
    subsidie_equivalent,
)
from .kasboek import Kasboek, Tranche
from .panden import FondsPanden
from .posten import (
    CENT,
    NAAR_PANDEN,
    ONTVANGSTEN,
    POSTEN,
    REDENEN,
    UITGAVEN,
    VAN_PANDEN,
    Reden,
)

__all__ = [
    "CENT",
    "NAAR_PANDEN",
    "ONTVANGSTEN",
    "POSTEN",
    "REDENEN",
    "UITGAVEN",
    "VAN_PANDEN",
    "Deelneming",
    "Erfpacht",
    "FondsInvoer",
    "FondsPanden",
    "FondsUitkomst",
    "Garantie",
    "Instrument",
    "Kasboek",
    "Lening",
    "Reden",
    "Subsidie",
    "Toezegging",
    "Tranche",
    "Voorwaarden",
    "aflossingsschema",
    "afrekenen",
    "bereken_fonds",
    "subsidie_equivalent",
]
