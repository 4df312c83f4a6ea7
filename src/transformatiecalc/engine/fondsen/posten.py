"""The rows of a fund's cash book and the reasons a pand keeps a gap (METHODE §7)."""

from __future__ import annotations

from enum import IntEnum

import numpy as np

#: Ledger rows: money in (ontvangsten) and money out (uitgaven), in sheet order.
ONTVANGSTEN = (
    "stortingen",
    "aflossing",
    "rente",
    "canon",
    "verkoop",
    "exploitatie",
    "premies",
    "vereveningsbijdragen",
)
UITGAVEN = (
    "subsidies",
    "leningen",
    "aankopen",
    "ontwikkeling",
    "garantieverliezen",
    "vereveningstoewijzingen",
    "beheerkosten",
    "rente_tranches",
    "aflossing_tranches",
)
POSTEN = (*ONTVANGSTEN, *UITGAVEN)
#: Row of each post in a (len(POSTEN), J) matrix of flows.
RIJ = {post: i for i, post in enumerate(POSTEN)}
#: +1 for money in, −1 for money out: TEKEN @ stromen is the net flow per year.
TEKEN = np.array([1.0] * len(ONTVANGSTEN) + [-1.0] * len(UITGAVEN))
#: The rows that are money between the fund and panden (not tranches, fees or verevening).
VAN_PANDEN = ("aflossing", "rente", "canon", "verkoop", "exploitatie", "premies")
NAAR_PANDEN = ("subsidies", "leningen", "aankopen", "ontwikkeling", "garantieverliezen")
VAN = np.array([RIJ[p] for p in VAN_PANDEN])
NAAR = np.array([RIJ[p] for p in NAAR_PANDEN])

#: Amounts below half a cent count as zero (a gap of € 0,004 is closed).
CENT = 0.005


class Reden(IntEnum):
    """Why a pand keeps a gap after the fund (0 when it does not)."""

    GEEN = 0
    GEEN_GELD = 1  # bij_geldgebrek: deels, and the cash did not cover the whole package
    NIET_GESCHIKT = 2  # no instrument's conditions (voor) fit the pand
    DEKT_NIET = 3  # instruments granted or declined, but the gap is not closed
    WACHT = 4  # on the waiting list until the horizon
    WACHTTIJD = 5  # dropped from the waiting list after max_wachttijd years
    NIET_SLUITEND = 6  # alleen_sluitend: the package would not close the gap


#: Dutch text of each reason (the JSON field ``reden``).
REDENEN = {
    Reden.GEEN: "",
    Reden.GEEN_GELD: "geen geld: het fonds had te weinig kas (deels toegezegd)",
    Reden.NIET_GESCHIKT: "niet in aanmerking voor een instrument",
    Reden.DEKT_NIET: "de instrumenten dekken het tekort niet",
    Reden.WACHT: "wacht op geld: tot het eind van de horizon te weinig kas",
    Reden.WACHTTIJD: "viel af: wachtte langer dan max_wachttijd",
    Reden.NIET_SLUITEND: "het pakket sluit het tekort niet (alleen_sluitend)",
}
