"""Sheet 'Uitgangspunten': every effective parameter, on one sheet.

Values the file gave are input cells (yellow); defaults are input cells in grey italics;
defaults derived from another value (a partij's disconteringsvoet from the market's,
a pand's boekwaarde from its inbrengwaarde, the spread of the bouwkosten from the
bouwtijd …) are live formulas, so changing the source changes them too. Input cells are
the only unlocked cells of the protected sheet, each guarded like the YAML
(bewaking.py). A value the workbook cannot recalculate from — one that sets its layout
(horizon, a functie's soort, a pand's ingreep), one only the portfolio uses (verevening
and fondsen are values) or one for information only — is locked, in grey, with a note
saying why. Scalar parameters are defined names (``markt_disconteringsvoet``,
``ingreep_transformatie_zwaar`` …) that the calculation sheets use; table cells are
referenced by address. Every cell records the scenario path it shows, so a test can
check that no effective parameter is missing.

One module per family of sections: ``schrijver.py`` (the writer, its cells and why a value is
locked), ``algemeen.py`` (scenario, markt, conventies, kosten, partijen, functies),
``panden.py`` (panden, extra kosten, programma) and ``vastgelegd.py`` (huurrecht, the
portfolio and the analyses, all locked).
"""

from __future__ import annotations

from ....schema import Scenario
from ..bewaking import INVOERSOORTEN, leeg_rood
from ..blad import Blad, Namen
from .algemeen import (
    BETAALBAAR,
    PRIJS,
    sectie_markt,
    sectie_scenario,
    secties_conventies_en_kosten,
    secties_partijen_en_functies,
)
from .panden import sectie_panden, sectie_programma
from .schrijver import BLAD, Invoercellen, Kaartregel, Schrijver
from .vastgelegd import sectie_huurrecht, sectie_portefeuille


def schrijf_uitgangspunten(
    blad: Blad, namen: Namen, scenario: Scenario, herkomst: str
) -> Invoercellen:
    """Every effective parameter, its input cells guarded; returns where each input stands."""
    s = Schrijver(blad, namen, scenario)
    blad.titel_links = True  # the lists at the top are one page wide (BREEDTES)
    blad.titel(
        "Uitgangspunten",
        "Alle parameters waarmee is gerekend. Geel: opgegeven in het scenario; grijs cursief: "
        "standaardwaarde; wit: afgeleid met een formule (overschrijfbaar); grijs: vast, met de "
        "reden in een notitie; rood: een invoercel die leeg is gemaakt (de formules lezen haar als "
        "0 of leeg; vul een waarde in). Wijzig een invoercel en het werkboek rekent de panden opnieuw "
        "door; een ongeldige waarde wordt geweigerd zoals in het scenario.",
        herkomst,
    )
    blad.ws.freeze_panes(3, 1)
    sectie_scenario(s)
    sectie_markt(s)
    secties_conventies_en_kosten(s)
    secties_partijen_en_functies(s)
    sectie_panden(s, scenario)
    sectie_programma(s, scenario)
    sectie_huurrecht(s, scenario)
    sectie_portefeuille(s, scenario)
    s.bewaking.schrijf(blad.ws.data_validation)
    gevuld = [
        (k.rij, k.kolom)
        for k in s.uit.kaart
        if k.soort in INVOERSOORTEN and k.waarde is not None and k.waarde != ""
    ]
    leeg_rood(blad.ws.conditional_format, gevuld, blad.formaten[("leeg", "")])
    return s.uit


__all__ = ["BETAALBAAR", "BLAD", "PRIJS", "Invoercellen", "Kaartregel", "schrijf_uitgangspunten"]
