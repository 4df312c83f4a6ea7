"""Fondsen (METHODE §7): tranches in, instruments out, a cash book per year.

In methode order:

- :mod:`.conventies` — the choices a fund's terms make (tranche soort, aflossing, omvang,
  eigendom, volgorde_panden, bij_geldgebrek) as enums;
- :mod:`.posten` — the ledger rows (:class:`Post`) and the reasons a pand keeps a gap
  (:class:`Reden`);
- :mod:`.panden` — what a fund knows about the panden (arrays from the core);
- :mod:`.leningen` — the repayment schedule and a soft loan's subsidie-equivalent;
- :mod:`.toezegging` — one commitment: amount, effect on the ORT and nominal flows;
- :mod:`.instrumenten` — subsidie, lening, garantie, deelneming, erfpacht: what each offers
  one pand (:mod:`.machten`: their powers, bit for bit as one pand at a time);
- :mod:`.kasboek` — the tranches, the ledger, tranche service and the cash projection that
  decides whether a commitment fits;
- :mod:`.toewijzing` — the year loop: requests, waiting list, commitments;
- :mod:`.afrekening` — the settlement with the tranches at the horizon;
- :mod:`.kengetallen` — the fund's KPIs;
- :mod:`.fonds` — a fund's terms and result, and :func:`bereken_fonds`, which runs the
  steps above in this order.

Conventions: ledger amounts are nominal euros in the year they move; the effect of an
instrument on a pand's onrendabele top is its present value at peildatum at the pand's
own disconteringsvoet (the same basis as the ORT).
"""

from .afrekening import Afrekening, afrekenen
from .bezit import Deelneming, Erfpacht
from .conventies import (
    Aflossing,
    Eigendom,
    Geldgebrek,
    Instrumentsoort,
    Omvang,
    Pandvolgorde,
    Tranchesoort,
)
from .fonds import FondsInvoer, FondsUitkomst, bereken_fonds
from .instrumenten import (
    Garantie,
    Instrument,
    Lening,
    Subsidie,
    Voorwaarden,
)
from .kasboek import Kasboek, Schuldpost, Tranche
from .leningen import Aflossingsschema, aflossingsschema, subsidie_equivalent
from .panden import FondsPanden
from .posten import (
    CENT,
    NAAR_PANDEN,
    ONTVANGSTEN,
    POSTEN,
    REDENEN,
    UITGAVEN,
    VAN_PANDEN,
    Post,
    Reden,
)
from .toezegging import Onderdeel, Toezegging

__all__ = [
    "CENT",
    "NAAR_PANDEN",
    "ONTVANGSTEN",
    "POSTEN",
    "REDENEN",
    "UITGAVEN",
    "VAN_PANDEN",
    "Aflossing",
    "Aflossingsschema",
    "Afrekening",
    "Deelneming",
    "Eigendom",
    "Erfpacht",
    "FondsInvoer",
    "FondsPanden",
    "FondsUitkomst",
    "Garantie",
    "Geldgebrek",
    "Instrument",
    "Instrumentsoort",
    "Kasboek",
    "Lening",
    "Omvang",
    "Onderdeel",
    "Pandvolgorde",
    "Post",
    "Reden",
    "Schuldpost",
    "Subsidie",
    "Toezegging",
    "Tranche",
    "Tranchesoort",
    "Voorwaarden",
    "aflossingsschema",
    "afrekenen",
    "bereken_fonds",
    "subsidie_equivalent",
]
