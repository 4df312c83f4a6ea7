"""transformatiecalc: business cases of inner-city transformation.

Public API::

    from transformatiecalc import laad_scenario, bereken
    scenario = laad_scenario("scenarios/voorbeeld_binnenstad.yaml")
    resultaat = bereken(scenario)
    resultaat.panden          # one row per pand (pandas DataFrame)
    resultaat.functies        # one row per programme line
    resultaat.kasstromen      # one row per pand and year, one column per post
    resultaat.uitgangspunten  # every effective parameter
"""

from __future__ import annotations

__version__ = "0.1.0"

from .fouten import Melding, ScenarioFout
from .laden import laad_scenario, valideer
from .resultaat import Resultaat
from .schema import Scenario


def bereken(scenario: Scenario, bron: str = "<scenario>") -> Resultaat:
    """Compute METHODE §1–5 per pand, then herverkaveling, verevening and fondsen (§6–7)."""
    from .engine import bereken_invoer, invoer_uit_scenario
    from .engine.portefeuille import bereken_portefeuille
    from .resultaat import fondswaarschuwingen, waarschuwingen

    uitkomst = bereken_invoer(invoer_uit_scenario(scenario))
    portefeuille = bereken_portefeuille(scenario, uitkomst)
    notities = waarschuwingen(scenario, uitkomst) + fondswaarschuwingen(
        portefeuille, scenario.startjaar
    )
    return Resultaat(scenario, uitkomst, bron, notities, portefeuille)


__all__ = [
    "Melding",
    "Resultaat",
    "Scenario",
    "ScenarioFout",
    "__version__",
    "bereken",
    "laad_scenario",
    "valideer",
]
